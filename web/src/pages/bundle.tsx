/**
 * The case bundle (案件材料汇编) download, for everyone who may see the case (the server makes each
 * reader's own bundle and records it), and typical cases (典型案例): the mediator of a closed case
 * proposes it, each party sees exactly what would be published and consents or declines, an intake
 * officer publishes it once both consented and may take it down.
 */
import { App, Alert, Button, Card, Descriptions, Form, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { yuan } from '../format.ts';
import { useT } from '../i18n.tsx';
import { CMD } from '../ops.ts';
import { authorizedBlob, useSession } from '../session.tsx';
import type { DisputeFieldsFragment } from '../gql/graphql.ts';
import { useCommand } from './command.tsx';
import { sideOf } from './mediation.tsx';

type D = DisputeFieldsFragment;
const title = (text: string) => <h2 className="card-title">{text}</h2>;

/** Fetches the PDF with the bearer token (never a bare link: it would go without it) and saves it. */
export function BundleButton({ d }: { d: D }) {
  const t = useT();
  const { token } = useSession();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  async function download() {
    setBusy(true);
    try {
      const url = URL.createObjectURL(await authorizedBlob(`/disputes/${d.id}/bundle.pdf`, token));
      const link = document.createElement('a');
      link.href = url;
      link.download = `案件材料汇编-${d.caseNumber}.pdf`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch {
      message.error(t('生成失败，请重试', 'Could not make the bundle: try again'));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Button onClick={download} loading={busy}>
      {t('下载案件材料汇编', 'Download case bundle')}
    </Button>
  );
}

const STATUS: Record<string, readonly [string, string]> = {
  PROPOSED: ['待双方同意', 'awaiting both parties’ consent'],
  PUBLISHED: ['已发布', 'published'],
  WITHDRAWN: ['已撤下', 'withdrawn'],
};
const SIDE_NAME: Record<string, readonly [string, string]> = { CLAIMANT: ['投诉人', 'Claimant'], RESPONDENT: ['被投诉机构', 'Clinic'] };

function Preview({ d }: { d: D }) {
  const t = useT();
  const p = d.typicalCase!.preview;
  return (
    <Descriptions size="small" column={1} items={[
      { key: 'title', label: t('标题', 'Title'), children: p.title },
      { key: 'summary', label: t('公开文本（已脱敏）', 'Public text (de-identified)'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{p.summary}</span> },
      { key: 'facts', label: t('公开信息', 'Published facts'), children: `${p.procedure} · ${p.month} · ${yuan(p.amountPaid.amountFen, t.lang)}${p.amountAgreed ? ` → ${yuan(p.amountAgreed.amountFen, t.lang)}` : ''}` },
    ]} />
  );
}

export function TypicalCaseCard({ d }: { d: D }) {
  const t = useT();
  const run = useCommand();
  const proposal = d.typicalCase;
  const side = sideOf(d.viewerRelation);
  const mediator = d.viewerRelation === 'MEDIATOR';
  const intake = d.viewerRelation === 'INTAKE';
  if (d.status !== 'CLOSED' || (!proposal && !mediator)) return null;
  const published = proposal?.status === 'PUBLISHED';
  const answerOf = (s: string) => proposal?.consents.find((c) => c.side === s);
  const mine = side ? answerOf(side) : undefined;
  const bothConsented = ['CLAIMANT', 'RESPONDENT'].every((s) => answerOf(s)?.consent === true);
  return (
    <Card size="small" title={title(t('典型案例', 'Typical case'))} style={{ marginBottom: 12 }}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('经双方当事人同意方可公开（《医疗纠纷预防和处理条例》第四十二条）；公开文本去除姓名、电话、证件号、住址及具体日期，证据不公开。',
          'Published only with both parties’ consent (MDR Art. 42); names, phone and ID numbers, addresses and exact days are removed; evidence is never published.')}
      </Typography.Paragraph>
      {proposal && (
        <>
          <Space wrap style={{ marginBottom: 8 }}>
            <Tag color={published ? 'green' : proposal.status === 'WITHDRAWN' ? 'red' : 'blue'}>{t.label(STATUS, proposal.status)}</Tag>
            {['CLAIMANT', 'RESPONDENT'].map((s) => {
              const a = answerOf(s);
              return (
                <Tag key={s} color={a ? (a.consent ? 'green' : 'red') : 'default'}>
                  {t.label(SIDE_NAME, s)}：{a ? (a.consent ? t('同意', 'consents') : t('不同意', 'declines')) : t('未答复', 'no answer')}
                </Tag>
              );
            })}
          </Space>
          <Preview d={d} />
        </>
      )}
      {side && proposal && proposal.status !== 'WITHDRAWN' && (
        <Space wrap style={{ marginTop: 8 }}>
          {!published && mine?.consent !== true && (
            <Button type="primary" onClick={() => run(CMD.answerTypicalCaseConsent, { id: d.id, consent: true }, t('已同意发布', 'Consent recorded'))}>{t('同意发布', 'Consent to publication')}</Button>
          )}
          {mine?.consent !== false && (
            <Button danger onClick={() => run(CMD.answerTypicalCaseConsent, { id: d.id, consent: false }, t('已记录不同意', 'Declined'))}>
              {published ? t('撤回同意', 'Revoke consent') : t('不同意发布', 'Decline publication')}
            </Button>
          )}
        </Space>
      )}
      {intake && proposal?.status === 'PROPOSED' && (
        bothConsented
          ? <Button type="primary" style={{ marginTop: 8 }} onClick={() => run(CMD.publishTypicalCase, { id: d.id }, t('典型案例已发布', 'Typical case published'))}>{t('发布典型案例', 'Publish typical case')}</Button>
          : <Alert style={{ marginTop: 8 }} type="info" showIcon title={t('尚待双方当事人同意，暂不能发布。', 'Both parties must consent before it can be published.')} />
      )}
      {intake && published && (
        <Button danger style={{ marginTop: 8 }} onClick={() => run(CMD.withdrawTypicalCase, { id: d.id, reason: null }, t('已撤下', 'Withdrawn'))}>{t('撤下典型案例', 'Withdraw typical case')}</Button>
      )}
      {mediator && !published && (
        <Form name="propose-typical-case" layout="vertical" style={{ marginTop: 8 }} initialValues={{ title: proposal?.title ?? '', summary: proposal?.summary ?? '' }}
          onFinish={(v: { title: string; summary: string }) => run(CMD.proposeTypicalCase, { id: d.id, title: v.title, summary: v.summary }, t('已提议为典型案例', 'Proposed as a typical case'))}>
          <Form.Item label={t('案例标题', 'Case title')} name="title" rules={[{ required: true, message: t('请填写标题', 'Enter a title') }]}><Input maxLength={100} /></Form.Item>
          <Form.Item label={t('案情及启示', 'Facts and lessons')} name="summary" rules={[{ required: true, message: t('请填写案情及启示', 'Enter the facts and lessons') }]}><Input.TextArea rows={5} maxLength={10000} /></Form.Item>
          <Button type="primary" htmlType="submit">{proposal ? t('重新提议（双方须重新同意）', 'Propose again (both must consent again)') : t('提议为典型案例', 'Propose as a typical case')}</Button>
        </Form>
      )}
    </Card>
  );
}
