/**
 * Lays a bundle's content out as a PDF (pdfkit), in Chinese with Noto Sans SC (shipped by an npm
 * package, embedded as a subset). The document is a stream: pages and files are written out as they
 * are made, each evidence file is copied into its attachment chunk by chunk as it is read (never held
 * whole), and the writer waits for the reader to take what is written. Memory stays bounded whatever
 * the evidence adds up to: by the writer's high-water mark, and by INLINE_IMAGE_MAX_BYTES for the one
 * image being shown on a page (pdfkit parses an image whole). `npm run bench` measures it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import PDFDocument from 'pdfkit';
import type { Relation } from '../dispute/access.ts';
import type { Dispute } from '../graphql/generated.ts';
import { beijingTime } from '../mail/templates.ts';
import { CATEGORY_LABELS, REMEDY_LABELS, yuan } from '../settlement/text.ts';
import type { BundleContent, Embedding } from './content.ts';
import { MANIFEST_NAME } from './manifest.ts';

const require = createRequire(import.meta.url);
const FONT_FILE = '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf';
let font: Buffer | undefined;
/** Read once per process (10 MB); pdfkit embeds only the glyphs each bundle uses. */
const cjkFont = () => (font ??= readFileSync(require.resolve(FONT_FILE)));

export const STATUS_LABELS: Record<string, string> = {
  SUBMITTED: '已提交',
  AWAITING_INFORMATION: '待补充材料',
  REJECTED: '不予受理',
  ACCEPTED: '已受理',
  IN_MEDIATION: '调解中',
  AGREEMENT_DRAFTED: '调解协议待签署',
  SETTLED: '调解协议已生效',
  CONFIRMATION_REQUESTED: '已申请司法确认',
  CONFIRMED: '司法确认有效',
  CONFIRMATION_REFUSED: '司法确认申请被驳回',
  MEDIATION_FAILED: '调解不成',
  IN_ARBITRATION: '仲裁中',
  AWARDED: '已作出裁决',
  CLOSED: '已结案',
  WITHDRAWN: '已撤回',
};

const RELATION_LABELS: Record<Relation, string> = {
  CLAIMANT: '投诉人',
  CLAIMANT_LAWYER: '投诉人的法律援助律师',
  RESPONDENT: '被投诉机构',
  INTAKE: '受理人员',
  MEDIATOR: '调解员',
  ARBITRATOR: '仲裁员',
  COURT: '人民法院',
  REGULATOR: '主管部门',
  LEGAL_AID_COORDINATOR: '法律援助机构',
  SYSTEM: '平台',
};

const ROLE_LABELS: Record<string, string> = {
  CONSUMER: '投诉人',
  RESPONDENT: '被投诉机构',
  INTAKE_OFFICER: '受理人员',
  MEDIATOR: '调解员',
  ARBITRATOR: '仲裁员',
  LEGAL_AID_LAWYER: '法律援助律师',
  COURT: '法院',
  REGULATOR: '主管部门',
  ADMIN: '管理员',
  SYSTEM: '平台',
  CLAIMANT: '投诉人',
};

const EVIDENCE_LABELS: Record<string, string> = {
  PHOTO: '照片',
  CHAT_RECORD: '聊天记录',
  CONTRACT: '合同',
  INVOICE: '票据',
  MEDICAL_RECORD: '病历',
  ADVERTISEMENT: '广告',
  VIDEO: '视频',
  AUDIO: '音频',
  OTHER: '其他',
};

const OBLIGATION_LABELS: Record<string, string> = { PENDING: '待履行', OVERDUE: '逾期未履行', PERFORMED: '义务人已履行，待确认', FULFILLED: '已履行完毕' };
const SIDE_LABELS: Record<string, string> = { CLAIMANT: '投诉人', RESPONDENT: '被投诉方', MEDIATOR: '调解员' };

const label = (labels: Record<string, string>, key: string | null | undefined) => (key ? (labels[key] ?? key) : '—');
const time = (instant: string | null | undefined) => (instant ? `${beijingTime(instant)}（北京时间）` : '—');
const money = (m: { amountFen: number } | null | undefined) => (m ? `人民币 ${yuan(m.amountFen)} 元` : '—');
const bytes = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : `${n} B`);

export interface RenderDeps {
  /** The stored evidence file with this SHA-256. */
  openEvidence(sha256: string): Readable;
}

const INLINE_IMAGES = new Set(['image/jpeg', 'image/png']);
/** Larger photos are attached only: showing one on a page means holding it whole. */
export const INLINE_IMAGE_MAX_BYTES = 8 * 1024 * 1024;
/** How much finished PDF may wait for the reader before the writer pauses. */
const HIGH_WATER = 1024 * 1024;

/** The PDF as a stream; it is written while it is read. An error ends the stream with that error. */
export function renderBundle(content: BundleContent, deps: RenderDeps): PDFKit.PDFDocument {
  const { view } = content;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    bufferPages: false,
    lang: 'zh-CN',
    info: { Title: `案件材料汇编 ${view.caseNumber}`, Subject: 'Case bundle', Creator: 'yimei-mediation', CreationDate: new Date(content.generatedAt) },
  });
  // Wait for the reader: pdfkit pushes without regard to it, so pause between the large parts.
  let wake: (() => void) | undefined;
  const read = doc._read.bind(doc);
  doc._read = (size: number) => {
    read(size);
    wake?.();
    wake = undefined;
  };
  const drained = () =>
    doc.readableLength < HIGH_WATER || doc.destroyed ? Promise.resolve() : new Promise<void>((resolve) => (wake = resolve));
  doc.once('close', () => wake?.());

  void write(doc, content, deps, drained).catch((error: unknown) => doc.destroy(error as Error));
  return doc;
}

async function write(doc: PDFKit.PDFDocument, content: BundleContent, deps: RenderDeps, drained: () => Promise<void>) {
  const { view } = content;
  doc.registerFont('cjk', cjkFont());
  doc.font('cjk');
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;

  const heading = (text: string) => {
    if (doc.y > doc.page.height - 160) doc.addPage();
    doc.moveDown(0.8).fontSize(14).fillColor('#000').text(text).moveDown(0.3).fontSize(10);
  };
  const line = (name: string, value: string | number | null | undefined) =>
    doc.fontSize(10).fillColor('#000').text(`${name}：${value === null || value === undefined || value === '' ? '—' : String(value)}`, { width });
  const note = (text: string) => doc.fontSize(9).fillColor('#555').text(text, { width }).fillColor('#000').fontSize(10);
  const para = (text: string) => doc.fontSize(10).fillColor('#000').text(text, { width, lineGap: 2 });

  // ── Cover ──
  doc.fontSize(24).text('案件材料汇编', { align: 'center' }).moveDown(0.2);
  doc.fontSize(11).fillColor('#555').text('Case bundle', { align: 'center' }).fillColor('#000').moveDown(1.5);
  line('案号', view.caseNumber);
  line('案件状态', label(STATUS_LABELS, view.status) + (view.outcome ? `（${view.outcome}）` : ''));
  const c = view.claimant;
  line('投诉人', [c.name, c.phone && `电话 ${c.phone}`, c.idNumber && `身份证号 ${c.idNumber}`, c.address && `住址 ${c.address}`].filter(Boolean).join('，'));
  line('被投诉机构', `${view.respondent.name}${view.respondent.code ? `（统一社会信用代码 ${view.respondent.code}）` : ''}`);
  if (view.mediator) line('调解员', view.mediator.name);
  if (view.legalAid?.lawyer) line('法律援助律师', view.legalAid.lawyer.name);
  if (view.confirmation?.court) line('司法确认法院', view.confirmation.court);
  if (view.arbitration?.commission) line('仲裁委员会', view.arbitration.commission);
  line('投诉时间', time(view.filedAt));
  line('生成时间', time(content.generatedAt));
  line('生成人', `${content.generatedBy.name}（${label(ROLE_LABELS, content.generatedBy.role)}）`);
  line('材料范围', `${label(RELATION_LABELS, content.relation)}可查阅的案件材料`);
  doc.moveDown(0.5);
  note(
    '本汇编附有电子附件（证据原件、协议及裁决文本、manifest.json），各附件的 SHA-256 及审计链证明载于 manifest.json，' +
      '可以 `npm run -s cli -- bundle:verify 文件.pdf` 离线核验。/ Attachments and the audit-chain proof can be verified offline.',
  );

  // ── 一、投诉 ──
  heading('一、投诉内容');
  line('投诉类别', view.categories.map((k) => CATEGORY_LABELS[k as keyof typeof CATEGORY_LABELS] ?? k).join('、'));
  line('项目', view.procedure);
  line('发生日期', view.occurredOn);
  line('发生地点', view.place);
  line('已付金额', money(view.amountPaid));
  line('请求', view.remedies.map((r) => `${REMEDY_LABELS[r.kind as keyof typeof REMEDY_LABELS] ?? r.kind}${r.amount ? ` ${money(r.amount)}` : ''}`).join('；'));
  if (view.description) (line('事实与理由', ''), para(view.description));
  if (view.rejection) line('不予受理', `${view.rejection.reason}：${view.rejection.note}（${time(view.rejection.rejectedAt)}）`);

  // ── 二、经过 ──
  heading('二、案件经过');
  for (const entry of content.timeline) {
    para(`${beijingTime(entry.occurredAt)}  ${label(ROLE_LABELS, entry.actorRole)}  ${entry.summary}`);
  }

  // ── 三、调解 ──
  if (view.sessions.length || view.messages.length || view.offers.length || view.mediationEnd || view.appraisals.length) {
    heading('三、调解过程');
    for (const s of view.sessions) {
      line('调解会议', `${time(s.startsAt)}，${s.mode === 'ONLINE' ? '线上' : `现场（${s.place ?? ''}）`}`);
      if (s.minutes) para(`出席：${s.attendees.join('、')}。笔录：${s.minutes}`);
    }
    for (const a of view.appraisals) line('鉴定', `${a.subject}${a.result ? `：${a.result}` : '（进行中）'}`);
    for (const m of view.messages) para(`${beijingTime(m.postedAt)} ${label(ROLE_LABELS, m.author.role)}${m.caucusWith ? '（单方会谈）' : ''}：${m.body}`);
    for (const o of view.offers) {
      const items = o.items.map((i) => `${REMEDY_LABELS[i.kind as keyof typeof REMEDY_LABELS] ?? i.kind}${i.amount ? ` ${money(i.amount)}` : ''}${i.description ? ` ${i.description}` : ''}`);
      para(`调解方案（${label(SIDE_LABELS, o.by)}提出，${time(o.proposedAt)}，${o.status}）：${items.join('；')}`);
    }
    if (view.mediationEnd) line('调解终止', `${view.mediationEnd.reason}${view.mediationEnd.note ? `：${view.mediationEnd.note}` : ''}（${time(view.mediationEnd.endedAt)}）`);
  }

  // ── 四、协议 ──
  if (view.agreement) {
    heading('四、调解协议');
    para(view.agreement.text);
    doc.moveDown(0.5);
    line('协议文本 SHA-256', view.agreement.hash);
    for (const s of view.agreement.signatures) line('签署', `${label(SIDE_LABELS, s.role)}（用户 ${s.userId}）于 ${time(s.signedAt)} 对上述 SHA-256 签署`);
    line('生效时间', time(view.agreement.effectiveAt));
    note('协议全文另附电子附件 agreement.txt。');
  }

  // ── 五、司法确认 ──
  if (view.confirmation) {
    const k = view.confirmation;
    heading('五、司法确认');
    for (const a of k.applications) line('申请', `${label(SIDE_LABELS, a.role)}向${a.court}申请（${time(a.appliedAt)}）`);
    line('法院', k.court);
    line('状态', k.status);
    line('受理时间', time(k.acceptedAt));
    line('裁定书文号', k.rulingNumber);
    if (k.grounds?.length) line('驳回理由', k.grounds.join('、'));
    if (k.note) line('说明', k.note);
    line('裁定时间', time(k.decidedAt));
  }

  // ── 六、仲裁 ──
  if (view.arbitration) {
    const a = view.arbitration;
    heading('六、仲裁');
    line('仲裁委员会', a.commission);
    if (a.agreementHash) line('仲裁协议 SHA-256', a.agreementHash);
    for (const s of a.agreementSignatures) line('签署仲裁协议', `${label(SIDE_LABELS, s.role)}（${time(s.signedAt)}）`);
    line('仲裁员', a.arbitrators.map((x) => x.name).join('、'));
    if (a.award) {
      line('裁决', `作出于 ${time(a.award.decidedAt)}，送达 ${a.award.receivedAt ?? '—'}`);
      para(a.award.text);
      note('裁决全文另附电子附件 award.txt。');
    }
  }

  // ── 七、履行 ──
  if (view.obligations.length) {
    heading('七、义务及履行情况');
    view.obligations.forEach((o, i) => {
      para(
        `${i + 1}. ${label(SIDE_LABELS, o.debtor)}：${REMEDY_LABELS[o.kind as keyof typeof REMEDY_LABELS] ?? o.kind}` +
          `${o.amount ? ` ${money(o.amount)}` : ''}${o.description ? `（${o.description}）` : ''}，期限 ${o.dueDate}，${label(OBLIGATION_LABELS, o.status)}` +
          `${o.performedAt ? `；履行记录 ${time(o.performedAt)}${o.performanceNote ? ` ${o.performanceNote}` : ''}` : ''}${o.confirmedAt ? `；确认 ${time(o.confirmedAt)}` : ''}`,
      );
    });
  }

  // ── 八、法律援助 ──
  if (view.legalAid) {
    const l = view.legalAid;
    heading('八、法律援助');
    line('状态', l.status);
    if (l.circumstances) line('经济状况', l.circumstances);
    line('决定', `${time(l.decidedAt)}${l.reason ? ` ${l.reason}` : ''}`);
    if (l.lawyer) line('承办律师', l.lawyer.name);
  }

  // ── 九、证据 ──
  heading('九、证据目录');
  const attached = new Map(content.embeddings.filter((e) => e.kind === 'EVIDENCE').map((e) => [e.ref!, e]));
  if (view.evidence.length === 0) para('无。');
  view.evidence.forEach((e, i) => {
    const file = attached.get(e.id);
    para(`${i + 1}. ${e.fileName}（${label(EVIDENCE_LABELS, e.kind)}，${e.mediaType}，${bytes(e.size)}）${e.withdrawn ? '【已撤回】' : ''}`);
    note(`说明：${e.description}；提交人：${label(ROLE_LABELS, e.submittedBy.role)}；提交时间：${time(e.submittedAt)}`);
    note(`SHA-256：${e.sha256}；${file ? `附件：${file.name}` : '原件缺失，未附 / file missing, not attached'}`);
  });

  // ── 十、审计链 ──
  const chain = content.manifest.chain;
  heading('十、审计链证明');
  line('事件数', chain.eventCount);
  line('首个哈希', chain.firstHash);
  line('最后哈希', chain.lastHash);
  line('校验结果', chain.verification.valid ? `完整：${chain.verification.checkedEvents} 个事件的哈希链均吻合` : `在第 ${chain.verification.firstBrokenPosition} 个位置断开`);
  note('每个事件的哈希 = SHA-256(前一哈希 + 事件的规范 JSON)。本汇编所附文件的记录事件全文载于 manifest.json，可据以核对；最后哈希可与平台审计记录（verifyAuditTrail）比对。');

  // ── Attachments, then the images shown inline ──
  for (const item of content.embeddings) {
    await embed(doc, item, deps, drained);
    await drained();
  }
  attachFile(doc, Buffer.from(JSON.stringify(content.manifest, null, 1), 'utf8'), MANIFEST_NAME, 'application/json', '清单与审计链证明 / manifest and chain proof');

  const images = content.embeddings.filter((e) => 'evidence' in e && INLINE_IMAGES.has(e.evidence.mediaType));
  for (const item of images) {
    doc.addPage().fontSize(10).text(`证据 ${item.name}`, { width });
    if (item.size > INLINE_IMAGE_MAX_BYTES) {
      note(`该图片较大（${bytes(item.size)}），未在页面中显示，请查看附件。/ Too large to show on a page: see the attachment.`);
      continue;
    }
    const bytesOf = await buffer(deps.openEvidence(item.sha256));
    try {
      doc.image(bytesOf, { fit: [width, doc.page.height - doc.y - doc.page.margins.bottom], align: 'center' });
    } catch {
      note('该图片无法在页面中显示，请查看附件。');
    }
    await drained();
  }
  doc.end();
}

async function embed(doc: PDFKit.PDFDocument, item: Embedding, deps: RenderDeps, drained: () => Promise<void>) {
  if ('bytes' in item) return attachFile(doc, item.bytes, item.name, 'text/plain', item.kind);
  await attachStream(doc, deps.openEvidence(item.sha256), item, item.evidence.mediaType, item.evidence.description, drained);
}

/** The parts of pdfkit's document that attaching a file as a stream uses (see pdfkit's `file()` mixin). */
interface PdfInternals {
  _offset: number;
  _write(data: string | Uint8Array): void;
  _refEnd(ref: PdfRef): void;
  _root: { data: { AF?: PdfRef[] } };
  ref(data: Record<string, unknown>): PdfRef;
  addNamedEmbeddedFile(name: string, ref: PdfRef): void;
}
interface PdfRef {
  id: number;
  gen: number;
  offset: number;
  end(): void;
}

/** A PDF name: characters outside ! to ~ and the delimiters as #XX (PDF 32000-1, 7.3.5). */
const pdfName = (name: string) => `/${[...name].map((c) => (/^[!-~]$/.test(c) && !'#()<>[]{}/%'.includes(c) ? c : `#${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)).join('')}`;

/**
 * An evidence file attached as it is read: the EmbeddedFile stream object is written by hand (its
 * length is known from the record), then its bytes chunk by chunk, pausing while the reader is
 * behind; the file specification is pdfkit's, as `doc.file()` would make it. Stored as is (no Flate):
 * the verifier and a reader's tools see the exact bytes whose SHA-256 the manifest gives. A file that
 * is not the recorded size fails the bundle rather than produce a broken PDF.
 */
async function attachStream(doc: PDFKit.PDFDocument, source: Readable, file: { name: string; size: number }, type: string, description: string, drained: () => Promise<void>) {
  const pdf = doc as unknown as PdfInternals;
  const ref = pdf.ref({});
  ref.offset = pdf._offset;
  pdf._write(`${ref.id} ${ref.gen} obj`);
  pdf._write(`<<\n/Type /EmbeddedFile\n/Subtype ${pdfName(type)}\n/Params <<\n/Size ${file.size}\n>>\n/Length ${file.size}\n>>`);
  pdf._write('stream');
  let written = 0;
  for await (const chunk of source as AsyncIterable<Buffer>) {
    written += chunk.length;
    if (written > file.size) break;
    pdf._write(chunk);
    await drained();
  }
  (source as Readable).destroy();
  if (written !== file.size) throw new Error(`evidence ${file.name}: ${written} bytes stored, ${file.size} recorded`);
  pdf._write('\nendstream');
  pdf._write('endobj');
  pdf._refEnd(ref);

  const spec = pdf.ref({ Type: 'Filespec', AFRelationship: 'Unspecified', F: new String(file.name), EF: { F: ref }, UF: new String(file.name), Desc: new String(description) });
  spec.end();
  pdf.addNamedEmbeddedFile(file.name, spec);
  (pdf._root.data.AF ??= []).push(spec);
}

/**
 * A file attachment, stored as is (no Flate): evidence is compressed already, and the verifier and a
 * reader's tools see the exact bytes whose SHA-256 the manifest gives.
 */
function attachFile(doc: PDFKit.PDFDocument, data: Buffer, name: string, type: string, description: string) {
  const compress = (doc as unknown as { compress: boolean }).compress;
  (doc as unknown as { compress: boolean }).compress = false;
  try {
    doc.file(data, { name, type, description });
  } finally {
    (doc as unknown as { compress: boolean }).compress = compress;
  }
}
