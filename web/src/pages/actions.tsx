/** The steps outside the mediation room: intake, the invitation, confirmation, arbitration, performance, legal aid. */
import { Alert, Button, Card, Checkbox, Descriptions, Form, Input, InputNumber, List, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useClient, useQuery } from 'urql';
import { dateTime, day, shanghaiInstant, toFen, yuan } from '../format.ts';
import { useT } from '../i18n.tsx';
import { AUTHORITY, basisText, CATEGORY, DAMAGES_HEAD, CONFIRMATION_STATUS, LEGAL_AID_STATUS, MODE, OBLIGATION_STATUS, PROCEDURE, REFUSAL_GROUND, REJECTION, REMEDY, SIDE } from '../labels.ts';
import { CMD, DAMAGES, STAFF } from '../ops.ts';
import type { AuthorityKind, Category, DamagesQuery, DisputeFieldsFragment, Procedure, RefusalGround, RejectionReason, Role, SessionMode } from '../gql/graphql.ts';
import { useCommand } from './command.tsx';
import { PARTY, sideOf } from './mediation.tsx';
import { ObligationsField, toObligationInputs, type ObligationRow } from './obligations.tsx';

type D = DisputeFieldsFragment;
const TERMINAL = new Set(['REJECTED', 'CLOSED', 'WITHDRAWN']);
const title = (text: string) => <h2 className="card-title">{text}</h2>;

function StaffSelect({ role, id, onChange }: { role: Role; id: string; onChange(value: string): void }) {
  const [{ data }] = useQuery({ query: STAFF, variables: { role } });
  return <Select id={id} style={{ minWidth: 200 }} onChange={onChange} options={(data?.staffDirectory ?? []).map((p) => ({ value: p.id, label: p.name }))} />;
}

export function IntakeActions({ d }: { d: D }) {
  const t = useT();
  const run = useCommand();
  const [mediatorId, setMediatorId] = useState<string>();
  const [arbitratorId, setArbitratorId] = useState<string>();
  if (d.viewerRelation !== 'INTAKE') return null;
  const reviewing = d.status === 'SUBMITTED';
  const assignMediator = d.status === 'IN_MEDIATION' && !d.mediator;
  const appoint = d.status === 'IN_ARBITRATION' && !d.arbitration?.arbitrators.length;
  const refer = !TERMINAL.has(d.status);
  if (!reviewing && !assignMediator && !appoint && !refer) return null;
  return (
    <Card size="small" title={title(t('受理操作', 'Intake'))} style={{ marginBottom: 12 }}>
      {reviewing && (
        <>
          <Form name="accept" layout="inline" initialValues={{ procedure: 'MEDICAL_DISPUTE_MEDIATION' }} style={{ marginBottom: 12 }}
            onFinish={(v: { procedure: Procedure }) => run(CMD.acceptDispute, { id: d.id, procedure: v.procedure }, t('已受理', 'Accepted'))}>
            <Form.Item label={t('调解程序', 'Procedure')} name="procedure">
              <Select style={{ width: 220 }} options={Object.keys(PROCEDURE).map((p) => ({ value: p, label: t.label(PROCEDURE, p) }))} />
            </Form.Item>
            <Button type="primary" htmlType="submit">{t('受理', 'Accept')}</Button>
          </Form>
          <Form name="request-information" layout="inline" style={{ marginBottom: 12 }} onFinish={(v: { message: string }) => run(CMD.requestInformation, { id: d.id, message: v.message }, t('已通知投诉人补充材料', 'Information requested'))}>
            <Form.Item label={t('需补充的材料', 'What is missing')} name="message" rules={[{ required: true }]}><Input style={{ width: 260 }} /></Form.Item>
            <Button htmlType="submit">{t('要求补充材料', 'Ask for more material')}</Button>
          </Form>
          <Form name="reject" layout="inline" style={{ marginBottom: 12 }} initialValues={{ reason: 'OUT_OF_SCOPE' }}
            onFinish={(v: { reason: RejectionReason; note?: string }) => run(CMD.rejectDispute, { id: d.id, reason: v.reason, note: v.note || null }, t('已作出不予受理决定', 'Rejected'))}>
            <Form.Item label={t('不予受理理由', 'Reason')} name="reason">
              <Select style={{ width: 200 }} options={Object.keys(REJECTION).map((r) => ({ value: r, label: t.label(REJECTION, r) }))} />
            </Form.Item>
            <Form.Item label={t('说明', 'Note')} name="note"><Input /></Form.Item>
            <Button danger htmlType="submit">{t('不予受理', 'Reject')}</Button>
          </Form>
        </>
      )}
      {assignMediator && (
        <Space wrap style={{ marginBottom: 12 }}>
          <label htmlFor="assign-mediator">{t('指派调解员', 'Assign a mediator')}</label>
          <StaffSelect role="MEDIATOR" id="assign-mediator" onChange={setMediatorId} />
          <Button type="primary" disabled={!mediatorId} onClick={() => mediatorId && run(CMD.assignMediator, { id: d.id, mediatorId }, t('已指派调解员', 'Mediator assigned'))}>
            {t('指派', 'Assign')}
          </Button>
        </Space>
      )}
      {appoint && (
        <Space wrap style={{ marginBottom: 12 }}>
          <label htmlFor="appoint-arbitrator">{t('指定仲裁员', 'Appoint an arbitrator')}</label>
          <StaffSelect role="ARBITRATOR" id="appoint-arbitrator" onChange={setArbitratorId} />
          <Button type="primary" disabled={!arbitratorId} onClick={() => arbitratorId && run(CMD.appointArbitrator, { id: d.id, arbitratorId }, t('已指定仲裁员', 'Arbitrator appointed'))}>
            {t('指定', 'Appoint')}
          </Button>
        </Space>
      )}
      {refer && (
        <Form name="refer" layout="vertical" initialValues={{ authority: 'HEALTH', categories: d.categories }}
          onFinish={(v: { authority: AuthorityKind; categories: Category[]; note: string }) => run(CMD.referToAuthority, { id: d.id, authority: v.authority, categories: v.categories, note: v.note }, t('已移送主管部门', 'Referred'))}>
          <h3 style={{ fontSize: 15 }}>{t('移送主管部门', 'Refer to an authority')}</h3>
          <Space wrap>
            <Form.Item label={t('主管部门', 'Authority')} name="authority"><Select style={{ width: 200 }} options={Object.keys(AUTHORITY).map((a) => ({ value: a, label: t.label(AUTHORITY, a) }))} /></Form.Item>
            <Form.Item label={t('涉及问题', 'Concerning')} name="categories" rules={[{ required: true }]}><Select mode="multiple" style={{ minWidth: 240 }} options={Object.keys(CATEGORY).map((c) => ({ value: c, label: t.label(CATEGORY, c) }))} /></Form.Item>
            <Form.Item label={t('移送说明', 'Facts referred')} name="note" rules={[{ required: true }]}><Input style={{ width: 260 }} /></Form.Item>
          </Space>
          <Button htmlType="submit">{t('移送', 'Refer')}</Button>
        </Form>
      )}
    </Card>
  );
}

/** The clinic consents to or declines mediation; the consumer sees the answer. */
export function Invitation({ d }: { d: D }) {
  const t = useT();
  const run = useCommand();
  const answer = d.respondentAnswer;
  if (answer) {
    return (
      <Alert style={{ marginBottom: 12 }} type={answer.consent ? 'success' : 'warning'} showIcon
        title={answer.lapsed ? t('被投诉机构逾期未答复，视为拒绝调解', 'The clinic did not answer in time: mediation declined')
          : answer.consent ? t(`被投诉机构已同意调解（${dateTime(answer.answeredAt, t.lang)}）`, `The clinic agreed to mediate (${dateTime(answer.answeredAt, t.lang)})`)
          : t(`被投诉机构拒绝调解（${dateTime(answer.answeredAt, t.lang)}）`, `The clinic declined mediation (${dateTime(answer.answeredAt, t.lang)})`)} />
    );
  }
  if (d.status !== 'ACCEPTED') return null;
  if (d.viewerRelation !== 'RESPONDENT') {
    return <Alert style={{ marginBottom: 12 }} type="info" showIcon title={t('已邀请被投诉机构参加调解，等待其答复。', 'The clinic has been invited to mediation; awaiting its answer.')} />;
  }
  return (
    <Card size="small" title={title(t('调解邀请', 'Invitation to mediate'))} style={{ marginBottom: 12 }}>
      <Typography.Paragraph>{t('调解遵循自愿原则。是否同意由本平台调解该纠纷？', 'Mediation is voluntary. Do you agree to mediate this dispute here?')}</Typography.Paragraph>
      <Space>
        <Button type="primary" onClick={() => run(CMD.answerInvitation, { id: d.id, consent: true }, t('已同意调解', 'You agreed to mediate'))}>{t('同意调解', 'Agree to mediate')}</Button>
        <Popconfirm title={t('确定拒绝调解？', 'Decline mediation?')} okText={t('确定', 'Yes')} cancelText={t('取消', 'No')}
          onConfirm={() => run(CMD.answerInvitation, { id: d.id, consent: false }, t('已拒绝调解', 'You declined'))}>
          <Button danger>{t('拒绝调解', 'Decline')}</Button>
        </Popconfirm>
      </Space>
    </Card>
  );
}

export function ClaimantActions({ d }: { d: D }) {
  const t = useT();
  const run = useCommand();
  if (sideOf(d.viewerRelation) !== 'CLAIMANT') return null;
  const open = d.informationRequests.find((r) => !r.supplementedAt);
  const canWithdraw = ['SUBMITTED', 'AWAITING_INFORMATION', 'ACCEPTED', 'IN_MEDIATION', 'AGREEMENT_DRAFTED', 'MEDIATION_FAILED'].includes(d.status);
  return (
    <>
      {d.status === 'AWAITING_INFORMATION' && open && (
        <Card size="small" title={title(t('补充材料', 'Supplement information'))} style={{ marginBottom: 12 }}>
          <Alert type="warning" showIcon title={t(`受理专员要求：${open.message}`, `The intake officer asks: ${open.message}`)} style={{ marginBottom: 8 }} />
          <Form name="supplement" layout="vertical" onFinish={(v: { text: string }) => run(CMD.supplementInformation, { id: d.id, text: v.text }, t('已补充', 'Supplemented'))}>
            <Form.Item label={t('补充说明', 'Your answer')} name="text" rules={[{ required: true }]}><Input.TextArea rows={3} /></Form.Item>
            <Button type="primary" htmlType="submit">{t('提交补充材料', 'Submit')}</Button>
          </Form>
        </Card>
      )}
      {canWithdraw && (
        <Popconfirm title={t('确定撤回投诉？撤回后不能恢复。', 'Withdraw the complaint? This cannot be undone.')} okText={t('撤回', 'Withdraw')} cancelText={t('取消', 'Cancel')}
          onConfirm={() => run(CMD.withdrawDispute, { id: d.id, reason: null }, t('投诉已撤回', 'Withdrawn'))}>
          <Button size="small" style={{ marginBottom: 12 }}>{t('撤回投诉', 'Withdraw complaint')}</Button>
        </Popconfirm>
      )}
    </>
  );
}

export function ConfirmationCard({ d }: { d: D }) {
  const t = useT();
  const run = useCommand();
  const [confirmed, setConfirmed] = useState(true);
  const side = sideOf(d.viewerRelation);
  const c = d.confirmation;
  const applied = c?.applications.some((a) => a.role === side);
  const canApply = side && d.status === 'SETTLED' && !applied;
  const court = d.viewerRelation === 'COURT';
  if (!c && !canApply) return null;
  return (
    <Card size="small" title={title(t('司法确认', 'Judicial confirmation'))} style={{ marginBottom: 12 }}>
      {c && (
        <Descriptions size="small" column={1} items={[
          { key: 'status', label: t('状态', 'Status'), children: t.label(CONFIRMATION_STATUS, c.status) },
          ...(c.court ? [{ key: 'court', label: t('法院', 'Court'), children: c.court }] : []),
          { key: 'apps', label: t('申请', 'Applications'), children: c.applications.map((a) => `${t.label(SIDE, a.role)} → ${a.court}（${dateTime(a.appliedAt, t.lang)}）`).join('；') || '—' },
          ...(c.rulingNumber ? [{ key: 'ruling', label: t('裁定书文号', 'Ruling number'), children: c.rulingNumber }] : []),
          ...(c.grounds?.length ? [{ key: 'grounds', label: t('驳回理由', 'Grounds'), children: c.grounds.map((g) => t.label(REFUSAL_GROUND, g)).join('；') }] : []),
          ...(c.decidedAt ? [{ key: 'decided', label: t('裁定时间', 'Decided'), children: dateTime(c.decidedAt, t.lang) }] : []),
        ]} />
      )}
      {canApply && (
        <Form name="apply-confirmation" layout="vertical" onFinish={(v: { court: string }) => run(CMD.applyForConfirmation, { id: d.id, court: v.court.trim() }, t('已申请司法确认', 'Applied'))}>
          <Typography.Paragraph>{t('调解协议生效后 30 日内，双方可共同向人民法院申请司法确认，确认后具有强制执行力。', 'Within 30 days of the agreement taking effect both parties may apply to a court to confirm it, making it enforceable.')}</Typography.Paragraph>
          <Form.Item label={t('受理法院', 'Court')} name="court" rules={[{ required: true, message: t('请输入法院名称', 'Enter the court') }]}>
            <Input placeholder={t('如：深圳市福田区人民法院', 'e.g. 深圳市福田区人民法院')} />
          </Form.Item>
          <Button type="primary" htmlType="submit">{t('申请司法确认', 'Apply for confirmation')}</Button>
        </Form>
      )}
      {side && applied && d.status === 'SETTLED' && <Alert type="info" showIcon title={t('您已申请，等待对方共同申请。', 'You have applied; waiting for the other party.')} />}
      {court && d.status === 'CONFIRMATION_REQUESTED' && c?.status === 'REQUESTED' && (
        <Button type="primary" onClick={() => run(CMD.acceptConfirmation, { id: d.id }, t('已受理申请', 'Application accepted'))}>{t('受理申请', 'Accept the application')}</Button>
      )}
      {court && d.status === 'CONFIRMATION_REQUESTED' && c?.status === 'ACCEPTED' && (
        <Form name="ruling" layout="vertical" initialValues={{ confirmed: true }}
          onFinish={(v: { rulingNumber?: string; grounds?: RefusalGround[]; note?: string }) =>
            run(CMD.ruleOnConfirmation, { id: d.id, confirmed, rulingNumber: v.rulingNumber || null, grounds: confirmed ? null : (v.grounds ?? []), note: v.note || null }, t('裁定已记录', 'Ruling recorded'))}>
          <h3 style={{ fontSize: 15 }}>{t('作出裁定', 'Rule')}</h3>
          <Form.Item label={t('裁定结果', 'Ruling')}>
            <Select value={confirmed ? 'yes' : 'no'} onChange={(v) => setConfirmed(v === 'yes')} aria-label={t('裁定结果', 'Ruling')}
              options={[{ value: 'yes', label: t('确认调解协议有效', 'Confirm the agreement') }, { value: 'no', label: t('驳回申请', 'Refuse') }]} style={{ width: 240 }} />
          </Form.Item>
          <Form.Item label={t('裁定书文号', 'Ruling number')} name="rulingNumber" rules={[{ required: confirmed, message: t('请输入文号', 'Enter the number') }]}><Input placeholder="(2026)粤0304民特88号" /></Form.Item>
          {!confirmed && (
            <Form.Item label={t('驳回理由', 'Grounds')} name="grounds" rules={[{ required: true }]}>
              <Select mode="multiple" options={Object.keys(REFUSAL_GROUND).map((g) => ({ value: g, label: t.label(REFUSAL_GROUND, g) }))} />
            </Form.Item>
          )}
          <Form.Item label={t('备注', 'Note')} name="note"><Input /></Form.Item>
          <Button type="primary" htmlType="submit">{t('记录裁定', 'Record the ruling')}</Button>
        </Form>
      )}
    </Card>
  );
}

export function ArbitrationCard({ d }: { d: D }) {
  const t = useT();
  const run = useCommand();
  const [award] = Form.useForm<{ award: string; obligations: ObligationRow[] }>();
  const side = sideOf(d.viewerRelation);
  const a = d.arbitration;
  const canSign = side && (d.status === 'MEDIATION_FAILED' || d.status === 'CONFIRMATION_REFUSED') && !a?.agreementSignatures.some((s) => s.role === side);
  const arbitrator = d.viewerRelation === 'ARBITRATOR';
  const setAside = d.deadlines.find((x) => x.kind === 'AWARD_SET_ASIDE');
  if (!a && !canSign) return null;
  return (
    <Card size="small" title={title(t('仲裁', 'Arbitration'))} style={{ marginBottom: 12 }}>
      {a && (
        <Descriptions size="small" column={1} items={[
          ...(a.commission ? [{ key: 'commission', label: t('仲裁委员会', 'Commission'), children: a.commission }] : []),
          { key: 'signed', label: t('仲裁协议签署', 'Arbitration agreement'), children: a.agreementSignatures.map((s) => `${t.label(SIDE, s.role)}（${dateTime(s.signedAt, t.lang)}）`).join('；') || '—' },
          ...(a.agreementHash ? [{ key: 'hash', label: 'SHA-256', children: <span className="hash">{a.agreementHash}</span> }] : []),
          { key: 'arbitrators', label: t('仲裁员', 'Arbitrators'), children: a.arbitrators.map((p) => p.name).join('、') || t('待指定', 'to be appointed') },
          ...a.hearings.map((h) => ({ key: h.id, label: t('开庭', 'Hearing'), children: `${dateTime(h.startsAt, t.lang)} · ${t.label(MODE, h.mode)} ${h.link ?? h.place ?? ''}` })),
        ]} />
      )}
      {a?.agreementText && <pre className="agreement-text" tabIndex={0} aria-label={t('仲裁协议全文', 'Arbitration agreement text')}>{a.agreementText}</pre>}
      {a?.award && (
        <>
          <h3 style={{ fontSize: 15 }}>{t('仲裁裁决', 'Award')}</h3>
          <pre className="agreement-text" tabIndex={0} aria-label={t('裁决书', 'Award text')}>{a.award.text}</pre>
          <Typography.Paragraph>
            {t(`裁决时间：${dateTime(a.award.decidedAt, t.lang)}，裁决为终局裁决。`, `Rendered ${dateTime(a.award.decidedAt, t.lang)}; the award is final.`)}
            {a.award.receivedAt ? t(` 送达日期：${day(a.award.receivedAt, t.lang)}。`, ` Received on ${day(a.award.receivedAt, t.lang)}.`) : ''}
          </Typography.Paragraph>
          {setAside && (
            <Alert type="info" showIcon title={t(`申请撤销裁决的期限至 ${day(setAside.lastDay, t.lang)}（${basisText(setAside.source, t.lang)}）`, `An application to set the award aside is possible until ${day(setAside.lastDay, t.lang)} (${setAside.source})`)} />
          )}
        </>
      )}
      {canSign && (
        <Form name="arbitration-agreement" layout="vertical" onFinish={(v: { commission: string }) => run(CMD.signArbitrationAgreement, { id: d.id, commission: v.commission.trim() }, t('已签署仲裁协议', 'Arbitration agreement signed'))}>
          <Typography.Paragraph>{t('调解不成的，双方可书面约定提交仲裁委员会仲裁，仲裁裁决为终局裁决。', 'If mediation failed, both parties may agree in writing to arbitration; the award is final.')}</Typography.Paragraph>
          <Form.Item label={t('仲裁委员会', 'Arbitration commission')} name="commission" rules={[{ required: true }]}><Input placeholder={t('如：深圳国际仲裁院', 'e.g. Shenzhen Court of International Arbitration')} /></Form.Item>
          <Button type="primary" htmlType="submit">{t('签署仲裁协议', 'Sign the arbitration agreement')}</Button>
        </Form>
      )}
      {side && d.status === 'AWARDED' && a?.award && !a.award.receivedAt && (
        <Form name="award-receipt" layout="inline" style={{ marginTop: 8 }} onFinish={(v: { receivedOn: string }) => run(CMD.recordAwardReceipt, { id: d.id, receivedOn: v.receivedOn }, t('已记录送达日期', 'Receipt recorded'))}>
          <Form.Item label={t('裁决书送达日期', 'Award received on')} name="receivedOn" rules={[{ required: true }]}><Input type="date" /></Form.Item>
          <Button htmlType="submit">{t('记录送达', 'Record receipt')}</Button>
        </Form>
      )}
      {arbitrator && d.status === 'IN_ARBITRATION' && (
        <>
          <Form name="hearing" layout="vertical" initialValues={{ mode: 'IN_PERSON' }}
            onFinish={(v: { startsAt: string; mode: SessionMode; where: string }) =>
              run(CMD.scheduleHearing, { id: d.id, startsAt: shanghaiInstant(v.startsAt), mode: v.mode, link: v.mode === 'ONLINE' ? v.where : null, place: v.mode === 'IN_PERSON' ? v.where : null }, t('已安排开庭', 'Hearing scheduled'))}>
            <h3 style={{ fontSize: 15 }}>{t('安排开庭', 'Schedule a hearing')}</h3>
            <Space wrap>
              <Form.Item label={t('开庭时间', 'Starts at')} name="startsAt" rules={[{ required: true }]}><Input type="datetime-local" /></Form.Item>
              <Form.Item label={t('方式', 'Mode')} name="mode"><Select style={{ width: 140 }} options={Object.keys(MODE).map((m) => ({ value: m, label: t.label(MODE, m) }))} /></Form.Item>
              <Form.Item label={t('地点或链接', 'Place or link')} name="where" rules={[{ required: true }]}><Input /></Form.Item>
            </Space>
            <Button htmlType="submit">{t('安排开庭', 'Schedule')}</Button>
          </Form>
          <Form name="award" form={award} layout="vertical" style={{ marginTop: 16 }} initialValues={{ obligations: [{ debtor: 'RESPONDENT', kind: 'REFUND' }] }}
            onFinish={(v) => run(CMD.renderAward, { id: d.id, award: v.award, obligations: toObligationInputs(v.obligations) }, t('裁决已作出', 'Award rendered'))}>
            <h3 style={{ fontSize: 15 }}>{t('作出裁决', 'Render the award')}</h3>
            <Form.Item label={t('裁决主文', 'Award')} name="award" rules={[{ required: true }]}><Input.TextArea rows={4} /></Form.Item>
            <ObligationsField />
            <div style={{ marginTop: 8 }}><Button type="primary" htmlType="submit">{t('作出裁决', 'Render award')}</Button></div>
          </Form>
        </>
      )}
    </Card>
  );
}

export function ObligationsCard({ d }: { d: D }) {
  const t = useT();
  const run = useCommand();
  const side = sideOf(d.viewerRelation);
  if (d.obligations.length === 0) return null;
  const enforceable = (d.status === 'CONFIRMED' || d.status === 'AWARDED') && side && d.obligations.some((o) => o.status === 'OVERDUE' && o.debtor !== side);
  return (
    <Card size="small" title={title(t('履行情况', 'Performance'))} style={{ marginBottom: 12 }}>
      <List
        dataSource={d.obligations}
        renderItem={(o) => {
          const debtor = o.debtor === side;
          const creditor = side && !debtor;
          const what = [t.label(REMEDY, o.kind), o.amount ? yuan(o.amount.amountFen, t.lang) : '', o.description ?? ''].filter(Boolean).join(' ');
          return (
            <List.Item key={o.id}>
              <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                <Space wrap>
                  <Typography.Text strong>{t.label(SIDE, o.debtor)}：{what}</Typography.Text>
                  <Tag color={o.status === 'FULFILLED' ? 'green' : o.status === 'OVERDUE' ? 'red' : 'default'}>{t.label(OBLIGATION_STATUS, o.status)}</Tag>
                </Space>
                <Typography.Text type="secondary">{t(`履行期限：${day(o.dueDate, t.lang)}`, `Due ${day(o.dueDate, t.lang)}`)}{o.performanceNote ? ` · ${o.performanceNote}` : ''}</Typography.Text>
                {debtor && (o.status === 'PENDING' || o.status === 'OVERDUE') && (
                  <Form name={`performance-${o.id}`} layout="inline" onFinish={(v: { note?: string }) => run(CMD.recordPerformance, { id: d.id, obligationId: o.id, note: v.note || null }, t('已记录履行', 'Performance recorded'))}>
                    <Form.Item label={t(`履行说明：${what}`, `Note: ${what}`)} name="note"><Input placeholder={t('如：已转账，流水号…', 'e.g. transferred, reference …')} /></Form.Item>
                    <Button type="primary" htmlType="submit">{t('记录已履行', 'Record as performed')}</Button>
                  </Form>
                )}
                {creditor && o.status === 'PERFORMED' && (
                  <Button type="primary" onClick={() => run(CMD.confirmPerformance, { id: d.id, obligationId: o.id }, t('已确认收到', 'Confirmed'))}>
                    {t(`确认已收到：${what}`, `Confirm received: ${what}`)}
                  </Button>
                )}
              </Space>
            </List.Item>
          );
        }}
      />
      {enforceable && (
        <Button danger onClick={() => run(CMD.applyForEnforcement, { id: d.id }, t('已记录强制执行申请', 'Enforcement application recorded'))}>{t('申请强制执行', 'Apply for enforcement')}</Button>
      )}
    </Card>
  );
}

/** The damages calculator: each line with its legal basis (RULES.md "Damages"). */
function DamagesCalculator({ d }: { d: D }) {
  const t = useT();
  const client = useClient();
  const [result, setResult] = useState<DamagesQuery['calculateDamages']>();
  const heads = [
    ['medicalExpenses', '医疗费', 'Medical expenses'], ['nursing', '护理费', 'Nursing'], ['transport', '交通费', 'Transport'],
    ['lostIncome', '误工费', 'Lost income'], ['mealsAndNutrition', '伙食与营养费', 'Meals and nutrition'], ['mentalDistress', '精神损害抚慰金', 'Mental distress'],
  ] as const;
  async function calculate(v: Record<string, number | boolean | undefined>) {
    const input: Record<string, unknown> = { amountPaidFen: Number(d.amountPaid.amountFen), fraud: Boolean(v.fraud) };
    for (const [key] of heads) if (v[key] !== undefined && v[key] !== null) input[key] = toFen(v[key] as number);
    const r = await client.query(DAMAGES, { input: input as never }, { requestPolicy: 'network-only' }).toPromise();
    if (r.data) setResult(r.data.calculateDamages);
  }
  return (
    <>
      <h3 style={{ fontSize: 15, marginTop: 12 }}>{t('损失计算', 'Damages calculator')}</h3>
      <Form name="damages" layout="vertical" onFinish={calculate}>
        <Space wrap>
          {heads.map(([key, zh, en]) => (
            <Form.Item key={key} label={t(`${zh}（元）`, `${en} (CNY)`)} name={key}><InputNumber min={0} style={{ width: 140 }} /></Form.Item>
          ))}
        </Space>
        <Form.Item name="fraud" valuePropName="checked"><Checkbox>{t('机构存在欺诈（退一赔三）', 'The clinic acted fraudulently (refund plus three times)')}</Checkbox></Form.Item>
        <Button htmlType="submit">{t('计算', 'Calculate')}</Button>
      </Form>
      {result && (
        <Table size="small" style={{ marginTop: 8 }} pagination={false} rowKey={(l) => l.head}
          dataSource={result.lines}
          columns={[
            { title: t('项目', 'Head'), dataIndex: 'head', render: (head: string, l: DamagesQuery['calculateDamages']['lines'][number]) => `${t.label(DAMAGES_HEAD, head)}${l.optional ? t('（可主张，非确定）', ' (arguable)') : ''}` },
            { title: t('金额', 'Amount'), dataIndex: ['amount', 'amountFen'], render: (fen: number) => yuan(fen, t.lang) },
            { title: t('法律依据', 'Legal basis'), dataIndex: 'basis', render: (basis: string) => basisText(basis, t.lang) },
          ]}
          footer={() => t(`合计 ${yuan(result.total.amountFen, t.lang)}，其中确定部分 ${yuan(result.certainTotal.amountFen, t.lang)}`, `Total ${yuan(result.total.amountFen, t.lang)}, of which certain ${yuan(result.certainTotal.amountFen, t.lang)}`)} />
      )}
    </>
  );
}

export function LegalAidCard({ d }: { d: D }) {
  const t = useT();
  const run = useCommand();
  const [lawyerId, setLawyerId] = useState<string>();
  const relation = d.viewerRelation;
  const aid = d.legalAid;
  const claimant = relation === 'CLAIMANT';
  const coordinator = relation === 'LEGAL_AID_COORDINATOR';
  const lawyer = relation === 'CLAIMANT_LAWYER';
  if (!aid && !(claimant && !TERMINAL.has(d.status))) return null;
  return (
    <Card size="small" title={title(t('法律援助', 'Legal aid'))} style={{ marginBottom: 12 }}>
      {aid ? (
        <Descriptions size="small" column={1} items={[
          { key: 'status', label: t('状态', 'Status'), children: <>{t.label(LEGAL_AID_STATUS, aid.status)}{aid.urgent && <Tag color="red" style={{ marginLeft: 8 }}>{t('紧急', 'urgent')}</Tag>}</> },
          { key: 'applied', label: t('申请时间', 'Applied'), children: dateTime(aid.appliedAt, t.lang) },
          ...(aid.circumstances ? [{ key: 'c', label: t('经济困难情况', 'Economic circumstances'), children: aid.circumstances }] : []),
          ...(aid.reason ? [{ key: 'r', label: t('决定理由', 'Reason'), children: aid.reason }] : []),
          ...(aid.lawyer ? [{ key: 'l', label: t('援助律师', 'Lawyer'), children: aid.lawyer.name }] : []),
        ]} />
      ) : (
        <Form name="legal-aid" layout="vertical" onFinish={(v: { circumstances: string }) => run(CMD.applyForLegalAid, { id: d.id, circumstances: v.circumstances }, t('已申请法律援助', 'Legal aid applied for'))}>
          <Typography.Paragraph>{t('经济困难的，可以申请法律援助，由援助律师代理本案。', 'If you cannot afford a lawyer, you may apply for legal aid; a lawyer will act for you.')}</Typography.Paragraph>
          <Form.Item label={t('经济困难情况', 'Economic circumstances')} name="circumstances" rules={[{ required: true }]}><Input.TextArea rows={3} /></Form.Item>
          <Button htmlType="submit">{t('申请法律援助', 'Apply for legal aid')}</Button>
        </Form>
      )}
      {coordinator && aid?.status === 'APPLIED' && (
        <Form name="legal-aid-decision" layout="vertical" style={{ marginTop: 8 }} onFinish={(v: { reason: string; granted: string }) => run(CMD.decideLegalAid, { id: d.id, granted: v.granted === 'yes', reason: v.reason }, t('决定已记录', 'Decision recorded'))} initialValues={{ granted: 'yes' }}>
          <Space wrap>
            <Form.Item label={t('审查决定', 'Decision')} name="granted"><Select style={{ width: 160 }} options={[{ value: 'yes', label: t('给予援助', 'Grant') }, { value: 'no', label: t('不予援助', 'Deny') }]} /></Form.Item>
            <Form.Item label={t('理由', 'Reason')} name="reason" rules={[{ required: true }]}><Input style={{ width: 260 }} /></Form.Item>
          </Space>
          <Button type="primary" htmlType="submit">{t('记录决定', 'Record decision')}</Button>
        </Form>
      )}
      {coordinator && aid?.status === 'GRANTED' && !aid.lawyer && (
        <Space wrap style={{ marginTop: 8 }}>
          <label htmlFor="assign-lawyer">{t('指派援助律师', 'Assign a lawyer')}</label>
          <StaffSelect role="LEGAL_AID_LAWYER" id="assign-lawyer" onChange={setLawyerId} />
          <Button type="primary" disabled={!lawyerId} onClick={() => lawyerId && run(CMD.assignLegalAidLawyer, { id: d.id, lawyerId }, t('已指派律师', 'Lawyer assigned'))}>{t('指派', 'Assign')}</Button>
        </Space>
      )}
      {(lawyer || coordinator) && <DamagesCalculator d={d} />}
    </Card>
  );
}

export { PARTY };
