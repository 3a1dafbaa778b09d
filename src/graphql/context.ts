import type { Account } from '../accounts/accounts.ts';
import type { Viewer } from '../dispute/access.ts';
import type { Platform } from '../platform.ts';
import { DomainError } from '../shared/errors.ts';

export interface GraphQLContext {
  platform: Platform;
  /** The authenticated person in the role their token names; absent for the public. */
  viewer?: Viewer;
  account?: Account;
  correlationId: string;
  ip: string;
}

export function requireViewer(ctx: GraphQLContext): Viewer {
  if (!ctx.viewer) throw new DomainError('UNAUTHENTICATED', '请先登录 / sign in first');
  return ctx.viewer;
}
