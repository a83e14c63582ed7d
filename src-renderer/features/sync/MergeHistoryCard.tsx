import { Card, Table, Typography } from 'antd';
import type { MergeLoss } from '../../../src-shared/db/types';
import { useI18n } from '../../app/i18n';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Renders a losing value (JSON text) for people: strings unquoted, instants in the locale. */
function readable(
  loss: MergeLoss,
  t: (key: string) => string,
  fmtDateTime: (iso: string) => string,
): string {
  if (loss.field === '_deleted') {
    return loss.value === 'true' ? t('sync.history.deleted') : t('sync.history.restored');
  }
  try {
    const value: unknown = JSON.parse(loss.value);
    if (typeof value === 'string') return INSTANT.test(value) ? fmtDateTime(value) : value;
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join('、');
    return JSON.stringify(value);
  } catch {
    // Cut to its maximum length: no longer valid JSON, show it as stored.
    return loss.value;
  }
}

/**
 * What lost a sync merge of this document (`mergeHistory`, see src-shared/db/conflicts.ts), so
 * that no edit is lost silently. Renders nothing when nothing was lost.
 */
export function MergeHistoryCard({
  history,
  zone,
  fieldLabels = {},
}: {
  history: readonly MergeLoss[] | undefined;
  /** IANA zone times are shown in (the site's, like the rest of the page); the laptop's if none. */
  zone?: string;
  /** The document's form labels by field name (src-renderer/components/field-labels.ts). */
  fieldLabels?: Readonly<Record<string, string>>;
}) {
  const { t, fmtDateTime: fmtIn } = useI18n();
  const fmtDateTime = (iso: string) => fmtIn(iso, zone);
  if (!history || history.length === 0) return null;
  // The form's label, else the sync module's word, never the internal field name.
  const fieldName = (field: string) => {
    const label = fieldLabels[field];
    if (label !== undefined) return label;
    const key = `sync.field.${field}`;
    const text = t(key);
    return text === key ? t('form.field.other') : text;
  };
  const rows = [...history].reverse().map((loss, i) => ({ ...loss, key: `${i}` }));
  return (
    <Card title={t('sync.history.title')} size="small" data-testid="merge-history">
      <Typography.Paragraph type="secondary">{t('sync.history.intro')}</Typography.Paragraph>
      <Table
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          {
            title: t('sync.history.field'),
            dataIndex: 'field',
            width: 120,
            render: (field: string) => fieldName(field),
          },
          {
            title: t('sync.history.lostValue'),
            dataIndex: 'value',
            render: (_: string, loss: MergeLoss) => (
              <Typography.Text data-testid="merge-history-value" style={{ whiteSpace: 'pre-wrap' }}>
                {readable(loss, t, fmtDateTime)}
              </Typography.Text>
            ),
          },
          {
            title: t('sync.history.lostAt'),
            dataIndex: 'lostAt',
            width: 170,
            render: (at: string) => fmtDateTime(at),
          },
          {
            title: t('sync.history.keptAt'),
            dataIndex: 'keptAt',
            width: 170,
            render: (at: string) => fmtDateTime(at),
          },
        ]}
      />
    </Card>
  );
}
