import type { AuthorityKind, Role } from '../dispute/model.ts';

/** Attributes that tie a role to disputes: the institution, the court, the authority, coordinator rights. */
export interface RoleAttributes {
  institutionId?: string;
  institutionCode?: string;
  court?: string;
  authority?: AuthorityKind;
  coordinator?: boolean;
}

export type AccountEvent =
  | {
      type: 'AccountCreated';
      data: { accountId: string; email: string; name: string; phone?: string; role: Role } & RoleAttributes;
    }
  | { type: 'RoleGranted'; data: { role: Role } & RoleAttributes };

/** One stream per e-mail address, appended with no_stream: the address belongs to one account. */
export type EmailClaimed = { type: 'EmailClaimed'; data: { accountId: string } };

export type InstitutionEvent = {
  type: 'InstitutionRegistered';
  data: { institutionId: string; name: string; code: string; licence?: string };
};
export type InstitutionCodeClaimed = { type: 'InstitutionCodeClaimed'; data: { institutionId: string } };

export const accountStream = (id: string) => `account-${id}`;
export const institutionStream = (id: string) => `institution-${id}`;
export const ACCOUNT_STREAM_PREFIX = 'account-';
export const INSTITUTION_STREAM_PREFIX = 'institution-';
