/**
 * The Chinese text of what parties sign, rendered from the state alone: the same terms always give
 * the same text, so a signature's SHA-256 names exactly what the signer saw.
 */
import { createHash } from 'node:crypto';
import type { Category, LocalDate, PartySide, RemedyKind } from '../dispute/model.ts';
import type { DisputeState, Obligation } from '../dispute/state.ts';

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export const REMEDY_LABELS: Record<RemedyKind, string> = {
  REFUND: '退款',
  COMPENSATION: '赔偿',
  CORRECTIVE_TREATMENT: '修复治疗',
  APOLOGY: '赔礼道歉',
  OTHER: '其他',
};

export const CATEGORY_LABELS: Record<Category, string> = {
  UNLICENSED_INSTITUTION: '无医疗机构执业许可',
  UNQUALIFIED_PRACTITIONER: '非医师或无医疗美容资质人员执业',
  UNAPPROVED_PRODUCT: '使用未经注册的药品或医疗器械',
  FALSE_ADVERTISING: '虚假宣传',
  INDUCED_CONSUMPTION: '诱导消费',
  NO_INFORMED_CONSENT: '未履行告知同意义务',
  MEDICAL_INJURY: '医疗损害',
  UNSATISFACTORY_RESULT: '效果不满意',
  PRICE_FRAUD: '价格欺诈',
  POOR_AFTERCARE: '术后服务不到位',
  OTHER: '其他',
};

/** 1280050 → '12,800.50': integer arithmetic only, money is never a float. */
export function yuan(amountFen: number): string {
  const whole = String(Math.trunc(amountFen / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${whole}.${String(amountFen % 100).padStart(2, '0')}`;
}

/** '2026-04-10' → '2026年4月10日' */
export const chineseDate = (date: LocalDate) => `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

export function partyName(state: DisputeState, side: PartySide): string {
  return side === 'CLAIMANT' ? `投诉人${state.claimant.name}` : `被投诉方${state.respondent.name}`;
}

export function partiesHeader(state: DisputeState): string[] {
  const code = state.respondent.code ? `（统一社会信用代码：${state.respondent.code}）` : '';
  return [`案号：${state.caseNumber}`, `投诉人：${state.claimant.name}`, `被投诉方：${state.respondent.name}${code}`];
}

/** What an obligation says, before it has an id. */
export type ObligationTerms = Pick<Obligation, 'debtor' | 'kind' | 'amountFen' | 'description' | 'dueDate'>;

export function obligationLine(state: DisputeState, o: ObligationTerms, n: number): string {
  return [
    `${n}. 义务人：${partyName(state, o.debtor)}`,
    `履行内容：${REMEDY_LABELS[o.kind]}`,
    ...(o.amountFen !== undefined ? [`金额：人民币${yuan(o.amountFen)}元`] : []),
    ...(o.description ? [`说明：${o.description}`] : []),
    `履行期限：${chineseDate(o.dueDate)}前（含当日）`,
  ].join('；');
}

/** The settlement agreement as signed (PML Art. 28: parties, matters, what was agreed, how and by when it is performed). */
export function agreementText(state: DisputeState, terms: string, obligations: readonly ObligationTerms[]): string {
  return [
    '人民调解协议书',
    ...partiesHeader(state),
    '',
    '一、协议内容',
    terms,
    '',
    '二、履行事项',
    ...(obligations.length > 0 ? obligations.map((o, i) => obligationLine(state, o, i + 1)) : ['无。']),
    '',
    '本协议自双方当事人签名及调解员签名之日起生效。',
  ].join('\n');
}
