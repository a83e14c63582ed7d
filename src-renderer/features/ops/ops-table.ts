/**
 * Ops records as text: the one-line summary of a record's own fields under its title, and the
 * rows of the spreadsheet export (one column per common field, one per kind field, in the UI
 * language). Reads the field table (ops-fields.ts), no branch per kind.
 */
import type { OpsRecordDoc } from '../../../src-shared/db/types';
import { riskScore } from '../../../src-shared/domain/ops/records';
import { OPS_FIELDS } from './ops-fields';

type Translate = (key: string, params?: Record<string, string | number>) => string;

function ownFields(r: OpsRecordDoc): Record<string, unknown> {
  return (r as unknown as Record<string, Record<string, unknown> | undefined>)[r.kind] ?? {};
}

/** A field's value as a cell: choices in words, numbers and texts as they are. */
function valueText(t: Translate, type: string, v: unknown): string {
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string' || v === '') return '';
  return type === 'select' ? t(`ops.value.${v}`) : v;
}

/** `严重级别 P2 · 报告人 王工`: the kind's short fields (no long texts), filled ones only. */
export function summaryOf(r: OpsRecordDoc, t: Translate): string {
  const own = ownFields(r);
  return (
    OPS_FIELDS[r.kind]
      // Long texts and raw instants do not fit a line under the title (the form shows them).
      .filter((f) => f.type !== 'textarea' && f.type !== 'instant')
      .map((f) => [f, valueText(t, f.type, own[f.name])] as const)
      .filter(([, v]) => v !== '')
      .slice(0, 3)
      .map(([f, v]) => `${t(`ops.field.${r.kind}.${f.name}`)} ${v}`)
      .join(' · ')
  );
}

export interface OpsSheet {
  name: string;
  columns: string[];
  rows: string[][];
}

/** One sheet per kind present in `records` (the kinds' columns differ), rows in list order. */
export function opsSheets(
  records: readonly OpsRecordDoc[],
  t: Translate,
  customerName: ReadonlyMap<string, string>,
  recordsById: ReadonlyMap<string, OpsRecordDoc>,
): OpsSheet[] {
  const kinds = [...new Set(records.map((r) => r.kind))];
  return kinds.map((kind) => {
    const specs = OPS_FIELDS[kind];
    const columns = [
      t('ops.col.number'),
      t('ops.col.title'),
      t('ops.col.customer'),
      t('ops.col.state'),
      t('ops.col.owner'),
      t('ops.col.opened'),
      t('ops.col.closed'),
      ...specs.map((f) => t(`ops.field.${kind}.${f.name}`)),
      ...(kind === 'risk' ? [t('ops.col.risk')] : []),
      t('ops.form.description'),
      t('ops.col.links'),
    ];
    const rows = records
      .filter((r) => r.kind === kind)
      .map((r) => {
        const own = ownFields(r);
        return [
          r.number,
          r.title,
          customerName.get(r.customerId) ?? r.customerId,
          t(`ops.state.${r.state}`),
          r.owner ?? '',
          r.openedAt,
          r.closedAt ?? '',
          ...specs.map((f) => valueText(t, f.type, own[f.name])),
          ...(kind === 'risk' && r.risk ? [String(riskScore(r.risk).score)] : []),
          r.description,
          r.links
            .map(
              (l) =>
                `${t(`ops.relation.${l.relation}`)} ${
                  l.target === 'ops-record' ? (recordsById.get(l.id)?.number ?? l.id) : l.id
                }`,
            )
            .join('; '),
        ];
      });
    return { name: t(`ops.kind.${kind}`), columns, rows };
  });
}
