/** The first GraphQL error of a failed operation, in the reader's language, with the fields it names. */
import type { CombinedError } from 'urql';
import type { T } from './i18n.tsx';

export function errorText(error: CombinedError | undefined, t: T): string {
  if (!error) return '';
  const first = error.graphQLErrors[0];
  if (!first) return t('网络错误，请重试', 'Network error, please try again');
  const issues = (first.extensions?.issues ?? []) as Array<{ path?: string; message?: string }>;
  const details = issues.map((i) => `${i.path ?? ''}: ${t.message(i.message ?? '')}`).join('；');
  return details ? `${t.message(first.message)}（${details}）` : t.message(first.message);
}
