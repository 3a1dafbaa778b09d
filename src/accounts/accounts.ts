/**
 * Accounts and institutions, event-sourced. Uniqueness (one account per e-mail, one institution per
 * credit code) is kept by claim streams appended with expected revision no_stream.
 * Lookups read the streams themselves, so an account created by the CLI is usable at once.
 */
import { createHash } from 'node:crypto';
import type { Viewer } from '../dispute/access.ts';
import type { Role } from '../dispute/model.ts';
import { WrongExpectedRevision, type EventStore } from '../eventstore/port.ts';
import type { Clock } from '../shared/clock.ts';
import { badInput } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import {
  accountStream,
  institutionStream,
  type AccountEvent,
  type InstitutionEvent,
  type RoleAttributes,
} from './events.ts';

export interface Account extends RoleAttributes {
  id: string;
  email: string;
  name: string;
  phone?: string;
  roles: Role[];
  createdAt: string;
}

export interface Institution {
  id: string;
  name: string;
  code: string;
  licence?: string;
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();
const digest = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 32);
// Claim streams are named by a digest: no e-mail address in a stream name (or a log line).
const emailClaimStream = (email: string) => `claim-email-${digest(normalizeEmail(email))}`;
const codeClaimStream = (code: string) => `claim-uscc-${code.toUpperCase()}`;

/** Who set an account up: the operator at the command line, unless a person registered themselves. */
export type AccountActor = 'operator' | 'self';
const meta = (clock: Clock, actor: AccountActor = 'operator', accountId?: string) => ({
  occurredAt: clock.now().toISOString(),
  actor: actor === 'self' && accountId ? { userId: accountId, role: 'CONSUMER' } : { userId: 'cli', role: 'ADMIN' },
});

export async function getAccount(store: EventStore, id: string): Promise<Account | undefined> {
  const events = await store.readStream(accountStream(id));
  let account: Account | undefined;
  for (const event of events as unknown as Array<AccountEvent & { metadata: { occurredAt: string } }>) {
    if (event.type === 'AccountCreated') {
      const { accountId, role, ...rest } = event.data;
      account = { ...rest, id: accountId, roles: [role], createdAt: event.metadata.occurredAt };
    } else if (event.type === 'RoleGranted' && account) {
      const { role, ...attributes } = event.data;
      account = { ...account, ...attributes, roles: account.roles.includes(role) ? account.roles : [...account.roles, role] };
    }
  }
  return account;
}

export async function findAccountIdByEmail(store: EventStore, email: string): Promise<string | undefined> {
  const [claim] = await store.readStream(emailClaimStream(email));
  return (claim?.data as { accountId: string } | undefined)?.accountId;
}

export async function findAccountByEmail(store: EventStore, email: string): Promise<Account | undefined> {
  const id = await findAccountIdByEmail(store, email);
  return id ? getAccount(store, id) : undefined;
}

export interface NewAccount extends RoleAttributes {
  email: string;
  name: string;
  phone?: string;
  role: Role;
}

/**
 * Creates the account, or, when the e-mail address has one already, grants it the role.
 * Returns the account id either way.
 */
export async function createAccount(
  store: EventStore,
  clock: Clock,
  input: NewAccount,
  by: AccountActor = 'operator',
): Promise<{ id: string; created: boolean }> {
  const email = normalizeEmail(input.email);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw badInput([{ path: 'email', message: '邮箱格式不正确 / not an e-mail address' }]);
  let id = newId();
  try {
    await store.appendToStream(emailClaimStream(email), [{ id: newId(), type: 'EmailClaimed', data: { accountId: id }, metadata: meta(clock, by, id) }], {
      expectedRevision: 'no_stream',
    });
  } catch (error) {
    if (!(error instanceof WrongExpectedRevision)) throw error;
    id = (await findAccountIdByEmail(store, email))!;
  }
  // A claim whose account was never written (a crash in between) gets its account now.
  const existing = await getAccount(store, id);
  const { role, email: _email, name, phone, ...attributes } = input;
  if (!existing) {
    const data = { accountId: id, email, name, ...(phone ? { phone } : {}), role, ...attributes };
    await store.appendToStream(accountStream(id), [{ id: newId(), type: 'AccountCreated', data, metadata: meta(clock, by, id) }], {
      expectedRevision: 'no_stream',
    });
    return { id, created: true };
  }
  await store.appendToStream(accountStream(id), [{ id: newId(), type: 'RoleGranted', data: { role, ...attributes }, metadata: meta(clock, by, id) }]);
  return { id, created: false };
}

export async function getInstitution(store: EventStore, id: string): Promise<Institution | undefined> {
  const [registered] = (await store.readStream(institutionStream(id))) as unknown as InstitutionEvent[];
  if (!registered) return undefined;
  const { institutionId, ...rest } = registered.data;
  return { id: institutionId, ...rest };
}

export async function findInstitutionByCode(store: EventStore, code: string): Promise<Institution | undefined> {
  const [claim] = await store.readStream(codeClaimStream(code));
  const id = (claim?.data as { institutionId: string } | undefined)?.institutionId;
  return id ? getInstitution(store, id) : undefined;
}

/** Registers an institution under its unified social credit code; the same code again returns the existing one. */
export async function registerInstitution(
  store: EventStore,
  clock: Clock,
  input: { name: string; code: string; licence?: string },
): Promise<{ id: string; created: boolean }> {
  const code = input.code.toUpperCase();
  let id = newId();
  try {
    await store.appendToStream(codeClaimStream(code), [{ id: newId(), type: 'InstitutionCodeClaimed', data: { institutionId: id }, metadata: meta(clock) }], {
      expectedRevision: 'no_stream',
    });
  } catch (error) {
    if (!(error instanceof WrongExpectedRevision)) throw error;
    const [claim] = await store.readStream(codeClaimStream(code));
    id = (claim!.data as { institutionId: string }).institutionId;
    // A claim without its registration (a crash in between) is completed below.
    if (await getInstitution(store, id)) return { id, created: false };
  }
  const data = { institutionId: id, name: input.name, code, ...(input.licence ? { licence: input.licence } : {}) };
  await store.appendToStream(institutionStream(id), [{ id: newId(), type: 'InstitutionRegistered', data, metadata: meta(clock) }], {
    expectedRevision: 'no_stream',
  });
  return { id, created: true };
}

/** The person acting, in one of their roles. */
export function viewerFor(account: Account, role: Role): Viewer {
  return {
    userId: account.id,
    role,
    name: account.name,
    ...(role === 'RESPONDENT' ? { institutionId: account.institutionId, institutionCode: account.institutionCode } : {}),
    ...(role === 'COURT' ? { court: account.court } : {}),
    ...(role === 'REGULATOR' ? { authority: account.authority } : {}),
    ...(role === 'LEGAL_AID_LAWYER' ? { coordinator: account.coordinator ?? false } : {}),
  };
}
