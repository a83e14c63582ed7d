import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { ProcedureRunDoc } from '../../../src-shared/db/types';
import { deriveRun, stepById } from '../../../src-shared/domain/procedures/derive';
import { runOutcome, templateOfRun } from '../../../src-shared/domain/procedures/procedure-ops';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { useRxDocument, useRxQuery } from '../../db/hooks';
import { StartProcedureModal } from './StartProcedureModal';

/**
 * One cluster's procedure runs, newest first: kind, template, versions, status, mode, outcome,
 * the step it is at and how far the plan is done, derived from each run's log; and the button
 * that starts one on this cluster.
 */
export function ClusterProceduresPage() {
  const { clusterId } = useParams();
  const { t, pick, fmtDateTime } = useI18n();
  const navigate = useNavigate();
  const [starting, setStarting] = useState(false);
  const cluster = useRxDocument('clusters', clusterId);
  const doc = cluster.doc;
  const runs = useRxQuery(
    (db) =>
      doc === null
        ? null
        : db.procedureRuns.find({
            selector: { customerId: doc.customerId, clusterId: doc.id },
            sort: [{ startedAt: 'desc' }],
          }),
    [doc],
  ).docs;
  if (cluster.loading) return null;
  if (cluster.doc === null) return <Alert type="warning" title={t('procedures.notFound')} />;
  const c = cluster.doc;
  const rows = runs.map((r: ProcedureRunDoc) => {
    const template = templateOfRun(r);
    const state = deriveRun(template, r);
    const finished = state.plan.filter((id) =>
      ['done', 'skipped', 'waived', 'bypassed'].includes(state.steps[id]!.status),
    ).length;
    return { r, template, state, outcome: runOutcome(state), finished };
  });
  return (
    <Flex vertical gap={12}>
      <PageHeader
        backTo={`/customers/${c.customerId}`}
        title={t('procedures.cluster.title', { name: c.name })}
        subtitle={`${c.product} ${c.version}`}
        extra={
          <Button
            icon={<PlusOutlined />}
            onClick={() => setStarting(true)}
            data-testid="cluster-procedure-new"
          >
            {t('procedures.new')}
          </Button>
        }
      />
      <StartProcedureModal
        open={starting}
        customerId={c.customerId}
        siteId={c.siteId}
        clusterId={c.id}
        onClose={() => setStarting(false)}
        onStarted={(id) => void navigate(`/procedures/${id}`)}
      />
      <Card size="small" data-testid="cluster-procedures">
        <Table
          size="small"
          pagination={false}
          rowKey={(x) => x.r.id}
          dataSource={rows}
          locale={{ emptyText: t('procedures.empty') }}
          columns={[
            {
              key: 'name',
              title: t('procedures.form.template'),
              render: (_, x) => (
                <Flex vertical>
                  <Link to={`/procedures/${x.r.id}`} data-testid="cluster-procedure-link">
                    {pick(x.template.name)}
                  </Link>
                  <Typography.Text type="secondary" className="fb-small">
                    {t(`procedures.kind.${x.r.kind}`)}
                    {x.r.fromVersion !== undefined && x.r.toVersion !== undefined
                      ? ` · ${x.r.fromVersion} → ${x.r.toVersion}`
                      : ''}
                  </Typography.Text>
                </Flex>
              ),
            },
            {
              key: 'state',
              title: t('procedures.cluster.state'),
              render: (_, x) => (
                <Flex gap={4} wrap data-testid="cluster-procedure-state">
                  <Tag>{t(`procedures.status.${x.state.status}`)}</Tag>
                  {x.state.status !== 'completed' && (
                    <Tag color={x.state.mode === 'forward' ? 'blue' : 'volcano'}>
                      {t(`procedures.mode.${x.state.mode}`)}
                    </Tag>
                  )}
                  {x.outcome !== undefined && <Tag>{t(`procedures.outcome.${x.outcome}`)}</Tag>}
                </Flex>
              ),
            },
            {
              key: 'current',
              title: t('procedures.cluster.current'),
              render: (_, x) =>
                x.state.currentStepId === undefined
                  ? '—'
                  : pick(stepById(x.template, x.state.currentStepId)!.title),
            },
            {
              key: 'progress',
              title: t('procedures.cluster.progress'),
              render: (_, x) => `${x.finished} / ${x.state.plan.length}`,
            },
            {
              key: 'started',
              title: t('procedures.cluster.started'),
              render: (_, x) => `${fmtDateTime(x.r.startedAt, x.r.siteZone)} · ${x.r.startedBy}`,
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
