import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { VisitDoc, VisitStatus } from '../../../src-shared/db/types';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { useRxQuery } from '../../db/hooks';
import { NewVisitModal } from './NewVisitModal';
import { useLookups } from './use-lookups';
import { VISIT_STATUSES, visitStatusColor } from './visit-view-model';

export function VisitsPage() {
  const { t, fmtDateTime, fmtDate } = useI18n();
  const navigate = useNavigate();
  const { customers, customerById, siteById } = useLookups();
  const [customerId, setCustomerId] = useState<string | undefined>();
  const [status, setStatus] = useState<VisitStatus | undefined>();
  const [creating, setCreating] = useState(false);

  const visits = useRxQuery(
    (db) => {
      const selector: Record<string, string> = {};
      if (customerId !== undefined) selector.customerId = customerId;
      if (status !== undefined) selector.status = status;
      return db.visits.find({ selector, sort: [{ createdAt: 'desc' }] });
    },
    [customerId, status],
  );

  const columns = useMemo<TableColumnsType<VisitDoc>>(
    () => [
      {
        key: 'customer',
        title: t('visits.col.customer'),
        render: (_, v) => customerById.get(v.customerId)?.name ?? '—',
      },
      {
        key: 'site',
        title: t('visits.col.site'),
        render: (_, v) => siteById.get(v.siteId)?.name ?? '—',
      },
      {
        key: 'purpose',
        title: t('visits.col.purpose'),
        render: (_, v) => (
          <Space orientation="vertical" size={0}>
            <Link to={`/visits/${v.id}`} onClick={(e) => e.stopPropagation()}>
              {t(`visits.purpose.${v.purpose}`)}
            </Link>
            {v.summary !== '' && (
              <Typography.Text type="secondary" ellipsis style={{ maxWidth: 280 }}>
                {v.summary}
              </Typography.Text>
            )}
          </Space>
        ),
      },
      {
        key: 'engineers',
        title: t('visits.col.engineers'),
        render: (_, v) => v.engineers.join(', '),
      },
      {
        key: 'plannedDate',
        title: t('visits.col.plannedDate'),
        render: (_, v) => (v.plannedDate === undefined ? '—' : fmtDate(v.plannedDate)),
      },
      {
        key: 'checkIn',
        title: t('visits.col.checkIn'),
        render: (_, v) =>
          v.checkInAt === undefined
            ? '—'
            : fmtDateTime(v.checkInAt, siteById.get(v.siteId)?.timeZone),
      },
      {
        key: 'checkOut',
        title: t('visits.col.checkOut'),
        render: (_, v) =>
          v.checkOutAt === undefined
            ? '—'
            : fmtDateTime(v.checkOutAt, siteById.get(v.siteId)?.timeZone),
      },
      {
        key: 'status',
        title: t('visits.col.status'),
        render: (_, v) => (
          <Tag color={visitStatusColor(v.status)} data-testid="visit-status">
            {t(`visits.status.${v.status}`)}
          </Tag>
        ),
      },
    ],
    [t, fmtDate, fmtDateTime, customerById, siteById],
  );

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('visits.title')}
        subtitle={t('visits.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('visits.new')}
          </Button>
        }
      />
      <Space wrap>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ minWidth: 220 }}
          placeholder={t('visits.filter.customer')}
          aria-label={t('visits.filter.customer')}
          value={customerId}
          onChange={(v: string | undefined) => setCustomerId(v)}
          options={customers.map((c) => ({ value: c.id, label: c.name }))}
        />
        <Select
          allowClear
          style={{ minWidth: 160 }}
          placeholder={t('visits.filter.status')}
          aria-label={t('visits.filter.status')}
          value={status}
          onChange={(v: VisitStatus | undefined) => setStatus(v)}
          options={VISIT_STATUSES.map((s) => ({ value: s, label: t(`visits.status.${s}`) }))}
        />
      </Space>
      <Table<VisitDoc>
        rowKey="id"
        size="middle"
        loading={visits.loading}
        dataSource={visits.docs}
        columns={columns}
        locale={{ emptyText: t('visits.empty') }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        onRow={(v) => ({
          onClick: () => void navigate(`/visits/${v.id}`),
          style: { cursor: 'pointer' },
          'data-testid': 'visit-row',
        })}
      />
      <NewVisitModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          void navigate(`/visits/${id}`);
        }}
      />
    </Flex>
  );
}
