/**
 * The mediation workspace: sessions and minutes, messages to everyone and caucus kept visibly apart,
 * the offers board, appraisal, extension, the agreement (its exact text and SHA-256) and who signed.
 */
import { Alert, Button, Card, Checkbox, Descriptions, Form, Input, InputNumber, List, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { dateTime, shanghaiInstant, toFen, yuan } from '../format.ts';
import { useT } from '../i18n.tsx';
import { END_REASON, MODE, OFFER_STATUS, REMEDY, ROLE, SIDE } from '../labels.ts';
import { CMD } from '../ops.ts';
import type { DisputeFieldsFragment, MediationEndReason, PartySide, RemedyKind, SessionMode } from '../gql/graphql.ts';
import { useCommand } from './command.tsx';
import { ObligationsField, toObligationInputs, type ObligationRow } from './obligations.tsx';

type D = DisputeFieldsFragment;
export const PARTY = new Set(['CLAIMANT', 'CLAIMANT_LAWYER', 'RESPONDENT']);
export const sideOf = (relation: string): PartySide | undefined =>
  relation === 'RESPONDENT' ? 'RESPONDENT' : relation === 'CLAIMANT' || relation === 'CLAIMANT_LAWYER' ? 'CLAIMANT' : undefined;
const TALKING = new Set(['IN_MEDIATION', 'AGREEMENT_DRAFTED']);

export function Sessions({ d }: { d: D }) {
  const t = useT();
  const run = useCommand();
  const mediator = d.viewerRelation === 'MEDIATOR';
  const open = d.status === 'IN_MEDIATION' || d.status === 'AGREEMENT_DRAFTED';
  const [mode, setMode] = useState<SessionMode>('ONLINE');
  if (!mediator && d.sessions.length === 0) return null;
  return (
    <Card size="small" title={<h2 className="card-title">{t('调解会议与笔录', 'Sessions and minutes')}</h2>} style={{ marginBottom: 12 }}>
      <List
        dataSource={d.sessions}
        locale={{ emptyText: t('尚未安排会议', 'No session scheduled') }}
        renderItem={(s) => (
          <List.Item key={s.id}>
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              <Space wrap>
                <Typography.Text strong>{dateTime(s.startsAt, t.lang)}</Typography.Text>
                <Tag>{t.label(MODE, s.mode)}</Tag>
                {s.link && <a href={s.link} target="_blank" rel="noreferrer">{t('进入线上会议', 'Join online')}</a>}
                {s.place && <span>{s.place}</span>}
              </Space>
              {s.minutes ? (
                <Typography.Paragraph style={{ margin: 0 }}>
                  {t('出席：', 'Present: ')}{s.attendees.join('、')}　{t('笔录：', 'Minutes: ')}{s.minutes}
                </Typography.Paragraph>
              ) : (
                mediator && (
                  <Form name={`minutes-${s.id}`} layout="inline" onFinish={(v: { attendees: string; minutes: string }) =>
                    run(CMD.recordSession, { id: d.id, sessionId: s.id, attendees: v.attendees.split(/[,，、\s]+/).filter(Boolean), minutes: v.minutes }, t('笔录已保存', 'Minutes saved'))}>
                    <Form.Item label={t('出席人员', 'Present')} name="attendees" rules={[{ required: true }]}><Input /></Form.Item>
                    <Form.Item label={t('会议笔录', 'Minutes')} name="minutes" rules={[{ required: true }]}><Input.TextArea rows={2} /></Form.Item>
                    <Button htmlType="submit">{t('保存笔录', 'Save minutes')}</Button>
                  </Form>
                )
              )}
            </Space>
          </List.Item>
        )}
      />
      {mediator && open && (
        <Form name="schedule-session" layout="vertical" style={{ marginTop: 8 }} initialValues={{ mode: 'ONLINE' }}
          onFinish={(v: { startsAt: string; mode: SessionMode; link?: string; place?: string }) =>
            run(CMD.scheduleSession, { id: d.id, startsAt: shanghaiInstant(v.startsAt), mode: v.mode, link: v.link || null, place: v.place || null }, t('会议已安排', 'Session scheduled'))}>
          <Space wrap>
            <Form.Item label={t('会议时间', 'Starts at')} name="startsAt" rules={[{ required: true, message: t('请选择时间', 'Choose a time') }]}>
              <Input type="datetime-local" />
            </Form.Item>
            <Form.Item label={t('方式', 'Mode')} name="mode">
              <Select style={{ width: 140 }} onChange={setMode} options={Object.keys(MODE).map((m) => ({ value: m, label: t.label(MODE, m) }))} />
            </Form.Item>
            {mode === 'ONLINE' ? (
              <Form.Item label={t('会议链接', 'Meeting link')} name="link" rules={[{ required: true, type: 'url' }]}><Input style={{ width: 260 }} /></Form.Item>
            ) : (
              <Form.Item label={t('地点', 'Place')} name="place" rules={[{ required: true }]}><Input style={{ width: 260 }} /></Form.Item>
            )}
          </Space>
          <Button htmlType="submit">{t('安排会议', 'Schedule session')}</Button>
        </Form>
      )}
    </Card>
  );
}

type Message = D['messages'][number];

function Pane({ d, title, caucus, messages, caucusWith, canPost }: { d: D; title: string; caucus: boolean; messages: Message[]; caucusWith: string | null; canPost: boolean }) {
  const t = useT();
  const run = useCommand();
  const [form] = Form.useForm<{ body: string }>();
  const id = `msg-${caucusWith ?? 'all'}`;
  return (
    <Card size="small" className={caucus ? 'pane-caucus' : 'pane-joint'} style={{ marginBottom: 8 }}
      title={<h3 className="card-title" style={{ fontSize: 15, margin: 0 }}>{title}</h3>}
      extra={caucus ? <Tag color="orange">{t('仅双方可见', 'Private')}</Tag> : <Tag color="blue">{t('各方可见', 'Everyone')}</Tag>}>
      <section aria-label={title}>
        {messages.length === 0 ? (
          <Typography.Text type="secondary">{t('暂无消息', 'No messages')}</Typography.Text>
        ) : (
          messages.map((m) => (
            <p key={m.id} style={{ margin: '4px 0' }}>
              <Typography.Text strong>{t.label(ROLE, m.author.role)}</Typography.Text>{' '}
              <Typography.Text type="secondary">{dateTime(m.postedAt, t.lang)}</Typography.Text>
              <br />
              {m.body}
            </p>
          ))
        )}
      </section>
      {canPost && (
        <Form name={`pane-${caucusWith ?? "all"}`} form={form} layout="vertical" style={{ marginTop: 8 }}
          onFinish={async (v) => {
            if (await run(CMD.postMessage, { id: d.id, body: v.body, caucusWith }, t('已发送', 'Sent'))) form.resetFields();
          }}>
          <Form.Item label={t(`写给：${title}`, `Write to: ${title}`)} name="body" htmlFor={id} rules={[{ required: true, message: t('请输入内容', 'Write something') }]}>
            <Input.TextArea id={id} rows={2} />
          </Form.Item>
          <Button htmlType="submit">{t('发送', 'Send')}</Button>
        </Form>
      )}
    </Card>
  );
}

export function Messages({ d }: { d: D }) {
  const t = useT();
  const relation = d.viewerRelation;
  const mediator = relation === 'MEDIATOR';
  const party = PARTY.has(relation);
  if (!mediator && !party && d.messages.length === 0) return null;
  const canPost = (mediator || party) && TALKING.has(d.status);
  const joint = d.messages.filter((m) => !m.caucusWith);
  const caucus = d.messages.filter((m) => m.caucusWith);
  const claimantId = (d.caucusParties ?? []).find((p) => p.side === 'CLAIMANT')?.userId;
  const respondent = (d.caucusParties ?? []).find((p) => p.side === 'RESPONDENT');
  const sideOfMessage = (m: Message): PartySide =>
    m.author.role === 'RESPONDENT' ? 'RESPONDENT' : m.author.role === 'MEDIATOR' ? (m.caucusWith === claimantId ? 'CLAIMANT' : 'RESPONDENT') : 'CLAIMANT';
  return (
    <Card size="small" title={<h2 className="card-title">{t('沟通', 'Messages')}</h2>} style={{ marginBottom: 12 }}>
      <Pane d={d} title={t('全体消息（各方可见）', 'To everyone')} caucus={false} messages={joint} caucusWith={null} canPost={canPost} />
      {party && d.mediator && (
        <Pane d={d} title={t('与调解员单独沟通（背对背）', 'Private with the mediator (caucus)')} caucus messages={caucus} caucusWith={d.mediator.id} canPost={canPost} />
      )}
      {mediator && claimantId && (
        <Pane d={d} title={t('与投诉人单独沟通（背对背）', 'Private with the claimant (caucus)')} caucus messages={caucus.filter((m) => sideOfMessage(m) === 'CLAIMANT')} caucusWith={claimantId} canPost={canPost} />
      )}
      {mediator && respondent && (
        <Pane d={d} title={t('与被投诉机构单独沟通（背对背）', 'Private with the clinic (caucus)')} caucus messages={caucus.filter((m) => sideOfMessage(m) === 'RESPONDENT')} caucusWith={respondent.userId} canPost={canPost} />
      )}
    </Card>
  );
}

const itemsText = (items: D['offers'][number]['items'], t: ReturnType<typeof useT>) =>
  items.map((i) => [t.label(REMEDY, i.kind), i.amount ? yuan(i.amount.amountFen, t.lang) : '', i.description ?? ''].filter(Boolean).join(' ')).join('；');

export function Offers({ d }: { d: D }) {
  const t = useT();
  const run = useCommand();
  const [form] = Form.useForm<{ kind: RemedyKind; amount?: number; description?: string }>();
  const relation = d.viewerRelation;
  const side = sideOf(relation);
  const canPropose = (side || relation === 'MEDIATOR') && d.status === 'IN_MEDIATION';
  if (!canPropose && d.offers.length === 0) return null;
  return (
    <Card size="small" title={<h2 className="card-title">{t('调解方案', 'Offers')}</h2>} style={{ marginBottom: 12 }}>
      <List
        dataSource={d.offers}
        locale={{ emptyText: t('尚无方案', 'No offers yet') }}
        renderItem={(o) => {
          const mine = o.by === side;
          const answered = o.responses.some((r) => r.side === side);
          return (
            <List.Item key={o.id}
              actions={side && !mine && !answered && o.status === 'OPEN' && d.status === 'IN_MEDIATION'
                ? [
                    <Button key="a" type="primary" size="small" onClick={() => run(CMD.respondToOffer, { id: d.id, offerId: o.id, accept: true }, t('已接受方案', 'Offer accepted'))}>{t('接受方案', 'Accept offer')}</Button>,
                    <Button key="r" size="small" onClick={() => run(CMD.respondToOffer, { id: d.id, offerId: o.id, accept: false }, t('已拒绝方案', 'Offer rejected'))}>{t('拒绝方案', 'Reject offer')}</Button>,
                  ]
                : []}>
              <Space orientation="vertical" size={0}>
                <Space wrap>
                  <Typography.Text strong>{t.label(SIDE, o.by)}{t('提出', ' proposes')}</Typography.Text>
                  <Tag>{t.label(OFFER_STATUS, o.status)}</Tag>
                </Space>
                <Typography.Text>{itemsText(o.items, t)}</Typography.Text>
                <Typography.Text type="secondary">
                  {dateTime(o.proposedAt, t.lang)}
                  {o.expiresAt ? t(` · 有效至 ${dateTime(o.expiresAt, t.lang)}`, ` · valid until ${dateTime(o.expiresAt, t.lang)}`) : ''}
                  {o.responses.map((r) => ` · ${t.label(SIDE, r.side)}${r.accept ? t('已接受', ' accepted') : t('已拒绝', ' rejected')}`).join('')}
                </Typography.Text>
              </Space>
            </List.Item>
          );
        }}
      />
      {canPropose && (
        <Form name="offer" form={form} layout="vertical" initialValues={{ kind: 'REFUND' }}
          onFinish={async (v) => {
            const items = [{ kind: v.kind, amountFen: toFen(v.amount) ?? null, description: v.description?.trim() || null }];
            if (await run(CMD.proposeSettlement, { id: d.id, items, expiresAt: null }, t('方案已提出', 'Offer made'))) form.resetFields();
          }}>
          <Space wrap>
            <Form.Item label={t('方案内容', 'Offer of')} name="kind"><Select style={{ width: 150 }} options={Object.keys(REMEDY).map((k) => ({ value: k, label: t.label(REMEDY, k) }))} /></Form.Item>
            <Form.Item label={t('金额（元）', 'Amount (CNY)')} name="amount"><InputNumber min={0} style={{ width: 140 }} /></Form.Item>
            <Form.Item label={t('方案说明', 'Details')} name="description"><Input style={{ width: 220 }} /></Form.Item>
          </Space>
          <Button htmlType="submit">{relation === 'MEDIATOR' ? t('提出调解建议方案', 'Propose terms') : t('提出方案', 'Make an offer')}</Button>
        </Form>
      )}
    </Card>
  );
}

/** The mediator's own steps: conflicts first, then appraisal, the agreement draft and ending mediation. */
export function MediatorTools({ d }: { d: D }) {
  const t = useT();
  const run = useCommand();
  const [draft] = Form.useForm<{ terms: string; obligations: ObligationRow[] }>();
  if (d.viewerRelation !== 'MEDIATOR' || !d.mediator) return null;
  if (!d.mediator.conflictsDisclosed) {
    return (
      <Card size="small" title={<h2 className="card-title">{t('利益冲突声明', 'Conflict-of-interest disclosure')}</h2>} style={{ marginBottom: 12 }}>
        <Form name="disclosure" layout="vertical" initialValues={{ statement: t('本人与双方当事人无利害关系。', 'I have no interest in either party.'), hasConflict: false }}
          onFinish={(v: { statement: string; hasConflict: boolean }) => run(CMD.discloseConflicts, { id: d.id, statement: v.statement, hasConflict: v.hasConflict }, t('声明已提交', 'Disclosure made'))}>
          <Form.Item label={t('声明', 'Statement')} name="statement" rules={[{ required: true }]}><Input.TextArea rows={2} /></Form.Item>
          <Form.Item name="hasConflict" valuePropName="checked"><Checkbox>{t('存在利益冲突', 'I have a conflict of interest')}</Checkbox></Form.Item>
          <Button type="primary" htmlType="submit">{t('提交声明', 'Submit disclosure')}</Button>
        </Form>
      </Card>
    );
  }
  if (d.status !== 'IN_MEDIATION') return null;
  const running = d.appraisals.filter((a) => !a.completedAt);
  return (
    <Card size="small" title={<h2 className="card-title">{t('调解员操作', 'Mediator’s steps')}</h2>} style={{ marginBottom: 12 }}>
      <h3 style={{ fontSize: 15 }}>{t('起草调解协议', 'Draft the agreement')}</h3>
      <Form name="draft" form={draft} layout="vertical" initialValues={{ obligations: [{ debtor: 'RESPONDENT', kind: 'REFUND' }] }}
        onFinish={(v) => run(CMD.draftAgreement, { id: d.id, terms: v.terms, obligations: toObligationInputs(v.obligations) }, t('协议草稿已生成', 'Agreement drafted'))}>
        <Form.Item label={t('协议条款', 'Terms')} name="terms" rules={[{ required: true, message: t('请填写协议条款', 'Write the terms') }]}>
          <Input.TextArea rows={3} placeholder={t('如：被投诉机构退还治疗费用，双方就本纠纷再无其他争议。', 'e.g. The clinic refunds the fee; the parties have no further claims.')} />
        </Form.Item>
        <ObligationsField />
        <div style={{ marginTop: 8 }}><Button type="primary" htmlType="submit">{t('生成协议草稿', 'Draft agreement')}</Button></div>
      </Form>

      <h3 style={{ fontSize: 15, marginTop: 16 }}>{t('鉴定', 'Appraisal')}</h3>
      {running.map((a) => (
        <Form name={`appraisal-${a.id}`} key={a.id} layout="inline" onFinish={(v: { result?: string }) => run(CMD.completeAppraisal, { id: d.id, appraisalId: a.id, result: v.result || null }, t('鉴定已完成', 'Appraisal completed'))}>
          <Typography.Text>{a.subject}</Typography.Text>
          <Form.Item label={t('鉴定结论', 'Result')} name="result"><Input /></Form.Item>
          <Button htmlType="submit">{t('记录鉴定完成', 'Record completion')}</Button>
        </Form>
      ))}
      <Form name="appraisal" layout="inline" onFinish={(v: { subject: string }) => run(CMD.requestAppraisal, { id: d.id, subject: v.subject }, t('已申请鉴定，调解期限中止', 'Appraisal requested; the clock stops'))}>
        <Form.Item label={t('鉴定事项', 'Subject')} name="subject" rules={[{ required: true }]}><Input /></Form.Item>
        <Button htmlType="submit">{t('申请鉴定', 'Request appraisal')}</Button>
      </Form>

      <h3 style={{ fontSize: 15, marginTop: 16 }}>{t('终止调解', 'End mediation')}</h3>
      <Form name="end-mediation" layout="inline" initialValues={{ reason: 'NO_AGREEMENT' }}
        onFinish={(v: { reason: MediationEndReason; note?: string }) => run(CMD.endMediation, { id: d.id, reason: v.reason, note: v.note || null }, t('调解已终止', 'Mediation ended'))}>
        <Form.Item label={t('终止原因', 'Reason')} name="reason"><Select style={{ width: 200 }} options={Object.keys(END_REASON).map((r) => ({ value: r, label: t.label(END_REASON, r) }))} /></Form.Item>
        <Form.Item label={t('说明', 'Note')} name="note"><Input /></Form.Item>
        <Button danger htmlType="submit">{t('终止调解', 'End mediation')}</Button>
      </Form>
    </Card>
  );
}

/** Both parties agree to extend the mediation limit (each proposes the same number of working days). */
export function Extension({ d }: { d: D }) {
  const t = useT();
  const run = useCommand();
  if (!sideOf(d.viewerRelation) || d.status !== 'IN_MEDIATION') return null;
  return (
    <Card size="small" title={<h2 className="card-title">{t('延长调解期限', 'Extend mediation')}</h2>} style={{ marginBottom: 12 }}>
      <Form name="extension" layout="inline" initialValues={{ workingDays: 10 }} onFinish={(v: { workingDays: number }) => run(CMD.extendMediation, { id: d.id, workingDays: v.workingDays }, t('已提议延长，待对方同意', 'Extension proposed'))}>
        <Form.Item label={t('延长工作日数', 'Working days')} name="workingDays"><InputNumber min={1} max={60} /></Form.Item>
        <Button htmlType="submit">{t('同意延长', 'Agree to extend')}</Button>
      </Form>
    </Card>
  );
}

const SIGNERS = ['CLAIMANT', 'RESPONDENT', 'MEDIATOR'] as const;

export function AgreementCard({ d }: { d: D }) {
  const t = useT();
  const run = useCommand();
  const [read, setRead] = useState(false);
  const agreement = d.agreement;
  if (!agreement) return null;
  const relation = d.viewerRelation;
  const signerRole = relation === 'MEDIATOR' ? 'MEDIATOR' : relation === 'RESPONDENT' ? 'RESPONDENT' : relation === 'CLAIMANT' ? 'CLAIMANT' : undefined;
  const signed = (role: string) => agreement.signatures.find((s) => s.role === role);
  const canSign = signerRole && d.status === 'AGREEMENT_DRAFTED' && !signed(signerRole);
  return (
    <Card size="small" title={<h2 className="card-title">{t('调解协议', 'Settlement agreement')}</h2>} style={{ marginBottom: 12 }}>
      <Typography.Paragraph type="secondary">{t('以下为签署的协议全文：', 'The exact text to be signed:')}</Typography.Paragraph>
      <pre className="agreement-text" aria-label={t('协议全文', 'Agreement text')} tabIndex={0}>{agreement.text}</pre>
      <Descriptions size="small" column={1} items={[
        { key: 'hash', label: 'SHA-256', children: <span className="hash" data-testid="agreement-hash">{agreement.hash}</span> },
        { key: 'drafted', label: t('起草时间', 'Drafted'), children: dateTime(agreement.draftedAt, t.lang) },
        ...(agreement.effectiveAt ? [{ key: 'effective', label: t('生效时间', 'In effect since'), children: dateTime(agreement.effectiveAt, t.lang) }] : []),
      ]} />
      <h3 style={{ fontSize: 15 }}>{t('签署情况', 'Signatures')}</h3>
      <Space wrap>
        {SIGNERS.map((role) => {
          const s = signed(role);
          return (
            <Tag key={role} color={s ? 'green' : 'default'}>
              {t.label(SIDE, role)}：{s ? t(`已签署 ${dateTime(s.signedAt, t.lang)}`, `signed ${dateTime(s.signedAt, t.lang)}`) : t('未签署', 'not signed')}
            </Tag>
          );
        })}
      </Space>
      {relation === 'CLAIMANT_LAWYER' && d.status === 'AGREEMENT_DRAFTED' && (
        <Alert style={{ marginTop: 8 }} type="info" showIcon title={t('协议须由投诉人本人签署（有授权委托的除外）。', 'The claimant signs in person unless a power of attorney is recorded.')} />
      )}
      {canSign && (
        <div style={{ marginTop: 12 }}>
          <Checkbox checked={read} onChange={(e) => setRead(e.target.checked)}>
            {t(`我已阅读协议全文，并核对哈希值 ${agreement.hash.slice(0, 12)}…`, `I have read the whole text and checked its hash ${agreement.hash.slice(0, 12)}…`)}
          </Checkbox>
          <Space style={{ marginTop: 8 }} wrap>
            <Button type="primary" disabled={!read} onClick={() => run(CMD.signAgreement, { id: d.id, agreementHash: agreement.hash }, t('已签署调解协议', 'Agreement signed'))}>
              {t('签署协议', 'Sign the agreement')}
            </Button>
            {signerRole !== 'MEDIATOR' && (
              <Button danger onClick={() => run(CMD.declineAgreement, { id: d.id, reason: null }, t('已拒绝签署，回到调解', 'Declined; back to mediation'))}>
                {t('拒绝签署', 'Decline to sign')}
              </Button>
            )}
          </Space>
        </div>
      )}
    </Card>
  );
}
