/**
 * The public statistics (no sign-in): the monthly report of `statistics { monthly }` for a range of
 * months, in total or by category, procedure or outcome, and the same rows as a CSV download.
 */
import { Alert, Button, DatePicker, Segmented, Space, Spin, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import type { MonthlyStatisticsQuery, StatisticsDimension } from '../gql/graphql.ts';
import { useT } from '../i18n.tsx';
import { CATEGORY, OUTCOME, PROCEDURE, STATUS, type Pair } from '../labels.ts';
import { yuan } from '../format.ts';
import { MONTHLY_STATISTICS } from '../ops.ts';

type Row = MonthlyStatisticsQuery['statistics']['monthly'][number];

const GROUPS: Record<string, Pair> = {
  ...STATUS,
  ...OUTCOME,
  ...CATEGORY,
  ...PROCEDURE,
  NONE: ['尚未受理', 'Not accepted yet'],
  IN_PROGRESS: ['办理中', 'In progress'],
};

export function Statistics() {
  const t = useT();
  // The months in the link (?from=YYYY-MM&to=YYYY-MM), else the last twelve up to this one.
  const [params, setParams] = useSearchParams();
  const month = (name: string) => (/^\d{4}-\d{2}$/.test(params.get(name) ?? '') ? dayjs(`${params.get(name)}-01`) : undefined);
  const [range, setRangeState] = useState<[Dayjs, Dayjs]>(() => [month('from') ?? dayjs().subtract(11, 'month'), month('to') ?? dayjs()]);
  const setRange = (next: [Dayjs, Dayjs]) => {
    setRangeState(next);
    setParams({ from: next[0].format('YYYY-MM'), to: next[1].format('YYYY-MM') }, { replace: true });
  };
  const [dimension, setDimension] = useState<StatisticsDimension>('TOTAL' as StatisticsDimension);
  const from = range[0].startOf('month').format('YYYY-MM-DD');
  const to = range[1].endOf('month').format('YYYY-MM-DD');
  const [{ data, fetching, error }] = useQuery({ query: MONTHLY_STATISTICS, variables: { from, to } });

  const percent = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);
  const figure = (v: number | null | undefined, withheld: boolean, cases: number) => (v === null || v === undefined ? (withheld && cases > 0 ? '*' : '—') : String(v));
  const money = (m: { amountFen: unknown } | null | undefined) => (m ? yuan(m.amountFen, t.lang) : '*');

  const rows = (data?.statistics.monthly ?? []).filter((r) => r.dimension === dimension);
  const columns = [
    { title: t('月份', 'Month'), dataIndex: 'month', key: 'month' },
    ...(dimension === 'TOTAL' ? [] : [{ title: t('分组', 'Group'), key: 'group', render: (r: Row) => t.label(GROUPS, r.group) }]),
    { title: t('投诉', 'Filed'), dataIndex: 'filed', key: 'filed' },
    { title: t('受理', 'Accepted'), dataIndex: 'accepted', key: 'accepted' },
    { title: t('不予受理', 'Rejected'), dataIndex: 'rejected', key: 'rejected' },
    { title: t('调解成功', 'Settled'), dataIndex: 'settled', key: 'settled' },
    { title: t('调解不成', 'Mediation failed'), dataIndex: 'mediationFailed', key: 'mediationFailed' },
    { title: t('司法确认', 'Confirmed'), dataIndex: 'confirmed', key: 'confirmed' },
    { title: t('仲裁裁决', 'Awarded'), dataIndex: 'awarded', key: 'awarded' },
    { title: t('结案', 'Closed'), dataIndex: 'closed', key: 'closed' },
    { title: t('受理率', 'Acceptance rate'), key: 'acceptanceRate', render: (r: Row) => percent(r.acceptanceRate) },
    { title: t('调解成功率', 'Settlement rate'), key: 'settlementRate', render: (r: Row) => percent(r.settlementRate) },
    { title: t('受理用时（工作日中位数）', 'Working days to acceptance (median)'), key: 'toAcceptance', render: (r: Row) => figure(r.medianWorkingDaysToAcceptance, r.withheld, r.accepted) },
    { title: t('结案用时（工作日中位数）', 'Working days to closure (median)'), key: 'toClosure', render: (r: Row) => figure(r.medianWorkingDaysToClosure, r.withheld, r.closed) },
    { title: t('请求金额', 'Claimed'), key: 'claimed', render: (r: Row) => money(r.amountClaimed) },
    { title: t('协议金额', 'Agreed'), key: 'agreed', render: (r: Row) => money(r.amountAgreed) },
    { title: t('履行金额', 'Paid'), key: 'paid', render: (r: Row) => money(r.amountPaid) },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
        {t('医美消费纠纷统计', 'Medical-aesthetics dispute statistics')}
      </Typography.Title>
      <Space wrap>
        <DatePicker.RangePicker
          picker="month"
          value={range}
          allowClear={false}
          aria-label={t('统计月份', 'Months')}
          onChange={(value) => value?.[0] && value[1] && setRange([value[0], value[1]])}
        />
        <Segmented
          value={dimension}
          onChange={(value) => setDimension(value as StatisticsDimension)}
          options={[
            { value: 'TOTAL', label: t('合计', 'Total') },
            { value: 'CATEGORY', label: t('按类别', 'By category') },
            { value: 'PROCEDURE', label: t('按调解程序', 'By procedure') },
            { value: 'OUTCOME', label: t('按办理结果', 'By outcome') },
          ]}
        />
        <Button href={`/statistics.csv?from=${from}&to=${to}`} download data-testid="statistics-csv">
          {t('下载 CSV', 'Download CSV')}
        </Button>
      </Space>
      {error && <Alert type="error" message={t.message(error.graphQLErrors[0]?.message ?? error.message)} />}
      {fetching && !data ? (
        <Spin aria-label={t('加载中', 'Loading')} />
      ) : (
        <Table<Row> data-testid="statistics-table" rowKey={(r) => `${r.month}/${r.group ?? ''}`} dataSource={rows} columns={columns} pagination={false} size="small" scroll={{ x: true }} />
      )}
      <Typography.Paragraph type="secondary">
        {t(
          '按事项发生日（北京时间）统计；工作日按国务院节假日安排计算。少于 3 件的金额和用时不予公布（*），以免识别当事人。',
          'Counted by the day each thing happened (Beijing time); working days on the State Council holiday calendar. Amounts and durations of fewer than 3 cases are withheld (*) so that no one can be identified.',
        )}
      </Typography.Paragraph>
    </Space>
  );
}
