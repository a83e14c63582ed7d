import { App, Button } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import type { PlanDoc } from '../../../src-shared/db/types';
import type { PlanDocFields } from '../../../src-shared/domain/planning/plan-doc';
import { planDocFields, planOfDoc } from '../../../src-shared/domain/planning/plan-doc';
import { desktop } from '../../app/desktop';
import { useI18n } from '../../app/i18n';
import { newRowId } from './plan-grid';

/** Import and export of the plan's workbook through the desktop API (native dialogs in main). */
export function PlanSpreadsheetButtons({
  doc,
  onImported,
}: {
  doc: PlanDoc;
  onImported: (fields: PlanDocFields) => Promise<boolean>;
}) {
  const { t, lang, pick } = useI18n();
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<void>, failure: string) => {
    setBusy(true);
    try {
      await work();
    } catch (e) {
      void message.error(t(failure, { message: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  const importXlsx = () =>
    run(async () => {
      const result = await desktop().plans.importXlsx();
      if (result === null) return;
      if (!result.ok) {
        modal.error({
          title: t('plans.importErrors', { n: result.errors.length }),
          content: (
            <ul data-testid="plan-import-errors">
              {result.errors.slice(0, 30).map((e, i) => (
                <li key={i}>
                  {e.table} · {e.row}
                  {e.column ? ` · ${e.column}` : ''}: {pick(e.message)}
                </li>
              ))}
            </ul>
          ),
        });
        return;
      }
      // Rows at the same position keep their identity: an updated workbook merges per row.
      if (await onImported(planDocFields(result.plan, newRowId, doc))) {
        void message.success(
          t('plans.imported', { name: result.name, machines: result.plan.machines.length }),
        );
      }
    }, 'plans.importFailed');

  const exportXlsx = () =>
    run(async () => {
      const path = await desktop().plans.exportXlsx({
        plan: planOfDoc(doc),
        lang,
        suggestedName: `plan-${doc.product}-${doc.version}.xlsx`.replace(/[^\w.-]+/g, '-'),
      });
      if (path !== null) void message.success(t('plans.exported', { path }));
    }, 'plans.exportFailed');

  return (
    <>
      <Button
        icon={<UploadOutlined />}
        loading={busy}
        onClick={() => void importXlsx()}
        data-testid="plan-import"
      >
        {t('plans.import')}
      </Button>
      <Button
        icon={<DownloadOutlined />}
        loading={busy}
        onClick={() => void exportXlsx()}
        data-testid="plan-export"
      >
        {t('plans.export')}
      </Button>
    </>
  );
}
