import { OrderedListOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { VisitDoc } from '../../../src-shared/db/types';
import { useI18n } from '../../app/i18n';
import { useRxQuery } from '../../db/hooks';
import { StartProcedureModal } from './StartProcedureModal';

/** On a visit: opens the procedure run started during it, or starts one for its site. */
export function VisitProcedureButton({ visit }: { visit: VisitDoc }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const linked = useRxQuery(
    (db) =>
      db.procedureRuns.find({
        selector: { customerId: visit.customerId, visitId: visit.id },
        sort: [{ startedAt: 'desc' }],
      }),
    [visit.customerId, visit.id],
  ).docs[0];
  if (visit.purpose === 'inspection') return null;
  return (
    <>
      <Button
        size="large"
        icon={<OrderedListOutlined />}
        data-testid="visit-procedure"
        onClick={() =>
          linked === undefined ? setOpen(true) : void navigate(`/procedures/${linked.id}`)
        }
      >
        {t('procedures.new')}
      </Button>
      <StartProcedureModal
        open={open}
        customerId={visit.customerId}
        siteId={visit.siteId}
        visitId={visit.id}
        onClose={() => setOpen(false)}
        onStarted={(id) => void navigate(`/procedures/${id}`)}
      />
    </>
  );
}
