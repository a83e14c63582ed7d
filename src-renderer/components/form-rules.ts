import type { FormRule } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../app/i18n';

/** Phone numbers as engineers write them: digits, spaces, `+`, `-`, parentheses, extension `#`. */
const PHONE = /^[0-9+\-()#\s]{3,}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Validation rules whose messages are in the current UI language and name the field. */
export interface FormRules {
  required: (field: string) => FormRule;
  requiredSelect: (field: string) => FormRule;
  maxLength: (field: string, max: number) => FormRule;
  email: () => FormRule;
  phone: () => FormRule;
}

export function useFormRules(): FormRules {
  const { t } = useI18n();
  return useMemo<FormRules>(
    () => ({
      required: (field) => ({
        required: true,
        whitespace: true,
        message: t('common.required', { field }),
      }),
      requiredSelect: (field) => ({
        required: true,
        message: t('common.requiredSelect', { field }),
      }),
      maxLength: (field, max) => ({ max, message: t('common.tooLong', { field, max }) }),
      email: () => ({ pattern: EMAIL, message: t('common.invalidEmail') }),
      phone: () => ({ pattern: PHONE, message: t('common.invalidPhone') }),
    }),
    [t],
  );
}

/** A trimmed form value, or undefined when blank, so optional fields are left out of documents. */
export function optionalText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}
