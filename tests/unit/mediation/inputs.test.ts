import { describe, expect, it } from 'vitest';
import { mediationInputs } from '../../../src/mediation/commands.ts';
import { DomainError } from '../../../src/shared/errors.ts';
import { parseInput } from '../../../src/shared/validation.ts';

/** The paths of the BAD_USER_INPUT issues, or [] when the input parses. */
function issuePaths(schema: Parameters<typeof parseInput>[0], value: unknown): string[] {
  try {
    parseInput(schema, value);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('BAD_USER_INPUT');
    return ((error as DomainError).extensions.issues as Array<{ path: string }>).map((i) => i.path);
  }
}

describe('scheduleSession input', () => {
  const s = mediationInputs.scheduleSession;
  it('an online session needs an https link; an in-person one a place', () => {
    expect(issuePaths(s, { startsAt: '2026-03-10T10:00:00+08:00', mode: 'ONLINE' })).toEqual(['link']);
    expect(issuePaths(s, { startsAt: '2026-03-10T10:00:00+08:00', mode: 'ONLINE', link: 'http://meet.example.cn/1' })).toEqual(['link']);
    expect(issuePaths(s, { startsAt: '2026-03-10T10:00:00+08:00', mode: 'ONLINE', link: 'not a link' })).toEqual(['link']);
    expect(issuePaths(s, { startsAt: '2026-03-10T10:00:00+08:00', mode: 'IN_PERSON', place: '  ', link: null })).toEqual(['place']);
    expect(issuePaths(s, { startsAt: 'next Tuesday', mode: 'IN_PERSON', place: '调解室' })).toEqual(['startsAt']);
  });

  it('stores the start in UTC', () => {
    expect(parseInput(s, { startsAt: '2026-03-10T10:00:00+08:00', mode: 'ONLINE', link: 'https://meet.example.cn/1', place: null })).toEqual({
      startsAt: '2026-03-10T02:00:00.000Z',
      mode: 'ONLINE',
      link: 'https://meet.example.cn/1',
    });
  });
});

describe('proposeSettlement input', () => {
  const p = mediationInputs.proposeSettlement;
  it('at least one item; amounts are whole, non-negative fen', () => {
    expect(issuePaths(p, { items: [] })).toEqual(['items']);
    expect(issuePaths(p, { items: [{ kind: 'REFUND', amountFen: -1 }] })).toEqual(['items.0.amountFen']);
    expect(issuePaths(p, { items: [{ kind: 'REFUND', amountFen: 100.5 }] })).toEqual(['items.0.amountFen']);
    expect(issuePaths(p, { items: [{ kind: 'APOLOGY' }, { kind: 'COMPENSATION', amountFen: 0 }] })).toEqual([]);
  });

  it('a refund or compensation names its amount; OTHER says what it is', () => {
    expect(issuePaths(p, { items: [{ kind: 'CORRECTIVE_TREATMENT' }, { kind: 'REFUND', description: '全额' }] })).toEqual(['items.1.amountFen']);
    expect(issuePaths(p, { items: [{ kind: 'OTHER' }] })).toEqual(['items.0.description']);
  });

  it('an expiry is an instant with its offset', () => {
    expect(issuePaths(p, { items: [{ kind: 'APOLOGY' }], expiresAt: '2026-03-13' })).toEqual(['expiresAt']);
    expect(parseInput(p, { items: [{ kind: 'APOLOGY' }], expiresAt: '2026-03-13T18:00:00+08:00' }).expiresAt).toBe('2026-03-13T10:00:00.000Z');
  });
});

describe('other inputs', () => {
  it('extendMediation: 1 to 30 whole working days', () => {
    for (const bad of [0, 31, 2.5]) expect(issuePaths(mediationInputs.extendMediation, { workingDays: bad })).toEqual(['workingDays']);
    expect(issuePaths(mediationInputs.extendMediation, { workingDays: 30 })).toEqual([]);
  });

  it('names each field at fault', () => {
    expect(issuePaths(mediationInputs.recordSession, { sessionId: '', attendees: [], minutes: ' ' })).toEqual(['sessionId', 'attendees', 'minutes']);
    expect(issuePaths(mediationInputs.discloseConflicts, { statement: '', hasConflict: false })).toEqual(['statement']);
    expect(issuePaths(mediationInputs.postMessage, { body: '' })).toEqual(['body']);
    expect(issuePaths(mediationInputs.endMediation, { reason: 'BORED' })).toEqual(['reason']);
  });

  it('an empty caucusWith or note counts as none', () => {
    expect(parseInput(mediationInputs.postMessage, { body: '你好', caucusWith: null })).toEqual({ body: '你好' });
    expect(parseInput(mediationInputs.endMediation, { reason: 'NO_AGREEMENT', note: '' })).toEqual({ reason: 'NO_AGREEMENT' });
  });
});
