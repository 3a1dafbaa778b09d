/** Each person's start page: what their role works on, soonest deadline first. */
import { Alert, Button, Empty, Spin, Tabs, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useQuery } from 'urql';
import type { Me } from '../Shell.tsx';
import { useT } from '../i18n.tsx';
import { LEGAL_AID_STATUS } from '../labels.ts';
import { CASELOAD, COURT_DOCKET, DISPUTES, MEDIATOR_DOCKET } from '../ops.ts';
import { CaseCard, type CaseRowData, type DeadlineLike } from './parts.tsx';
import type { DisputeRowFragment } from '../gql/graphql.ts';

const byDeadline = (kind?: string) => (a: CaseRowData, b: CaseRowData) => {
  const due = (d: CaseRowData) => d.deadlines.filter((x) => !kind || x.kind === kind).map((x) => x.lastDay).sort()[0] ?? '9999';
  return due(a).localeCompare(due(b));
};

function Heading({ children }: { children: ReactNode }) {
  return <h1 style={{ fontSize: 22, margin: '4px 0 12px' }}>{children}</h1>;
}

function CaseList({ rows, empty, next }: { rows: DisputeRowFragment[] | undefined; empty: string; next?: (d: DisputeRowFragment) => DeadlineLike | null | undefined }) {
  if (!rows) return <Spin />;
  if (rows.length === 0) return <Empty description={empty} />;
  return (
    <section>
      {rows.map((d) => (
        <CaseCard key={d.id} dispute={d} next={next?.(d)} />
      ))}
    </section>
  );
}

function useDisputes(filter?: Record<string, unknown>) {
  const [{ data, error }] = useQuery({ query: DISPUTES, variables: { filter: filter ?? null, first: 100 } });
  return { rows: data?.disputes.edges.map((e) => e.node), error };
}

function ConsumerHome() {
  const t = useT();
  const navigate = useNavigate();
  const { rows } = useDisputes();
  return (
    <>
      <Heading>{t('我的投诉', 'My complaints')}</Heading>
      <Button type="primary" size="large" block style={{ marginBottom: 16, maxWidth: 360 }} onClick={() => navigate('/file')}>
        {t('我要投诉', 'File a complaint')}
      </Button>
      <CaseList rows={rows} empty={t('还没有投诉。遇到医美纠纷？点击“我要投诉”。', 'No complaints yet. Had a problem with a clinic? Choose “File a complaint”.')} />
    </>
  );
}

function IntakeHome() {
  const t = useT();
  const submitted = useDisputes({ status: 'SUBMITTED' }).rows;
  const waiting = useDisputes({ status: 'AWAITING_INFORMATION' }).rows;
  const mediation = useDisputes({ status: 'IN_MEDIATION' }).rows;
  const arbitration = useDisputes({ status: 'IN_ARBITRATION' }).rows;
  const all = useDisputes().rows;
  const queue = submitted && [...submitted].sort(byDeadline('INTAKE_ACCEPTANCE'));
  const unassigned = mediation && arbitration && [...mediation.filter((d) => !d.mediator), ...arbitration.filter((d) => !d.arbitration?.arbitrators.length)];
  return (
    <>
      <Heading>{t('受理工作台', 'Intake desk')}</Heading>
      <Tabs
        items={[
          { key: 'queue', label: t(`待受理（${queue?.length ?? 0}）`, `To review (${queue?.length ?? 0})`), children: <CaseList rows={queue} empty={t('没有待受理的投诉', 'Nothing to review')} next={(d) => d.deadlines.find((x) => x.kind === 'INTAKE_ACCEPTANCE')} /> },
          { key: 'waiting', label: t('待补充材料', 'Awaiting information'), children: <CaseList rows={waiting} empty={t('无', 'None')} /> },
          { key: 'assign', label: t(`待指派（${unassigned?.length ?? 0}）`, `To assign (${unassigned?.length ?? 0})`), children: <CaseList rows={unassigned} empty={t('没有待指派调解员或仲裁员的案件', 'No case awaits a mediator or arbitrator')} /> },
          { key: 'all', label: t('全部案件', 'All cases'), children: <CaseList rows={all} empty={t('无', 'None')} /> },
        ]}
      />
    </>
  );
}

function DocketHome({ title, rows, empty }: { title: string; rows: Array<{ dispute: DisputeRowFragment; nextDeadline?: DeadlineLike | null }> | undefined; empty: string }) {
  return (
    <>
      <Heading>{title}</Heading>
      {!rows ? (
        <Spin />
      ) : rows.length === 0 ? (
        <Empty description={empty} />
      ) : (
        rows.map((entry) => <CaseCard key={entry.dispute.id} dispute={entry.dispute} next={entry.nextDeadline} />)
      )}
    </>
  );
}

function MediatorHome() {
  const t = useT();
  const [{ data }] = useQuery({ query: MEDIATOR_DOCKET });
  return <DocketHome title={t('我的调解案件', 'My mediation docket')} rows={data?.mediatorDocket} empty={t('暂无指派给您的案件', 'No cases assigned to you')} />;
}

function CourtHome() {
  const t = useT();
  const [{ data }] = useQuery({ query: COURT_DOCKET });
  return <DocketHome title={t('司法确认案件', 'Judicial confirmation docket')} rows={data?.courtDocket} empty={t('暂无司法确认申请', 'No applications')} />;
}

function LawyerHome({ me }: { me: Me }) {
  const t = useT();
  const [{ data }] = useQuery({ query: CASELOAD });
  const rows = data?.legalAidCaseload;
  return (
    <>
      <Heading>{me.coordinator ? t('法律援助案件与待审查申请', 'Legal-aid caseload and applications') : t('我的法律援助案件', 'My legal-aid caseload')}</Heading>
      {!rows ? (
        <Spin />
      ) : rows.length === 0 ? (
        <Empty description={t('暂无案件', 'No cases')} />
      ) : (
        rows.map((entry) => (
          <CaseCard
            key={entry.dispute.id}
            dispute={entry.dispute}
            next={entry.nextDeadline}
            extra={
              entry.dispute.legalAid && (
                <Tag color={entry.dispute.legalAid.urgent ? 'red' : 'default'}>
                  {t.label(LEGAL_AID_STATUS, entry.dispute.legalAid.status)}
                  {entry.dispute.legalAid.urgent ? t('·紧急', ' · urgent') : ''}
                </Tag>
              )
            }
          />
        ))
      )}
    </>
  );
}

function ListHome({ title, empty }: { title: string; empty: string }) {
  const { rows } = useDisputes();
  return (
    <>
      <Heading>{title}</Heading>
      <CaseList rows={rows && [...rows].sort(byDeadline())} empty={empty} />
    </>
  );
}

export function Home({ me }: { me: Me }) {
  const t = useT();
  switch (me.role) {
    case 'CONSUMER':
      return <ConsumerHome />;
    case 'INTAKE_OFFICER':
      return <IntakeHome />;
    case 'MEDIATOR':
      return <MediatorHome />;
    case 'COURT':
      return <CourtHome />;
    case 'LEGAL_AID_LAWYER':
      return <LawyerHome me={me} />;
    case 'RESPONDENT':
      return <ListHome title={t(`${me.institution?.name ?? '本机构'}的纠纷案件`, `Disputes of ${me.institution?.name ?? 'your institution'}`)} empty={t('暂无已受理的投诉', 'No accepted complaints')} />;
    case 'ARBITRATOR':
      return <ListHome title={t('我的仲裁案件', 'My arbitration cases')} empty={t('暂无指定给您的仲裁案件', 'No cases appointed to you')} />;
    case 'REGULATOR':
      return <ListHome title={t('移送线索', 'Referrals')} empty={t('暂无移送', 'No referrals')} />;
    default:
      return (
        <>
          <Heading>{t('平台管理', 'Administration')}</Heading>
          <Alert type="info" showIcon title={t('管理员不查看案件内容；账号与机构请用命令行管理。', 'Administrators see no case content; manage accounts and institutions with the CLI.')} />
          <Typography.Paragraph />
        </>
      );
  }
}
