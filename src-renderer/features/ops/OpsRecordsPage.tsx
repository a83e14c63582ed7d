import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { OpsRecordDoc } from '../../../src-shared/db/types';
import type { OpsRecordKind } from '../../../src-shared/domain/ops/records';
import {
  OPS_FINAL_STATES,
  OPS_RECORD_KINDS,
  OPS_RECORD_STATES,
  riskScore,
} from '../../../src-shared/domain/ops/records';
import { useI18n } from '../../app/i18n';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { useRxQuery } from '../../db/hooks';
import { OpsRecordFormModal } from './OpsRecordFormModal';
import { OpsExportButton } from './OpsExportButton';
import { summaryOf } from './ops-table';

const ALL_STATES = [...new Set(Object.values(OPS_RECORD_STATES).flat())];

/**
 * The ops lists (问题/事件/风险/变更/备份/需求清单) of every customer on this laptop: filter by
 * customer, kind, state and text, sort by any column, open a record to edit it, export what is
 * shown to a spreadsheet. `?customer=<id>&kind=<kind>` preselects the filters.
 */
export function OpsRecordsPage({ customerId: fixedCustomer }: { customerId?: string }) {
  const { t, fmtDateTime } = useI18n();
  const [params] = useSearchParams();
  const records = useRxQuery((db) => db.opsRecords.find(), []);
  const customers = useRxQuery((db) => db.customers.find({ sort: [{ name: 'asc' }] }), []);
  const [customer, setCustomer] = useState<string | undefined>(
    fixedCustomer ?? params.get('customer') ?? undefined,
  );
  const [kind, setKind] = useState<OpsRecordKind | undefined>(
    (params.get('kind') as OpsRecordKind | null) ?? undefined,
  );
  const [state, setState] = useState<string | undefined>(undefined);
  const [openOnly, setOpenOnly] = useState(false);
  const [text, setText] = useState('');
  const [editing, setEditing] = useState<OpsRecordDoc | 'new' | null>(null);

  const customerName = useMemo(
    () => new Map(customers.docs.map((c) => [c.id, c.name])),
    [customers.docs],
  );
  const rows = useMemo(() => {
    const q = text.trim().toLowerCase();
    return records.docs
      .filter((r) => customer === undefined || r.customerId === customer)
      .filter((r) => kind === undefined || r.kind === kind)
      .filter((r) => state === undefined || r.state === state)
      .filter((r) => !openOnly || !OPS_FINAL_STATES.has(r.state))
      .filter(
        (r) =>
          q === '' ||
          r.title.toLowerCase().includes(q) ||
          r.number.toLowerCase().includes(q) ||
          r.description.toLowerCase().includes(q),
      )
      .sort((a, b) => (a.openedAt < b.openedAt ? 1 : a.openedAt > b.openedAt ? -1 : 0));
  }, [records.docs, customer, kind, state, openOnly, text]);
  const byId = useMemo(() => new Map(records.docs.map((r) => [r.id, r])), [records.docs]);

  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const columns: TableColumnsType<OpsRecordDoc> = [
    {
      title: t('ops.col.number'),
      dataIndex: 'number',
      width: 110,
      sorter: (a, b) => cmp(a.number, b.number),
      render: (n: string) => (
        <Typography.Text code data-testid="ops-row-number">
          {n}
        </Typography.Text>
      ),
    },
    {
      title: t('ops.col.kind'),
      width: 90,
      sorter: (a, b) => cmp(a.kind, b.kind),
      render: (_: unknown, r) => t(`ops.kind.${r.kind}`),
    },
    {
      title: t('ops.col.title'),
      dataIndex: 'title',
      sorter: (a, b) => cmp(a.title, b.title),
      render: (_: unknown, r) => (
        <Flex vertical gap={2}>
          <Typography.Link onClick={() => setEditing(r)} data-testid="ops-row-title">
            {r.title}
          </Typography.Link>
          <Typography.Text type="secondary" className="fb-small">
            {summaryOf(r, t)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('ops.col.state'),
      width: 110,
      sorter: (a, b) => cmp(a.state, b.state),
      render: (_: unknown, r) => (
        <Tag color={OPS_FINAL_STATES.has(r.state) ? 'default' : 'blue'} data-testid="ops-row-state">
          {t(`ops.state.${r.state}`)}
        </Tag>
      ),
    },
    {
      title: t('ops.col.risk'),
      width: 90,
      sorter: (a, b) =>
        (a.risk ? riskScore(a.risk).score : 0) - (b.risk ? riskScore(b.risk).score : 0),
      render: (_: unknown, r) => {
        if (!r.risk) return '—';
        const s = riskScore(r.risk);
        return (
          <Tag color={s.band === 'high' ? 'red' : s.band === 'medium' ? 'orange' : 'green'}>
            {s.score} · {t(`ops.band.${s.band}`)}
          </Tag>
        );
      },
    },
    {
      title: t('ops.col.links'),
      width: 150,
      render: (_: unknown, r) =>
        r.links.length === 0
          ? '—'
          : r.links.map((l) => (
              <div key={`${l.relation}-${l.id}`} data-testid="ops-row-link">
                {t(`ops.relation.${l.relation}`)}{' '}
                {l.target === 'ops-record'
                  ? (byId.get(l.id)?.number ?? l.id)
                  : t(`ops.target.${l.target}`)}
              </div>
            )),
    },
    // One customer chosen: its name in every row says nothing.
    ...(customer === undefined
      ? [
          {
            title: t('ops.col.customer'),
            width: 150,
            ellipsis: true,
            render: (_: unknown, r: OpsRecordDoc) => customerName.get(r.customerId) ?? r.customerId,
          },
        ]
      : []),
    {
      title: t('ops.col.owner'),
      width: 90,
      sorter: (a, b) => cmp(a.owner ?? '', b.owner ?? ''),
      render: (_: unknown, r) => r.owner || '—',
    },
    {
      title: t('ops.col.opened'),
      width: 150,
      defaultSortOrder: 'descend',
      sorter: (a, b) => cmp(a.openedAt, b.openedAt),
      render: (_: unknown, r) => fmtDateTime(r.openedAt),
    },
  ];

  return (
    <Flex vertical gap={16}>
      {fixedCustomer === undefined && (
        <PageHeader
          title={t('ops.title')}
          subtitle={t('ops.subtitle')}
          extra={
            <Flex gap={8}>
              <OpsExportButton rows={rows} customerName={customerName} />
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setEditing('new')}
                data-testid="ops-new"
              >
                {t('ops.new')}
              </Button>
            </Flex>
          }
        />
      )}
      <Flex gap={8} wrap data-testid="ops-filters">
        {fixedCustomer === undefined && (
          <Select
            allowClear
            placeholder={t('ops.filter.customer')}
            style={{ width: 220 }}
            value={customer}
            onChange={setCustomer}
            data-testid="ops-filter-customer"
            options={customers.docs.map((c) => ({ value: c.id, label: c.name }))}
          />
        )}
        <Select
          allowClear
          placeholder={t('ops.filter.kind')}
          style={{ width: 140 }}
          value={kind}
          onChange={(k: OpsRecordKind | undefined) => {
            setKind(k);
            setState(undefined);
          }}
          data-testid="ops-filter-kind"
          options={OPS_RECORD_KINDS.map((k) => ({ value: k, label: t(`ops.kind.${k}`) }))}
        />
        <Select
          allowClear
          placeholder={t('ops.filter.state')}
          style={{ width: 140 }}
          value={state}
          onChange={setState}
          data-testid="ops-filter-state"
          options={(kind === undefined ? ALL_STATES : OPS_RECORD_STATES[kind]).map((s) => ({
            value: s,
            label: t(`ops.state.${s}`),
          }))}
        />
        <Select
          style={{ width: 130 }}
          value={openOnly ? 'open' : 'all'}
          onChange={(v) => setOpenOnly(v === 'open')}
          data-testid="ops-filter-open"
          options={[
            { value: 'all', label: t('ops.filter.all') },
            { value: 'open', label: t('ops.filter.openOnly') },
          ]}
        />
        <Input.Search
          allowClear
          style={{ width: 220 }}
          placeholder={t('ops.filter.text')}
          onChange={(e) => setText(e.target.value)}
          data-testid="ops-filter-text"
        />
        {fixedCustomer !== undefined && (
          <>
            <OpsExportButton rows={rows} customerName={customerName} />
            <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="ops-new">
              {t('ops.new')}
            </Button>
          </>
        )}
      </Flex>
      <Table<OpsRecordDoc>
        rowKey="id"
        size="small"
        loading={records.loading}
        columns={columns}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: <EmptyState description={t('ops.empty')} /> }}
        onRow={() => ({ 'data-testid': 'ops-row' }) as object}
      />
      {editing !== null && (
        <OpsRecordFormModal
          open
          record={editing === 'new' ? undefined : editing}
          initial={{
            ...(customer !== undefined ? { customerId: customer } : {}),
            ...(kind !== undefined ? { kind } : {}),
          }}
          customers={customers.docs}
          records={records.docs}
          onClose={() => setEditing(null)}
        />
      )}
    </Flex>
  );
}
