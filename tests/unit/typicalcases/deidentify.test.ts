/**
 * The de-identification pipeline on complaint-like Chinese prose: examples of each kind, then
 * property-based (fast-check) texts with generated names, phone and ID numbers, addresses and dates
 * embedded among amounts. Whatever the text, no phone or ID number, no name, no street address and
 * no exact day may remain, and every amount must come through as written.
 */
import fc from 'fast-check';
import areas from 'china-area-data/data.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { residentIdCheckCharacter } from '../../../src/rules/identity.ts';
import { deidentify, NO_KNOWN_IDENTIFIERS, remainingIdentifiers, SURNAMES, type KnownIdentifiers } from '../../../src/typicalcases/deidentify.ts';

const known = (k: Partial<KnownIdentifiers>): KnownIdentifiers => ({ ...NO_KNOWN_IDENTIFIERS, ...k });

describe('deidentify: examples', () => {
  it.each([
    ['mobile', '联系电话13912341111。', '联系电话［电话已隐去］。'],
    ['mobile with spaces', '手机 139 1234 1111 ', '手机 ［电话已隐去］ '],
    ['mobile with dashes and +86', '电话+86-139-1234-1111', '电话［电话已隐去］'],
    ['landline', '诊所电话0755-83212345转8', '诊所电话［电话已隐去］'],
    ['landline in brackets', '（010）8765 4321', '［电话已隐去］'],
    ['service number', '客服400-800-1234', '客服［电话已隐去］'],
    ['ID 18 digits with X', '身份证号11010519491231002X，', '身份证号［证件号已隐去］，'],
    ['ID in groups', '身份证 110105 19491231 002X', '身份证 ［证件号已隐去］'],
    ['ID 15 digits', '旧身份证110105491231002', '旧身份证［证件号已隐去］'],
    ['bank card', '转入卡号6222 0212 3456 7890 123', '转入卡号［账号已隐去］'],
    ['credit code', '统一社会信用代码91440300MA5F0JXC83', '统一社会信用代码［机构代码已隐去］'],
    ['e-mail', '邮箱 zhang.san@example.cn。', '邮箱 ［邮箱已隐去］。'],
    ['date in Chinese', '2026年3月5日注射', '2026年3月注射'],
    ['date with leading zeros and spaces', '2026 年 03 月 05 日', '2026年3月'],
    ['ISO date', '2026-03-05 复诊', '2026年3月 复诊'],
    ['ISO instant', '记录于2026-03-05T06:30:00.000Z', '记录于2026年3月'],
    ['slashed date', '2026/3/5', '2026年3月'],
    ['date without year', '3月8日退款', '3月退款'],
    ['date in Chinese numerals', '二〇二六年三月十五日', '二〇二六年三月'],
    ['address', '家住广东省深圳市南山区深南大道6001号', '家住广东省深圳市［地址已隐去］'],
    ['address with estate and unit', '住在杭州市西湖区文三路90号东部软件园3栋501室', '住在杭州市［地址已隐去］'],
    ['estate without road', '朝阳区幸福花园3栋2单元501室', '［地址已隐去］'],
    ['honorific', '张女士和王先生', '某女士和某先生'],
    ['某某', '李某某称，赵某未到场', '某某称，某某未到场'],
    ['role and name', '主治医生刘建国未告知风险', '主治医生某某未告知风险'],
    ['role and one-character given name', '患者王明说很痛', '患者某某说很痛'],
    ['label', '姓名：欧阳娜娜', '姓名：某某'],
    ['amounts', '支付12,800元，退还1.28万元，另赔偿人民币5000元整，共¥17,800.00', '支付12,800元，退还1.28万元，另赔偿人民币5000元整，共¥17,800.00'],
    ['ordinary words stay', '医生马上处理，向医生咨询方案', '医生马上处理，向医生咨询方案'],
    ['a district alone is a place', '发生在深圳市福田区', '发生在深圳市福田区'],
  ])('%s', (_, text, expected) => {
    expect(deidentify(text)).toBe(expected);
  });

  it("removes the dispute's own people and institution wherever they appear", () => {
    const k = known({
      personNames: ['张伟', '王调解'],
      institutions: [{ name: '深圳市星悦医疗美容诊所有限公司', code: '91440300MA5F0JXC83', licence: 'PDY12345644030417A1002' }],
      phones: ['13912341111'],
      idNumbers: ['11010519491231002X'],
      addresses: ['深圳市福田区福华路1号'],
    });
    expect(deidentify('张伟在星悦医美做了隆鼻，星悦诊所（许可证PDY12345644030417A1002）的调解由王调解主持。张伟家住深圳市福田区福华路1号。', k)).toBe(
      '某某在某医疗美容机构做了隆鼻，某医疗美容机构（许可证［机构代码已隐去］）的调解由某某主持。某某家住深圳市［地址已隐去］。',
    );
  });
});

// ── Generators ─────────────────────────────────────────────────────────────────────────────────

/** Given-name characters (none of them a word that ends a name, such as 说 or 在). */
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛超秀霞刚桂英华建国红玲燕萍鹏辉宇晨欣怡婷雪琳浩子梓涵轩诗雨佳嘉慧'];
const surname = fc.constantFrom(...SURNAMES);
const given = fc.array(fc.constantFrom(...GIVEN), { minLength: 1, maxLength: 2 }).map((cs) => cs.join(''));
const fullName = fc.tuple(surname, given).map(([s, g]) => s + g);

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const mobileCore = fc.tuple(fc.constantFrom('13', '15', '17', '18', '19'), digits(9)).map(([p, d]) => p + d);
const mobile = fc.tuple(mobileCore, fc.constantFrom('plain', 'spaces', 'dashes', '+86')).map(([core, style]) => {
  const grouped = [core.slice(0, 3), core.slice(3, 7), core.slice(7)];
  const written = style === 'spaces' ? grouped.join(' ') : style === 'dashes' ? grouped.join('-') : style === '+86' ? `+86 ${core}` : core;
  return { written, core };
});
const landline = fc
  .tuple(fc.constantFrom('010', '020', '021', '0755', '0571', '028'), digits(8), fc.constantFrom('-', ' ', 'brackets'))
  .map(([area, number, style]) => ({
    written: style === 'brackets' ? `(${area}) ${number.slice(0, 4)} ${number.slice(4)}` : `${area}${style}${number}`,
    core: area + number,
  }));
const phone = fc.oneof(mobile, landline);

const birthDate = fc.date({ min: new Date('1940-01-01T00:00:00Z'), max: new Date('2008-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10).replaceAll('-', ''));
const idNumber = fc.oneof(
  fc.tuple(digits(6).filter((a) => a[0] !== '0'), birthDate, digits(3)).map(([area, birth, seq]) => {
    const first17 = area + birth + seq;
    return first17 + residentIdCheckCharacter(first17)!;
  }),
  fc.tuple(digits(6).filter((a) => a[0] !== '0'), birthDate, digits(3)).map(([area, birth, seq]) => area + birth.slice(2) + seq),
);

type Areas = Record<string, Record<string, string>>;
const AREAS = areas as Areas;
/** Province, city, district as GB/T 2260 names them, for real-looking addresses. */
const DIVISIONS = Object.entries(AREAS['86']!).flatMap(([pCode, province]) =>
  Object.entries(AREAS[pCode] ?? {}).flatMap(([cCode, city]) =>
    Object.values(AREAS[cCode] ?? {}).map((district) => ({ province, city: city === '市辖区' ? province : city, district })),
  ),
);
const ROADS = ['中山路', '人民路', '解放路', '建设路', '深南大道', '福华路', '文三路', '天府大道', '长安街', '淮海中路', '南京东路', '幸福里'];
const ESTATES = ['阳光花园', '碧桂园', '幸福小区', '滨江公寓', '金地大厦', ''];
const address = fc
  .tuple(fc.constantFrom(...DIVISIONS), fc.boolean(), fc.constantFrom(...ROADS), fc.integer({ min: 1, max: 9999 }), fc.constantFrom(...ESTATES), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 101, max: 2808 }))
  .map(([d, withProvince, road, number, estate, building, room]) => {
    const street = `${road}${number}号`;
    const unit = estate ? `${estate}${building}栋${room}室` : '';
    const chain = `${withProvince && d.province !== d.city ? d.province : ''}${d.city}${d.district}`;
    return { written: `${chain}${street}${unit}`, street, unit };
  });

const date = fc
  .tuple(fc.integer({ min: 2020, max: 2026 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.constantFrom('cn', 'cn0', 'iso', 'slash', 'dot', 'noyear', 'hao'))
  .map(([y, m, d, style]) => {
    const mm = String(m).padStart(2, '0');
    const dd = String(d).padStart(2, '0');
    switch (style) {
      case 'cn': return `${y}年${m}月${d}日`;
      case 'cn0': return `${y}年${mm}月${dd}日`;
      case 'iso': return `${y}-${mm}-${dd}`;
      case 'slash': return `${y}/${m}/${d}`;
      case 'dot': return `${y}.${mm}.${dd}`;
      case 'hao': return `${m}月${d}号`;
      default: return `${m}月${d}日`;
    }
  });

const amount = fc
  .tuple(fc.integer({ min: 100, max: 500_000 }), fc.constantFrom('plain', 'comma', 'wan', 'rmb', 'yen'))
  .map(([yuan, style]) => {
    switch (style) {
      case 'comma': return `${yuan.toLocaleString('en-US')}元`;
      case 'wan': return `${(yuan / 10_000).toFixed(2)}万元`;
      case 'rmb': return `人民币${yuan}元整`;
      case 'yen': return `¥${yuan.toLocaleString('en-US')}.00`;
      default: return `${yuan}元`;
    }
  });

const HONORIFICS = ['女士', '先生', '小姐', '医生', '院长', '经理', '护士'];
const CUES = ['主治医生', '咨询师', '患者', '消费者', '朋友', '姓名：', '我叫'];
/** Words after a cued name: a verb or a comma, as prose goes on. */
const AFTER = ['称', '说', '表示', '告知我', '，', '。'];

const BRANDS = ['星悦', '韩美', '艺星', '丽格', '华韩', '美莱'];
const INSTITUTION_KINDS = ['医疗美容诊所', '医疗美容门诊部', '整形外科医院', '医疗美容医院有限公司'];

/** One complaint-like paragraph, and the things in it that must go or must stay. */
const complaintText = fc
  .record({
    claimant: fullName,
    mediator: fullName,
    doctor: fullName,
    friend: fullName,
    honorificSurname: surname,
    honorific: fc.constantFrom(...HONORIFICS),
    someSurname: surname,
    cue: fc.constantFrom(...CUES),
    after: fc.constantFrom(...AFTER),
    phones: fc.array(phone, { minLength: 1, maxLength: 2 }),
    id: idNumber,
    home: address,
    dates: fc.array(date, { minLength: 2, maxLength: 3 }),
    amounts: fc.array(amount, { minLength: 2, maxLength: 3 }),
    brand: fc.constantFrom(...BRANDS),
    kind: fc.constantFrom(...INSTITUTION_KINDS),
    city: fc.constantFrom('深圳市', '广州市', '杭州市', '成都市', ''),
    order: fc.array(fc.nat(9), { minLength: 8, maxLength: 8 }),
  })
  // Different people: no name inside another's (杜浩 in 杜浩伟 would still be there, as part of a name the patterns need not know).
  .filter((r) => {
    const names = [r.claimant, r.mediator, r.doctor, r.friend];
    return names.every((a, i) => names.every((b, j) => i === j || !b.includes(a)));
  })
  .map((r) => {
    const institution = `${r.city}${r.brand}${r.kind}`;
    const [d1, d2, d3] = [r.dates[0]!, r.dates[1]!, r.dates[2] ?? r.dates[0]!];
    const [a1, a2, a3] = [r.amounts[0]!, r.amounts[1]!, r.amounts[2] ?? r.amounts[0]!];
    const sentences = [
      `本人${r.claimant}（身份证号${r.id}，电话${r.phones[0]!.written}），家住${r.home.written}。`,
      `${d1}，我在${r.brand}医美接受玻尿酸注射，当场支付${a1}。`,
      `${r.cue}${r.doctor}${r.after}术后肿胀属正常现象，未告知栓塞风险。`,
      `${d2}复诊时${r.honorificSurname}${r.honorific}拒绝退款，只同意补偿${a2}。`,
      `${r.someSurname}某某在${r.brand}诊所门口与我争执，${r.friend}可以作证。`,
      `诊所另一个联系电话是${(r.phones[1] ?? r.phones[0]!).written}。`,
      `${d3}经调解员${r.mediator}主持调解，${institution}同意退还${a3}。`,
      `${r.claimant}表示满意。`,
    ];
    // The sentences in a generated order (each at least once), as complaints are told in any order.
    const text = r.order.map((i) => sentences[i % sentences.length]!).join('') + sentences.join('');
    return {
      text,
      known: known({
        personNames: [r.claimant, r.mediator],
        institutions: [{ name: institution }],
        phones: [r.phones[0]!.written],
        idNumbers: [r.id],
        addresses: [r.home.written],
      }),
      names: [r.claimant, r.mediator, r.doctor, `${r.honorificSurname}${r.honorific}`, `${r.someSurname}某某`],
      phones: r.phones,
      id: r.id,
      home: r.home,
      brand: r.brand,
      amounts: r.amounts,
      dates: r.dates,
    };
  });

/** An exact day in any of the forms written above. */
const EXACT_DAY = [/月\s*\d{1,2}\s*[日号]/, /\d{4}[-/.]\d{1,2}[-/.]\d{1,2}/, /月[一二三四五六七八九十]+[日号]/];
const withoutSeparators = (s: string) => s.replace(/[\s\-()+]/g, '');

describe('deidentify: property-based on complaint-like texts', () => {
  const runs = Number(process.env.FUZZ_RUNS ?? 300);

  it('leaves no phone or ID number, name, street address or exact day; every amount survives', () => {
    fc.assert(
      fc.property(complaintText, (c) => {
        const out = deidentify(c.text, c.known);
        expect(remainingIdentifiers(out)).toEqual([]);
        for (const p of c.phones) {
          expect(out).not.toContain(p.written);
          expect(withoutSeparators(out)).not.toContain(p.core);
        }
        expect(withoutSeparators(out)).not.toContain(c.id);
        for (const name of c.names) expect(out).not.toContain(name);
        expect(out).not.toContain(c.home.street);
        if (c.home.unit) expect(out).not.toContain(c.home.unit);
        expect(out).not.toContain(c.brand);
        for (const re of EXACT_DAY) expect(out).not.toMatch(re);
        for (const a of c.amounts) expect(out).toContain(a);
      }),
      { numRuns: runs },
    );
  });

  it('without the dispute’s own identifiers, the patterns alone still remove every number, address and marked name', () => {
    fc.assert(
      fc.property(complaintText, (c) => {
        const out = deidentify(c.text);
        expect(remainingIdentifiers(out)).toEqual([]);
        for (const p of c.phones) expect(withoutSeparators(out)).not.toContain(p.core);
        expect(withoutSeparators(out)).not.toContain(c.id);
        // Names with a role, honorific or 某 are found without being known; bare names need the dispute's list.
        for (const name of c.names.slice(2)) expect(out).not.toContain(name);
        expect(out).not.toContain(c.home.street);
        for (const re of EXACT_DAY) expect(out).not.toMatch(re);
        for (const a of c.amounts) expect(out).toContain(a);
      }),
      { numRuns: runs },
    );
  });

  it('is idempotent: a published text passes through unchanged', () => {
    fc.assert(
      fc.property(complaintText, (c) => {
        const once = deidentify(c.text, c.known);
        expect(deidentify(once, c.known)).toBe(once);
      }),
      { numRuns: Math.ceil(runs / 3) },
    );
  });
});
