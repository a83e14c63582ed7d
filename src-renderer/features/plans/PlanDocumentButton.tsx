import { App, Button, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import type { PlanDoc } from '../../../src-shared/db/types';
import { useI18n } from '../../app/i18n';
import { useEngineer } from '../../app/settings';
import { useDatabase } from '../../db/database-context';
import { GenerateReportModal, planningDocumentRequest } from '../deliverables';
import { deliverableErrorText } from '../deliverables/deliverable-errors';
import type { ReportRequest } from '../deliverables/report-pipeline';

/** Makes the planning document (规划文档) of a ready plan through the deliverables pipeline. */
export function PlanDocumentButton({ doc, icon }: { doc: PlanDoc; icon: ReactNode }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const db = useDatabase();
  const engineer = useEngineer();
  const [request, setRequest] = useState<ReportRequest | null>(null);
  const ready = doc.status === 'ready';
  return (
    <>
      <Tooltip title={ready ? undefined : t('plans.document.needsReady')}>
        <Button
          icon={icon}
          disabled={!ready}
          data-testid="plan-document"
          onClick={() => {
            planningDocumentRequest(db, doc.id, engineer.name === '' ? '?' : engineer.name)
              .then(setRequest)
              .catch((e: unknown) => message.error(deliverableErrorText(t, e)));
          }}
        >
          {t('plans.document')}
        </Button>
      </Tooltip>
      <GenerateReportModal request={request} onClose={() => setRequest(null)} />
    </>
  );
}
