import { Form, Typography } from 'antd';
import { useEffect } from 'react';
import { useI18n } from '../../app/i18n';
import { FormModal } from '../../components/FormModal';
import { ZonedDateTimeInput } from './ZonedDateTimeInput';
import { instantInZone } from './zone-time';

export interface CheckTimeModalProps {
  open: boolean;
  /** `visits.detail.confirmCheckIn` or `…CheckOut`. */
  titleKey: string;
  /** Site zone the time is read in. */
  zone: string;
  onCancel: () => void;
  /** Resolves when saved; a rejection keeps the dialog open with the error shown. */
  onConfirm: (at: string) => Promise<void>;
  testId: string;
}

interface Values {
  at: string;
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
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    // Set by code, so the default does not count as the engineer's change.
    if (open) form.setFieldsValue({ at: instantInZone(new Date().toISOString(), zone) });
  }, [open, zone, form]);

  const label = t('visits.detail.siteTime');
  return (
    <FormModal<Values>
      open={open}
      form={form}
      title={t(titleKey)}
      okText={t(titleKey)}
      onSubmit={(v) => onConfirm(v.at)}
      onClose={onCancel}
      fieldLabels={{ at: label, checkInAt: label, checkOutAt: label }}
      width={520}
      testId={testId}
    >
      <Form.Item
        name="at"
        label={label}
        rules={[{ required: true, message: t('common.requiredSelect', { field: label }) }]}
      >
        <ZonedDateTimeInput zone={zone} data-testid={`${testId}-time`} />
      </Form.Item>
      <Typography.Text type="secondary">{t('visits.detail.timeHint', { zone })}</Typography.Text>
    </FormModal>
  );
}
