/**
 * One line per event for the audit trail, Chinese first. Never personal data or confidential content:
 * the trail is shown to everyone who may see the dispute.
 */
import type { Section } from '../dispute/view.ts';
import { beijingTime } from '../mail/templates.ts';

type Data = Record<string, unknown>;

// An instant as people read it on a notice (the store keeps ISO-8601 in UTC).
const at = (instant: unknown) => (typeof instant === 'string' ? beijingTime(instant) : '—');

const SUMMARIES: Record<string, (d: Data) => string> = {
  DisputeFiled: (d) => `投诉已提交，案号 ${String(d.caseNumber)} / complaint filed as ${String(d.caseNumber)}`,
  InformationRequested: () => '要求补充材料 / information requested',
  InformationSupplemented: () => '已补充材料 / information supplemented',
  DisputeAccepted: (d) => `已受理（${String(d.procedure)}）/ accepted (${String(d.procedure)})`,
  DisputeRejected: (d) => `不予受理（${String(d.reason)}）/ rejected (${String(d.reason)})`,
  DisputeWithdrawn: () => '投诉人撤回 / withdrawn by the claimant',
  ReferredToAuthority: (d) => `移送 ${String(d.authority)} / referred to ${String(d.authority)}`,
  AuthorityOutcomeRecorded: () => '记录主管部门处理结果 / authority outcome recorded',
  MediationInvitationAnswered: (d) => (d.consent ? '被投诉方同意调解 / respondent consented to mediation' : '被投诉方拒绝调解 / respondent declined mediation'),
  RespondentAnswerLapsed: () => '被投诉方逾期未答复，视为拒绝 / no answer by the deadline: declined',
  MediatorAssigned: () => '指派调解员 / mediator assigned',
  ConflictsDisclosed: (d) => (d.hasConflict ? '调解员披露利益冲突 / mediator disclosed a conflict' : '调解员声明无利益冲突 / mediator declared no conflict'),
  MediatorReplacementRequested: (d) => `${String(d.side)} 申请更换调解员 / replacement of the mediator requested`,
  SessionScheduled: (d) => `安排调解会议：${at(d.startsAt)}（北京时间）/ session scheduled for ${at(d.startsAt)} Beijing time`,
  SessionRecorded: () => '记录调解会议 / session recorded',
  MessagePosted: () => '发送消息 / message posted',
  SettlementProposed: () => '提出调解方案 / settlement proposed',
  OfferAnswered: (d) => (d.accept ? '接受方案 / offer accepted' : '拒绝方案 / offer rejected'),
  AppraisalRequested: () => '申请鉴定，调解期限中止 / appraisal requested: mediation clock stopped',
  AppraisalCompleted: () => '鉴定完成，调解期限恢复计算 / appraisal completed: mediation clock runs again',
  MediationExtensionProposed: (d) => `提议延长调解 ${String(d.workingDays)} 个工作日 / extension proposed`,
  MediationExtended: (d) => `调解期限延长 ${String(d.workingDays)} 个工作日 / mediation extended`,
  MediationEnded: (d) => `调解终止（${String(d.reason)}）/ mediation ended (${String(d.reason)})`,
  MediationDeemedFailed: () => '调解期限届满，视为调解不成 / mediation limit passed: deemed failed',
  MediationResumed: () => '重新调解 / mediation resumed',
  AgreementDrafted: (d) => `起草调解协议 ${String(d.hash).slice(0, 12)} / agreement drafted`,
  AgreementSigned: (d) => `${String(d.role)} 签署调解协议 / agreement signed`,
  AgreementDeclined: () => '一方拒绝签署 / a party declined to sign',
  SettlementReached: () => '调解协议生效 / settlement agreement in effect',
  ConfirmationApplied: (d) => `${String(d.side)} 申请司法确认 / applied for judicial confirmation`,
  ConfirmationRequested: (d) => `双方共同申请司法确认：${String(d.court)} / joint application to ${String(d.court)}`,
  ConfirmationApplicationAccepted: () => '法院受理司法确认申请 / court accepted the application',
  ConfirmationRuled: (d) => (d.confirmed ? `法院裁定确认有效 ${String(d.rulingNumber ?? '')} / confirmed` : '法院裁定驳回申请 / confirmation refused'),
  ConfirmationWindowLapsed: () => '司法确认申请期限届满 / confirmation window closed',
  ArbitrationAgreementSigned: (d) => `${String(d.side)} 签署仲裁协议 / arbitration agreement signed`,
  ArbitrationCommenced: (d) => `提交仲裁：${String(d.commission)} / arbitration commenced`,
  ArbitratorAppointed: () => '指定仲裁员 / arbitrator appointed',
  HearingScheduled: (d) => `安排开庭：${at(d.startsAt)}（北京时间）/ hearing scheduled for ${at(d.startsAt)} Beijing time`,
  AwardRendered: () => '作出裁决 / award rendered',
  AwardReceiptRecorded: (d) => `裁决书送达 ${String(d.receivedOn)} / award received`,
  PerformanceRecorded: () => '义务方记录履行 / performance recorded',
  PerformanceConfirmed: () => '权利方确认履行 / performance confirmed',
  ObligationOverdue: () => '义务逾期未履行 / obligation overdue',
  EnforcementApplied: () => '申请强制执行 / enforcement applied for',
  DisputeClosed: (d) => `结案（${String(d.outcome)}）/ closed (${String(d.outcome)})`,
  LegalAidApplied: () => '申请法律援助 / legal aid applied for',
  LegalAidDecided: (d) => (d.granted ? '给予法律援助 / legal aid granted' : '不予法律援助 / legal aid denied'),
  LegalAidLawyerAssigned: () => '指派法律援助律师 / legal-aid lawyer assigned',
  PowerOfAttorneyRecorded: () => '登记授权委托 / power of attorney recorded',
  EvidenceSubmitted: (d) => `提交证据（${String(d.kind)}，SHA-256 ${String(d.sha256).slice(0, 12)}）/ evidence submitted`,
  EvidenceWithdrawn: () => '撤回证据 / evidence withdrawn',
  EvidenceDownloaded: () => '下载证据 / evidence downloaded',
  TypicalCaseProposed: () => '调解员提议作为典型案例 / proposed as a typical case',
  TypicalCaseConsentAnswered: (d) =>
    d.consent ? `${String(d.side)} 同意发布典型案例 / consented to publication` : `${String(d.side)} 不同意发布典型案例 / declined publication`,
  TypicalCasePublished: () => '典型案例（脱敏）已发布 / typical case published (de-identified)',
  TypicalCaseWithdrawn: (d) => (d.consentRevoked ? '当事人撤回同意，典型案例已撤下 / consent revoked: typical case withdrawn' : '典型案例已撤下 / typical case withdrawn'),
  PersonalDataErased: (d) => `依法删除个人信息（${(d.what as string[] | undefined)?.length ?? 0} 类）/ personal data erased (${(d.what as string[] | undefined)?.length ?? 0} kinds)`,
  PersonalDataResealed: (d) => `历史记录中的个人信息已加密，哈希链自首条起重算（原链尾 ${String(d.previousHeadHash).slice(0, 12)}，${String(d.previousEventCount)} 条）/ personal data in earlier records sealed, chain recomputed`,
  BundleGenerated: (d) => `生成案件材料汇编（${String(d.view)} 视角）/ case bundle generated (${String(d.view)} view)`,
};

export function summarize(type: string, data: unknown): string {
  return SUMMARIES[type]?.((data ?? {}) as Data) ?? type;
}

/** The part of the dispute an event belongs to: its audit entry is shown to whoever sees that part (view.ts seesSection). */
const MEDIATION_COMMUNICATIONS = new Set(['MessagePosted', 'SettlementProposed', 'OfferAnswered', 'MediationExtensionProposed']);
const LEGAL_AID = new Set(['LegalAidApplied', 'LegalAidDecided', 'LegalAidLawyerAssigned', 'PowerOfAttorneyRecorded']);

export function auditSection(type: string, data: unknown): Section {
  const d = (data ?? {}) as { caucusSide?: string; authority?: string };
  if (d.caucusSide === 'CLAIMANT' || d.caucusSide === 'RESPONDENT') return `CAUCUS:${d.caucusSide}`;
  if (type === 'DisputeFiled') return 'FILING';
  if (type === 'ReferredToAuthority' || type === 'AuthorityOutcomeRecorded') return `REFERRAL:${d.authority ?? 'UNKNOWN'}`;
  if (LEGAL_AID.has(type)) return 'LEGAL_AID';
  return MEDIATION_COMMUNICATIONS.has(type) ? 'MEDIATION' : 'CASE';
}
