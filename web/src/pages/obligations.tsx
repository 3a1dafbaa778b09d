/** The obligations of an agreement or an award, entered as a list: who owes what, by when. */
import { Button, Card, Form, Input, InputNumber, Select, Space } from 'antd';
import { toFen } from '../format.ts';
import { useT } from '../i18n.tsx';
import { REMEDY, SIDE } from '../labels.ts';
import type { ObligationInput, PartySide, RemedyKind } from '../gql/graphql.ts';

export interface ObligationRow {
  debtor: PartySide;
  kind: RemedyKind;
  amount?: number;
  description?: string;
  dueDate: string;
}

export const toObligationInputs = (rows: ObligationRow[] | undefined): ObligationInput[] =>
  (rows ?? []).map((o) => ({ debtor: o.debtor, kind: o.kind, amountFen: toFen(o.amount) ?? null, description: o.description?.trim() || null, dueDate: o.dueDate }));

/** A Form.List named `obligations`; labels carry the row number so each field has its own name. */
export function ObligationsField() {
  const t = useT();
  return (
    <Form.List name="obligations">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, index) => (
            <Card key={field.key} size="small" style={{ marginBottom: 8 }} title={t(`义务 ${index + 1}`, `Obligation ${index + 1}`)}
              extra={<Button size="small" danger onClick={() => remove(field.name)}>{t('删除', 'Remove')}</Button>}>
              <Space wrap>
                <Form.Item label={t(`义务方 ${index + 1}`, `Debtor ${index + 1}`)} name={[field.name, 'debtor']} rules={[{ required: true }]}>
                  <Select style={{ width: 160 }} options={['RESPONDENT', 'CLAIMANT'].map((s) => ({ value: s, label: t.label(SIDE, s) }))} />
                </Form.Item>
                <Form.Item label={t(`内容 ${index + 1}`, `Kind ${index + 1}`)} name={[field.name, 'kind']} rules={[{ required: true }]}>
                  <Select style={{ width: 160 }} options={Object.keys(REMEDY).map((k) => ({ value: k, label: t.label(REMEDY, k) }))} />
                </Form.Item>
                <Form.Item label={t(`金额（元）${index + 1}`, `Amount (CNY) ${index + 1}`)} name={[field.name, 'amount']}>
                  <InputNumber min={0} style={{ width: 140 }} />
                </Form.Item>
                <Form.Item label={t(`说明 ${index + 1}`, `Description ${index + 1}`)} name={[field.name, 'description']}>
                  <Input style={{ width: 220 }} />
                </Form.Item>
                <Form.Item label={t(`履行期限 ${index + 1}`, `Due date ${index + 1}`)} name={[field.name, 'dueDate']} rules={[{ required: true, message: t('请选择日期', 'Choose a date') }]}>
                  <Input type="date" />
                </Form.Item>
              </Space>
            </Card>
          ))}
          <Button onClick={() => add({ debtor: 'RESPONDENT', kind: 'REFUND' })}>{t('添加一项义务', 'Add an obligation')}</Button>
        </>
      )}
    </Form.List>
  );
}
