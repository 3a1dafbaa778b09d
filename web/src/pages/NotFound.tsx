/** One page for a case that does not exist and for one the person may not see: nothing tells them apart. */
import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../i18n.tsx';

export function NotFound() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={<h1 style={{ fontSize: 24, margin: 0 }}>{t('未找到该页面或案件', 'Page or case not found')}</h1>}
      subTitle={t('链接可能有误，或案件不存在。', 'The link may be wrong, or the case does not exist.')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('返回首页', 'Back to the start page')}
        </Button>
      }
    />
  );
}
