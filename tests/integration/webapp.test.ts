/**
 * The web app's server side: the page at / and at any page path a browser opens, never in place of
 * an API route; its assets; and the fields its screens read (working days left, the people to
 * assign, the caucus partners), each only for whom the screen is.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_DIST } from '../../src/http/webapp.ts';
import { manualClock } from '../../src/shared/clock.ts';
import { filed, inMediation, startWithCast, type Cast } from '../support/cases.ts';
import type { TestServer } from '../support/server.ts';

// Monday 2 March 2026, 10:00 in Shanghai.
const clock = manualClock(new Date('2026-03-02T10:00:00+08:00'));
const DAY = 24 * 3600_000;
const HTML = { accept: 'text/html,application/xhtml+xml' };

describe('the web app over HTTP', () => {
  let server: TestServer;
  let c: Cast;

  beforeAll(async () => {
    ({ server, cast: c } = await startWithCast({ clock }));
  });
  afterAll(() => server?.close());

  it('serves the page in Chinese at / and at a case URL opened by a browser, with its own CSP', async () => {
    for (const path of ['/', '/disputes/01900000-0000-7000-8000-000000000000', '/file', '/statistics']) {
      const response = await fetch(`${server.url}${path}`, { headers: HTML });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await response.text()).toContain('<html lang="zh-CN">');
    }
  });

  it('never answers an API path, a file path or a non-browser request with the page', async () => {
    const page = async (path: string, init: RequestInit = { headers: HTML }) => {
      const response = await fetch(`${server.url}${path}`, init);
      return { status: response.status, isPage: (await response.text()).includes('<div id="root">') };
    };
    expect(await page('/healthz')).toEqual({ status: 200, isPage: false });
    expect((await page('/graphql')).isPage).toBe(false);
    expect((await page('/graphiql')).isPage).toBe(false);
    expect(await page(`/disputes/${'0'.repeat(8)}/bundle.pdf`)).toMatchObject({ isPage: false });
    expect(await page('/statistics.csv')).toMatchObject({ isPage: false });
    expect(await page('/nowhere', {})).toEqual({ status: 404, isPage: false });
    expect(await page('/nowhere', { method: 'POST', headers: HTML })).toEqual({ status: 404, isPage: false });
  });

  it('serves the built assets, cached for good (their names carry their hash)', async () => {
    const asset = readdirSync(join(WEB_DIST, 'assets')).find((f) => f.endsWith('.js'))!;
    const response = await fetch(`${server.url}/assets/${asset}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${server.url}/assets/missing.js`)).status).toBe(404);
  });

  it('counts each deadline in working days left from today on the platform clock', async () => {
    const id = await filed(server, c);
    const left = async () => {
      const result = await server.gql(c.consumer.token, `query($id: ID!) { dispute(id: $id) { deadlines { kind lastDay workingDaysLeft passed } } }`, { id });
      return result.data.dispute.deadlines.find((d: { kind: string }) => d.kind === 'INTAKE_ACCEPTANCE');
    };
    expect(await left()).toEqual({ kind: 'INTAKE_ACCEPTANCE', lastDay: '2026-03-05', workingDaysLeft: 3, passed: false });
    clock.advance(2 * DAY); // Wednesday
    expect(await left()).toMatchObject({ workingDaysLeft: 1, passed: false });
    clock.advance(DAY); // Thursday, the last day
    expect(await left()).toMatchObject({ workingDaysLeft: 0, passed: false });
    clock.advance(DAY); // Friday: passed
    expect(await left()).toMatchObject({ workingDaysLeft: 0, passed: true });
  });

  it('lists the people to assign only to whoever assigns them, by name without e-mail', async () => {
    const directory = (token: string, role: string) => server.gql(token, `query($role: Role!) { staffDirectory(role: $role) { id name } }`, { role });
    const mediators = await directory(c.officer.token, 'MEDIATOR');
    expect(mediators.data.staffDirectory).toContainEqual({ id: c.mediator.id, name: '王调解' });
    expect(JSON.stringify(mediators)).not.toContain('@');
    expect((await directory(c.officer.token, 'ARBITRATOR')).data.staffDirectory.map((p: { id: string }) => p.id)).toContain(c.arbitrator.id);
    expect((await directory(c.officer.token, 'CONSUMER')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await directory(c.consumer.token, 'MEDIATOR')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const lawyer = await server.user('LEGAL_AID_LAWYER');
    const coordinator = await server.user('LEGAL_AID_LAWYER', { coordinator: true });
    expect((await directory(lawyer.token, 'LEGAL_AID_LAWYER')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await directory(coordinator.token, 'LEGAL_AID_LAWYER')).data.staffDirectory.map((p: { id: string }) => p.id)).toContain(lawyer.id);
  });

  it('names the caucus partners of each side to the mediator, and to nobody else', async () => {
    const id = await inMediation(server, c);
    const partners = async (token: string) =>
      (await server.gql(token, `query($id: ID!) { dispute(id: $id) { caucusParties { side userId name } } }`, { id })).data.dispute.caucusParties;
    expect(await partners(c.mediator.token)).toEqual([
      { side: 'CLAIMANT', userId: c.consumer.id, name: '张三' },
      { side: 'RESPONDENT', userId: c.clinic.id, name: '美丽医疗美容诊所' },
    ]);
    for (const person of [c.consumer, c.clinic, c.officer]) expect(await partners(person.token)).toEqual([]);
  });
});
