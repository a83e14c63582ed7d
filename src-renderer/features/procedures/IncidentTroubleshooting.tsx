import { ToolOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Flex, Modal, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { IncidentDoc } from '../../../src-shared/db/types';
import {
  deriveRun,
  stepById,
  troubleshootingPath,
} from '../../../src-shared/domain/procedures/derive';
import {
  runOutcome,
  startRun,
  templateOfRun,
} from '../../../src-shared/domain/procedures/procedure-ops';
import { latestProcedureTemplates } from '../../../src-shared/policy/procedures';
import { nowInstant } from '../../app/clock';
import { useI18n } from '../../app/i18n';
import { userErrorText } from '../../components/error-text';
import { useDatabase } from '../../db/database-context';
import { useRxQuery } from '../../db/hooks';
import { useProcedureIdentity } from './identity';
import { laptopZone } from '../../app/i18n-core';

/** Every troubleshooting guide of the packs, the topics an incident can start. */
function guides() {
  return (['dce-support', 'private-cloud-ops'] as const)
    .flatMap((p) => latestProcedureTemplates(p))
    .filter((t) => t.kind === 'troubleshooting');
}

/**
 * 排障指引 on an incident: the engineer picks a topic and a troubleshooting run starts linked to
 * the incident (its site, its cluster), then opens.
 */
export function IncidentTroubleshootButton({
  incident,
  siteZone,
  disabled,
}: {
  incident: IncidentDoc;
  siteZone: string;
  disabled?: boolean;
}) {
  const { t, pick } = useI18n();
  const db = useDatabase();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const identity = useProcedureIdentity();
  const [open, setOpen] = useState(false);
  const [topic, setTopic] = useState<string | undefined>(undefined);
  const list = guides();
  const start = async () => {
    const template = list.find((g) => g.id === topic);
    if (template === undefined) return;
    try {
      const run = startRun(
        {
          customerId: incident.customerId,
          siteId: incident.siteId,
          siteZone,
          templateId: template.id,
          templateVersion: template.version,
          incidentId: incident.id,
          ...(incident.clusterId !== undefined ? { clusterId: incident.clusterId } : {}),
        },
        {
          by: identity.name,
          zone: laptopZone(),
          ...(identity.account !== undefined ? { account: identity.account } : {}),
        },
        nowInstant(),
      );
      await db.procedureRuns.insert(run);
      setOpen(false);
      void navigate(`/procedures/${run.id}`);
    } catch (err) {
      message.error(t('procedures.saveFailed', { message: userErrorText(t, err) }));
    }
  };
  return (
    <>
      <Button
        icon={<ToolOutlined />}
        disabled={disabled === true || identity.name === ''}
        onClick={() => setOpen(true)}
        data-testid="incident-troubleshoot"
      >
        {t('procedures.incident.button')}
      </Button>
      <Modal
        open={open}
        title={t('procedures.incident.title')}
        okText={t('procedures.new')}
        okButtonProps={{
          disabled: topic === undefined,
          'data-testid': 'incident-troubleshoot-start',
        }}
        onOk={() => void start()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Flex vertical gap={8} data-testid="incident-troubleshoot-form">
          <Typography.Text type="secondary">{t('procedures.incident.hint')}</Typography.Text>
          <Select
            value={topic}
            onChange={setTopic}
            placeholder={t('procedures.incident.topic')}
            aria-label={t('procedures.incident.topic')}
            data-testid="incident-troubleshoot-topic"
            options={list.map((g) => ({ value: g.id, label: pick(g.name) }))}
          />
          {topic !== undefined && (
            <Typography.Text type="secondary">
              {pick(list.find((g) => g.id === topic)!.description)}
            </Typography.Text>
          )}
        </Flex>
      </Modal>
    </>
  );
}

/**
 * The troubleshooting runs started from an incident, each with the path it took (question →
 * branch chosen → fix), who and when in the site's zone: the incident's record of the diagnosis.
 */
export function IncidentTroubleshootingRuns({
  incident,
  zone,
}: {
  incident: IncidentDoc;
  zone: string;
}) {
  const { t, pick, fmtDateTime } = useI18n();
  const runs = useRxQuery(
    (db) =>
      db.procedureRuns.find({
        selector: { customerId: incident.customerId, incidentId: incident.id },
        sort: [{ startedAt: 'asc' }],
      }),
    [incident.customerId, incident.id],
  ).docs;
  if (runs.length === 0) return null;
  return (
    <Card size="small" title={t('procedures.incident.runs')} data-testid="incident-procedures">
      <Flex vertical gap={12}>
        {runs.map((r) => {
          const template = templateOfRun(r);
          const state = deriveRun(template, r);
          const outcome = runOutcome(state);
          const path = troubleshootingPath(template, state);
          return (
            <Flex key={r.id} vertical gap={4} data-testid="incident-procedure-run">
              <Flex gap={8} align="center" wrap>
                <Link to={`/procedures/${r.id}`}>{pick(template.name)}</Link>
                <Tag>{t(`procedures.status.${state.status}`)}</Tag>
                {outcome !== undefined && <Tag>{t(`procedures.outcome.${outcome}`)}</Tag>}
              </Flex>
              <ol className="fb-small" style={{ margin: 0, paddingInlineStart: 20 }}>
                {path.map((p) => (
                  <li key={p.stepId} data-testid="incident-procedure-step" data-step={p.stepId}>
                    {pick(stepById(template, p.stepId)!.title)}
                    {p.branch !== undefined && ` → ${pick(p.branch.label)}`}
                    {p.end && ` · ${t('procedures.incident.fixed')}`}
                    <Typography.Text type="secondary">
                      {' '}
                      ({p.by}, {fmtDateTime(p.at, zone)})
                    </Typography.Text>
                  </li>
                ))}
                {path.length === 0 && (
                  <Typography.Text type="secondary">
                    {t('procedures.incident.noSteps')}
                  </Typography.Text>
                )}
              </ol>
            </Flex>
          );
        })}
      </Flex>
    </Card>
  );
}
