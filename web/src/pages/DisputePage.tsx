/**
 * The case page (/disputes/<id>): number and status, deadlines, what the person may do now, the
 * case itself, evidence, the mediation workspace and the later stages, and the timeline. It follows
 * the case live (disputeUpdated). A case the person may not see shows the same page as no case.
 */
import { Alert, Card, Col, Descriptions, List, Row, Space, Spin, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { useQuery, useSubscription } from 'urql';
import type { Me } from '../Shell.tsx';
import { dateTime, day, yuan } from '../format.ts';
import { useT } from '../i18n.tsx';
import { ALL_CODES, basisText, CATEGORY, END_REASON, OUTCOME, PROCEDURE, REJECTION, REMEDY, ROLE } from '../labels.ts';
import { AUDIT, DISPUTE, LIVE } from '../ops.ts';
import type { DisputeFieldsFragment } from '../gql/graphql.ts';
import { ArbitrationCard, ClaimantActions, ConfirmationCard, IntakeActions, Invitation, LegalAidCard, ObligationsCard } from './actions.tsx';
import { BundleButton, TypicalCaseCard } from './bundle.tsx';
import { EvidenceList, EvidenceUpload } from './evidence.tsx';
import { AgreementCard, Extension, MediatorTools, Messages, Offers, PARTY, Sessions } from './mediation.tsx';
import { NotFound } from './NotFound.tsx';
import { DeadlineText, StatusTag } from './parts.tsx';

type D = DisputeFieldsFragment;
const title = (text: string) => <h2 className="card-title">{text}</h2>;

function Deadlines({ d }: { d: D }) {
  const t = useT();
  if (d.deadlines.length === 0) return null;
  return (
    <Card size="small" title={title(t('期限', 'Deadlines'))} style={{ marginBottom: 12 }}>
      <List
        size="small"
        dataSource={[...d.deadlines].sort((a, b) => a.dueAt.localeCompare(b.dueAt))}
        renderItem={(x) => (
          <List.Item key={`${x.kind}-${x.ref ?? ''}`}>
            <Space orientation="vertical" size={0}>
              <DeadlineText deadline={x} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('依据：', 'Basis: ')}
                {basisText(x.source, t.lang)}
                {x.provisional ? t('（节假日安排未公布，暂定）', ' (holiday calendar not yet published: provisional)') : ''}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

function Details({ d }: { d: D }) {
  const t = useT();
  return (
    <Card size="small" title={title(t('案件信息', 'The complaint'))} style={{ marginBottom: 12 }}>
      <Descriptions size="small" column={1} items={[
        { key: 'claimant', label: t('投诉人', 'Claimant'), children: `${d.claimant.name} ${d.claimant.phone}` },
        { key: 'respondent', label: t('被投诉机构', 'Clinic'), children: `${d.respondent.name}${d.respondent.code ? `（${d.respondent.code}）` : ''}` },
        { key: 'procedure', label: t('治疗项目', 'Treatment'), children: d.procedure },
        { key: 'occurred', label: t('发生日期', 'Date'), children: `${day(d.occurredOn, t.lang)}${d.place ? ` · ${d.place}` : ''}` },
        { key: 'paid', label: t('已付金额', 'Amount paid'), children: yuan(d.amountPaid.amountFen, t.lang) },
        { key: 'categories', label: t('问题类型', 'Problems'), children: d.categories.map((c) => t.label(CATEGORY, c)).join('、') },
        { key: 'remedies', label: t('诉求', 'Asks for'), children: d.remedies.map((r) => `${t.label(REMEDY, r.kind)}${r.amount ? ` ${yuan(r.amount.amountFen, t.lang)}` : ''}`).join('、') },
        ...(d.mediationProcedure ? [{ key: 'mp', label: t('调解程序', 'Procedure'), children: t.label(PROCEDURE, d.mediationProcedure) }] : []),
        ...(d.mediator ? [{ key: 'mediator', label: t('调解员', 'Mediator'), children: d.mediator.name }] : []),
        { key: 'filed', label: t('提交时间', 'Filed'), children: dateTime(d.filedAt, t.lang) },
        ...(d.description ? [{ key: 'desc', label: t('经过', 'What happened'), children: d.description, span: 'filled' as const }] : []),
      ]} />
      {d.limitationWarning && <Alert type="warning" showIcon title={t('事发已超过三年诉讼时效，可能影响权利主张。', 'More than three years have passed: the limitation period may bar the claim.')} />}
      {d.rejection && <Alert type="error" showIcon title={t(`不予受理：${t.label(REJECTION, d.rejection.reason)}。${d.rejection.note}`, `Rejected: ${t.label(REJECTION, d.rejection.reason)}. ${d.rejection.note}`)} />}
      {d.mediationEnd && <Alert type="warning" showIcon title={t(`调解终止：${t.label(END_REASON, d.mediationEnd.reason)}`, `Mediation ended: ${t.label(END_REASON, d.mediationEnd.reason)}`)} description={d.mediationEnd.note} />}
    </Card>
  );
}

/** An audit line in the reader's language, its codes (ACCEPTED, CLAIMANT, ...) in words. */
function plain(summary: string, t: ReturnType<typeof useT>): string {
  const text = t.message(summary).replace(/\b[A-Z][A-Z_]{2,}\b/g, (code) => t.label(ALL_CODES, code) || code);
  return t.lang === 'en' ? text : text.replace(/([\u4e00-\u9fff]) (?=[\u4e00-\u9fff])/g, '$1');
}

function Timeline({ id, version }: { id: string; version: number }) {
  const t = useT();
  const [{ data }, refetch] = useQuery({ query: AUDIT, variables: { id } });
  useEffect(() => refetch({ requestPolicy: 'network-only' }), [version, refetch]);
  const entries = data?.auditTrail.filter((e) => e.type !== 'EvidenceDownloaded') ?? [];
  return (
    <Card size="small" title={title(t('进展', 'Timeline'))} style={{ marginBottom: 12 }}>
      <ol style={{ paddingLeft: 20, margin: 0 }} aria-label={t('案件进展', 'Case timeline')}>
        {[...entries].reverse().map((e) => (
          <li key={e.position} style={{ marginBottom: 6 }}>
            <Typography.Text>{plain(e.summary, t)}</Typography.Text>
            <br />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {dateTime(e.occurredAt, t.lang)} · {t.label(ROLE, e.actor.role)}
            </Typography.Text>
          </li>
        ))}
      </ol>
    </Card>
  );
}

function Referrals({ d }: { d: D }) {
  const t = useT();
  if (d.referrals.length === 0) return null;
  return (
    <Card size="small" title={title(t('移送主管部门', 'Referrals'))} style={{ marginBottom: 12 }}>
      {d.referrals.map((r) => (
        <p key={r.id} style={{ margin: '4px 0' }}>
          {t.label(ALL_CODES, r.authority)} · {r.categories.map((c) => t.label(CATEGORY, c)).join('、')} · {r.note}
          {r.outcome ? ` → ${r.outcome}` : ''}
        </p>
      ))}
    </Card>
  );
}

export function DisputePage({ me }: { me: Me }) {
  const t = useT();
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const [{ data, fetching, error }, refetch] = useQuery({ query: DISPUTE, variables: { id } });
  const [live] = useSubscription({ query: LIVE, variables: { id }, pause: !data?.dispute });
  const liveVersion = live.data?.disputeUpdated?.version;
  useEffect(() => {
    if (liveVersion !== undefined) refetch({ requestPolicy: 'network-only' });
  }, [liveVersion, refetch]);

  if (!data && fetching) return <Spin aria-label={t('加载中', 'Loading')} />;
  const d = data?.dispute;
  // NOT_FOUND, a malformed id and no dispute all read the same.
  if (!d) return error && !error.graphQLErrors.length ? <Alert type="error" showIcon title={t('网络错误，请刷新', 'Network error: reload the page')} /> : <NotFound />;

  const party = PARTY.has(d.viewerRelation);
  const canUpload = party && !['REJECTED', 'CLOSED', 'WITHDRAWN'].includes(d.status);
  return (
    <article>
      <Space wrap align="center" style={{ marginBottom: 8 }}>
        <h1 style={{ fontSize: 22, margin: 0 }}>
          {t('案号', 'Case')} <span data-testid="case-number">{d.caseNumber}</span>
        </h1>
        <StatusTag status={d.status} testId="status" />
        {d.outcome && <Tag>{t.label(OUTCOME, d.outcome)}</Tag>}
        <Typography.Text type="secondary">{t(`您是：${t.label(RELATION, d.viewerRelation)}`, `You are: ${t.label(RELATION, d.viewerRelation)}`)}</Typography.Text>
        <BundleButton d={d} />
      </Space>
      {search.get('filed') && (
        <Alert style={{ marginBottom: 12 }} type="success" showIcon
          title={t(`投诉已提交，案号 ${d.caseNumber}`, `Complaint filed: case number ${d.caseNumber}`)}
          description={t('请在下方上传证据。受理专员将在期限内审查并通知您。', 'Upload your evidence below. An intake officer will review it within the deadline and let you know.')} />
      )}
      <Deadlines d={d} />
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <Invitation d={d} />
          <ClaimantActions d={d} />
          <IntakeActions d={d} />
          <AgreementCard d={d} />
          <ConfirmationCard d={d} />
          <ArbitrationCard d={d} />
          <ObligationsCard d={d} />
          <TypicalCaseCard d={d} />
          <Sessions d={d} />
          <Messages d={d} />
          <Offers d={d} />
          <MediatorTools d={d} />
          <Extension d={d} />
          {canUpload && <EvidenceUpload dispute={d} onUploaded={() => refetch({ requestPolicy: 'network-only' })} />}
          <Card size="small" title={title(t('证据目录', 'Evidence index'))} style={{ marginBottom: 12 }}>
            <EvidenceList dispute={d} />
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Details d={d} />
          <LegalAidCard d={d} />
          <Referrals d={d} />
          <Timeline id={d.id} version={d.version} />
        </Col>
      </Row>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t(`登录身份：${me.name}（${t.label(ROLE, me.role)}）`, `Signed in as ${me.name} (${t.label(ROLE, me.role)})`)}
      </Typography.Text>
    </article>
  );
}

const RELATION: Record<string, readonly [string, string]> = {
  CLAIMANT: ['投诉人', 'the claimant'],
  CLAIMANT_LAWYER: ['投诉人的援助律师', 'the claimant’s legal-aid lawyer'],
  RESPONDENT: ['被投诉机构', 'the clinic'],
  INTAKE: ['受理专员', 'intake officer'],
  MEDIATOR: ['调解员', 'the mediator'],
  ARBITRATOR: ['仲裁员', 'the arbitrator'],
  COURT: ['法院', 'the court'],
  REGULATOR: ['监管部门', 'regulator'],
  LEGAL_AID_COORDINATOR: ['法律援助审查人', 'legal-aid coordinator'],
};
