/**
 * The messages, Chinese first, then English. Pure: a notice, the case it concerns and what the
 * recipient is to it give the subject and the text. They carry the case number, what happened,
 * what to do next and a link; never a phone or ID number, an address, an offer's terms or a
 * message's body (DOMAIN.md 5): the platform, after sign-in, shows the rest to whoever may see it.
 */
import type { Relation } from '../dispute/access.ts';
import { sideOf } from '../dispute/access.ts';
import type { Instant, LocalDate, MediationEndReason, RejectionReason, RemedyKind } from '../dispute/model.ts';
import type { Notice, ObligationSummary } from './notices.ts';

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

export interface CaseRef {
  disputeId: string;
  caseNumber: string;
}

interface Body {
  subject: [zh: string, en: string];
  zh: string[];
  en: string[];
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** 'YYYY-MM-DD HH:mm', Beijing time. */
export function beijingTime(instant: Instant): string {
  return new Date(new Date(instant).getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** Integer fen as yuan with two decimals, without floating point. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}

const REMEDY: Record<RemedyKind, [string, string]> = {
  REFUND: ['退款', 'refund'],
  COMPENSATION: ['赔偿', 'compensation'],
  CORRECTIVE_TREATMENT: ['修复治疗', 'corrective treatment'],
  APOLOGY: ['赔礼道歉', 'apology'],
  OTHER: ['其他义务', 'other obligation'],
};

const REJECTION: Record<RejectionReason, [string, string]> = {
  OUT_OF_SCOPE: ['不属于本机构受理范围', 'outside the scope of this organisation'],
  ALREADY_BEFORE_COURT_OR_ARBITRATION: ['已由法院或仲裁机构受理', 'already before a court or an arbitration commission'],
  TIME_BARRED: ['已超过时效', 'time-barred'],
  INSUFFICIENT_MATERIALS: ['材料不足', 'insufficient materials'],
  NO_DISPUTE: ['不存在争议', 'no dispute'],
  OTHER: ['其他原因', 'other reasons'],
};

const MEDIATION_END: Record<MediationEndReason | 'RESPONDENT_DECLINED' | 'NO_ANSWER', [string, string]> = {
  NO_AGREEMENT: ['未能达成协议', 'no agreement was reached'],
  PARTY_REFUSED: ['一方拒绝继续调解', 'a party refused to continue'],
  PARTY_ABSENT: ['一方未到场', 'a party did not attend'],
  PARTY_DECLARED_IMPOSSIBLE: ['一方表示无法调解', 'a party declared mediation impossible'],
  DEADLINE_PASSED: ['调解期限届满未达成协议', 'the mediation time limit passed without agreement'],
  OTHER: ['其他原因', 'other reasons'],
  RESPONDENT_DECLINED: ['被投诉机构不同意调解', 'the institution declined mediation'],
  NO_ANSWER: ['被投诉机构逾期未答复，视为不同意调解', 'the institution did not answer in time, which counts as declining'],
};

const DEADLINE: Record<string, [string, string]> = {
  INTAKE_ACCEPTANCE: ['受理决定', 'decision on acceptance'],
  RESPONDENT_ANSWER: ['答复是否同意调解', 'answer to the invitation to mediate'],
  MEDIATION_LIMIT_MEDICAL: ['调解期限', 'mediation time limit'],
  MEDIATION_LIMIT_CONSUMER: ['调解期限', 'mediation time limit'],
  ONLINE_MEDIATOR_ACCEPT: ['调解员确认接受案件', "mediator's confirmation of the case"],
  JC_APPLY_WINDOW: ['申请司法确认', 'application for judicial confirmation'],
  JC_ACCEPT_DECISION: ['决定是否受理司法确认申请', 'decision on accepting the confirmation application'],
  JC_DECISION: ['作出司法确认裁定', 'ruling on confirmation'],
  AWARD_SET_ASIDE: ['申请撤销仲裁裁决', 'application to set the award aside'],
  LEGAL_AID_DECISION: ['法律援助申请审查决定', 'decision on the legal-aid application'],
  LEGAL_AID_ASSIGN: ['指派法律援助律师', 'assignment of a legal-aid lawyer'],
  ENFORCEMENT_APPLY: ['申请强制执行', 'application for enforcement'],
  OBLIGATION_DUE: ['履行义务', 'performance of an obligation'],
};

const obligationText = (o: ObligationSummary): [string, string] => {
  const [zh, en] = REMEDY[o.kind];
  return o.amountFen !== undefined ? [`${zh} ${yuan(o.amountFen)} 元`, `${en} of CNY ${yuan(o.amountFen)}`] : [zh, en];
};

const endOfDay = (day: LocalDate): [string, string] => [`${day} 24:00（北京时间）`, `24:00 Beijing time on ${day}`];

function body(notice: Notice, cn: string, recipient: Relation): Body {
  switch (notice.kind) {
    case 'FILING_RECEIVED':
      return {
        subject: ['投诉已收到', 'complaint received'],
        zh: [`我们已收到您的投诉，案件编号为 ${cn}。调解机构将在受理期限内决定是否受理，或请您补充材料。请保存案件编号以便查询。`],
        en: [`We have received your complaint. Your case number is ${cn}. The mediation organisation will decide within the acceptance period whether to accept it, or ask you for more information. Please keep the case number for your records.`],
      };
    case 'INFORMATION_REQUESTED':
      return {
        subject: ['请补充材料', 'more information needed'],
        zh: [`调解机构需要补充材料后才能决定是否受理案件 ${cn}。请登录平台查看所需内容并提交补充说明。`],
        en: [`The mediation organisation needs more information before it can decide whether to accept case ${cn}. Please sign in to see what is needed and send it.`],
      };
    case 'DISPUTE_ACCEPTED':
      return {
        subject: ['投诉已受理', 'complaint accepted'],
        zh: [`您的投诉（案件 ${cn}）已被受理。我们已邀请被投诉机构参加调解；调解须双方自愿，机构答复后我们会通知您。`],
        en: [`Your complaint (case ${cn}) has been accepted. The institution has been invited to mediation, which is voluntary for both sides; we will let you know when it answers.`],
      };
    case 'DISPUTE_REJECTED': {
      const [zh, en] = REJECTION[notice.reason];
      return {
        subject: ['投诉未被受理', 'complaint not accepted'],
        zh: [`很遗憾，您的投诉（案件 ${cn}）未被受理，原因：${zh}。登录平台可查看说明；您仍可通过其他途径（如向市场监管部门投诉、向人民法院起诉）维护权益。`],
        en: [`We are sorry: your complaint (case ${cn}) was not accepted. Reason: ${en}. Sign in to read the explanation; other routes, such as a complaint to market regulation or an action in court, remain open to you.`],
      };
    }
    case 'MEDIATION_INVITATION': {
      const [zhBy, enBy] = endOfDay(notice.answerBy);
      return {
        subject: ['调解邀请', 'invitation to mediate'],
        zh: [
          `有消费者就贵机构（${notice.institution}）提出的投诉已被调解机构受理（案件 ${cn}），现邀请贵机构参加调解。`,
          `请于 ${zhBy}前登录平台答复是否同意调解；逾期未答复的，视为不同意调解。`,
        ],
        en: [
          `A consumer's complaint about your institution (${notice.institution}) has been accepted for mediation (case ${cn}). You are invited to take part.`,
          `Please sign in and answer by ${enBy} whether you agree to mediate; no answer by then counts as declining.`,
        ],
      };
    }
    case 'RESPONDENT_AGREED':
      return {
        subject: ['被投诉机构同意调解', 'the institution agreed to mediate'],
        zh: [`被投诉机构已同意就案件 ${cn} 进行调解。调解机构将指派调解员并安排调解会议。`],
        en: [`The institution has agreed to mediate case ${cn}. A mediator will be assigned and sessions arranged.`],
      };
    case 'MEDIATION_ENDED': {
      const [zh, en] = MEDIATION_END[notice.reason];
      return {
        subject: ['调解已终结', 'mediation ended'],
        zh: [
          `案件 ${cn} 的调解已终结，原因：${zh}。`,
          '当事人可以书面约定申请仲裁，也可以依法向人民法院提起诉讼；涉及违法行为的，可以向有关行政部门投诉举报。',
        ],
        en: [
          `Mediation of case ${cn} has ended: ${en}.`,
          'The parties may agree in writing to arbitration, or bring an action in court; violations of the law can be reported to the authorities.',
        ],
      };
    }
    case 'MEDIATOR_ASSIGNED':
      if (recipient === 'MEDIATOR') {
        return {
          subject: ['您已被指派为调解员', 'you have been assigned as mediator'],
          zh: [`您已被指派为案件 ${cn} 的调解员。请在开展调解前登录平台，披露可能存在的利益冲突。`],
          en: [`You have been assigned as mediator of case ${cn}. Please sign in and disclose any conflict of interest before you act.`],
        };
      }
      return {
        subject: ['已指派调解员', 'mediator assigned'],
        zh: [`案件 ${cn} 已指派调解员：${notice.mediatorName}。调解员将安排调解会议。如有正当理由，各方可申请更换调解员一次。`],
        en: [`A mediator has been assigned to case ${cn}: ${notice.mediatorName}. The mediator will arrange the sessions. Each side may ask once for a replacement, with reason.`],
      };
    case 'SESSION_SCHEDULED':
    case 'HEARING_SCHEDULED': {
      const hearing = notice.kind === 'HEARING_SCHEDULED';
      const [zhWhat, enWhat] = hearing ? ['仲裁开庭', 'The arbitration hearing'] : ['调解会议', 'A mediation session'];
      const at = beijingTime(notice.startsAt);
      const online = notice.mode === 'ONLINE';
      const zhWhere = online ? `在线进行，会议链接：${notice.link ?? '（请登录平台查看）'}` : `在 ${notice.place ?? '（请登录平台查看）'} 现场进行`;
      const enWhere = online ? `online, at ${notice.link ?? '(see the platform)'}` : `in person, at ${notice.place ?? '(see the platform)'}`;
      return {
        subject: hearing ? ['开庭通知', 'hearing scheduled'] : ['调解会议通知', 'mediation session scheduled'],
        zh: [`案件 ${cn} 的${zhWhat}定于 ${at}（北京时间）${zhWhere}。`, '请准时参加，并备好身份证件以便核验身份。'],
        en: [`${enWhat} of case ${cn} is scheduled for ${at} Beijing time, ${enWhere}.`, 'Please be on time and have your identity document ready for the identity check.'],
      };
    }
    case 'OFFER_RECEIVED': {
      const until = notice.expiresAt ? beijingTime(notice.expiresAt) : undefined;
      return {
        subject: ['收到和解方案', 'settlement offer received'],
        zh: [`案件 ${cn} 中有一项新的和解方案待您答复${until ? `，有效期至 ${until}（北京时间）` : ''}。请登录平台查看，选择接受或拒绝；您也可以提出新的方案。`],
        en: [`A new settlement offer in case ${cn} awaits your answer${until ? `; it is open until ${until} Beijing time` : ''}. Sign in to read it and accept or reject it; you may also make a counter-offer.`],
      };
    }
    case 'AGREEMENT_READY':
      return {
        subject: ['调解协议待签署', 'agreement ready to sign'],
        zh: [`案件 ${cn} 的调解协议已起草。请登录平台核对协议全文后签署。协议自各方当事人及调解员全部签署时生效。`],
        en: [`The settlement agreement of case ${cn} is ready. Please sign in, read the full text and sign it. It takes effect once both parties and the mediator have signed.`],
      };
    case 'SETTLEMENT_IN_EFFECT': {
      const zh = [`案件 ${cn} 的调解协议已于 ${notice.effectiveOn} 生效。`];
      const en = [`The settlement agreement of case ${cn} took effect on ${notice.effectiveOn}.`];
      if (recipient !== 'MEDIATOR') {
        zh.push(`双方可在 ${notice.applyBy} 前共同向人民法院申请司法确认；经确认的协议具有强制执行力。请按协议约定的期限履行义务。`);
        en.push(`Both parties may jointly apply to a people's court for judicial confirmation by ${notice.applyBy}; a confirmed agreement can be enforced. Please perform your obligations by the agreed dates.`);
      }
      return { subject: ['调解协议已生效', 'settlement in effect'], zh, en };
    }
    case 'CONFIRMATION_REQUESTED':
      return {
        subject: ['司法确认申请', 'application for judicial confirmation'],
        zh: [`案件 ${cn} 的双方当事人已共同向贵院申请司法确认调解协议。请登录平台审查申请并决定是否受理。`],
        en: [`Both parties of case ${cn} have jointly applied to your court for judicial confirmation of their settlement agreement. Please sign in to review the application and decide whether to accept it.`],
      };
    case 'COURT_RULING':
      if (notice.confirmed) {
        const no = notice.rulingNumber;
        return {
          subject: ['法院已确认调解协议', 'agreement confirmed by the court'],
          zh: [`人民法院已裁定确认案件 ${cn} 的调解协议有效${no ? `（裁定书编号：${no}）` : ''}。一方拒绝履行或未全部履行的，对方可以向人民法院申请强制执行。`],
          en: [`The court has confirmed the settlement agreement of case ${cn}${no ? ` (ruling no. ${no})` : ''}. If a party does not perform in full, the other may apply to the court for enforcement.`],
        };
      }
      return {
        subject: ['法院未确认调解协议', 'confirmation refused by the court'],
        zh: [`人民法院裁定驳回案件 ${cn} 的司法确认申请。当事人可以通过调解方式变更原协议或达成新的调解协议，也可以申请仲裁或向人民法院提起诉讼。`],
        en: [`The court refused to confirm the settlement agreement of case ${cn}. The parties may mediate again to amend it or reach a new agreement, or turn to arbitration or the courts.`],
      };
    case 'ARBITRATOR_APPOINTED':
      return {
        subject: ['仲裁员指定通知', 'appointed as arbitrator'],
        zh: [`您已被指定为案件 ${cn} 的仲裁员。请登录平台查阅仲裁协议及案件材料。`],
        en: [`You have been appointed arbitrator in case ${cn}. Please sign in to read the arbitration agreement and the case file.`],
      };
    case 'AWARD_RENDERED':
      return {
        subject: ['仲裁裁决已作出', 'arbitral award rendered'],
        zh: [`案件 ${cn} 的仲裁裁决已作出。裁决为终局裁决，自作出之日起发生法律效力。请登录平台查看裁决书，登记收到日期，并按裁决履行。`],
        en: [`The arbitral award in case ${cn} has been rendered. It is final and binding from the day it is made. Please sign in to read it, record the date you received it, and perform as it requires.`],
      };
    case 'OBLIGATION_OVERDUE': {
      const [zhWhat, enWhat] = obligationText(notice.obligation);
      const due = notice.obligation.dueDate;
      if (sideOf(recipient) === notice.debtor) {
        return {
          subject: ['义务履行已逾期', 'obligation overdue'],
          zh: [`案件 ${cn} 中您方应于 ${due} 前履行的义务（${zhWhat}）已逾期。请尽快履行，并在平台登记履行情况。`],
          en: [`Your obligation in case ${cn} (${enWhat}), due on ${due}, is overdue. Please perform it as soon as possible and record it on the platform.`],
        };
      }
      return {
        subject: ['对方义务履行已逾期', "other party's obligation overdue"],
        zh: [`案件 ${cn} 中对方应于 ${due} 前履行的义务（${zhWhat}）已逾期。调解协议经司法确认或义务来自仲裁裁决的，您可以依法申请强制执行。`],
        en: [`The other party's obligation in case ${cn} (${enWhat}), due on ${due}, is overdue. If the agreement was confirmed by a court, or the obligation comes from an arbitral award, you may apply for enforcement.`],
      };
    }
    case 'LEGAL_AID_APPLIED':
      return {
        subject: [notice.urgent ? '紧急法律援助申请' : '法律援助申请', notice.urgent ? 'urgent legal-aid application' : 'legal-aid application'],
        zh: [`案件 ${cn} 的当事人申请法律援助${notice.urgent ? '（紧急：相关期限将在 7 日内届满，可先行提供法律援助）' : ''}。请在审查期限内登录平台作出决定。`],
        en: [`A legal-aid application has been made in case ${cn}${notice.urgent ? ' (urgent: a deadline ends within 7 days, so aid may be granted first)' : ''}. Please sign in and decide within the decision period.`],
      };
    case 'LEGAL_AID_DECIDED':
      return notice.granted
        ? {
            subject: ['法律援助申请已获批准', 'legal aid granted'],
            zh: [`您在案件 ${cn} 中的法律援助申请已获批准，法律援助机构将为您指派律师。`],
            en: [`Your legal-aid application in case ${cn} has been granted. The legal-aid agency will assign you a lawyer.`],
          }
        : {
            subject: ['法律援助申请未获批准', 'legal aid not granted'],
            zh: [`您在案件 ${cn} 中的法律援助申请未获批准。登录平台可查看理由。`],
            en: [`Your legal-aid application in case ${cn} was not granted. Sign in to read the reason.`],
          };
    case 'LEGAL_AID_LAWYER_ASSIGNED':
      if (recipient === 'CLAIMANT_LAWYER') {
        return {
          subject: ['法律援助指派通知', 'legal-aid assignment'],
          zh: [`您已被指派为案件 ${cn} 当事人的法律援助律师。请登录平台查阅案件。`],
          en: [`You have been assigned as legal-aid lawyer of the consumer in case ${cn}. Please sign in to read the case.`],
        };
      }
      return {
        subject: ['已指派法律援助律师', 'legal-aid lawyer assigned'],
        zh: [`法律援助律师 ${notice.lawyerName} 已被指派代理您的案件 ${cn}。`],
        en: [`The legal-aid lawyer ${notice.lawyerName} has been assigned to act for you in case ${cn}.`],
      };
    case 'TYPICAL_CASE_PROPOSED':
      return {
        subject: ['典型案例公开征求意见', 'your consent to publish a typical case'],
        zh: [
          `调解员提议将已结案的案件 ${cn} 作为典型案例公开。公开文本已去除姓名、电话、证件号、住址和具体日期，证据不公开。`,
          '须经双方当事人同意方可公开（《医疗纠纷预防和处理条例》第四十二条）。请登录平台查看拟公开的文本，并答复是否同意。',
        ],
        en: [
          `The mediator proposes to publish the closed case ${cn} as a typical case. The public text leaves out names, phone and ID numbers, addresses and exact days; evidence is never published.`,
          'It is published only if both parties consent (Regulation on Medical Disputes, Art. 42). Please sign in to read the text and answer whether you consent.',
        ],
      };
    case 'TYPICAL_CASE_PUBLISHED':
      return {
        subject: ['典型案例已公开', 'typical case published'],
        zh: [
          `经双方当事人同意，案件 ${cn} 已作为典型案例脱敏公开。`,
          ...(recipient === 'MEDIATOR' ? [] : ['您可随时登录平台撤回同意，案例将随即撤下。']),
        ],
        en: [
          `With both parties' consent, case ${cn} has been published, de-identified, as a typical case.`,
          ...(recipient === 'MEDIATOR' ? [] : ['You may withdraw your consent on the platform at any time; the case is then taken down at once.']),
        ],
      };
    case 'CONFIRMATION_WINDOW_CLOSING': {
      const [zhBy, enBy] = endOfDay(notice.lastDay);
      return {
        subject: ['司法确认申请期限即将届满', 'confirmation window closing'],
        zh: [`提醒：案件 ${cn} 的调解协议申请司法确认的期限将于 ${zhBy}届满。如需申请，双方须在此之前各自在平台提交申请，并选择同一人民法院。`],
        en: [`Reminder: the period to apply for judicial confirmation of the settlement agreement in case ${cn} ends at ${enBy}. To apply, both parties must each apply on the platform before then, naming the same court.`],
      };
    }
    case 'OBLIGATION_DUE': {
      const [zhWhat, enWhat] = obligationText(notice.obligation);
      const [zhBy, enBy] = endOfDay(notice.obligation.dueDate);
      return {
        subject: ['义务即将到期', 'obligation due'],
        zh: [`提醒：案件 ${cn} 中您方的义务（${zhWhat}）应于 ${zhBy}前履行。履行后请在平台登记。`],
        en: [`Reminder: your obligation in case ${cn} (${enWhat}) is due by ${enBy}. Please record it on the platform once performed.`],
      };
    }
    case 'DEADLINE_REMINDER': {
      const [zhName, enName] = DEADLINE[notice.deadline] ?? [notice.deadline, notice.deadline];
      const [zhBy, enBy] = endOfDay(notice.lastDay);
      return {
        subject: [`期限提醒：${zhName}`, `deadline reminder: ${enName}`],
        zh: [`提醒：案件 ${cn} 的「${zhName}」期限将于 ${zhBy}届满。请及时登录平台处理。`],
        en: [`Reminder: the deadline for the ${enName} in case ${cn} ends at ${enBy}. Please sign in and act in time.`],
      };
    }
  }
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The whole message: subject in both languages, the Chinese text, then the English. */
export function renderNotice(notice: Notice, ref: CaseRef, recipient: Relation, publicUrl: string): MailContent {
  const b = body(notice, ref.caseNumber, recipient);
  const link = `${publicUrl.replace(/\/+$/, '')}/disputes/${encodeURIComponent(ref.disputeId)}`;
  const zh = ['您好：', ...b.zh, `查看案件：${link}`, '此邮件由医美纠纷调解平台自动发送，请勿直接回复。'];
  const en = ['Hello,', ...b.en, `View the case: ${link}`, 'This message was sent automatically by the mediation platform; please do not reply.'];
  const subject = `【医美纠纷调解】${b.subject[0]}（案件 ${ref.caseNumber}）/ ${capitalize(b.subject[1])} (case ${ref.caseNumber})`;
  const paragraphs = (lines: string[]) => lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n');
  const html = `<!doctype html>
<html><body>
<div lang="zh-CN">
${paragraphs(zh)}
</div>
<hr>
<div lang="en">
${paragraphs(en)}
</div>
</body></html>
`;
  return { subject, text: `${zh.join('\n\n')}\n\n——\n\n${en.join('\n\n')}\n`, html };
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
