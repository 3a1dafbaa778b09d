/**
 * Typical cases (典型案例), public: anyone, signed in or not, reads the published cases, de-identified,
 * by problem type or a word in them (the `typicalCases` query), twenty at a time.
 */
import { Button, Card, Empty, Input, List, Select, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useQuery } from 'urql';
import { yuan } from '../format.ts';
import { useT } from '../i18n.tsx';
import { CATEGORY, OUTCOME, PROCEDURE } from '../labels.ts';
import { TYPICAL_CASES } from '../ops.ts';
import type { Category } from '../gql/graphql.ts';

const PAGE = 20;

export function TypicalCases() {
  const t = useT();
  const [category, setCategory] = useState<Category | null>(null);
  const [search, setSearch] = useState('');
  const [first, setFirst] = useState(PAGE);
  const [{ data, fetching }] = useQuery({ query: TYPICAL_CASES, variables: { category, search: search || null, first } });
  const list = data?.typicalCases;
  return (
    <article>
      <h1 style={{ fontSize: 22 }}>{t('典型案例', 'Typical cases')}</h1>
      <Typography.Paragraph type="secondary">
        {t('以下案例经双方当事人同意公开，已去除姓名、联系方式、证件号、住址和具体日期，供消费者和机构参考。',
          'Published with both parties’ consent, without names, contact details, ID numbers, addresses or exact days, for consumers and institutions to learn from.')}
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <label htmlFor="typical-category">{t('问题类型', 'Problem')}</label>
        <Select id="typical-category" aria-label={t('问题类型', 'Problem')} allowClear style={{ minWidth: 240 }} value={category} placeholder={t('全部', 'All')}
          onChange={(value: Category | undefined) => (setCategory(value ?? null), setFirst(PAGE))}
          options={Object.keys(CATEGORY).map((c) => ({ value: c, label: t.label(CATEGORY, c) }))} />
        <Input.Search aria-label={t('搜索典型案例', 'Search typical cases')} placeholder={t('关键词，如：玻尿酸', 'A word, e.g. filler')} maxLength={100} allowClear
          enterButton={t('搜索', 'Search')}
          onSearch={(value) => (setSearch(value.trim()), setFirst(PAGE))} style={{ width: 260 }} />
      </Space>
      {!list && fetching ? (
        <Spin aria-label={t('加载中', 'Loading')} />
      ) : !list || list.totalCount === 0 ? (
        <Empty description={t('暂无典型案例', 'No typical cases yet')} />
      ) : (
        <>
          <Typography.Text type="secondary">{t(`共 ${list.totalCount} 件`, `${list.totalCount} cases`)}</Typography.Text>
          <List
            dataSource={list.edges.map((e) => e.node)}
            renderItem={(c) => (
              <List.Item key={c.id}>
                <Card size="small" style={{ width: '100%' }} title={<h2 className="card-title">{c.title}</h2>}>
                  <Space wrap style={{ marginBottom: 6 }}>
                    {c.categories.map((k) => <Tag key={k}>{t.label(CATEGORY, k)}</Tag>)}
                    {c.outcome && <Tag color="green">{t.label(OUTCOME, c.outcome)}</Tag>}
                  </Space>
                  <Typography.Paragraph type="secondary" style={{ marginBottom: 6 }}>
                    {[c.procedure, c.mediationProcedure ? t.label(PROCEDURE, c.mediationProcedure) : '', t(`${c.month} 投诉`, `filed ${c.month}`),
                      t(`已付 ${yuan(c.amountPaid.amountFen, t.lang)}`, `paid ${yuan(c.amountPaid.amountFen, t.lang)}`),
                      c.amountAgreed ? t(`约定 ${yuan(c.amountAgreed.amountFen, t.lang)}`, `agreed ${yuan(c.amountAgreed.amountFen, t.lang)}`) : ''].filter(Boolean).join(' · ')}
                  </Typography.Paragraph>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{c.summary}</Typography.Paragraph>
                </Card>
              </List.Item>
            )}
          />
          {list.pageInfo.hasNextPage && <Button onClick={() => setFirst(first + PAGE)}>{t('加载更多', 'Load more')}</Button>}
        </>
      )}
    </article>
  );
}
