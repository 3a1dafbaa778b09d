/**
 * The case bundle benchmark (issue 10: "a 200-event case with 20 MB of evidence in seconds, with
 * memory bounded"), run by bench/run.ts in a process of its own so that its memory is the bundle's:
 * `node --expose-gc bench/bundle.ts DATA_DIR TOTAL_MB:FILE_MB...`. For each it builds a case of 200 events
 * whose evidence (photos and PDFs of FILE_MB each, uploaded over HTTP) adds up to TOTAL_MB, then GETs
 * /disputes/:id/bundle.pdf as the mediator, reading the answer as it comes and throwing it away, while
 * sampling the process's memory every 5 ms. Prints one JSON line per size.
 */
import { randomBytes } from 'node:crypto';
import { createAccount, getAccount, registerInstitution, viewerFor } from '../src/accounts/accounts.ts';
import { tokenSigner } from '../src/accounts/tokens.ts';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { Viewer } from '../src/dispute/access.ts';
import type { DisputeCommand } from '../src/dispute/dispute.ts';
import { allocateCaseNumber } from '../src/intake/caseNumbers.ts';
import { openPlatform } from '../src/platform.ts';
import { newId } from '../src/shared/ids.ts';
import { COMPLAINT } from './data.ts';

const [dataDir, ...sizes] = process.argv.slice(2);
const EVENTS = 200;
const MB = 1024 * 1024;

const config = loadConfig({ DATA_DIR: dataDir!, LOG_LEVEL: 'silent', NODE_ENV: 'test', RATE_LIMIT_PER_IP: '0', RATE_LIMIT_PER_PERSON: '0' });
const platform = await openPlatform(config);
await platform.runner.start();
const app = await buildApp(platform, { logger: false });
const url = await app.listen({ host: '127.0.0.1', port: 0 });
const sign = tokenSigner(config.jwtSecret);

const institution = await registerInstitution(platform.store, config.clock, { name: COMPLAINT.respondent.name, code: COMPLAINT.respondent.code });
async function person(role: 'CONSUMER' | 'RESPONDENT' | 'INTAKE_OFFICER' | 'MEDIATOR', name: string) {
  const extra = role === 'RESPONDENT' ? { institutionId: institution.id, institutionCode: COMPLAINT.respondent.code } : {};
  const { id } = await createAccount(platform.store, config.clock, { email: `${role.toLowerCase()}-${newId()}@bench.cn`, name, role, ...extra });
  return { viewer: viewerFor((await getAccount(platform.store, id))!, role), token: sign({ sub: id, role }) };
}
const consumer = await person('CONSUMER', '张三');
const clinic = await person('RESPONDENT', '诊所');
const officer = await person('INTAKE_OFFICER', '李四');
const mediator = await person('MEDIATOR', '王调解');

const run = (disputeId: string, viewer: Viewer, command: DisputeCommand) => platform.execute(disputeId, command, { viewer, correlationId: 'bench' });

/** A JPEG of `bytes` as a phone would upload it: markers content detection and pdfkit read, then the data. */
function photo(bytes: number): Buffer {
  const parts = [Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0', 'latin1'), Buffer.from([1, 1, 0, 0, 1, 0, 1, 0, 0])];
  let left = bytes - 40;
  while (left > 0) {
    const size = Math.min(left, 65_000);
    const length = Buffer.alloc(2);
    length.writeUInt16BE(size + 2);
    parts.push(Buffer.from([0xff, 0xe1]), length, randomBytes(size));
    left -= size + 4;
  }
  // SOF0: 8 bits, 3000 × 4000, 3 components (what pdfkit reads to place it on a page).
  parts.push(Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, 0x0f, 0xa0, 0x0b, 0xb8, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]), Buffer.from([0xff, 0xd9]));
  return Buffer.concat(parts);
}
const scan = (bytes: number) => Buffer.concat([Buffer.from('%PDF-1.4\n', 'latin1'), randomBytes(bytes - 16), Buffer.from('\n%%EOF\n', 'latin1')]);

async function upload(disputeId: string, i: number, fileMb: number) {
  const isPhoto = i % 3 !== 2;
  const form = new FormData();
  form.append('kind', isPhoto ? 'PHOTO' : 'MEDICAL_RECORD');
  form.append('description', isPhoto ? `术后照片 ${i + 1}` : `病历扫描件 ${i + 1}`);
  const bytes = isPhoto ? photo(fileMb * MB) : scan(fileMb * MB);
  form.append('file', new Blob([new Uint8Array(bytes)]), isPhoto ? `photo-${i + 1}.jpg` : `record-${i + 1}.pdf`);
  const response = await fetch(`${url}/disputes/${disputeId}/evidence`, { method: 'POST', headers: { authorization: `Bearer ${consumer.token}` }, body: form });
  if (response.status !== 201) throw new Error(`upload ${i}: ${response.status} ${await response.text()}`);
}

/** Filed, mediated with messages and evidence, an agreement drafted and signed by all: 200 events. */
async function buildCase(evidenceMb: number, fileMb: number): Promise<string> {
  const disputeId = newId();
  const caseNumber = await allocateCaseNumber(platform.store, config.clock.now(), disputeId);
  await run(disputeId, consumer.viewer, { type: 'fileDispute', data: { disputeId, caseNumber, ...COMPLAINT } });
  await run(disputeId, officer.viewer, { type: 'acceptDispute', data: { procedure: 'MEDICAL_DISPUTE_MEDIATION' } });
  await run(disputeId, clinic.viewer, { type: 'answerMediationInvitation', data: { consent: true } });
  await run(disputeId, officer.viewer, { type: 'assignMediator', data: { mediatorId: mediator.viewer.userId, name: mediator.viewer.name } });
  await run(disputeId, mediator.viewer, { type: 'discloseConflicts', data: { statement: '与双方无利害关系', hasConflict: false } });
  const files = Math.round(evidenceMb / fileMb);
  for (let i = 0; i < files; i++) await upload(disputeId, i, fileMb);
  // Room for the agreement (1 + 3 signatures + its effect) at the end.
  const messages = EVENTS - 5 - files - 5;
  for (let i = 0; i < messages; i++) {
    const [who, body] = i % 3 === 0 ? [consumer, `第 ${i + 1} 条：希望诊所全额退还费用并承担修复费用。`] : i % 3 === 1 ? [clinic, `第 ${i + 1} 条：诊所愿意部分退款。`] : [mediator, `第 ${i + 1} 条：请双方考虑调解方案。`];
    await run(disputeId, who.viewer, { type: 'postMessage', data: { body } });
  }
  const drafted = await run(disputeId, mediator.viewer, {
    type: 'draftAgreement',
    data: { terms: '诊所退还治疗费用并书面道歉。', obligations: [{ debtor: 'RESPONDENT', kind: 'REFUND', amountFen: 1_280_000, dueDate: '2089-12-31' }] },
  });
  const agreementHash = drafted.state.agreement!.hash;
  for (const who of [consumer, clinic, mediator]) await run(disputeId, who.viewer, { type: 'signAgreement', data: { agreementHash } });
  const state = platform.queries.dispute(disputeId) ?? (await run(disputeId, mediator.viewer, { type: 'generateBundle', data: {} })).state;
  if (state.version + 1 !== EVENTS) throw new Error(`the case has ${state.version + 1} events, not ${EVENTS}`);
  return disputeId;
}

const gc = globalThis.gc;
if (!gc) throw new Error('run with node --expose-gc: live memory is sampled after a full collection');
/** What is alive: the JS heap and the buffers outside it (evidence and PDF chunks are Buffers). */
const live = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};

async function generate(disputeId: string): Promise<{ seconds: number; bytes: number }> {
  const started = performance.now();
  const response = await fetch(`${url}/disputes/${disputeId}/bundle.pdf`, { headers: { authorization: `Bearer ${mediator.token}` } });
  if (response.status !== 200) throw new Error(`bundle: ${response.status} ${await response.text()}`);
  let bytes = 0;
  for await (const chunk of response.body!) bytes += (chunk as Uint8Array).length;
  return { seconds: (performance.now() - started) / 1000, bytes };
}

/**
 * Two generations: one timed, while the resident set's high-water is sampled; one with a full
 * collection before each sample (every 25 ms), for the high-water of what is really kept alive.
 */
async function measure(evidenceMb: number, fileMb: number) {
  const disputeId = await buildCase(evidenceMb, fileMb);
  gc!();
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  let timer = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 5);
  const timed = await generate(disputeId);
  clearInterval(timer);

  gc!();
  const liveBefore = live();
  let livePeak = liveBefore;
  timer = setInterval(() => {
    gc!();
    livePeak = Math.max(livePeak, live());
  }, 25);
  await generate(disputeId);
  clearInterval(timer);

  const mb = (n: number) => Number((n / MB).toFixed(1));
  return {
    events: EVENTS,
    evidenceMb,
    fileMb,
    pdfMb: mb(timed.bytes),
    seconds: Number(timed.seconds.toFixed(2)),
    rssGrowthMb: mb(rssPeak - rssBefore),
    liveGrowthMb: mb(livePeak - liveBefore),
  };
}

for (const size of sizes) {
  const [total, file] = size.split(':').map(Number);
  process.stdout.write(`${JSON.stringify(await measure(total!, file ?? 2))}\n`);
}
await app.close();
await platform.close();
