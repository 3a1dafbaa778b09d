import { describe, expect, it } from 'vitest';
import { idFromKey, newId } from '../../../src/shared/ids.ts';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('ids', () => {
  it('are UUID version 7 carrying the time they were made, so later ids sort later', () => {
    const before = Date.now();
    const ids = Array.from({ length: 1000 }, newId);
    for (const id of ids) expect(id).toMatch(UUID_V7);
    expect(new Set(ids).size).toBe(1000);
    const millis = parseInt(ids[0]!.replace(/-/g, '').slice(0, 12), 16);
    expect(millis).toBeGreaterThanOrEqual(before);
    expect(millis).toBeLessThanOrEqual(Date.now());
    const later = (() => {
      const until = Date.now() + 2;
      while (Date.now() < until);
      return newId();
    })();
    expect(later > ids.at(-1)!).toBe(true);
  });

  it('derived from a key are stable and distinct per key', () => {
    expect(idFromKey('deadline/d-1/RESPONDENT_ANSWER')).toBe(idFromKey('deadline/d-1/RESPONDENT_ANSWER'));
    expect(idFromKey('a')).not.toBe(idFromKey('b'));
    expect(idFromKey('a')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
