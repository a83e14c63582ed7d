import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import type { OpsRecordDoc } from '../../../src-shared/db/types';
import { isoDateIn } from '../../app/clock';
import { desktop } from '../../app/desktop';
import { useI18n } from '../../app/i18n';
import { opsSheets } from './ops-table';

/** Exports the records shown (filters applied) as .xlsx, one sheet per kind. */
export function OpsExportButton({
  rows,
  customerName,
}: {
  rows: readonly OpsRecordDoc[];
  customerName: ReadonlyMap<string, string>;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  async function run() {
    setBusy(true);
    try {
      const byId = new Map(rows.map((r) => [r.id, r]));
      const path = await desktop().spreadsheets.exportTable({
        sheets: opsSheets(rows, t, customerName, byId),
        suggestedName: `ops-records-${isoDateIn(new Date(), undefined)}.xlsx`,
      });
      if (path !== null) void message.success(t('ops.exported', { path, n: rows.length }));
    } catch (e) {
      void message.error(t('ops.exportFailed', { message: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      disabled={rows.length === 0}
      onClick={() => void run()}
      data-testid="ops-export"
    >
      {t('ops.export')}
    </Button>
  );
}
