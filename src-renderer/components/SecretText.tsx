import { Button, Space, Typography } from 'antd';
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useI18n } from '../app/i18n';

/**
 * A secret (remote-access password) shown masked until the engineer asks to see it; it is
 * concealed again whenever the component is re-created (another record, another screen).
 */
export function SecretText({ value }: { value: string | undefined }) {
  const { t } = useI18n();
  const [revealed, setRevealed] = useState(false);
  if (value === undefined || value === '') {
    return <Typography.Text type="secondary">{t('secret.empty')}</Typography.Text>;
  }
  return (
    <Space size={4}>
      {revealed ? (
        <Typography.Text code copyable={{ text: value }} data-testid="secret-value">
          {value}
        </Typography.Text>
      ) : (
        <Typography.Text aria-label={t('secret.masked')} data-testid="secret-value">
          ••••••••
        </Typography.Text>
      )}
      <Button
        type="text"
        size="small"
        icon={revealed ? <EyeInvisibleOutlined /> : <EyeOutlined />}
        aria-label={revealed ? t('secret.conceal') : t('secret.reveal')}
        aria-pressed={revealed}
        title={revealed ? t('secret.conceal') : t('secret.reveal')}
        onClick={() => setRevealed((r) => !r)}
      />
    </Space>
  );
}
