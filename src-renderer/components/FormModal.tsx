import { App, Form, Modal } from 'antd';
import type { FormInstance } from 'antd';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { useI18n } from '../app/i18n';

export interface FormModalProps<V> {
  open: boolean;
  title: ReactNode;
  /** Values the fields start with (an edited document's, or defaults for a new one). */
  initialValues?: Partial<V>;
  /**
   * Saves the validated values. A rejection keeps the dialog open with the error shown, so
   * nothing typed is lost and nothing half-saved is reported as done.
   */
  onSubmit: (values: V) => Promise<void>;
  onClose: () => void;
  /** Message shown after a successful save. */
  successMessage: string;
  width?: number;
  /** Form items; a function receives the form (for fields depending on other fields). */
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
  testId?: string;
}

/**
 * A dialog holding one antd Form: Enter in a field submits, the OK button is the form's submit
 * button, validation messages come from the field rules, and the fields reset on every opening.
 */
export function FormModal<V extends object>({
  open,
  title,
  initialValues,
  onSubmit,
  onClose,
  successMessage,
  width = 640,
  children,
  testId,
}: FormModalProps<V>) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const [saving, setSaving] = useState(false);

  const finish = async (values: V) => {
    setSaving(true);
    try {
      await onSubmit(values);
      void message.success(successMessage);
      onClose();
    } catch (err) {
      void message.error(
        t('common.saveFailed', { message: err instanceof Error ? err.message : String(err) }),
      );
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      width={width}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', loading: saving }}
      destroyOnHidden
      maskClosable={false}
      data-testid={testId}
      modalRender={(dom) => (
        <Form<V>
          form={form}
          layout="vertical"
          initialValues={initialValues}
          onFinish={(values) => void finish(values)}
          clearOnDestroy
          scrollToFirstError
        >
          {dom}
        </Form>
      )}
    >
      {typeof children === 'function' ? children(form) : children}
    </Modal>
  );
}
