import { describe, expect, it } from 'vitest';
import { ERASED, isEnvelope, newSubjectKey, open, seal } from '../../../src/privacy/envelope.ts';

describe('personal-data envelope', () => {
  it('round-trips a value and does not hold it in the clear', () => {
    const key = newSubjectKey();
    const env = seal(key, 'p1', { name: '张三', phone: '13800138000' }, 'e1/claimant');
    expect(isEnvelope(env)).toBe(true);
    expect(JSON.stringify(env)).not.toContain('13800138000');
    expect(open(key, env, 'e1/claimant')).toEqual({ name: '张三', phone: '13800138000' });
  });
  it('gives a fresh IV each time', () => {
    const key = newSubjectKey();
    const [x, y] = [seal(key, 'p1', 'x', 'a'), seal(key, 'p1', 'x', 'a')];
    expect(x.iv).not.toBe(y.iv);
    expect(x.ct).not.toBe(y.ct);
  });
  it('refuses another event or path (AAD), another key or a tampered tag', () => {
    const key = newSubjectKey();
    const env = seal(key, 'p1', '张三', 'e1/name');
    expect(() => open(key, env, 'e2/name')).toThrow();
    expect(() => open(newSubjectKey(), env, 'e1/name')).toThrow();
    const tag = Buffer.from(env.tag, 'base64');
    tag[0] = tag[0]! ^ 1;
    expect(() => open(key, { ...env, tag: tag.toString('base64') }, 'e1/name')).toThrow();
  });
  it('shows an erased subject as erased, and one erasure leaves another subject readable', () => {
    const a = newSubjectKey();
    const b = newSubjectKey();
    const ea = seal(a, 'pa', '张三', 'e1/claimant');
    const eb = seal(b, 'pb', '王经理', 'e1/staff');
    expect(open(undefined, ea, 'e1/claimant')).toBe(ERASED);
    expect(open(b, eb, 'e1/staff')).toBe('王经理');
  });
});
