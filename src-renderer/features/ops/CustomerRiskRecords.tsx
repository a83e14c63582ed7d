import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { OpsRecordDoc } from '../../../src-shared/db/types';
import { OPS_FINAL_STATES, riskScore } from '../../../src-shared/domain/ops/records';
import { todayIsoDate } from '../../app/clock';
import { useI18n } from '../../app/i18n';
import { useRxQuery } from '../../db/hooks';
import { OpsRecordFormModal } from './OpsRecordFormModal';

const BAND_COLOR = { high: 'red', medium: 'orange', low: 'green' } as const;

/** The inspection a finding-made risk came from (`<inspectionId>/<clusterId>/<itemId>`). */
function inspectionOf(record: OpsRecordDoc): string | null {
  const ref = record.risk?.findingRef;
  if (ref === undefined || ref === '') return null;
  return ref.split('/')[0] ?? null;
}

/**
 * The customer's risk list (风险清单, seed 002 风险管理) on the customer page: the risk records of
 * the ops lists, open ones first and the highest score first; each opens for editing (history
 * kept by the ops form), and a record made from an inspection finding links to its inspection.
 */
export function CustomerRiskRecords({ customerId }: { customerId: string }) {
  const { t, fmtDate } = useI18n();
  const today = todayIsoDate();
  const records = useRxQuery(
    (db) => db.opsRecords.find({ selector: { customerId, kind: 'risk' } }),
    [customerId],
  );
  const customers = useRxQuery(
    (db) => db.customers.find({ selector: { id: customerId } }),
    [customerId],
  );
  const allRecords = useRxQuery(
    (db) => db.opsRecords.find({ selector: { customerId } }),
    [customerId],
  );
  const [editing, setEditing] = useState<OpsRecordDoc | 'new' | null>(null);

  const rows = useMemo(() => {
    const score = (r: OpsRecordDoc) => (r.risk ? riskScore(r.risk).score : 0);
    return [...records.docs].sort(
      (a, b) =>
        Number(OPS_FINAL_STATES.has(a.state)) - Number(OPS_FINAL_STATES.has(b.state)) ||
        score(b) - score(a) ||
        a.number.localeCompare(b.number),
    );
  }, [records.docs]);

  const columns: TableColumnsType<OpsRecordDoc> = [
    { title: t('ops.col.number'), dataIndex: 'number', width: 100 },
    {
      title: t('ops.col.title'),
      key: 'title',
      render: (_: unknown, r) => (
        <Typography.Link onClick={() => setEditing(r)} data-testid="customer-risk-record-title">
          {r.title}
        </Typography.Link>
      ),
    },
    {
      title: t('ops.col.risk'),
      key: 'score',
      width: 110,
      render: (_: unknown, r) => {
        if (!r.risk) return '—';
        const { score, band } = riskScore(r.risk);
        return (
          <Tag color={BAND_COLOR[band]} data-testid="customer-risk-record-score">
            {r.risk.likelihood} × {r.risk.impact} = {score}
          </Tag>
        );
      },
    },
    {
      title: t('ops.col.state'),
      key: 'state',
      width: 100,
      render: (_: unknown, r) => (
        <span data-testid="customer-risk-record-state">{t(`ops.state.${r.state}`)}</span>
      ),
    },
    { title: t('ops.col.owner'), key: 'owner', render: (_: unknown, r) => r.owner ?? '—' },
    {
      title: t('ops.field.risk.dueDate'),
      key: 'due',
      render: (_: unknown, r) => {
        const due = r.risk?.dueDate;
        if (due === undefined) return '—';
        const late = due < today && !OPS_FINAL_STATES.has(r.state);
        return <Typography.Text type={late ? 'danger' : undefined}>{fmtDate(due)}</Typography.Text>;
      },
    },
    {
      title: t('ops.field.risk.source'),
      key: 'source',
      render: (_: unknown, r) => {
        const inspectionId = inspectionOf(r);
        const label = r.risk ? t(`ops.value.${r.risk.source}`) : '—';
        return inspectionId === null ? (
          label
        ) : (
          <Link to={`/inspections/${inspectionId}`} data-testid="customer-risk-record-finding">
            {label}
          </Link>
        );
      },
    },
  ];

  return (
    <Card
      size="small"
      title={`${t('ops.customerRisks.title')} (${rows.length})`}
      data-testid="customer-risk-records"
      extra={
        <Button
          size="small"
          icon={<PlusOutlined />}
          onClick={() => setEditing('new')}
          data-testid="customer-risk-record-new"
        >
          {t('ops.customerRisks.new')}
        </Button>
      }
    >
      {rows.length === 0 ? (
        <Typography.Text type="secondary">{t('ops.customerRisks.empty')}</Typography.Text>
      ) : (
        <Table<OpsRecordDoc>
          size="small"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          rowKey="id"
          dataSource={rows}
          columns={columns}
          onRow={() => ({ 'data-testid': 'customer-risk-record-row' }) as object}
        />
      )}
      {editing !== null && (
        <OpsRecordFormModal
          open
          {...(editing !== 'new' ? { record: editing } : {})}
          initial={{ kind: 'risk', customerId }}
          customers={customers.docs.map((c) => ({ id: c.id, name: c.name }))}
          records={allRecords.docs}
          onClose={() => setEditing(null)}
        />
      )}
    </Card>
  );
}
