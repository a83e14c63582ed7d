import { Alert, Button, Flex, Space, Table, Tag } from 'antd';
import {
  AuditOutlined,
  DeleteOutlined,
  EditOutlined,
  OrderedListOutlined,
  PlusOutlined,
  ProjectOutlined,
} from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useMemo, useState } from 'react';
import type { ClusterDoc, EnvironmentKind, SiteDoc } from '../../../src-shared/db/types';
import { useI18n } from '../../app/i18n';
import { EmptyState } from '../../components/EmptyState';
import { LifecycleBadge } from '../../components/LifecycleBadge';
import { useConfirmDelete } from '../../components/use-confirm-delete';
import { useDatabase } from '../../db/database-context';
import { dependentsOfCluster, describeDependents } from '../customers/dependents';
import { ClusterFormModal } from './ClusterFormModal';
import { openPlanOfCluster } from '../plans';

const ENV_COLOR: Record<EnvironmentKind, string> = {
  dev: 'default',
  test: 'processing',
  prod: 'purple',
};

export interface ClustersTabProps {
  customerId: string;
  sites: SiteDoc[];
  clusters: ClusterDoc[];
}

type Editing = { mode: 'closed' } | { mode: 'create' } | { mode: 'edit'; cluster: ClusterDoc };

export function ClustersTab({ customerId, sites, clusters }: ClustersTabProps) {
  const { t } = useI18n();
  const db = useDatabase();
  const confirmDelete = useConfirmDelete();
  const navigate = useNavigate();
  const [editing, setEditing] = useState<Editing>({ mode: 'closed' });
  const siteById = useMemo(() => new Map(sites.map((s) => [s.id, s])), [sites]);
  const rows = useMemo(
    () =>
      [...clusters].sort(
        (a, b) =>
          (siteById.get(a.siteId)?.name ?? '').localeCompare(siteById.get(b.siteId)?.name ?? '') ||
          a.name.localeCompare(b.name),
      ),
    [clusters, siteById],
  );

  const remove = (cluster: ClusterDoc) =>
    confirmDelete(
      cluster.name,
      async () => {
        const doc = await db.clusters.findOne(cluster.id).exec();
        await doc?.remove();
      },
      async () => describeDependents(t, await dependentsOfCluster(db, customerId, cluster.id)),
    );

  return (
    <Flex vertical gap={12}>
      <Flex justify="flex-end">
        <Button
          type="primary"
          icon={<PlusOutlined />}
          disabled={sites.length === 0}
          onClick={() => setEditing({ mode: 'create' })}
        >
          {t('clusters.create')}
        </Button>
      </Flex>
      {sites.length === 0 && <Alert type="info" showIcon title={t('clusters.needSite')} />}
      <Table<ClusterDoc>
        rowKey="id"
        size="small"
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: <EmptyState description={t('clusters.empty')} /> }}
        columns={[
          { key: 'name', title: t('clusters.field.name'), dataIndex: 'name' },
          {
            key: 'site',
            title: t('clusters.field.site'),
            render: (_, c) => siteById.get(c.siteId)?.name ?? '—',
          },
          {
            key: 'environment',
            title: t('clusters.field.environment'),
            width: 110,
            render: (_, c) => (
              <Tag color={ENV_COLOR[c.environment]}>{t(`clusters.env.${c.environment}`)}</Tag>
            ),
          },
          {
            key: 'product',
            title: t('clusters.field.product'),
            render: (_, c) => `${c.product} ${c.version}`,
          },
          {
            key: 'lifecycle',
            title: t('clusters.field.lifecycle'),
            render: (_, c) => (
              <LifecycleBadge
                product={c.product}
                version={c.version}
                zone={siteById.get(c.siteId)?.timeZone}
              />
            ),
          },
          {
            key: 'nodes',
            title: t('clusters.field.nodes'),
            align: 'right',
            width: 150,
            render: (_, c) => `${c.controlPlaneNodes} + ${c.workerNodes}`,
          },
          {
            key: 'actions',
            title: t('common.actions'),
            width: 200,
            render: (_, c) => (
              <Space size={0}>
                <Button
                  type="text"
                  size="small"
                  icon={<OrderedListOutlined />}
                  aria-label={t('procedures.cluster.open', { name: c.name })}
                  title={t('procedures.cluster.open', { name: c.name })}
                  data-testid="cluster-procedures-open"
                  onClick={() => void navigate(`/clusters/${c.id}/procedures`)}
                />
                <Button
                  type="text"
                  size="small"
                  icon={<ProjectOutlined />}
                  aria-label={t('plans.openFor', { name: c.name })}
                  title={t('plans.openFor', { name: c.name })}
                  data-testid="cluster-plan"
                  onClick={() => {
                    void openPlanOfCluster(db, c).then((id) => navigate(`/plans/${id}`));
                  }}
                />
                <Button
                  type="text"
                  size="small"
                  icon={<AuditOutlined />}
                  aria-label={t('inspections.cluster.startFor', { name: c.name })}
                  title={t('inspections.cluster.startFor', { name: c.name })}
                  data-testid="cluster-inspect"
                  onClick={() =>
                    void navigate(`/inspections?new=1&customer=${customerId}&cluster=${c.id}`)
                  }
                />
                <Button
                  type="text"
                  size="small"
                  icon={<EditOutlined />}
                  aria-label={`${t('common.edit')} ${c.name}`}
                  title={t('common.edit')}
                  onClick={() => setEditing({ mode: 'edit', cluster: c })}
                />
                <Button
                  type="text"
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={`${t('common.delete')} ${c.name}`}
                  title={t('common.delete')}
                  onClick={() => remove(c)}
                />
              </Space>
            ),
          },
        ]}
      />
      <ClusterFormModal
        open={editing.mode !== 'closed'}
        customerId={customerId}
        sites={sites}
        cluster={editing.mode === 'edit' ? editing.cluster : undefined}
        onClose={() => setEditing({ mode: 'closed' })}
      />
    </Flex>
  );
}
