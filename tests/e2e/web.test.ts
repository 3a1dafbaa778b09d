/**
 * The web app end to end in Debian's Chromium, against the real app on a temporary DATA_DIR with
 * the clock pinned (the injected manual clock, moved on where a step needs time to pass): each person signs in with the mailed code and does their part of one
 * dispute from filing through mediation, signatures, judicial confirmation and performance, and of
 * a second one through arbitration; the phone width, the English switch, legal aid, and a person
 * opening a case they may not see. Skipped, saying why, where /usr/bin/chromium is missing.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { accepted, cast, COURT, filed, inMediation, ok, type Cast } from '../support/cases.ts';
import { axeViolations, DESKTOP, launchChromium, noBrowser, PHONE, screenshots, signIn, type Chromium, type Person } from '../support/browser.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { manualClock } from '../../src/shared/clock.ts';

if (noBrowser) console.warn(`web end-to-end tests skipped: ${noBrowser}`);

// A Monday in a published calendar year; deadlines below are counted from it.
const NOW = '2026-03-02T02:00:00.000Z';
const clock = manualClock(new Date(NOW));
const DAY = 24 * 3600_000;
const CASE_NUMBER = /\d{4}-YM-\d{6}/;
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

describe.skipIf(noBrowser)('the web app in Chromium', { timeout: 120_000 }, () => {
  let server: TestServer;
  let chrome: Chromium;
  let c: Cast;
  const people: Person[] = [];
  let disputeId = '';
  let caseNumber = '';
  let consumer: Page;
  let clinic: Page;
  let officer: Page;
  let mediator: Page;

  const as = async (email: string, viewport = DESKTOP, path = '/') => {
    const person = await signIn(chrome.browser, server.url, server.dataDir, email, viewport, path);
    people.push(person);
    return person.page;
  };
  const open = async (page: Page, id = disputeId) => {
    await page.goto(`${server.url}/disputes/${id}`);
    await page.getByTestId('case-number').waitFor();
  };
  /** Chooses `option` in the Ant Design select labelled `label`. */
  const pick = async (page: Page, label: string, option: string) => {
    await page.getByLabel(label).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
  };
  const click = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).click();
  /** Waits until the page shows `text` (somewhere). */
  const see = (page: Page, text: string | RegExp) => page.getByText(text).first().waitFor();
  /** The case page's status, in Chinese, once the page shows it (it follows the case live). */
  const status = (page: Page, text: string) => expect.poll(() => page.getByTestId('status').textContent(), { timeout: 10_000 }).toBe(text);

  beforeAll(async () => {
    server = await startServer({ clock });
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
    consumer = page;
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.getByRole('heading', { name: '我的投诉' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshots(page, 'consumer-home');

    await page.getByRole('button', { name: '我要投诉' }).click();
    // The clinic found by name; choosing it fills in its credit code.
    await page.getByLabel('机构名称').fill('美丽');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: c.institution.code }).click();
    await expect.poll(() => page.getByLabel('统一社会信用代码（选填）').inputValue(), { timeout: 10_000 }).toBe(c.institution.code);
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

  it('shows a case the person may not see exactly like one that does not exist', async () => {
    const stranger = await server.user('CONSUMER', { name: '李四' });
    const page = await as(stranger.email, PHONE);
    const text = async (path: string) => {
      await page.goto(`${server.url}${path}`);
      await page.getByRole('heading', { name: '未找到该页面或案件' }).waitFor();
      return page.locator('main').innerText();
    };
    const forbidden = await text(`/disputes/${disputeId}`);
    expect(forbidden).not.toContain(caseNumber);
    expect(await text('/disputes/01900000-0000-7000-8000-000000000000')).toBe(forbidden);
    expect(await text('/disputes/no-such-case')).toBe(forbidden);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('turns to English by the switch, and stays English after a reload', async () => {
    const page = await as((await server.user('CONSUMER')).email, PHONE);
    await page.getByRole('switch', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'My complaints' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await page.getByRole('button', { name: 'File a complaint' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await screenshots(page, 'consumer-home-english');
    await page.getByRole('switch', { name: 'English' }).click();
    await page.getByRole('button', { name: '我要投诉' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
  });

  it('the intake officer sees the queue by acceptance deadline and accepts the complaint', async () => {
    officer = await as(c.officer.email);
    await officer.getByRole('heading', { name: '受理工作台' }).waitFor();
    await officer.getByRole('link', { name: caseNumber }).waitFor();
    await see(officer, '还剩 3 个工作日');
    expect(await axeViolations(officer)).toEqual([]);
    await screenshots(officer, 'intake-queue');
    await officer.getByRole('link', { name: caseNumber }).click();
    await officer.getByTestId('case-number').waitFor();
    await click(officer, '受理');
    await status(officer, '已受理');
    await see(officer, '被投诉方答复是否同意调解');
  });

  it('the clinic answers the invitation: it agrees to mediate', async () => {
    clinic = await as(c.clinic.email);
    await clinic.getByRole('link', { name: caseNumber }).click();
    await clinic.getByTestId('case-number').waitFor();
    // The consumer's phone number is masked for the clinic.
    await see(clinic, '139****1111');
    expect(await axeViolations(clinic)).toEqual([]);
    await click(clinic, '同意调解');
    await status(clinic, '调解中');
  });

  it('the intake officer assigns the mediator', async () => {
    await officer.reload();
    await pick(officer, '指派调解员', '王调解');
    await click(officer, '指派');
    await see(officer, '已指派调解员');
  });

  it('the mediator works the case: docket, disclosure, a session, joint and caucus messages kept apart', async () => {
    mediator = await as(c.mediator.email);
    await mediator.getByRole('heading', { name: '我的调解案件' }).waitFor();
    await mediator.getByRole('link', { name: caseNumber }).waitFor();
    expect(await axeViolations(mediator)).toEqual([]);
    await screenshots(mediator, 'mediator-docket');
    await mediator.getByRole('link', { name: caseNumber }).click();
    await click(mediator, '提交声明');
    await mediator.getByLabel('会议时间').fill('2026-03-04T10:00');
    await mediator.getByLabel('会议链接').fill('https://meeting.example.cn/room/88');
    await click(mediator, '安排会议');
    await see(mediator, '进入线上会议');
    // Minutes are kept once the session has taken place.
    clock.advance(2 * DAY);
    await mediator.getByLabel('出席人员').fill('张三，王经理，王调解');
    await mediator.getByLabel('会议笔录').fill('双方陈述意见，诊所同意考虑退款。');
    await click(mediator, '保存笔录');
    await see(mediator, '笔录：双方陈述意见，诊所同意考虑退款。');

    // The consumer's page is open: it follows the case live.
    await open(consumer);
    await mediator.getByLabel('写给：全体消息（各方可见）').fill('请双方各自提出解决方案。');
    await mediator.getByRole('button', { name: '发送' }).first().click();
    await mediator.getByLabel('写给：与投诉人单独沟通（背对背）').fill('您能接受的最低退款金额是多少？');
    await mediator.getByRole('button', { name: '发送' }).nth(1).click();
    const jointPane = consumer.getByRole('region', { name: '全体消息（各方可见）' });
    const caucusPane = consumer.getByRole('region', { name: '与调解员单独沟通（背对背）' });
    await jointPane.getByText('请双方各自提出解决方案。').waitFor();
    await caucusPane.getByText('您能接受的最低退款金额是多少？').waitFor();
    expect(await jointPane.getByText('您能接受的最低退款金额是多少？').count()).toBe(0);
    // The clinic sees the joint message, never the consumer's caucus.
    await clinic.reload();
    await clinic.getByText('请双方各自提出解决方案。').waitFor();
    expect(await clinic.getByText('您能接受的最低退款金额是多少？').count()).toBe(0);
    expect(await axeViolations(mediator)).toEqual([]);
    await screenshots(mediator, 'mediator-workspace');
  });

  it('the clinic offers a refund; the consumer accepts it', async () => {
    await clinic.getByLabel('金额（元）', { exact: true }).fill('12800');
    await click(clinic, '提出方案');
    await see(consumer, '被投诉机构提出');
    await click(consumer, '接受方案');
    await see(consumer, '已接受');
  });

  it('the mediator drafts the agreement; both parties and the mediator sign the exact text', async () => {
    await mediator.getByLabel('协议条款').fill('被投诉机构退还治疗费用人民币12800元，双方就本纠纷再无其他争议。');
    await mediator.getByLabel('金额（元）1').fill('12800');
    await mediator.getByLabel('履行期限 1').fill('2026-03-20');
    await click(mediator, '生成协议草稿');
    await status(mediator, '调解协议待签署');

    await status(consumer, '调解协议待签署');
    const text = await consumer.getByLabel('协议全文', { exact: true }).textContent();
    const hash = await consumer.getByTestId('agreement-hash').textContent();
    expect(hash).toBe(createHash('sha256').update(text!).digest('hex'));
    expect(text).toContain('12800');
    await consumer.getByRole('checkbox', { name: /我已阅读协议全文/ }).check();
    expect(await axeViolations(consumer)).toEqual([]);
    await click(consumer, '签署协议');
    await see(consumer, '投诉人：已签署');

    await clinic.reload();
    await clinic.getByRole('checkbox', { name: /我已阅读协议全文/ }).check();
    await click(clinic, '签署协议');
    // Live: the consumer's page learns of the clinic's signature.
    await see(consumer, '被投诉机构：已签署');
    await mediator.getByRole('checkbox', { name: /我已阅读协议全文/ }).check();
    await click(mediator, '签署协议');
    await status(mediator, '调解成功');
    await status(consumer, '调解成功');
  });

  it('both parties apply for judicial confirmation; the court accepts and confirms', async () => {
    for (const page of [consumer, clinic]) {
      await page.reload();
      await page.getByLabel('受理法院').fill(COURT);
      await click(page, '申请司法确认');
    }
    const court = await as(c.court.email);
    await court.getByRole('heading', { name: '司法确认案件' }).waitFor();
    expect(await axeViolations(court)).toEqual([]);
    await screenshots(court, 'court-docket');
    await court.getByRole('link', { name: caseNumber }).click();
    await court.getByTestId('case-number').waitFor();
    // The court sees the agreement, the masked parties, the record of the process and the evidence index, no caucus or offers.
    await see(court, '139****1111');
    // Each deadline with its legal source, cited as a Chinese court would.
    await see(court, '依据：调解协议（《人民调解法》第31条）');
    await see(court, '笔录：双方陈述意见，诊所同意考虑退款。');
    await see(court, /SHA-256 [0-9a-f]{64}/);
    await court.getByLabel('协议全文', { exact: true }).waitFor();
    expect(await court.getByText('您能接受的最低退款金额是多少？').count()).toBe(0);
    expect(await court.getByText('被投诉机构提出').count()).toBe(0);
    await click(court, '受理申请');
    await court.getByLabel('裁定书文号').fill('(2026)粤0304民特88号');
    expect(await axeViolations(court)).toEqual([]);
    await click(court, '记录裁定');
    await status(court, '已司法确认');
    await screenshots(court, 'court-case');
    await status(consumer, '已司法确认');
  });

  it('the clinic records the refund as paid; the consumer confirms receipt and the case closes', async () => {
    await clinic.reload();
    await clinic.getByLabel(/^履行说明/).fill('已转账，流水号 20260305001');
    await click(clinic, '记录已履行');
    await see(consumer, '义务方已履行，待确认');
    await consumer.getByRole('button', { name: /^确认已收到/ }).click();
    await status(consumer, '已结案');
    await see(consumer, '履行完毕');
    await screenshots(consumer, 'consumer-closed');
  });

  it('我的数据: the consumer sees who read their phone and downloads their data', async () => {
    await consumer.getByRole('link', { name: '我的数据' }).click();
    await see(consumer, '谁查阅了我的个人信息');
    // The mediator opened the case page, which shows the claimant's phone in full.
    const row = consumer.getByRole('row', { name: /王调解 · 调解员.*手机号码/ }).first();
    await row.waitFor();
    expect(await row.textContent()).toContain(caseNumber);
    expect(await axeViolations(consumer)).toEqual([]);
    const [download] = await Promise.all([consumer.waitForEvent('download'), click(consumer, '下载我的数据')]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    expect(body).toMatchObject({ format: 'yimei-personal-data-export', version: 1, account: { id: c.consumer.id } });
    expect(body.disputes.map((d: { dispute: { id: string } }) => d.dispute.id)).toContain(disputeId);
  });

  it('each person of the closed case downloads their case bundle; the mediator proposes it as a typical case, both parties consent, the officer publishes it', async () => {
    for (const page of [consumer, clinic]) {
      await open(page);
      const [download] = await Promise.all([page.waitForEvent('download'), click(page, '下载案件材料汇编')]);
      expect(download.suggestedFilename()).toBe(`案件材料汇编-${caseNumber}.pdf`);
      expect(readFileSync((await download.path())!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
    await open(mediator);
    await mediator.getByLabel('案例标题').fill('玻尿酸注射致栓塞退款案');
    await mediator.getByLabel('案情及启示').fill('消费者张三于2026年3月2日注射玻尿酸后出现栓塞，经调解诊所退款。启示：保留付款凭证。');
    expect(await axeViolations(mediator), 'the typical-case form').toEqual([]);
    await click(mediator, '提议为典型案例');
    await see(mediator, '待双方同意');
    for (const page of [consumer, clinic]) {
      await open(page);
      // What the public would read, names and the exact day removed.
      await see(page, '消费者某某于2026年3月注射玻尿酸后出现栓塞');
      await click(page, '同意发布');
      await see(page, '投诉人：同意');
    }
    await open(officer);
    await click(officer, '发布典型案例');
    await see(officer, '已发布');
    const published = await server.gql(undefined, '{ typicalCases(search: "保留付款凭证") { edges { node { title summary } } } }');
    expect(published.data.typicalCases.edges).toEqual([{ node: { title: '玻尿酸注射致栓塞退款案', summary: '消费者某某于2026年3月注射玻尿酸后出现栓塞，经调解诊所退款。启示：保留付款凭证。' } }]);

    // Anyone reads it without signing in, and finds it by problem type or by a word in it.
    const context = await chrome.browser.newContext({ viewport: PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce' });
    people.push({ context, page: await context.newPage() });
    const visitor = people.at(-1)!.page;
    await visitor.goto(`${server.url}/typical-cases`);
    await see(visitor, '玻尿酸注射致栓塞退款案');
    await see(visitor, '消费者某某于2026年3月注射玻尿酸后出现栓塞');
    expect(await visitor.getByText('张三').count()).toBe(0);
    expect(await axeViolations(visitor), 'the public typical-cases page').toEqual([]);
    await visitor.getByLabel('搜索典型案例').fill('没有这个词');
    await click(visitor, '搜索');
    await see(visitor, '暂无典型案例');
    await screenshots(visitor, 'public-typical-cases');
  });

  it('after failed mediation both parties agree to arbitrate; the arbitrator renders the award; the set-aside window is shown', async () => {
    const id = await inMediation(server, c);
    await ok(server, c.consumer, id, 'postMessage', { body: '调解中的让步：可接受八千元' });
    await ok(server, c.mediator, id, 'endMediation', { reason: 'NO_AGREEMENT' });
    for (const page of [consumer, clinic]) {
      await open(page, id);
      await status(page, '调解不成');
      await page.getByLabel('仲裁委员会').fill('深圳国际仲裁院');
      await click(page, '签署仲裁协议');
    }
    await status(clinic, '仲裁中');
    await open(officer, id);
    await pick(officer, '指定仲裁员', '陈仲裁');
    await click(officer, '指定');
    await see(officer, '已指定仲裁员');

    const arbitrator = await as(c.arbitrator.email);
    await arbitrator.getByRole('heading', { name: '我的仲裁案件' }).waitFor();
    const number = await officer.getByTestId('case-number').textContent();
    await arbitrator.getByRole('link', { name: number! }).click();
    await arbitrator.getByTestId('case-number').waitFor();
    // Concessions made in mediation are not for the arbitrator's eyes.
    await see(arbitrator, '深圳国际仲裁院');
    expect(await arbitrator.getByText('调解中的让步').count()).toBe(0);
    await arbitrator.getByLabel('开庭时间').fill('2026-03-10T09:30');
    await arbitrator.getByLabel('地点或链接').fill('深圳国际仲裁院第三仲裁庭');
    await click(arbitrator, '安排开庭');
    await see(arbitrator, '深圳国际仲裁院第三仲裁庭');
    await arbitrator.getByLabel('裁决主文').fill('被申请人于2026年3月31日前向申请人退还治疗费用人民币9000元。');
    await arbitrator.getByLabel('金额（元）1').fill('9000');
    await arbitrator.getByLabel('履行期限 1').fill('2026-03-31');
    expect(await axeViolations(arbitrator)).toEqual([]);
    await screenshots(arbitrator, 'arbitrator-award-form');
    await click(arbitrator, '作出裁决');
    await status(arbitrator, '已裁决');

    await status(consumer, '已裁决');
    await consumer.getByLabel('裁决书送达日期').fill('2026-03-04');
    await click(consumer, '记录送达');
    await see(consumer, /申请撤销裁决的期限至 2026年/);
    await see(consumer, '申请撤销仲裁裁决期限');
  });

  it('legal aid: the consumer applies, the coordinator grants it and assigns a lawyer, who works the case with the damages calculator', async () => {
    const id = await accepted(server, c);
    await open(consumer, id);
    await consumer.getByLabel('经济困难情况').fill('失业，低保户，无力支付律师费。');
    await click(consumer, '申请法律援助');
    await see(consumer, '待审查');

    const coordinator = await server.user('LEGAL_AID_LAWYER', { name: '赵主任', coordinator: true });
    const lawyer = await server.user('LEGAL_AID_LAWYER', { name: '刘律师' });
    const desk = await as(coordinator.email);
    await desk.getByRole('heading', { name: '法律援助案件与待审查申请' }).waitFor();
    await open(desk, id);
    await desk.getByLabel('理由').fill('符合经济困难标准');
    await click(desk, '记录决定');
    await pick(desk, '指派援助律师', '刘律师');
    await click(desk, '指派');
    await see(desk, '刘律师');

    const page = await as(lawyer.email);
    await page.getByRole('heading', { name: '我的法律援助案件' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshots(page, 'lawyer-caseload');
    await open(page, id);
    await see(page, '投诉人的援助律师');
    await page.getByLabel('医疗费（元）').fill('5000');
    await page.getByRole('checkbox', { name: /机构存在欺诈/ }).check();
    await click(page, '计算');
    await see(page, '欺诈惩罚性赔偿（退一赔三）（可主张，非确定）');
    await see(page, '《消费者权益保护法》第55条第1款');
    await see(page, /《民法典》第1179条/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshots(page, 'lawyer-case');
  });

  it('intake: the officer asks for more material, the consumer supplements it, the officer refers the clinic to a regulator and rejects', async () => {
    const id = await filed(server, c);
    await open(officer, id);
    await officer.getByLabel('需补充的材料').fill('请补充付款凭证');
    await click(officer, '要求补充材料');
    await status(officer, '待补充材料');

    await open(consumer, id);
    await see(consumer, '受理专员要求：请补充付款凭证');
    await consumer.getByLabel('补充说明').fill('付款凭证已上传，共两张收据。');
    await click(consumer, '提交补充材料');
    await status(consumer, '待受理');

    await status(officer, '待受理');
    await officer.getByLabel('移送说明').fill('该机构涉嫌无证行医');
    await click(officer, '移送');
    await see(officer, '该机构涉嫌无证行医');
    await pick(officer, '不予受理理由', '已起诉或申请仲裁');
    await officer.getByLabel('说明', { exact: true }).fill('投诉人已向法院起诉');
    await click(officer, '不予受理');
    await status(officer, '不予受理');
    await see(consumer, '不予受理：已起诉或申请仲裁。投诉人已向法院起诉');
  });

  it('the public statistics: without signing in, the months chosen by the link, and the same months as CSV', async () => {
    const context = await chrome.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce' });
    people.push({ context, page: await context.newPage() });
    const page = people.at(-1)!.page;
    await page.goto(`${server.url}/statistics?from=2026-03&to=2026-03`);
    await page.getByRole('heading', { name: '医美消费纠纷统计' }).waitFor();
    const march = (await server.gql(undefined, `{ statistics(from: "2026-03-01", to: "2026-03-31") { monthly { dimension filed accepted } } }`)).data.statistics.monthly[0];
    expect(march).toMatchObject({ dimension: 'TOTAL' });
    expect(march.filed).toBeGreaterThan(0);
    // The one month's row: its month, then filed and accepted.
    const cells = page.getByRole('row').filter({ hasText: '2026-03' }).getByRole('cell');
    await expect.poll(() => cells.nth(1).textContent()).toBe(String(march.filed));
    expect(await cells.nth(2).textContent()).toBe(String(march.accepted));
    await page.getByText('按类别').click();
    await page.getByRole('cell', { name: '医疗损害（并发症、感染、毁容）' }).first().waitFor();

    const href = await page.getByRole('link', { name: '下载 CSV' }).getAttribute('href');
    expect(href).toBe('/statistics.csv?from=2026-03-01&to=2026-03-31');
    const csv = await fetch(`${server.url}${href}`);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(await axeViolations(page)).toEqual([]);
    await screenshots(page, 'public-statistics');
  });
});
