/** The names of the API's codes in Chinese and English, as people of each role say them. */
export type Pair = readonly [zh: string, en: string];
type Labels = Record<string, Pair>;

export const STATUS: Labels = {
  SUBMITTED: ['待受理', 'Awaiting review'],
  AWAITING_INFORMATION: ['待补充材料', 'Awaiting information'],
  REJECTED: ['不予受理', 'Rejected'],
  ACCEPTED: ['已受理', 'Accepted'],
  IN_MEDIATION: ['调解中', 'In mediation'],
  AGREEMENT_DRAFTED: ['调解协议待签署', 'Agreement awaiting signatures'],
  SETTLED: ['调解成功', 'Settled'],
  CONFIRMATION_REQUESTED: ['司法确认审查中', 'Judicial confirmation requested'],
  CONFIRMED: ['已司法确认', 'Judicially confirmed'],
  CONFIRMATION_REFUSED: ['司法确认被驳回', 'Confirmation refused'],
  MEDIATION_FAILED: ['调解不成', 'Mediation failed'],
  IN_ARBITRATION: ['仲裁中', 'In arbitration'],
  AWARDED: ['已裁决', 'Award rendered'],
  CLOSED: ['已结案', 'Closed'],
  WITHDRAWN: ['已撤回', 'Withdrawn'],
};

export const CATEGORY: Labels = {
  UNLICENSED_INSTITUTION: ['无医疗机构执业许可', 'Unlicensed institution'],
  UNQUALIFIED_PRACTITIONER: ['非医师或无美容主诊资质', 'Unqualified practitioner'],
  UNAPPROVED_PRODUCT: ['使用未经批准的药品或器械', 'Unapproved drug or device'],
  FALSE_ADVERTISING: ['虚假宣传', 'False advertising'],
  INDUCED_CONSUMPTION: ['诱导消费、美容贷', 'Induced consumption, beauty loans'],
  NO_INFORMED_CONSENT: ['未履行告知同意', 'No informed consent'],
  MEDICAL_INJURY: ['医疗损害（并发症、感染、毁容）', 'Medical injury'],
  UNSATISFACTORY_RESULT: ['效果不满意', 'Unsatisfactory result'],
  PRICE_FRAUD: ['价格欺诈、乱收费', 'Price fraud, hidden charges'],
  POOR_AFTERCARE: ['术后护理不当', 'Poor aftercare'],
  OTHER: ['其他', 'Other'],
};

export const REMEDY: Labels = {
  REFUND: ['退款', 'Refund'],
  COMPENSATION: ['赔偿', 'Compensation'],
  CORRECTIVE_TREATMENT: ['修复治疗', 'Corrective treatment'],
  APOLOGY: ['赔礼道歉', 'Apology'],
  OTHER: ['其他', 'Other'],
};

export const PROCEDURE: Labels = {
  MEDICAL_DISPUTE_MEDIATION: ['医疗纠纷人民调解', 'Medical-dispute mediation'],
  CONSUMER_COMPLAINT_MEDIATION: ['消费投诉调解', 'Consumer-complaint mediation'],
};

export const REJECTION: Labels = {
  OUT_OF_SCOPE: ['不属于受理范围', 'Out of scope'],
  ALREADY_BEFORE_COURT_OR_ARBITRATION: ['已起诉或申请仲裁', 'Already before a court or arbitration'],
  TIME_BARRED: ['超过时效', 'Time-barred'],
  INSUFFICIENT_MATERIALS: ['材料不足', 'Insufficient materials'],
  NO_DISPUTE: ['不存在纠纷', 'No dispute'],
  OTHER: ['其他', 'Other'],
};

export const AUTHORITY: Labels = {
  HEALTH: ['卫生健康委员会', 'Health commission'],
  MARKET_REGULATION: ['市场监督管理局', 'Market regulation bureau'],
  PUBLIC_SECURITY: ['公安机关', 'Public security'],
  PROCURATORATE: ['人民检察院', 'Procuratorate'],
};

export const MODE: Labels = { ONLINE: ['线上视频', 'Online'], IN_PERSON: ['现场', 'In person'] };

export const END_REASON: Labels = {
  NO_AGREEMENT: ['未能达成协议', 'No agreement'],
  PARTY_REFUSED: ['一方拒绝继续调解', 'A party refused'],
  PARTY_ABSENT: ['一方无故缺席', 'A party was absent'],
  PARTY_DECLARED_IMPOSSIBLE: ['一方表示无法调解', 'A party declared it impossible'],
  DEADLINE_PASSED: ['调解期限届满', 'Deadline passed'],
  OTHER: ['其他', 'Other'],
};

export const REFUSAL_GROUND: Labels = {
  VIOLATES_MANDATORY_LAW: ['违反法律强制性规定', 'Violates mandatory law'],
  HARMS_THIRD_PARTIES_OR_PUBLIC: ['损害国家、社会公共利益或他人合法权益', 'Harms the public or third parties'],
  AGAINST_PUBLIC_ORDER: ['违背公序良俗', 'Against public order'],
  NOT_VOLUNTARY: ['违背当事人真实意思', 'Not voluntary'],
  CONTENT_UNCLEAR: ['内容不明确', 'Content unclear'],
  OTHER: ['其他', 'Other'],
};

export const OUTCOME: Labels = {
  FULFILLED: ['履行完毕', 'Fulfilled'],
  REFERRED_FOR_ENFORCEMENT: ['转强制执行', 'Referred for enforcement'],
  REFERRED_TO_LITIGATION: ['转诉讼', 'Referred to litigation'],
  ABANDONED: ['当事人放弃', 'Abandoned'],
};

export const SIDE: Labels = {
  CLAIMANT: ['投诉人', 'Claimant'],
  RESPONDENT: ['被投诉机构', 'Respondent'],
  MEDIATOR: ['调解员', 'Mediator'],
};

export const OFFER_STATUS: Labels = {
  OPEN: ['待答复', 'Open'],
  ACCEPTED: ['已接受', 'Accepted'],
  REJECTED: ['已拒绝', 'Rejected'],
  WITHDRAWN: ['已撤回', 'Withdrawn'],
  EXPIRED: ['已过期', 'Expired'],
};

export const OBLIGATION_STATUS: Labels = {
  PENDING: ['待履行', 'Pending'],
  OVERDUE: ['已逾期', 'Overdue'],
  PERFORMED: ['义务方已履行，待确认', 'Performed, awaiting confirmation'],
  FULFILLED: ['已确认履行', 'Fulfilled'],
};

export const CONFIRMATION_STATUS: Labels = {
  APPLYING: ['申请中', 'Applying'],
  REQUESTED: ['已共同申请', 'Requested'],
  ACCEPTED: ['法院已受理', 'Accepted by the court'],
  CONFIRMED: ['裁定确认有效', 'Confirmed'],
  REFUSED: ['裁定驳回', 'Refused'],
};

export const LEGAL_AID_STATUS: Labels = { APPLIED: ['待审查', 'Applied'], GRANTED: ['给予援助', 'Granted'], DENIED: ['不予援助', 'Denied'] };

export const EVIDENCE_KIND: Labels = {
  PHOTO: ['照片', 'Photo'],
  CHAT_RECORD: ['聊天记录', 'Chat record'],
  CONTRACT: ['合同', 'Contract'],
  INVOICE: ['发票或付款凭证', 'Invoice or payment proof'],
  MEDICAL_RECORD: ['病历', 'Medical record'],
  ADVERTISEMENT: ['广告宣传', 'Advertisement'],
  VIDEO: ['视频', 'Video'],
  AUDIO: ['录音', 'Audio'],
  OTHER: ['其他', 'Other'],
};

export const DEADLINE: Labels = {
  INTAKE_ACCEPTANCE: ['受理审查期限', 'Decision on acceptance'],
  RESPONDENT_ANSWER: ['被投诉方答复是否同意调解', 'Respondent’s answer to the invitation'],
  MEDIATION_LIMIT_MEDICAL: ['调解期限（医疗纠纷）', 'Mediation time limit (medical)'],
  MEDIATION_LIMIT_CONSUMER: ['调解期限（消费投诉）', 'Mediation time limit (consumer)'],
  TERMINATION_NOTICE: ['终止调解告知', 'Notice of termination'],
  JC_APPLY_WINDOW: ['申请司法确认期限', 'Apply for judicial confirmation'],
  JC_ACCEPT_DECISION: ['法院决定是否受理', 'Court decides on acceptance'],
  JC_DECISION: ['法院作出裁定', 'Court ruling'],
  JC_OBJECTION: ['对裁定提出异议', 'Objection to the ruling'],
  ENFORCEMENT_APPLY: ['申请强制执行期限', 'Apply for enforcement'],
  AWARD_SET_ASIDE: ['申请撤销仲裁裁决期限', 'Apply to set the award aside'],
  LEGAL_AID_DECISION: ['法律援助审查决定', 'Legal-aid decision'],
  LEGAL_AID_ASSIGN: ['指派法律援助律师', 'Assign a legal-aid lawyer'],
  ONLINE_MEDIATOR_ACCEPT: ['调解员确认接案', 'Mediator confirms the case'],
  OBLIGATION_DUE: ['履行期限', 'Obligation due'],
};

export const ROLE: Labels = {
  CONSUMER: ['消费者', 'Consumer'],
  RESPONDENT: ['医疗美容机构', 'Clinic'],
  INTAKE_OFFICER: ['受理专员', 'Intake officer'],
  MEDIATOR: ['调解员', 'Mediator'],
  ARBITRATOR: ['仲裁员', 'Arbitrator'],
  LEGAL_AID_LAWYER: ['法律援助律师', 'Legal-aid lawyer'],
  COURT: ['法院', 'Court'],
  REGULATOR: ['监管部门', 'Regulator'],
  ADMIN: ['平台管理员', 'Administrator'],
  SYSTEM: ['平台', 'Platform'],
};

/** What of a person's data was read (personalDataAccessLog.field). */
export const ACCESSED_FIELD: Labels = {
  'claimant.phone': ['手机号码', 'Phone number'],
  'claimant.idNumber': ['身份证号码', 'Resident ID number'],
  'claimant.address': ['地址', 'Address'],
  'account.email': ['电子邮箱', 'E-mail address'],
  'evidence.description': ['证据说明', 'Evidence description'],
  'evidence.fileName': ['证据文件名', 'Evidence file name'],
  'evidence.file': ['证据文件（下载）', 'Evidence file (download)'],
  bundle: ['案件材料汇编', 'Case bundle'],
};

/** How the read reached the platform (personalDataAccessLog.channel). */
export const ACCESS_CHANNEL: Labels = {
  GRAPHQL: ['查看案件', 'Case page'],
  EVIDENCE_DOWNLOAD: ['下载证据', 'Evidence download'],
  BUNDLE: ['生成材料汇编', 'Case bundle'],
  EXPORT: ['数据导出', 'Data export'],
};

/** Every code above, for turning the codes inside a timeline line into words. */
export const ALL_CODES: Labels = {
  ...ROLE, ...EVIDENCE_KIND, ...OUTCOME, ...END_REASON, ...REJECTION, ...AUTHORITY, ...PROCEDURE, ...SIDE, ...STATUS,
};

export const DAMAGES_HEAD: Labels = {
  medicalExpenses: ['医疗费', 'Medical expenses'],
  nursing: ['护理费', 'Nursing'],
  transport: ['交通费', 'Transport'],
  lodging: ['住宿费', 'Lodging'],
  mealsAndNutrition: ['住院伙食补助费与营养费', 'Meals and nutrition'],
  lostIncome: ['误工费', 'Lost income'],
  assistiveDevices: ['残疾辅助器具费', 'Assistive devices'],
  disabilityCompensation: ['残疾赔偿金', 'Disability compensation'],
  mentalDistress: ['精神损害抚慰金', 'Mental distress'],
  fraudCompensation: ['欺诈惩罚性赔偿（退一赔三）', 'Fraud: three times the price'],
  punitiveDamages: ['惩罚性赔偿（明知缺陷致严重损害）', 'Punitive damages'],
};

/** The abbreviations of RULES.md, as the laws are named in Chinese. */
const LAWS: Record<string, string> = {
  'SPC personal-injury interpretation 2022': '《最高人民法院关于审理人身损害赔偿案件适用法律若干问题的解释》（2022）',
  'SPC 2011 provisions': '《最高人民法院关于人民调解协议司法确认程序的若干规定》',
  'SPC limitation provisions': '《最高人民法院关于审理民事案件适用诉讼时效制度若干问题的规定》',
  'CPL Interpretation': '《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》',
  'AL (2017)': '《仲裁法》（2017）',
  'AL (2025)': '《仲裁法》（2025）',
  CRPL: '《消费者权益保护法》',
  CPL: '《民事诉讼法》',
  PML: '《人民调解法》',
  MDR: '《医疗纠纷预防和处理条例》',
  SAMR: '《市场监督管理投诉举报处理暂行办法》',
  LAL: '《法律援助法》',
  OMR: '《人民法院在线调解规则》',
  CC: '《民法典》',
  AL: '《仲裁法》',
};
const PHRASES: Record<string, string> = {
  'settlement agreement': '调解协议',
  'arbitral award': '仲裁裁决',
  configurable: '可配置',
  'no mediation against a refusal': '一方拒绝即不得调解',
};

/** "55(1)" → 第55条第1款; "10, 11" → 第10条、第11条. */
const articles = (refs: string) =>
  refs
    .split(/,\s*/)
    .map((ref) => {
      const m = /^(\d+)(?:\((\d+)\))?$/.exec(ref.trim());
      return m ? `第${m[1]}条${m[2] ? `第${m[2]}款` : ''}` : ref;
    })
    .join('、');

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const CITATION = new RegExp(`(${Object.keys(LAWS).map(escape).join('|')}) Art\\. (\\d+(?:\\(\\d+\\))?(?:, \\d+(?:\\(\\d+\\))?)*)`, 'g');

/** A source or basis of RULES.md ("CRPL Art. 49; CC Art. 1179") as a Chinese lawyer cites it. */
export function basisText(basis: string, lang: 'zh-CN' | 'en'): string {
  if (lang === 'en') return basis;
  let text = basis.replace(CITATION, (_, law: string, refs: string) => `${LAWS[law]}${articles(refs)}`);
  for (const [en, zh] of Object.entries(PHRASES)) text = text.replaceAll(en, zh);
  return text.replace(/; /g, '；').replace(/ \(/g, '（').replace(/\)$/g, '）');
}
