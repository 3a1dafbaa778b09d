/** Running a command on a dispute: its error shown in the reader's language, success confirmed briefly. */
import { App } from 'antd';
import { useCallback } from 'react';
import { useClient, type AnyVariables, type TypedDocumentNode } from 'urql';
import { errorText } from '../errors.ts';
import { useT } from '../i18n.tsx';

export function useCommand() {
  const client = useClient();
  const t = useT();
  const { message } = App.useApp();
  return useCallback(
    async <D, V extends AnyVariables>(document: TypedDocumentNode<D, V>, variables: V, done?: string): Promise<D | undefined> => {
      const result = await client.mutation(document, variables).toPromise();
      if (result.error) {
        message.error(errorText(result.error, t));
        return undefined;
      }
      message.success(done ?? t('已保存', 'Saved'));
      return result.data;
    },
    [client, t, message],
  );
}
