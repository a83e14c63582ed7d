import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { deriveRun } from '../../../src-shared/domain/procedures/derive';
import { runOutcome, templateOfRun } from '../../../src-shared/domain/procedures/procedure-ops';
import { useI18n } from '../../app/i18n';
import { useRxQuery } from '../../db/hooks';
import { StartProcedureModal } from './StartProcedureModal';

/** The customer's procedure runs (newest first) and the button that starts one. */
export function CustomerProcedures({ customerId }: { customerId: string }) {
  const { t, pick, fmtDateTime } = useI18n();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const runs = useRxQuery(
    (db) => db.procedureRuns.find({ selector: { customerId }, sort: [{ startedAt: 'desc' }] }),
    [customerId],
  ).docs;
  return (
    <Card
      size="small"
      title={`${t('procedures.card')} (${runs.length})`}
      data-testid="customer-procedures"
      extra={
        <Button icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="procedure-new">
          {t('procedures.new')}
        </Button>
      }
    >
      {runs.length === 0 ? (
        <Typography.Text type="secondary">{t('procedures.empty')}</Typography.Text>
      ) : (
        <Flex vertical gap={4}>
          {runs.map((r) => {
            const template = templateOfRun(r);
            const state = deriveRun(template, r);
            const outcome = runOutcome(state);
            return (
              <Flex key={r.id} gap={8} align="center" data-testid="procedure-run-row">
                <Link to={`/procedures/${r.id}`}>{pick(template.name)}</Link>
                <Tag>{t(`procedures.status.${state.status}`)}</Tag>
                {outcome !== undefined && <Tag>{t(`procedures.outcome.${outcome}`)}</Tag>}
                <Typography.Text type="secondary" className="fb-small">
                  {fmtDateTime(r.startedAt, r.siteZone)} · {r.startedBy}
                </Typography.Text>
              </Flex>
            );
          })}
        </Flex>
      )}
      <StartProcedureModal
        open={open}
        customerId={customerId}
        onClose={() => setOpen(false)}
        onStarted={(id) => void navigate(`/procedures/${id}`)}
      />
    </Card>
  );
}
