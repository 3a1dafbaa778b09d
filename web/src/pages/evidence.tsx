/**
 * Evidence: a checklist suited to medical-aesthetics disputes, uploads with a progress bar (the
 * multipart route of API.md), and a viewer showing images and PDFs inline with their SHA-256.
 */
import { App, Button, Card, List, Radio, Space, Tag, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { dateTime } from '../format.ts';
import { useT } from '../i18n.tsx';
import { EVIDENCE_KIND, ROLE } from '../labels.ts';
import { authorizedBlob, useSession } from '../session.tsx';
import type { DisputeFieldsFragment, EvidenceKind } from '../gql/graphql.ts';

/** What a consumer should gather, each filed under the API's evidence kind. */
export const EVIDENCE_CHECKLIST: Array<{ key: string; kind: EvidenceKind; zh: string; en: string }> = [
  { key: 'contract', kind: 'CONTRACT', zh: '合同或协议', en: 'Contract' },
  { key: 'consent', kind: 'CONTRACT', zh: '知情同意书', en: 'Informed-consent form' },
  { key: 'record', kind: 'MEDICAL_RECORD', zh: '病历', en: 'Medical record' },
  { key: 'payment', kind: 'INVOICE', zh: '付款凭证或发票', en: 'Payment proof or invoice' },
  { key: 'photos', kind: 'PHOTO', zh: '术前术后照片', en: 'Before and after photos' },
  { key: 'ads', kind: 'ADVERTISEMENT', zh: '广告宣传', en: 'Advertisements' },
  { key: 'chat', kind: 'CHAT_RECORD', zh: '聊天记录', en: 'Chat records' },
];

type Evidence = DisputeFieldsFragment['evidence'][number];

function Viewer({ disputeId, item }: { disputeId: string; item: Evidence }) {
  const t = useT();
  const { token } = useSession();
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);
  async function open() {
    try {
      setUrl(URL.createObjectURL(await authorizedBlob(`/disputes/${disputeId}/evidence/${item.id}`, token)));
    } catch {
      setFailed(true);
    }
  }
  if (!url) {
    return (
      <Button size="small" onClick={open} aria-label={t(`查看 ${item.description}`, `View ${item.description}`)}>
        {failed ? t('无法打开，重试', 'Could not open: retry') : t('查看', 'View')}
      </Button>
    );
  }
  const inline = item.mediaType.startsWith('image/') ? (
    <img src={url} alt={item.description} />
  ) : item.mediaType === 'application/pdf' ? (
    <iframe src={url} title={item.description} />
  ) : null;
  return (
    <div className="evidence-view" style={{ width: '100%' }}>
      {inline}
      <div>
        <a href={url} download={item.fileName}>
          {t('下载', 'Download')} {item.fileName}
        </a>
      </div>
    </div>
  );
}

export function EvidenceList({ dispute }: { dispute: DisputeFieldsFragment }) {
  const t = useT();
  if (dispute.evidence.length === 0) return <Typography.Text type="secondary">{t('尚未提交证据', 'No evidence yet')}</Typography.Text>;
  return (
    <List
      dataSource={dispute.evidence}
      renderItem={(item) => (
        <List.Item key={item.id}>
          <Space orientation="vertical" style={{ width: '100%' }} size={2}>
            <Space wrap>
              <Typography.Text strong>{item.description}</Typography.Text>
              <Tag>{t.label(EVIDENCE_KIND, item.kind)}</Tag>
              {item.withdrawn && <Tag color="red">{t('已撤回', 'withdrawn')}</Tag>}
            </Space>
            <Typography.Text type="secondary">
              {item.fileName} · {Math.ceil(item.size / 1024)} KB · {t.label(ROLE, item.submittedBy.role)} · {dateTime(item.submittedAt, t.lang)}
            </Typography.Text>
            <Typography.Text className="hash">SHA-256 {item.sha256}</Typography.Text>
            <Viewer disputeId={dispute.id} item={item} />
          </Space>
        </List.Item>
      )}
    />
  );
}

/** Upload with a progress bar; the checklist shows what is still missing. */
export function EvidenceUpload({ dispute, onUploaded }: { dispute: DisputeFieldsFragment; onUploaded(): void }) {
  const t = useT();
  const { message } = App.useApp();
  const { token } = useSession();
  const [choice, setChoice] = useState(EVIDENCE_CHECKLIST[0]!.key);
  const item = EVIDENCE_CHECKLIST.find((c) => c.key === choice)!;
  const have = (c: (typeof EVIDENCE_CHECKLIST)[number]) => dispute.evidence.some((e) => !e.withdrawn && e.description === t(c.zh, c.en));
  return (
    <Card size="small" title={t('上传证据', 'Upload evidence')} style={{ marginBottom: 12 }}>
      <Space wrap style={{ marginBottom: 8 }}>
        {EVIDENCE_CHECKLIST.map((c) => (
          <Tag key={c.key} color={have(c) ? 'green' : 'default'}>
            {have(c) ? '✓ ' : ''}
            {t(c.zh, c.en)}
          </Tag>
        ))}
      </Space>
      <Typography.Paragraph style={{ marginBottom: 4 }}>{t('先选择材料类型，再选择文件：', 'Choose the kind of material, then the file:')}</Typography.Paragraph>
      <Space orientation="vertical" align="start">
        <Radio.Group
          aria-label={t('材料类型', 'Kind of material')}
          value={choice}
          onChange={(e) => setChoice(e.target.value as string)}
          options={EVIDENCE_CHECKLIST.map((c) => ({ value: c.key, label: t(c.zh, c.en) }))}
        />
        <Upload
          action={`/disputes/${dispute.id}/evidence`}
          name="file"
          headers={token ? { authorization: `Bearer ${token}` } : {}}
          data={{ kind: item.kind, description: t(item.zh, item.en) }}
          accept="image/*,application/pdf,video/*,audio/*,.txt"
          onChange={(info) => {
            if (info.file.status === 'done') {
              message.success(t(`已上传：${info.file.name}`, `Uploaded: ${info.file.name}`));
              onUploaded();
            } else if (info.file.status === 'error') {
              const body = info.file.response as { error?: { message?: string } } | undefined;
              message.error(t.message(body?.error?.message ?? t('上传失败', 'Upload failed')));
            }
          }}
          progress={{ strokeWidth: 4, showInfo: true }}
        >
          <Button>{t('选择文件并上传', 'Choose a file and upload')}</Button>
        </Upload>
      </Space>
    </Card>
  );
}
