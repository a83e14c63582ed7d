import { Alert, Button, Card, Flex, Input, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { ProcedureRunDoc } from '../../../src-shared/db/types';
import { severeIncidentCheck } from '../../../src-shared/domain/procedures/auto-checks';
import type { RunState } from '../../../src-shared/domain/procedures/derive';
import { stepById } from '../../../src-shared/domain/procedures/derive';
import { openGateSteps } from '../../../src-shared/domain/procedures/procedure-ops';
import type { ProcedureTemplate } from '../../../src-shared/policy/procedures';
import { useI18n } from '../../app/i18n';
import { useRxQuery } from '../../db/hooks';
import type { ProcedureIdentity } from './identity';

/** Past the gate: which pre-checks still keep the window shut. */
export function GateNotice({
  template,
  state,
  stepId,
}: {
  template: ProcedureTemplate;
  state: RunState;
  stepId: string;
}) {
  const { t, pick } = useI18n();
  const open = openGateSteps(template, state, stepId);
  if (open.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="procedure-gate"
      title={t('procedures.gate.closed')}
      description={open
        .map((id) => pick(stepById(template, id)?.title ?? { zh: id, en: id }))
        .join('、')}
    />
  );
}

/**
 * A second person lets a gating pre-check through with a reason. Signed in, the waiver is the
 * signed-in user's; on an unsigned laptop the second person types their name (shown as such).
 */
export function WaiverArea({
  identity,
  onWaive,
}: {
  identity: ProcedureIdentity;
  onWaive: (by: string, reason: string) => Promise<boolean>;
}) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [reason, setReason] = useState('');
  const by = identity.source === 'signed-in' ? identity.name : name.trim();
  return (
    <Card size="small" title={t('procedures.waiver.title')} data-testid="procedure-waiver">
      <Flex vertical gap={6}>
        <Typography.Text type="secondary">{t('procedures.waiver.rule')}</Typography.Text>
        {identity.source === 'signed-in' ? (
          <Typography.Text>
            {t('procedures.waiver.asUser', { name: identity.name })}
          </Typography.Text>
        ) : (
          <Input
            value={name}
            maxLength={100}
            onChange={(e) => setName(e.target.value)}
            placeholder={t('procedures.waiver.by')}
            aria-label={t('procedures.waiver.by')}
            data-testid="procedure-waiver-by"
          />
        )}
        <Input.TextArea
          value={reason}
          maxLength={2000}
          autoSize={{ minRows: 2, maxRows: 6 }}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('procedures.waiver.reason')}
          aria-label={t('procedures.waiver.reason')}
          data-testid="procedure-waiver-reason"
        />
        <Button
          size="large"
          danger
          disabled={by === '' || reason.trim() === ''}
          data-testid="procedure-waive"
          onClick={() =>
            void onWaive(by, reason.trim()).then((ok) => {
              if (ok) setReason('');
            })
          }
        >
          {t('procedures.waiver.give')}
        </Button>
      </Flex>
    </Card>
  );
}

/** The incident check: what the local incident store holds for the run's cluster right now. */
export function SevereIncidentCheck({
  run,
  onRecord,
}: {
  run: ProcedureRunDoc;
  onRecord: (text: string) => Promise<boolean>;
}) {
  const { t } = useI18n();
  const clusterId = run.clusterId;
  const found = useRxQuery(
    (db) => (clusterId === undefined ? null : db.incidents.find({ selector: { clusterId } })),
    [clusterId],
  );
  const result = useMemo(
    () => (clusterId === undefined ? null : severeIncidentCheck(found.docs, clusterId)),
    [found.docs, clusterId],
  );
  if (result === null) {
    return <Alert type="warning" title={t('procedures.auto.noCluster')} />;
  }
  return (
    <Flex vertical gap={6} data-testid="procedure-auto-incidents" data-count={result.count}>
      <Alert
        type={result.count === 0 ? 'success' : 'error'}
        showIcon
        title={
          result.count === 0
            ? t('procedures.auto.none')
            : t('procedures.auto.found', { count: result.count })
        }
        description={
          result.count === 0 ? undefined : (
            <Flex vertical>
              {result.incidents.map((i) => (
                <span key={i.id}>
                  {t('procedures.auto.line', { level: i.level, title: i.title })}
                </span>
              ))}
            </Flex>
          )
        }
      />
      <Button
        size="large"
        data-testid="procedure-auto-record"
        onClick={() => void onRecord(result.text)}
      >
        {t('procedures.auto.record')}
      </Button>
    </Flex>
  );
}
