/**
 * 我的数据 / My data: download everything the platform holds about the signed-in person
 * (GET /me/export.json) and read who looked at their personal data (personalDataAccessLog).
 */
import { Alert, Button, Card, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useQuery } from 'urql';
import { dateTime } from '../format.ts';
import { useT } from '../i18n.tsx';
import { ACCESS_CHANNEL, ACCESSED_FIELD, ROLE } from '../labels.ts';
import { ACCESS_LOG } from '../ops.ts';
import { authorizedBlob, useSession } from '../session.tsx';
import type { Me } from '../Shell.tsx';

function DownloadExport() {
  const t = useT();
  const { token } = useSession();
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  async function download() {
    setState('busy');
    try {
      const url = URL.createObjectURL(await authorizedBlob('/me/export.json', token));
      const link = document.createElement('a');
      link.href = url;
      link.download = 'my-data.json';
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState('idle');
    } catch {
      setState('failed');
    }
  }
  return (
    <Space orientation="vertical">
      <Typography.Paragraph>
        {t(
          '导出平台保存的关于您的全部数据（账户、案件、消息、证据、邮件、查阅记录、同意记录），JSON 格式。',
          'Export everything the platform holds about you (account, cases, messages, evidence, mail, access log, consents) as JSON.',
        )}
      </Typography.Paragraph>
      <Button type="primary" onClick={download} loading={state === 'busy'}>
        {t('下载我的数据', 'Download my data')}
      </Button>
      {state === 'failed' && <Alert type="error" title={t('下载失败，请重试', 'Download failed: try again')} />}
    </Space>
  );
}

export function MyData({ me }: { me: Me }) {
  const t = useT();
  const [{ data, fetching, error }] = useQuery({ query: ACCESS_LOG, variables: { personId: me.id, first: 100 }, requestPolicy: 'network-only' });
  const log = data?.personalDataAccessLog;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Typography.Title level={2}>{t('我的数据', 'My data')}</Typography.Title>
      <Card title={t('数据导出', 'Data export')}>
        <DownloadExport />
      </Card>
      <Card title={t('谁查阅了我的个人信息', 'Who read my personal data')}>
        {error ? (
          <Alert type="error" title={t.message(error.graphQLErrors[0]?.message ?? error.message)} />
        ) : (
          <Table
            rowKey="id"
            size="small"
            loading={fetching}
            pagination={false}
            scroll={{ x: true }}
            locale={{ emptyText: t('暂无他人查阅记录', 'Nobody else has read your personal data') }}
            dataSource={(log?.edges ?? []).map((e) => e.node)}
            columns={[
              { title: t('时间', 'When'), dataIndex: 'at', render: (at: string) => dateTime(at, t.lang) },
              {
                title: t('查阅人', 'Who'),
                key: 'reader',
                render: (_, row) => `${row.readerName ?? row.reader.userId} · ${t.label(ROLE, row.reader.role)}`,
              },
              { title: t('案号', 'Case'), dataIndex: 'caseNumber' },
              { title: t('查阅内容', 'What'), dataIndex: 'field', render: (field: string) => t.label(ACCESSED_FIELD, field) },
              { title: t('方式', 'How'), dataIndex: 'channel', render: (channel: string) => t.label(ACCESS_CHANNEL, channel) },
            ]}
          />
        )}
        {log && log.totalCount > log.edges.length && (
          <Typography.Text type="secondary">
            {t(`显示最近 ${log.edges.length} 条，共 ${log.totalCount} 条；完整记录见数据导出。`, `The latest ${log.edges.length} of ${log.totalCount}; the export has them all.`)}
          </Typography.Text>
        )}
      </Card>
    </Space>
  );
}
