import { App, Form, Modal } from 'antd';
import type { FormInstance } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { CSSProperties, KeyboardEvent, ReactNode } from 'react';
import { useI18n } from '../app/i18n';
import { errorField, userErrorText } from './error-text';

export interface FormModalProps<V> {
  open: boolean;
  title: ReactNode;
  /** Values the fields start with (an edited document's, or defaults for a new one). */
  initialValues?: Partial<V>;
  /**
   * Saves the validated values. A rejection keeps the dialog open with the error shown (in the
   * UI language, under the field it names when it names one), so nothing typed is lost and
   * nothing half-saved is reported as done.
   */
  onSubmit: (values: V) => Promise<void>;
  onClose: () => void;
  /**
   * Whether a successful save calls `onClose` (default). Off for dialogs whose `onSubmit`
   * navigates away: closing would then write the old page's state over the navigation.
   */
  closeAfterSave?: boolean;
  /** Message shown after a successful save; none when omitted. */
  successMessage?: string;
  /** Text of the OK button; “保存 / Save” by default. */
  okText?: string;
  okDisabled?: boolean;
  width?: number;
  style?: CSSProperties;
  /** The form instance, when the caller watches fields outside the form's children. */
  form?: FormInstance<V>;
  /** Called for changes the engineer makes (not for values set by code). */
  onValuesChange?: (changed: Partial<V>, all: V) => void;
  /**
   * Form labels by field name (document field names as the domain and the schema name them), so
   * a save error names the field as the form does.
   */
  fieldLabels?: Readonly<Record<string, string>>;
  /** Form items; a function receives the form (for fields depending on other fields). */
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
  testId?: string;
}

/** Enter inside these widgets belongs to the widget (confirm a date, add a tag), never submits. */
const ENTER_OWNED_BY = '.ant-picker, .ant-select';

/** Marks the field a form wants the cursor in (beside `autoFocus`, which leaves no trace in the DOM). */
const WANTS_FOCUS = '[data-autofocus]';

const FIRST_FIELD =
  'input:not([type="hidden"]):not([disabled]):not([readonly]), textarea:not([disabled]):not([readonly])';

/**
 * The dialog every form uses: one antd Form whose submit button is the OK button.
 * - Enter in a text field submits; Enter in a date picker or a select only commits that widget.
 * - Escape, the close button and a click outside close at once when nothing was changed, and ask
 *   “discard unsaved changes?” first when the engineer changed something.
 * - Save errors are shown in the UI language, naming the field (see error-text.ts); the dialog
 *   stays open.
 * - The fields reset on every opening.
 */
export function FormModal<V extends object>({
  open,
  title,
  initialValues,
  onSubmit,
  onClose,
  closeAfterSave = true,
  successMessage,
  okText,
  okDisabled = false,
  width = 640,
  style,
  form: externalForm,
  onValuesChange,
  fieldLabels = {},
  children,
  testId,
}: FormModalProps<V>) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const [ownForm] = Form.useForm<V>();
  const form = externalForm ?? ownForm;
  const [saving, setSaving] = useState(false);
  // A ref, not state: the close handler must see a change made in the same event loop turn.
  const dirty = useRef(false);
  const asking = useRef(false);
  const body = useRef<HTMLDivElement>(null);

  // The first field takes the cursor. Fields ask for it with `autoFocus`, but when the dialog
  // opens without animation (the system's "reduce motion") the dialog takes the focus back after
  // they got it, so once the dialog is open it goes back to the field that had it last (the one
  // that asked), or else to the field marked `data-autofocus`, or else to the first field.
  const lastFocused = useRef<HTMLElement | null>(null);
  const focusFirstField = (isOpen: boolean) => {
    const root = body.current;
    if (!isOpen || root === null) return;
    if (root.contains(document.activeElement) && document.activeElement !== root) return;
    const wanted = lastFocused.current;
    if (wanted !== null && wanted.isConnected && root.contains(wanted)) wanted.focus();
    else
      (
        root.querySelector<HTMLElement>(WANTS_FOCUS) ?? root.querySelector<HTMLElement>(FIRST_FIELD)
      )?.focus();
  };

  useEffect(() => {
    if (open) dirty.current = false;
  }, [open]);

  const requestClose = () => {
    if (!dirty.current) {
      onClose();
      return;
    }
    if (asking.current) return;
    asking.current = true;
    modal.confirm({
      title: t('form.discard.title'),
      content: t('form.discard.content'),
      okText: t('form.discard.ok'),
      cancelText: t('form.discard.keep'),
      okButtonProps: { danger: true },
      autoFocusButton: 'cancel',
      onOk: () => {
        asking.current = false;
        dirty.current = false;
        onClose();
      },
      onCancel: () => {
        asking.current = false;
      },
    });
  };

  const finish = async (values: V) => {
    setSaving(true);
    try {
      await onSubmit(values);
      dirty.current = false;
      if (successMessage !== undefined) void message.success(successMessage);
      if (closeAfterSave) onClose();
    } catch (err) {
      const text = userErrorText(t, err, fieldLabels);
      const field = errorField(err);
      // Shown under the field as well, when the form has it (getFieldsValue lists its fields).
      if (field !== undefined && Object.hasOwn(form.getFieldsValue(), field)) {
        form.setFields([{ name: field as never, errors: [text] }]);
      }
      void message.error(t('common.saveFailed', { message: text }));
    } finally {
      setSaving(false);
    }
  };

  const keepEnterInWidgets = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key !== 'Enter') return;
    const target = e.target as HTMLElement;
    // Capture phase: the widget still sees the key, only the form's implicit submission is off.
    if (target.closest(ENTER_OWNED_BY) !== null) e.preventDefault();
  };

  return (
    <Modal
      open={open}
      title={title}
      width={width}
      style={style}
      onCancel={requestClose}
      okText={okText ?? t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', loading: saving, disabled: okDisabled }}
      destroyOnHidden
      afterOpenChange={focusFirstField}
      data-testid={testId}
      modalRender={(dom) => (
        <Form<V>
          form={form}
          layout="vertical"
          initialValues={initialValues}
          onFinish={(values) => void finish(values)}
          onValuesChange={(changed: Partial<V>, all: V) => {
            dirty.current = true;
            onValuesChange?.(changed, all);
          }}
          onKeyDownCapture={keepEnterInWidgets}
          clearOnDestroy
          scrollToFirstError
        >
          {dom}
        </Form>
      )}
    >
      <div
        ref={body}
        onFocusCapture={(e) => {
          lastFocused.current = e.target;
        }}
      >
        {typeof children === 'function' ? children(form) : children}
      </div>
    </Modal>
  );
}
