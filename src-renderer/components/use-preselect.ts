import type { FormInstance } from 'antd';
import { useEffect } from 'react';

/**
 * Chooses the only option of a select for the engineer: when `options` (the values the field
 * may take right now) has exactly one entry and the field is empty, the field gets it, and
 * `onPreselect` runs as the field's own change handler would (values set by code do not reach
 * the form's onValuesChange). A customer with one site or one contract then needs no clicks.
 */
export function usePreselectSingle(
  form: FormInstance,
  name: string,
  options: readonly string[],
  /** The dialog is open (its form is mounted). */
  enabled: boolean,
  onPreselect?: (value: string) => void,
): void {
  const only = options.length === 1 ? options[0] : undefined;
  useEffect(() => {
    if (!enabled || only === undefined) return;
    if (form.getFieldValue(name) !== undefined) return;
    form.setFieldValue(name, only);
    onPreselect?.(only);
    // onPreselect is a fresh closure each render; the choice depends on the option only.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
  }, [form, name, only, enabled]);
}
