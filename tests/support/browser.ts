/**
 * Debian's Chromium driven by playwright-core (no browser download), for the end-to-end tests:
 * one browser, a fresh context per person, sign-in through the page with the code from the
 * DATA_DIR/outbox mail, and axe-core run inside the page.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { ROOT } from './server.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Why the browser tests cannot run here, or undefined when they can. */
export const noBrowser = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is missing (apt-get install chromium fonts-noto-cjk)`;

export const PHONE = { width: 375, height: 812 };
export const DESKTOP = { width: 1280, height: 900 };

export interface Chromium {
  browser: Browser;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Chromium> {
  // Playwright gives each launch a fresh temporary profile. Without the background-networking
  // flags Chromium waits on the closed network.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}

/** The mail files in DATA_DIR/outbox now. */
export function outboxFiles(dataDir: string): string[] {
  const outbox = join(dataDir, 'outbox');
  return existsSync(outbox) ? readdirSync(outbox).filter((f) => f.endsWith('.eml')).map((f) => join(outbox, f)) : [];
}

/**
 * The sign-in code mailed to `email` in a file that was not in `before`, waiting for it to appear.
 * Files are told apart by name, not by mtime: the kernel stamps files with the real time, which a
 * shifted clock (faketime in CI) does not move.
 */
export async function mailedCode(dataDir: string, email: string, before: string[]): Promise<string> {
  const known = new Set(before);
  const deadline = Date.now() + 10_000;
  for (;;) {
    const fresh = outboxFiles(dataDir).filter((f) => !known.has(f));
    for (const file of fresh.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)) {
      const mail = await simpleParser(readFileSync(file));
      const to = [mail.to].flat().flatMap((a) => a?.value ?? []).map((a) => a.address?.toLowerCase());
      const code = /(?<!\d)(\d{6})(?!\d)/.exec(mail.text ?? '')?.[1];
      if (code && to.includes(email.toLowerCase())) return code;
    }
    if (Date.now() > deadline) throw new Error(`no sign-in code mailed to ${email}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export interface Person {
  context: BrowserContext;
  page: Page;
}

/** A new browser context at `viewport`, signed in as `email` through the sign-in page. */
export async function signIn(browser: Browser, url: string, dataDir: string, email: string, viewport = DESKTOP, path = '/'): Promise<Person> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce' });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  await page.goto(`${url}${path}`);
  await page.getByLabel('邮箱').fill(email);
  const before = outboxFiles(dataDir);
  await page.getByRole('button', { name: '发送验证码' }).click();
  await expect.poll(() => page.getByText('验证码已发送').count()).toBeGreaterThan(0);
  await page.getByLabel('验证码').fill(await mailedCode(dataDir, email, before));
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByRole('button', { name: '退出' }).waitFor();
  return { context, page };
}

const AXE = readFileSync(createRequire(join(ROOT, 'package.json')).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core on the page as it is now; the serious and critical violations, described. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated over the DevTools protocol: the page's CSP (rightly) refuses inline scripts.
  // (Functions passed to evaluate run in the page; this file is type-checked without the DOM.)
  if (!(await page.evaluate('typeof axe === "object"'))) await page.evaluate(AXE);
  const results = (await page.evaluate("axe.run(document, { resultTypes: ['violations'] })")) as {
    violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }>;
  };
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

export async function expectAccessible(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
}

const SHOTS = join(ROOT, 'docs', 'screenshots');

/** With E2E_SCREENSHOTS=1: the page at phone and desktop width into docs/screenshots/NAME-{375,1280}.png. */
export async function screenshots(page: Page, name: string): Promise<void> {
  if (!process.env.E2E_SCREENSHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  const before = page.viewportSize() ?? DESKTOP;
  // The screen as it opens: from the top, without the passing confirmations of earlier steps.
  await page.addStyleTag({ content: '.ant-message { display: none !important; }' });
  for (const viewport of [PHONE, DESKTOP]) {
    await page.setViewportSize(viewport);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(SHOTS, `${name}-${viewport.width}.png`), animations: 'disabled' });
  }
  await page.setViewportSize(before);
}
