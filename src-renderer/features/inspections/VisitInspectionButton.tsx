import { AuditOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useNavigate } from 'react-router';
import type { VisitDoc } from '../../../src-shared/db/types';
import { useI18n } from '../../app/i18n';
import { useRxQuery } from '../../db/hooks';

/**
 * On an inspection visit: opens the inspection recorded during the visit, or starts one with
 * the visit's customer, site and the visit itself chosen.
 */
export function VisitInspectionButton({ visit }: { visit: VisitDoc }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const linked = useRxQuery(
    (db) =>
      db.inspections.find({
        selector: { customerId: visit.customerId, visitId: visit.id },
        sort: [{ startedAt: 'desc' }],
      }),
    [visit.customerId, visit.id],
  ).docs[0];
  if (visit.purpose !== 'inspection') return null;
  return (
    <Button
      size="large"
      icon={<AuditOutlined />}
      data-testid="visit-inspection"
      onClick={() =>
        void navigate(
          linked === undefined
            ? `/inspections?new=1&customer=${visit.customerId}&site=${visit.siteId}&visit=${visit.id}`
            : `/inspections/${linked.id}`,
        )
      }
    >
      {linked === undefined ? t('inspections.new') : t('inspections.visit.open')}
    </Button>
  );
}
