import { Form, Input } from 'antd';
import type { FormInstance } from 'antd';
import { useEffect } from 'react';
import type { ReactNode } from 'react';
import type { ClosureState, ResolutionType } from '../../../src-shared/db/types';
import type { FreeTimelineKind } from '../../../src-shared/domain/incident-ops';
import { useI18n } from '../../app/i18n';
import { FormModal } from '../../components/FormModal';
import { ZonedDateTimeInput } from '../visits/ZonedDateTimeInput';
import { instantInZone } from '../visits/zone-time';

/** Everything the incident dialogs ask for; each dialog uses a subset. */
export interface ActionValues {
  at: string;
  text?: string;
  kind?: FreeTimelineKind;
  level?: string;
  reason?: string;
  state?: ClosureState;
  resolutionType?: ResolutionType;
}

export interface ActionModalProps {
  open: boolean;
  title: string;
  /** Site zone the time is entered in. */
  zone: string;
  /** Label of the text field; omit for none. */
  textLabel?: string;
  textRequired?: boolean;
  /** Fields and explanations above the time (level, reason, closure state, …). */
  children?: ReactNode | ((form: FormInstance<ActionValues>) => ReactNode);
  initialValues?: Partial<ActionValues>;
  onCancel: () => void;
  /**
   * Resolves when saved (the dialog then closes through `onCancel`); a rejection keeps the
   * dialog open with the error shown in the UI language.
   */
  onSubmit: (values: ActionValues) => Promise<void>;
  testId: string;
  width?: number;
}

/**
 * The dialog every incident action uses: its own fields, when it happened (site time, now by
 * default, editable for things recorded afterwards) and a text.
 */
export function ActionModal({
  open,
  title,
  zone,
  textLabel,
  textRequired = false,
  children,
  initialValues,
  onCancel,
  onSubmit,
  testId,
  width = 560,
}: ActionModalProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<ActionValues>();

  useEffect(() => {
    if (!open) return;
    // Code-set defaults, so they do not count as the engineer's changes; read once per opening
    // on purpose: later renders must not reset the form.
    form.setFieldsValue({ ...initialValues, at: instantInZone(new Date().toISOString(), zone) });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
  }, [open, form, zone]);

  return (
    <FormModal<ActionValues>
      open={open}
      form={form}
      title={title}
      okText={t('incidents.action.confirm')}
      onSubmit={onSubmit}
      onClose={onCancel}
      successMessage={t('incidents.action.done')}
      fieldLabels={{
        at: t('incidents.action.time'),
        text: textLabel ?? t('incidents.action.text'),
        note: textLabel ?? t('incidents.action.note'),
        kind: t('incidents.event.kind'),
        level: t('incidents.reclassify.toLevel'),
        reason: t('incidents.pause.reason'),
        state: t('incidents.close.state'),
        resolutionType: t('incidents.close.resolutionType'),
      }}
      width={width}
      testId={testId}
    >
      {(f) => (
        <>
          {typeof children === 'function' ? children(f) : children}
          <Form.Item
            name="at"
            label={t('incidents.action.time')}
            rules={[
              {
                required: true,
                message: t('common.required', { field: t('incidents.action.time') }),
              },
            ]}
          >
            <ZonedDateTimeInput zone={zone} data-testid={`${testId}-time`} />
          </Form.Item>
          {textLabel !== undefined && (
            <Form.Item
              name="text"
              label={textLabel}
              rules={
                textRequired
                  ? [
                      {
                        required: true,
                        whitespace: true,
                        message: t('common.required', { field: textLabel }),
                      },
                    ]
                  : []
              }
            >
              <Input.TextArea
                autoSize={{ minRows: 2, maxRows: 8 }}
                data-testid={`${testId}-text`}
              />
            </Form.Item>
          )}
        </>
      )}
    </FormModal>
  );
}
