import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Segmented, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { IncidentDoc, SiteDoc } from '../../../src-shared/db/types';
import { incidentSlaStatus } from '../../../src-shared/domain/incident-ops';
import type { SlaStatus } from '../../../src-shared/domain/sla';
import { getPolicyPack } from '../../../src-shared/policy/index';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { useRxQuery } from '../../db/hooks';
import { useLookups } from '../visits/use-lookups';
import {
  ACTIVE_STATUSES,
  compareByDue,
  levelColor,
  levelLabel,
  statusColor,
} from './incident-view-model';
import type { IncidentListFilter } from './incident-view-model';
import { NewIncidentModal } from './NewIncidentModal';
import { SlaBadge } from './SlaBadge';
import { useNow } from './use-now';

interface Row {
  incident: IncidentDoc;
  site: SiteDoc | undefined;
  sla: SlaStatus | null;
}

function safeSla(incident: IncidentDoc, site: SiteDoc | undefined, now: Date): SlaStatus | null {
  if (site === undefined) return null;
  try {
    return incidentSlaStatus(incident, site, now);
  } catch {
    // A document from a newer pack version than this laptop knows: shown without a countdown.
    return null;
  }
}

export function IncidentsPage() {
  const { t, lang, fmtDateTime, pick } = useI18n();
  const navigate = useNavigate();
  const { customerById, siteById } = useLookups();
  const [filter, setFilter] = useState<IncidentListFilter>('active');
  const [creating, setCreating] = useState(false);
  const now = useNow(1_000);

  const incidents = useRxQuery(
    (db) => {
      if (filter === 'active') {
        // Index [status, dueAt]: earliest due first; no-target incidents sort by compareByDue.
        return db.incidents.find({
          selector: { status: { $in: [...ACTIVE_STATUSES] } },
          sort: [{ dueAt: 'asc' }],
        });
      }
      return db.incidents.find({
        selector: filter === 'closed' ? { status: 'closed' } : {},
        sort: [{ openedAt: 'desc' }],
      });
    },
    [filter],
  );

  const rows = useMemo<Row[]>(() => {
    const docs = filter === 'active' ? [...incidents.docs].sort(compareByDue) : incidents.docs;
    return docs.map((incident) => {
      const site = siteById.get(incident.siteId);
      return { incident, site, sla: safeSla(incident, site, now) };
    });
  }, [incidents.docs, siteById, now, filter]);

  const columns = useMemo<TableColumnsType<Row>>(
    () => [
      {
        key: 'level',
        title: t('incidents.col.level'),
        width: 90,
        render: (_, { incident }) => {
          const pack = getPolicyPack(incident.packId);
          return (
            <Tag color={levelColor(pack, incident.level)} data-testid="incident-level">
              {levelLabel(pack, incident.level, t, lang)}
            </Tag>
          );
        },
      },
      {
        key: 'title',
        title: t('incidents.col.title'),
        render: (_, { incident }) => (
          <Link to={`/incidents/${incident.id}`} onClick={(e) => e.stopPropagation()}>
            {incident.title}
          </Link>
        ),
      },
      {
        key: 'customerSite',
        title: t('incidents.col.customerSite'),
        render: (_, { incident, site }) => (
          <Flex vertical>
            <span>{customerById.get(incident.customerId)?.name ?? '—'}</span>
            <Typography.Text type="secondary">{site?.name ?? '—'}</Typography.Text>
          </Flex>
        ),
      },
      {
        key: 'tier',
        title: t('incidents.col.tier'),
        render: (_, { incident }) => {
          const tier = getPolicyPack(incident.packId).tiers.find((x) => x.id === incident.tier);
          return tier === undefined ? incident.tier : pick(tier.name);
        },
      },
      {
        key: 'due',
        title: t('incidents.col.due'),
        render: (_, { incident, site }) =>
          incident.dueAt === '' ? (
            '—'
          ) : (
            <span data-testid="incident-due">{fmtDateTime(incident.dueAt, site?.timeZone)}</span>
          ),
      },
      {
        key: 'remaining',
        title: t('incidents.col.remaining'),
        render: (_, { sla, incident }) =>
          sla === null || incident.status === 'closed' ? '—' : <SlaBadge sla={sla} />,
      },
      {
        key: 'status',
        title: t('incidents.col.status'),
        render: (_, { incident }) => (
          <Tag color={statusColor(incident.status)}>{t(`incidents.status.${incident.status}`)}</Tag>
        ),
      },
    ],
    [t, lang, pick, fmtDateTime, customerById],
  );

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('incidents.title')}
        subtitle={t('incidents.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('incidents.new')}
          </Button>
        }
      />
      <Segmented<IncidentListFilter>
        aria-label={t('incidents.filter.label')}
        value={filter}
        onChange={setFilter}
        options={(['active', 'closed', 'all'] as const).map((f) => ({
          value: f,
          label: t(`incidents.filter.${f}`),
        }))}
        style={{ alignSelf: 'flex-start' }}
      />
      <Table<Row>
        rowKey={(r) => r.incident.id}
        size="middle"
        loading={incidents.loading}
        dataSource={rows}
        columns={columns}
        locale={{ emptyText: t('incidents.empty') }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        onRow={(r) => ({
          onClick: () => void navigate(`/incidents/${r.incident.id}`),
          style: { cursor: 'pointer' },
          'data-testid': 'incident-row',
        })}
      />
      <NewIncidentModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          void navigate(`/incidents/${id}`);
        }}
      />
    </Flex>
  );
}
