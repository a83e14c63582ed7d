import { Form, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../app/i18n';
import { ZonedDateTimeInput } from './ZonedDateTimeInput';
import { instantInZone } from './zone-time';

export interface CheckTimeModalProps {
  open: boolean;
  /** `visits.detail.confirmCheckIn` or `…CheckOut`. */
  titleKey: string;
  /** Site zone the time is read in. */
  zone: string;
  onCancel: () => void;
  /** Resolves when saved; a rejection keeps the dialog open (the caller shows the error). */
  onConfirm: (at: string) => Promise<void>;
  testId: string;
}

/** Confirms a check-in/out time: now by default, editable before confirming. */
export function CheckTimeModal({
  open,
  titleKey,
  zone,
  onCancel,
  onConfirm,
  testId,
}: CheckTimeModalProps) {
  const { t } = useI18n();
  const [at, setAt] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (open) setAt(instantInZone(new Date().toISOString(), zone));
  }, [open, zone]);

  return (
    <Modal
      open={open}
      title={t(titleKey)}
      okText={t(titleKey)}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ disabled: at === undefined }}
      onCancel={onCancel}
      onOk={() => {
        if (at === undefined) return;
        setSaving(true);
        onConfirm(at)
          .catch(() => undefined)
          .finally(() => setSaving(false));
      }}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label={t('visits.detail.siteTime')}>
          <ZonedDateTimeInput
            value={at}
            onChange={setAt}
            zone={zone}
            data-testid={`${testId}-time`}
          />
        </Form.Item>
        <Typography.Text type="secondary">{t('visits.detail.timeHint', { zone })}</Typography.Text>
      </Form>
    </Modal>
  );
}
