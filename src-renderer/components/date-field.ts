import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';

export const DATE_FORMAT = 'YYYY-MM-DD';

/** DatePicker ⇄ `yyyy-MM-dd` strings, so form values are already what the document stores. */
export const dateField = {
  getValueProps: (value: unknown) => ({
    value: typeof value === 'string' && value !== '' ? dayjs(value, DATE_FORMAT) : undefined,
  }),
  normalize: (value: Dayjs | null | undefined) => (value ? value.format(DATE_FORMAT) : undefined),
};
