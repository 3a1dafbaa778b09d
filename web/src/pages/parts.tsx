/** Small pieces several pages share: a status tag, a deadline line, a case card for lists. */
import { Card, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { day } from '../format.ts';
import { useT } from '../i18n.tsx';
import { DEADLINE, STATUS } from '../labels.ts';

const STATUS_COLOR: Record<string, string> = {
  SUBMITTED: 'gold', AWAITING_INFORMATION: 'orange', ACCEPTED: 'blue', IN_MEDIATION: 'blue', AGREEMENT_DRAFTED: 'geekblue',
  SETTLED: 'green', CONFIRMATION_REQUESTED: 'cyan', CONFIRMED: 'green', CONFIRMATION_REFUSED: 'red', MEDIATION_FAILED: 'red',
  IN_ARBITRATION: 'purple', AWARDED: 'green', CLOSED: 'default', REJECTED: 'default', WITHDRAWN: 'default',
};

export function StatusTag({ status, testId }: { status: string; testId?: string }) {
  const t = useT();
  return <Tag data-testid={testId} color={STATUS_COLOR[status] ?? 'default'}>{t.label(STATUS, status)}</Tag>;
}

export interface DeadlineLike {
  kind: string;
  lastDay: string;
  workingDaysLeft?: number | null;
  passed?: boolean | null;
}

/** "受理审查期限：2026年1月15日 · 还剩 2 个工作日" */
export function DeadlineText({ deadline, showKind = true }: { deadline: DeadlineLike; showKind?: boolean }) {
  const t = useT();
  const daysLeft = deadline.workingDaysLeft ?? 0;
  const left = deadline.passed
    ? t('已届满', 'passed')
    : deadline.workingDaysLeft === 0
      ? t('今天截止', 'ends today')
      : t(`还剩 ${deadline.workingDaysLeft} 个工作日`, `${deadline.workingDaysLeft} working day${deadline.workingDaysLeft === 1 ? '' : 's'} left`);
  return (
    <span>
      {showKind && `${t.label(DEADLINE, deadline.kind)}：`}
      {day(deadline.lastDay, t.lang)} · <Typography.Text type={deadline.passed || daysLeft <= 1 ? 'danger' : undefined}>{left}</Typography.Text>
    </span>
  );
}

export interface CaseRowData {
  id: string;
  caseNumber: string;
  status: string;
  procedure: string;
  respondent: { name: string };
  claimant: { name: string };
  deadlines: DeadlineLike[];
}

/** One case in a list: its number (a link to the case page), status, parties and next deadline. */
export function CaseCard({ dispute, next, extra }: { dispute: CaseRowData; next?: DeadlineLike | null; extra?: React.ReactNode }) {
  const t = useT();
  const deadline = next ?? [...dispute.deadlines].sort((a, b) => a.lastDay.localeCompare(b.lastDay))[0];
  return (
    <Card size="small" style={{ marginBottom: 8 }}>
      <Space orientation="vertical" size={2} style={{ width: '100%' }}>
        <Space wrap>
          <Link to={`/disputes/${dispute.id}`} style={{ fontWeight: 600 }}>
            {dispute.caseNumber}
          </Link>
          <StatusTag status={dispute.status} />
          {extra}
        </Space>
        <Typography.Text>
          {dispute.claimant.name} · {dispute.respondent.name} · {dispute.procedure}
        </Typography.Text>
        {deadline && (
          <Typography.Text type="secondary">
            <DeadlineText deadline={deadline} />
          </Typography.Text>
        )}
      </Space>
    </Card>
  );
}
