/**
 * The audit trail a person may see (issue 12, item 8): hidden entries are listed as hashes only, so
 * the trail has no gaps, each previousHash is the hash listed before it, and checkedEvents counts
 * what is listed, while no type, actor or summary of a hidden entry is shown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { verifyListedTrail } from '../../src/audit/redaction.ts';
import { manualClock } from '../../src/shared/clock.ts';
import { inMediation, ok, startWithCast, type Cast } from '../support/cases.ts';
import type { TestServer } from '../support/server.ts';

const TRAIL = `query($id: ID!) { auditTrail(disputeId: $id) { position type summary hash previousHash redacted actor { userId role } } }`;
const VERIFY = `query($id: ID!) { verifyAuditTrail(disputeId: $id) { valid checkedEvents firstBrokenPosition } }`;
const SECRET = '仅与申请人单独沟通：可接受的最低金额';

interface Entry { position: number; type: string; summary: string; hash: string; previousHash: string; redacted: boolean; actor: { userId: string; role: string } }

describe('the audit trail as each party may see it', () => {
  let server: TestServer;
  let c: Cast;
  let id: string;
  beforeAll(async () => {
    ({ server, cast: c } = await startWithCast({ clock: manualClock(new Date('2026-11-23T02:00:00Z')) }));
    id = await inMediation(server, c, { occurredOn: '2026-10-01' });
    await ok(server, c.consumer, id, 'postMessage', { body: '希望全额退款' });
    await ok(server, c.mediator, id, 'postMessage', { body: SECRET, caucusWith: c.consumer.id });
    await ok(server, c.clinic, id, 'postMessage', { body: '可以协商' });
  });
  afterAll(() => server?.close());

  it('shows the respondent every position, the caucus as its hashes only, and a verification that fits what is shown', async () => {
    const theirs = (await server.gql(c.clinic.token, TRAIL, { id })).data.auditTrail as Entry[];
    const mine = (await server.gql(c.consumer.token, TRAIL, { id })).data.auditTrail as Entry[];
    expect(theirs.map((e) => e.position)).toEqual(mine.map((_, i) => i));
    expect(theirs.map((e) => e.hash)).toEqual(mine.map((e) => e.hash));

    const hidden = theirs.filter((e) => e.redacted);
    expect(hidden).toHaveLength(1);
    const caucus = mine.find((e) => e.position === hidden[0]!.position)!;
    expect(caucus).toMatchObject({ type: 'MessagePosted', redacted: false, actor: { userId: c.mediator.id } });
    expect(hidden[0]).toMatchObject({ type: 'REDACTED', actor: { userId: 'REDACTED', role: 'REDACTED' } });
    expect(JSON.stringify(hidden)).not.toContain(c.mediator.id);
    expect(JSON.stringify(theirs)).not.toContain(SECRET);

    // The links hold over what the respondent is shown: no gap, every previousHash listed.
    for (const [i, e] of theirs.entries()) expect(e.previousHash).toBe(i === 0 ? '0'.repeat(64) : theirs[i - 1]!.hash);
    expect(verifyListedTrail(theirs)).toEqual({ valid: true, checkedEvents: theirs.length });
    const verification = (await server.gql(c.clinic.token, VERIFY, { id })).data.verifyAuditTrail;
    expect(verification).toEqual({ valid: true, checkedEvents: theirs.length, firstBrokenPosition: null });
  });

  it('finds a listed entry whose hash is not the stored chain', async () => {
    const { readModel } = server.platform;
    const trail = (await server.gql(c.clinic.token, TRAIL, { id })).data.auditTrail as Entry[];
    const target = trail.find((e) => e.redacted)!;
    const forged = createHash('sha256').update('forged').digest('hex');
    readModel.prepare('UPDATE audit_trail SET hash = ? WHERE dispute_id = ? AND position = ?').run(forged, id, target.position);
    try {
      const verification = (await server.gql(c.clinic.token, VERIFY, { id })).data.verifyAuditTrail;
      expect(verification).toMatchObject({ valid: false, firstBrokenPosition: target.position });
    } finally {
      readModel.prepare('UPDATE audit_trail SET hash = ? WHERE dispute_id = ? AND position = ?').run(target.hash, id, target.position);
    }
  });
});
