import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useI18n } from './i18n';

export function NotFoundPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('app.notFound')}
      extra={
        <Button type="primary" onClick={() => void navigate('/customers')}>
          {t('app.backHome')}
        </Button>
      }
    />
  );
}
