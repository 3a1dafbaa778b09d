/**
 * De-identification of a typical case's text (典型案例脱敏), pure: what the public may read of a
 * dispute the parties agreed to publish (MDR Art. 42; CC Art. 1038: processed so that no person can
 * be identified). Removed: the people's names (those the dispute knows, and names the text marks by
 * an honorific, 某, a role or a label), phone numbers, resident ID numbers, bank card numbers, credit
 * codes, e-mail addresses, street addresses (province and city stay), the respondent institution
 * (anonymised as 某医疗美容机构: a typical case teaches, the institution's public record is where
 * confirmed violations are named); exact dates become their month. Amounts stay as written.
 *
 * Every replacement first becomes a private-use placeholder, so that no later step reads a
 * replacement as text (张女士 → 某女士 must not meet the surname rule again); they are spelled out last.
 */
import areas from 'china-area-data/data.json' with { type: 'json' };

/** What the dispute itself knows to be identifying. */
export interface KnownIdentifiers {
  /** People of the dispute: the claimant, mediators, the lawyer, arbitrators. */
  personNames: string[];
  /** The respondent institution (and any other the case names): name, credit code, licence. */
  institutions: Array<{ name: string; code?: string; licence?: string }>;
  /** Other literal identifiers given in the case: phone numbers, ID numbers, addresses. */
  phones: string[];
  idNumbers: string[];
  addresses: string[];
  /** File names of the evidence: evidence is never published, not even by name. */
  files: string[];
}

export const NO_KNOWN_IDENTIFIERS: KnownIdentifiers = { personNames: [], institutions: [], phones: [], idNumbers: [], addresses: [], files: [] };

/** How each removed thing reads in the published text. */
export const PLACEHOLDERS = {
  PERSON: '某某',
  /** A person named by surname and honorific keeps the honorific: 张女士 → 某女士. */
  PERSON_PREFIX: '某',
  INSTITUTION: '某医疗美容机构',
  PHONE: '［电话已隐去］',
  ID_NUMBER: '［证件号已隐去］',
  ACCOUNT: '［账号已隐去］',
  CREDIT_CODE: '［机构代码已隐去］',
  EMAIL: '［邮箱已隐去］',
  ADDRESS: '［地址已隐去］',
  FILE: '［材料已隐去］',
} as const;

// Placeholders while the pipeline runs: private-use characters no input contains (they are removed first).
const MARK = {
  PERSON: '\uE000',
  PERSON_PREFIX: '\uE001',
  INSTITUTION: '\uE002',
  PHONE: '\uE003',
  ID_NUMBER: '\uE004',
  ACCOUNT: '\uE005',
  CREDIT_CODE: '\uE006',
  EMAIL: '\uE007',
  ADDRESS: '\uE008',
  FILE: '\uE009',
} as const satisfies Record<keyof typeof PLACEHOLDERS, string>;
const PRIVATE_USE = /[\uE000-\uF8FF]/g;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Longest first, so that an alternation prefers 欧阳 to 欧, 深圳市 to 深圳. */
const alternation = (words: Iterable<string>) => [...new Set(words)].filter(Boolean).sort((a, b) => b.length - a.length).map(escape).join('|');
const HAN = '\\u4e00-\\u9fa5';

// ── Names ────────────────────────────────────────────────────────────────────────────────────────

/**
 * Common surnames (most frequent single ones and the usual compound ones). Left out: characters that
 * are far more often a word than a surname before an honorific or after a role (于 和 向 任 容 常 成
 * 时 全 安 明 同 应 从 将), which would cut ordinary prose.
 */
export const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高',
  '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '袁', '潘', '蒋', '蔡', '余',
  '杜', '叶', '程', '苏', '魏', '吕', '丁', '沈', '姚', '卢', '姜', '崔', '钟', '谭', '陆', '汪', '范', '金', '石', '廖',
  '贾', '夏', '韦', '付', '傅', '方', '白', '邹', '孟', '熊', '秦', '邱', '江', '尹', '薛', '闫', '段', '雷', '侯', '龙',
  '史', '陶', '黎', '贺', '顾', '毛', '郝', '龚', '邵', '万', '钱', '严', '覃', '武', '戴', '莫', '孔', '汤', '庞', '殷',
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '慕容', '令狐', '夏侯', '尉迟',
] as const;

/** Words that follow a surname character without being a name (马上, 方案, 高兴 ...). */
const NOT_NAMES = new Set([
  '马上', '方案', '方面', '方式', '方法', '方便', '高兴', '高度', '高额', '高价', '白天', '金额', '石膏', '江湖', '龙头', '黄金',
  '周期', '周围', '周末', '周岁', '许多', '何时', '余额', '余款', '程度', '程序', '万元', '钱款', '严重', '严格', '武断', '段时',
  '陆续', '孔洞', '汤药', '史上', '毛孔', '林立', '罗列', '杨梅', '宋体', '丁点', '秦朝', '熊猫', '苏醒', '雷同', '段落',
]);

const HONORIFICS = ['女士', '先生', '小姐', '医生', '医师', '大夫', '院长', '主任', '经理', '店长', '护士', '律师', '老师', '教授', '阿姨'];
/** Words after which a name follows: 患者张三, 主治医生李建国, 姓名：王五. */
const ROLE_CUES = [
  '消费者', '患者', '求美者', '顾客', '客户', '申请人', '被申请人', '投诉人', '被投诉人', '当事人', '受害人',
  '主治医生', '主刀医生', '医生', '医师', '护士', '咨询师', '美容师', '经理', '院长', '店长', '负责人', '法定代表人', '法人代表',
  '代理人', '律师', '调解员', '仲裁员', '法官', '丈夫', '妻子', '女儿', '儿子', '母亲', '父亲', '朋友', '同事',
  '我叫', '名叫', '名为', '姓名：', '姓名:', '姓名',
];
/** After surname + one given character, these end the name (王明说 is 王明 saying). */
const AFTER_NAME = new Set([...'说称讲表示告知在的了和与向对给被把是要也都就等于及并因从到已曾又还却便再才将会能可应主认同拒承未没不很当来去作做让使请希觉证陪帮带']);

const SURNAME_RE = alternation(SURNAMES);

/** 张女士 → 某女士, 李某某 / 李某 → 某某. */
const HONORIFIC_NAME = new RegExp(`(${SURNAME_RE})(${alternation(HONORIFICS)})`, 'g');
const SOU_NAME = new RegExp(`(${SURNAME_RE})某{1,2}(?!医疗|机构|诊所|医院|处|地|日|月|年|些|种|天|次|项|方|个|位|时)`, 'g');
/** A role, then surname and one or two given characters. */
const CUED_NAME = new RegExp(`(${alternation(ROLE_CUES)})\\s?(${SURNAME_RE})([${HAN}])([${HAN}])?`, 'g');

function replaceNames(text: string, known: string[]): string {
  let out = text;
  // The dispute's own people first, full names anywhere (they need no cue).
  const names = known.map((n) => n.trim()).filter((n) => [...n].length >= 2);
  if (names.length > 0) out = out.replace(new RegExp(alternation(names), 'g'), MARK.PERSON);
  out = out.replace(CUED_NAME, (match, cue: string, surname: string, first: string, second: string | undefined) => {
    if (NOT_NAMES.has(surname + first)) return match;
    // 王明说: one given character, then a word that ends the name.
    const twoGiven = second !== undefined && !AFTER_NAME.has(second);
    return `${cue}${MARK.PERSON}${twoGiven || second === undefined ? '' : second}`;
  });
  out = out.replace(HONORIFIC_NAME, (_, __, honorific: string) => `${MARK.PERSON_PREFIX}${honorific}`);
  out = out.replace(SOU_NAME, MARK.PERSON);
  return out;
}

// ── Institutions ─────────────────────────────────────────────────────────────────────────────────

const INSTITUTION_SUFFIXES = [
  '医疗美容诊所', '医疗美容门诊部', '医疗美容医院', '医疗美容中心', '医疗美容', '医美诊所', '医美中心', '医美机构', '医美',
  '整形外科医院', '整形美容医院', '整形医院', '整形', '美容医院', '美容院', '美容', '诊所', '门诊部', '门诊', '医院', '中心',
  '机构', '有限责任公司', '股份有限公司', '有限公司', '公司',
];
const SUFFIX_RE = alternation(INSTITUTION_SUFFIXES);

/** 深圳市美丽医疗美容诊所有限公司 → 美丽: the distinctive part of an institution's name. */
function institutionStem(name: string): string {
  let stem = name.replace(/[（(][^）)]*[）)]/g, '').trim();
  for (let i = 0; i < 3; i++) stem = stem.replace(new RegExp(`(?:${SUFFIX_RE})$`), '');
  stem = stem.replace(LEADING_UNITS, '');
  return stem;
}

function replaceInstitutions(text: string, institutions: KnownIdentifiers['institutions']): string {
  let out = text;
  for (const { code, licence } of institutions) {
    for (const literal of [code, licence]) if (literal && literal.trim()) out = out.split(literal.trim()).join(MARK.CREDIT_CODE);
  }
  const full = institutions.map((i) => i.name.trim()).filter(Boolean);
  if (full.length > 0) out = out.replace(new RegExp(alternation(full), 'g'), MARK.INSTITUTION);
  for (const { name } of institutions) {
    const stem = institutionStem(name);
    if ([...stem].length < 2) continue;
    // The stem with an institution word after it (美丽诊所, 美丽医美); alone only when it is no common word (3+ characters).
    const pattern = [...stem].length >= 3 ? `${escape(stem)}(?:${SUFFIX_RE})*` : `${escape(stem)}(?:${SUFFIX_RE})+`;
    out = out.replace(new RegExp(`(?:${ADMIN_RE})*${pattern}`, 'g'), MARK.INSTITUTION);
  }
  return out;
}

// ── Numbers: e-mail, ID, card, credit code, phone ──────────────────────────────────────────────────

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
/** 18 digits (the last may be X), also written 6-8-4; or the old 15 digits. */
const ID_18 = /(?<![0-9A-Za-z])\d{6}[\s-]?(?:19|20)\d{2}[01]\d[0-3]\d[\s-]?\d{3}[\dXx](?![0-9A-Za-z])/g;
const ID_15 = /(?<![0-9A-Za-z])\d{15}(?![0-9A-Za-z])/g;
/** Bank cards: 16–19 digits, also in groups of four. */
const CARD = /(?<!\d)(?:\d{4}[\s-]){3}\d{4}(?:[\s-]?\d{1,3})?(?!\d)|(?<!\d)\d{16,19}(?!\d)/g;
/** Unified social credit codes (GB 32100): 18 characters with at least one letter. */
const CREDIT_CODE = /(?<![0-9A-Z])(?=[0-9A-Z]{0,17}[A-Z])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Z])/g;
/** Mainland mobile, with +86 and spaces or dashes as people write them. */
const MOBILE = /(?<![\d+])(?:(?:\+|00)?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}(?!\d)/g;
/** Landline with area code: 0755-12345678, (010) 8765 4321, 020 12345678 转 123; and 400/800 numbers. */
const LANDLINE = /(?<!\d)(?:[(（]0\d{2,3}[)）]\s?|0\d{2,3}[\s-]?)\d{3,4}[\s-]?\d{4}(?:\s?(?:转|-|ext\.?)\s?\d{1,5})?(?!\d)/g;
const SERVICE_NUMBER = /(?<!\d)[48]00[\s-]?\d{3}[\s-]?\d{4}(?!\d)/g;

function replaceNumbers(text: string, known: KnownIdentifiers): string {
  let out = text.replace(EMAIL, MARK.EMAIL);
  for (const id of known.idNumbers) if (id.trim()) out = out.split(id.trim()).join(MARK.ID_NUMBER);
  for (const phone of known.phones) if (phone.trim()) out = out.split(phone.trim()).join(MARK.PHONE);
  out = out.replace(ID_18, MARK.ID_NUMBER).replace(ID_15, MARK.ID_NUMBER);
  out = out.replace(CARD, MARK.ACCOUNT);
  out = out.replace(CREDIT_CODE, MARK.CREDIT_CODE);
  out = out.replace(MOBILE, MARK.PHONE).replace(SERVICE_NUMBER, MARK.PHONE).replace(LANDLINE, MARK.PHONE);
  return out;
}

// ── Dates: to the month ──────────────────────────────────────────────────────────────────────────

const CN_DIGIT = '〇零一二三四五六七八九';
const CN_NUMBER = '[一二三四五六七八九十]{1,3}';
const TIME = '(?:[T\\s]?\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?';
/** 2026年3月5日, 2026 年 03 月 05 号 */
const DATE_CN = /(\d{4})\s*年\s*0?(\d{1,2})\s*月\s*\d{1,2}\s*[日号](?:\s*\d{1,2}[:：]\d{2})?/g;
/** 2026-03-05, 2026/3/5, 2026.03.05, with a time or an ISO instant's. */
const DATE_NUMERIC = new RegExp(`(?<!\\d)(\\d{4})[-/.](\\d{1,2})[-/.]\\d{1,2}(?!\\d)${TIME}`, 'g');
/** 二〇二六年三月五日 */
const DATE_HAN = new RegExp(`([${CN_DIGIT}]{4})年(${CN_NUMBER})月(?:${CN_NUMBER})[日号]`, 'g');
/** 3月5日 without a year (the year may be said elsewhere). */
const DAY_OF_MONTH = /(?<!\d)0?(\d{1,2})\s*月\s*\d{1,2}\s*[日号]/g;
const DAY_OF_MONTH_HAN = new RegExp(`(${CN_NUMBER})月(?:${CN_NUMBER})[日号]`, 'g');

function reduceDates(text: string): string {
  const month = (m: string) => String(Number(m));
  return text
    .replace(DATE_CN, (_, y: string, m: string) => `${y}年${month(m)}月`)
    .replace(DATE_NUMERIC, (match, y: string, m: string) => (Number(m) >= 1 && Number(m) <= 12 ? `${y}年${month(m)}月` : match))
    .replace(DATE_HAN, (_, y: string, m: string) => `${y}年${m}月`)
    .replace(DAY_OF_MONTH, (_, m: string) => `${month(m)}月`)
    .replace(DAY_OF_MONTH_HAN, (_, m: string) => `${m}月`);
}

// ── Addresses ─────────────────────────────────────────────────────────────────────────────────────

type AreaData = Record<string, Record<string, string>>;
const AREAS = areas as AreaData;
const PROVINCES = Object.values(AREAS['86'] ?? {});
const CITIES = Object.keys(AREAS['86'] ?? {}).flatMap((code) => Object.values(AREAS[code] ?? {})).filter((n) => n !== '市辖区' && n !== '县');
const DISTRICTS = Object.entries(AREAS)
  .filter(([code]) => code !== '86' && !code.endsWith('0000'))
  .flatMap(([, children]) => Object.values(children))
  .filter((n) => n !== '市辖区');

const shortName = (name: string) => name.replace(/(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/, '');
/** Province and city names, full and short (广东省 广东, 深圳市 深圳): these stay in a published address. */
const KEPT_UNITS = new Set([...PROVINCES, ...CITIES, ...[...PROVINCES, ...CITIES].map(shortName).filter((n) => n.length >= 2)]);
/** Every administrative unit a written address may start with (GB/T 2260 via china-area-data). */
export const ADMIN_UNITS = [...new Set([...KEPT_UNITS, ...DISTRICTS])];
const ADMIN_RE = alternation(ADMIN_UNITS);
// Compiled once: the alternation holds some 3,800 names.
const ADMIN_UNIT = new RegExp(ADMIN_RE, 'g');
const LEADING_UNITS = new RegExp(`^(?:${ADMIN_RE})+`);
const unitsIn = (text: string) => text.match(ADMIN_UNIT) ?? [];

const NUM = '(?:\\d+|[一二三四五六七八九十百零〇]+)';
/** 福华路1号, 深南大道6001号, 人民南路三段12号之一, 幸福里5号 */
const STREET = `[${HAN}A-Za-z0-9]{1,6}?(?:大道|大街|路|街|巷|弄|胡同|里)(?:${NUM}(?:段|巷|弄))?${NUM}(?:号|弄)(?:之${NUM})?`;
/** 幸福花园3栋2单元501室, 阳光小区5号楼 */
const ESTATE = `[${HAN}]{2,8}?(?:小区|公寓|新村|大厦|大楼|广场|社区|中心|公馆|村|园|苑|城|府)`;
const UNIT = `(?:[\\s-]?${NUM}(?:栋|幢|座|号楼|单元|楼|层|室|户|号))`;
const TOWN = `(?:[${HAN}]{1,6}?(?:街道|镇|乡))`;
/** After a street number, whatever building names precede the units belongs to the address too. */
const DETAIL = `(?:${TOWN}?(?:${STREET}(?:[${HAN}A-Za-z]{0,10}?${UNIT}+)?|${ESTATE}${UNIT}+))`;
const ADDRESS = new RegExp(`((?:${ADMIN_RE})*)(${DETAIL})`, 'g');
/** Words a matched address may have swallowed from the sentence before it. */
const LEADING_WORDS = /^(?:家住在|家住|住在|居住在|住址为|住址|地址为|地址|位于|来自|前往|我在|在|于|到|从|住)/;

function maskAddress(text: string): string {
  return text.replace(ADDRESS, (_, chain: string, detail: string) => {
    const units = unitsIn(chain);
    const kept = units.filter((u) => KEPT_UNITS.has(u)).join('');
    // With no administrative unit before it, the match may have begun inside the sentence: keep those words.
    const lead = chain ? '' : (LEADING_WORDS.exec(detail)?.[0] ?? '');
    return `${lead}${kept}${MARK.ADDRESS}`;
  });
}

function replaceAddresses(text: string, known: string[]): string {
  let out = text;
  for (const address of known) {
    const literal = address.trim();
    if (!literal) continue;
    const units = literal.match(LEADING_UNITS)?.[0] ?? '';
    // A bare district ("深圳市福田区") is a place, not an address: only a street-level one is removed.
    if (units === literal) continue;
    const kept = unitsIn(units).filter((u) => KEPT_UNITS.has(u)).join('');
    out = out.split(literal).join(`${kept}${MARK.ADDRESS}`);
  }
  return maskAddress(out);
}

// ── The pipeline ─────────────────────────────────────────────────────────────────────────────────

const SPELLED = new Map<string, string>(Object.entries(MARK).map(([k, mark]) => [mark, PLACEHOLDERS[k as keyof typeof MARK]]));

/** The text as it may be published. Idempotent: a published text passes through unchanged. */
export function deidentify(text: string, known: KnownIdentifiers = NO_KNOWN_IDENTIFIERS): string {
  let out = text.replace(PRIVATE_USE, '');
  for (const file of known.files) if (file.trim().length >= 3) out = out.split(file.trim()).join(MARK.FILE);
  out = replaceNumbers(out, known);
  out = reduceDates(out);
  out = replaceAddresses(out, known.addresses);
  out = replaceInstitutions(out, known.institutions);
  out = replaceNames(out, known.personNames);
  // Two placeholders of one kind side by side read as one (张三张三 → 某某).
  out = out.replace(/([\uE000\uE002-\uE009])\1+/g, '$1');
  return out.replace(/[\uE000-\uE009]/g, (mark) => SPELLED.get(mark)!);
}

/** Does the text still hold a phone, ID or card number, credit code or e-mail address? (For tests and checks.) */
export function remainingIdentifiers(text: string): string[] {
  return [EMAIL, ID_18, ID_15, CARD, CREDIT_CODE, MOBILE, SERVICE_NUMBER, LANDLINE].flatMap((re) => text.match(new RegExp(re.source, re.flags)) ?? []);
}
