/** The consumer's complaint, step by step on one phone screen: clinic, what happened, what they ask for, who they are. */
import { Alert, AutoComplete, Button, Card, Checkbox, Form, Input, InputNumber, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import type { Me } from '../Shell.tsx';
import { errorText } from '../errors.ts';
import { toFen } from '../format.ts';
import { useT } from '../i18n.tsx';
import { CATEGORY, REMEDY } from '../labels.ts';
import { FILE_DISPUTE, INSTITUTIONS } from '../ops.ts';
import type { Category, RemedyKind } from '../gql/graphql.ts';
import { EVIDENCE_CHECKLIST } from './evidence.tsx';

interface Values {
  respondentName: string;
  respondentCode?: string;
  procedure: string;
  occurredOn: string;
  place?: string;
  description: string;
  amountPaid: number;
  categories: Category[];
  remedies: RemedyKind[];
  refund?: number;
  compensation?: number;
  name: string;
  phone: string;
  idNumber?: string;
  address?: string;
}

/** Not `required`: that puts aria-required on the checkbox group, which ARIA does not allow there. */
const atLeastOne = (message: string) => ({
  validator: (_: unknown, value: unknown[] | undefined) => (value?.length ? Promise.resolve() : Promise.reject(new Error(message))),
});

const WITH_AMOUNT: Partial<Record<RemedyKind, 'refund' | 'compensation'>> = { REFUND: 'refund', COMPENSATION: 'compensation' };

export function FileComplaint({ me }: { me: Me }) {
  const t = useT();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [search, setSearch] = useState('');
  const [institutionId, setInstitutionId] = useState<string | undefined>();
  const [{ data: found }] = useQuery({ query: INSTITUTIONS, variables: { search }, pause: search.trim().length < 2 });
  const [state, fileDispute] = useMutation(FILE_DISPUTE);
  const remedies = Form.useWatch('remedies', form) ?? [];

  const options = (found?.institutions.edges ?? []).map(({ node }) => ({
    value: node.name,
    label: `${node.name}（${node.code}）`,
    node,
  }));

  async function submit(v: Values) {
    const result = await fileDispute({
      input: {
        respondent: { ...(institutionId ? { institutionId } : {}), name: v.respondentName.trim(), code: v.respondentCode?.trim() || null },
        categories: v.categories,
        procedure: v.procedure.trim(),
        occurredOn: v.occurredOn,
        place: v.place?.trim() || null,
        description: v.description.trim(),
        amountPaidFen: toFen(v.amountPaid) ?? 0,
        remedies: v.remedies.map((kind) => ({ kind, amountFen: WITH_AMOUNT[kind] ? (toFen(v[WITH_AMOUNT[kind]!]) ?? null) : null })),
        claimant: { name: v.name.trim(), phone: v.phone.trim(), idNumber: v.idNumber?.trim() || null, address: v.address?.trim() || null },
      },
    });
    const filed = result.data?.fileDispute;
    if (filed) navigate(`/disputes/${filed.id}?filed=1`);
  }

  const required = (zh: string, en: string) => [{ required: true, message: t(zh, en) }];

  return (
    <>
      <h1 style={{ fontSize: 22, margin: '4px 0 12px' }}>{t('我要投诉', 'File a complaint')}</h1>
      <Form name="complaint" form={form} layout="vertical" onFinish={submit} initialValues={{ name: me.name, categories: [], remedies: ['REFUND'] }} scrollToFirstError>
        <Card size="small" title={t('第一步：医疗美容机构与项目', 'Step 1: the clinic and the treatment')} style={{ marginBottom: 12 }}>
          <Form.Item label={t('机构名称', 'Clinic name')} name="respondentName" rules={required('请输入机构名称', 'Enter the clinic’s name')} extra={t('可输入名称或统一社会信用代码查找已登记机构', 'Type a name or credit code to find a registered clinic')}>
            <AutoComplete
              options={options}
              onSearch={(value) => {
                setSearch(value);
                setInstitutionId(undefined);
              }}
              onSelect={(_, option) => {
                setInstitutionId(option.node.id);
                form.setFieldsValue({ respondentCode: option.node.code });
              }}
            />
          </Form.Item>
          <Form.Item label={t('统一社会信用代码（选填）', 'Unified social credit code (optional)')} name="respondentCode">
            <Input maxLength={18} />
          </Form.Item>
          <Form.Item label={t('治疗项目', 'Treatment')} name="procedure" rules={required('请填写项目，如玻尿酸注射', 'Enter the treatment, e.g. hyaluronic acid filler')}>
            <Input placeholder={t('如：玻尿酸注射、双眼皮手术', 'e.g. hyaluronic acid filler')} />
          </Form.Item>
          <Space wrap size={12}>
            <Form.Item label={t('发生日期', 'Date')} name="occurredOn" rules={required('请选择日期', 'Choose the date')}>
              <Input type="date" />
            </Form.Item>
            <Form.Item label={t('地点（选填）', 'Place (optional)')} name="place">
              <Input />
            </Form.Item>
          </Space>
        </Card>

        <Card size="small" title={t('第二步：发生了什么', 'Step 2: what happened')} style={{ marginBottom: 12 }}>
          <Form.Item label={t('经过', 'What happened')} name="description" rules={required('请描述经过', 'Describe what happened')}>
            <Input.TextArea rows={4} placeholder={t('何时做了什么项目，出现了什么问题，与机构沟通的情况', 'What was done and when, what went wrong, what the clinic said')} />
          </Form.Item>
          <Form.Item label={t('已付金额（元）', 'Amount paid (CNY)')} name="amountPaid" rules={required('请输入已付金额', 'Enter the amount paid')}>
            <InputNumber min={0} step={100} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item label={t('问题类型（可多选）', 'What kind of problem (choose any)')} name="categories" rules={[atLeastOne(t('至少选择一项', 'Choose at least one'))]}>
            <Checkbox.Group role="group" options={Object.keys(CATEGORY).map((c) => ({ value: c, label: t.label(CATEGORY, c) }))} />
          </Form.Item>
        </Card>

        <Card size="small" title={t('第三步：您的诉求', 'Step 3: what you ask for')} style={{ marginBottom: 12 }}>
          <Form.Item label={t('诉求（可多选）', 'Remedies (choose any)')} name="remedies" rules={[atLeastOne(t('至少选择一项', 'Choose at least one'))]}>
            <Checkbox.Group role="group" options={Object.keys(REMEDY).map((c) => ({ value: c, label: t.label(REMEDY, c) }))} />
          </Form.Item>
          <Space wrap size={12}>
            {remedies.includes('REFUND') && (
              <Form.Item label={t('要求退款金额（元）', 'Refund asked (CNY)')} name="refund">
                <InputNumber min={0} step={100} style={{ width: 200 }} />
              </Form.Item>
            )}
            {remedies.includes('COMPENSATION') && (
              <Form.Item label={t('要求赔偿金额（元）', 'Compensation asked (CNY)')} name="compensation">
                <InputNumber min={0} step={100} style={{ width: 200 }} />
              </Form.Item>
            )}
          </Space>
        </Card>

        <Card size="small" title={t('第四步：您的信息', 'Step 4: about you')} style={{ marginBottom: 12 }}>
          <Form.Item label={t('真实姓名', 'Full name')} name="name" rules={required('请输入姓名', 'Enter your name')}>
            <Input autoComplete="name" />
          </Form.Item>
          <Form.Item label={t('手机号', 'Mobile phone')} name="phone" rules={[{ required: true, pattern: /^1\d{10}$/, message: t('请输入 11 位手机号', 'Enter an 11-digit mobile number') }]}>
            <Input autoComplete="tel" inputMode="tel" />
          </Form.Item>
          <Form.Item label={t('身份证号（选填）', 'Resident ID number (optional)')} name="idNumber">
            <Input maxLength={18} />
          </Form.Item>
          <Form.Item label={t('联系地址（选填）', 'Address (optional)')} name="address">
            <Input autoComplete="street-address" />
          </Form.Item>
        </Card>

        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('提交后请上传证据', 'After filing, upload your evidence')}
          description={
            <Typography.Text>
              {t('请准备：', 'Have ready: ')}
              {EVIDENCE_CHECKLIST.map((item) => t(item.zh, item.en)).join(t('、', ', '))}
            </Typography.Text>
          }
        />
        {state.error && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorText(state.error, t)} />}
        <Button type="primary" htmlType="submit" size="large" block loading={state.fetching}>
          {t('提交投诉', 'Submit complaint')}
        </Button>
      </Form>
    </>
  );
}
