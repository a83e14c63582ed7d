import { FilePdfOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import type { ProcedureRunDoc } from '../../../src-shared/db/types';
import { useI18n } from '../../app/i18n';
import { useDatabase } from '../../db/database-context';
import { GenerateReportModal, procedureRecordRequest } from '../deliverables';
import { deliverableErrorText } from '../deliverables/deliverable-errors';
import type { ReportRequest } from '../deliverables/report-pipeline';
import { useProcedureIdentity } from './identity';

/**
 * Makes the run's record (升级记录 for an upgrade, 实施记录 for a deployment checklist) through
 * the deliverables pipeline: rendered in the worker, signed in the normal sign dialog.
 */
export function ProcedureRecordButton({ run }: { run: ProcedureRunDoc }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const db = useDatabase();
  const identity = useProcedureIdentity();
  const [request, setRequest] = useState<ReportRequest | null>(null);
  if (run.kind === 'troubleshooting') return null;
  return (
    <>
      <Button
        size="large"
        icon={<FilePdfOutlined />}
        data-testid="procedure-record"
        onClick={() => {
          procedureRecordRequest(db, run.id, identity.name === '' ? '?' : identity.name)
            .then(setRequest)
            .catch((e: unknown) => message.error(deliverableErrorText(t, e)));
        }}
      >
        {t(`procedures.record.${run.kind}`)}
      </Button>
      <GenerateReportModal request={request} onClose={() => setRequest(null)} />
    </>
  );
}
