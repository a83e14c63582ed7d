import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Progress, Segmented, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { ClusterDoc, InspectionDoc, InspectionStatus } from '../../../src-shared/db/types';
import { inspectionState } from '../../../src-shared/domain/inspection-ops';
import type { InspectionState } from '../../../src-shared/domain/inspection-ops';
import { useI18n } from '../../app/i18n';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { useRxQuery } from '../../db/hooks';
import { useLookups } from '../visits/use-lookups';
import { StartInspectionModal } from './StartInspectionModal';

type Filter = 'all' | InspectionStatus;

interface Row {
  doc: InspectionDoc;
  state: InspectionState | null;
}

function safeState(doc: InspectionDoc, clusters: ClusterDoc[]): InspectionState | null {
  try {
    return inspectionState(doc, clusters, doc.startedAt.slice(0, 10));
  } catch {
    // A template version this laptop does not know yet: listed without figures.
    return null;
  }
}

/**
 * All inspections, newest first; `?new=1[&customer=…][&site=…][&cluster=…][&visit=…]` opens the
 * start dialog with those chosen.
 */
export function InspectionsPage() {
  const { t, pick, fmtDateTime } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const { customerById, siteById } = useLookups();
  const filter = (params.get('status') as Filter | null) ?? 'all';
  const creating = params.get('new') === '1';

  const inspections = useRxQuery(
    (db) =>
      db.inspections.find({
        selector: filter === 'all' ? {} : { status: filter },
        sort: [{ startedAt: 'desc' }],
      }),
    [filter],
  );
  const clusters = useRxQuery((db) => db.clusters.find(), []);
  const clusterById = useMemo(() => new Map(clusters.docs.map((c) => [c.id, c])), [clusters.docs]);
  const preselected = clusterById.get(params.get('cluster') ?? '');

  const rows = useMemo<Row[]>(
    () =>
      inspections.docs.map((doc) => ({
        doc,
        state: safeState(
          doc,
          clusters.docs.filter((c) => c.customerId === doc.customerId),
        ),
      })),
    [inspections.docs, clusters.docs],
  );

  const columns: TableColumnsType<Row> = [
    {
      key: 'customer',
      title: t('inspections.col.customer'),
      render: (_, r) => (
        <Link to={`/inspections/${r.doc.id}`} className="fb-strong-link">
          {customerById.get(r.doc.customerId)?.name ?? '—'}
        </Link>
      ),
    },
    {
      key: 'site',
      title: t('inspections.col.site'),
      render: (_, r) => siteById.get(r.doc.siteId)?.name ?? '—',
    },
    {
      key: 'clusters',
      title: t('inspections.col.clusters'),
      render: (_, r) =>
        r.doc.clusters
          .map((c) => clusterById.get(c.clusterId)?.name ?? c.clusterId)
          .join(t('common.listSeparator')),
    },
    {
      key: 'template',
      title: t('inspections.col.template'),
      render: (_, r) =>
        r.state === null
          ? `${r.doc.templateId} v${r.doc.templateVersion}`
          : t('inspections.templateVersion', {
              name: pick(r.state.template.name),
              version: r.doc.templateVersion,
            }),
    },
    {
      key: 'startedAt',
      title: t('inspections.col.startedAt'),
      width: 190,
      render: (_, r) => fmtDateTime(r.doc.startedAt, siteById.get(r.doc.siteId)?.timeZone),
    },
    {
      key: 'progress',
      title: t('inspections.col.progress'),
      width: 150,
      render: (_, r) => {
        if (r.state === null) return '—';
        const total = r.state.checks.length;
        const done = r.state.checks.filter((c) => c.result !== null).length;
        return (
          <Progress
            size="small"
            percent={total === 0 ? 0 : Math.round((100 * done) / total)}
            format={() => `${done}/${total}`}
          />
        );
      },
    },
    {
      key: 'score',
      title: t('inspections.col.score'),
      width: 100,
      align: 'right',
      render: (_, r) => <span data-testid="row-score">{r.state?.score.score ?? '—'}</span>,
    },
    {
      key: 'status',
      title: t('inspections.col.status'),
      width: 100,
      render: (_, r) => (
        <Tag color={r.doc.status === 'completed' ? 'success' : 'processing'}>
          {t(`inspections.status.${r.doc.status}`)}
        </Tag>
      ),
    },
  ];

  const setFilter = (f: Filter) => {
    const next = new URLSearchParams(params);
    if (f === 'all') next.delete('status');
    else next.set('status', f);
    setParams(next, { replace: true });
  };
  const setCreating = (open: boolean) => {
    const next = new URLSearchParams(params);
    if (open) next.set('new', '1');
    else {
      next.delete('new');
      next.delete('customer');
      next.delete('cluster');
      next.delete('site');
      next.delete('visit');
    }
    setParams(next, { replace: true });
  };

  return (
    <div className="fb-page">
      <PageHeader
        title={t('inspections.title')}
        subtitle={t('inspections.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="inspection-new"
          >
            {t('inspections.new')}
          </Button>
        }
      />
      <Flex vertical gap={12}>
        <Flex gap={8} align="center">
          <Typography.Text type="secondary">{t('inspections.filter.status')}</Typography.Text>
          <Segmented<Filter>
            value={filter}
            onChange={setFilter}
            options={[
              { value: 'all', label: t('inspections.filter.all') },
              { value: 'in-progress', label: t('inspections.status.in-progress') },
              { value: 'completed', label: t('inspections.status.completed') },
            ]}
          />
        </Flex>
        <Table<Row>
          rowKey={(r) => r.doc.id}
          size="small"
          loading={inspections.loading}
          dataSource={rows}
          columns={columns}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: <EmptyState description={t('inspections.empty')} /> }}
          onRow={(r) => ({
            onDoubleClick: () => void navigate(`/inspections/${r.doc.id}`),
          })}
        />
      </Flex>
      <StartInspectionModal
        open={creating}
        customerId={params.get('customer') ?? undefined}
        siteId={params.get('site') ?? undefined}
        visitId={params.get('visit') ?? undefined}
        cluster={preselected}
        onClose={() => setCreating(false)}
        onStarted={(id) => void navigate(`/inspections/${id}`)}
      />
    </div>
  );
}
