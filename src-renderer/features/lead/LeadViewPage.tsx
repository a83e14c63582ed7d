import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { formatDurationMs } from '../../../src-shared/domain/duration';
import type { HomeIncident } from '../../../src-shared/domain/home';
import { buildLeadView } from '../../../src-shared/domain/ops/lead-view';
import type { LeadAcceptance, LeadOverdueItem } from '../../../src-shared/domain/ops/lead-view';
import { periodContaining, shiftPeriod } from '../../../src-shared/domain/ops/report-sources';
import type { LevelFigures } from '../../../src-shared/domain/ops/service-figures';
import { getPolicyPack } from '../../../src-shared/policy/index';
import { todayIsoDate } from '../../app/clock';
import { useI18n } from '../../app/i18n';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { useRxQuery } from '../../db/hooks';
import { useSync } from '../../db/SyncProvider';
import { levelColor, levelLabel } from '../incidents/incident-view-model';
import { SlaBadge } from '../incidents/SlaBadge';
import { useNow } from '../incidents/use-now';
import { useLookups } from '../visits/use-lookups';

const DAY_MS = 86_400_000;

/** A row of the figure tables: a level (or the totals), or an engineer's figures. */
type FigureRow = LevelFigures & { engineer?: string };

function Section({
  title,
  count,
  testId,
  extra,
  children,
}: {
  title: string;
  count?: number;
  testId: string;
  extra?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card
      size="small"
      data-testid={testId}
      extra={extra}
      title={
        <Flex gap={8} align="center">
          <span>{title}</span>
          {count !== undefined && count > 0 ? <Tag>{count}</Tag> : null}
        </Flex>
      }
    >
      {children}
    </Card>
  );
}

/**
 * The team lead's view: response-SLA compliance of the team's customers for a month, open
 * incidents by time left with their assignee, acceptance confirmation deadlines and overdue ops
 * items, from the synced data on this laptop (works offline from the last sync). The content
 * rules are src-shared/domain/ops/lead-view.ts; every row links to its record.
 */
export function LeadViewPage() {
  const { t, lang, fmtDate, fmtDateTime } = useI18n();
  const { session, lastSyncedAt } = useSync();
  const { customers, customerById, sites } = useLookups();
  const now = useNow(30_000);
  const today = todayIsoDate();
  const [period, setPeriod] = useState(() => periodContaining('monthly', today));
  const contracts = useRxQuery((db) => db.contracts.find(), []);
  const incidents = useRxQuery((db) => db.incidents.find(), []);
  const records = useRxQuery(
    (db) => db.opsRecords.find({ selector: { kind: { $in: ['risk', 'change'] } } }),
    [],
  );
  const deliverables = useRxQuery(
    (db) => db.deliverables.find({ selector: { kind: 'acceptance-report' } }),
    [],
  );

  const view = useMemo(
    () =>
      buildLeadView(
        {
          period,
          customers,
          sites,
          contracts: contracts.docs,
          incidents: incidents.docs,
          records: records.docs,
          deliverables: deliverables.docs,
          today,
        },
        now,
      ),
    [
      period,
      customers,
      sites,
      contracts.docs,
      incidents.docs,
      records.docs,
      deliverables.docs,
      today,
      now,
    ],
  );

  const customerName = (id: string) => customerById.get(id)?.name ?? '';
  const duration = (ms: number | null) => (ms === null ? '—' : formatDurationMs(ms, lang));
  const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)}%`);

  const figureColumns = (first: TableColumnsType<FigureRow>[number]) =>
    [
      first,
      { title: t('lead.sla.count'), dataIndex: 'count', align: 'right' },
      { title: t('lead.sla.met'), dataIndex: 'met', align: 'right' },
      {
        title: t('lead.sla.breached'),
        dataIndex: 'breached',
        align: 'right',
        render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n),
      },
      { title: t('lead.sla.pending'), dataIndex: 'pending', align: 'right' },
      {
        title: t('lead.sla.attainment'),
        key: 'attainment',
        align: 'right',
        render: (_: unknown, f: FigureRow) => (
          <span data-testid="lead-sla-attainment">{pct(f.attainmentPct)}</span>
        ),
      },
      {
        title: t('lead.sla.median'),
        key: 'median',
        align: 'right',
        render: (_: unknown, f: FigureRow) => duration(f.medianResponseMs),
      },
      {
        title: t('lead.sla.p90'),
        key: 'p90',
        align: 'right',
        render: (_: unknown, f: FigureRow) => duration(f.p90ResponseMs),
      },
    ] satisfies TableColumnsType<FigureRow>;

  const subtitle =
    session?.account == null
      ? t('lead.subtitle.local')
      : lastSyncedAt
        ? t('lead.subtitle.synced', { time: fmtDateTime(lastSyncedAt) })
        : t('lead.subtitle.neverSynced');

  const incidentColumns: TableColumnsType<HomeIncident> = [
    {
      title: t('lead.incidents.incident'),
      key: 'incident',
      render: (_: unknown, { incident }) => {
        const pack = getPolicyPack(incident.packId);
        return (
          <Flex gap={6} align="center">
            <Tag color={levelColor(pack, incident.level)}>
              {levelLabel(pack, incident.level, t, lang)}
            </Tag>
            <Link to={`/incidents/${incident.id}`}>{incident.title}</Link>
          </Flex>
        );
      },
    },
    {
      title: t('lead.incidents.customer'),
      key: 'customer',
      render: (_: unknown, { incident, site }) =>
        `${customerName(incident.customerId)} · ${site.name}`,
    },
    {
      title: t('lead.incidents.assignee'),
      key: 'assignee',
      render: (_: unknown, { incident }) =>
        incident.assignee?.trim() ? (
          <span data-testid="lead-incident-assignee">{incident.assignee}</span>
        ) : (
          <Typography.Text type="secondary" data-testid="lead-incident-assignee">
            {t('lead.incidents.unassigned')}
          </Typography.Text>
        ),
    },
    {
      title: t('lead.incidents.sla'),
      key: 'sla',
      align: 'right',
      render: (_: unknown, { sla }) => <SlaBadge sla={sla} />,
    },
  ];

  const acceptanceState = (a: LeadAcceptance) => {
    // Days matter for a 7-day window; hours alone (107 h) read badly.
    const abs = Math.abs(a.msLeft);
    const days = Math.floor(abs / DAY_MS);
    const left =
      days >= 1
        ? t('lead.duration.days', { days, hours: Math.floor((abs % DAY_MS) / 3_600_000) })
        : formatDurationMs(abs, lang);
    if (a.confirmed)
      return <Tag color="success">{t('lead.acceptance.report.signed', reportParams(a))}</Tag>;
    if (a.state === 'overdue')
      return <Tag color="red">{t('lead.acceptance.state.overdue', { left })}</Tag>;
    if (a.state === 'open')
      return <Tag color="orange">{t('lead.acceptance.state.open', { left })}</Tag>;
    return <Tag>{t('lead.acceptance.state.not-started')}</Tag>;
  };
  const reportParams = (a: LeadAcceptance) => ({
    number: a.report?.documentNumber ?? '',
    revision: a.report?.documentRevision ?? 0,
  });

  const acceptanceColumns: TableColumnsType<LeadAcceptance> = [
    {
      title: t('lead.acceptance.contract'),
      key: 'contract',
      render: (_: unknown, a) => (
        <Flex vertical>
          <Link to={`/customers/${a.contract.customerId}?tab=contracts`}>
            {a.customer?.name ?? a.contract.customerId}
          </Link>
          <Typography.Text type="secondary">{a.contract.number}</Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('lead.acceptance.end'),
      key: 'end',
      render: (_: unknown, a) => fmtDate(a.contract.endDate),
    },
    {
      title: t('lead.acceptance.deadline'),
      key: 'deadline',
      render: (_: unknown, a) => (
        <Flex vertical>
          <span data-testid="lead-acceptance-deadline">{fmtDate(a.deadline.deadlineDate)}</span>
          {!a.deadline.deadlineDay.working ? (
            <Typography.Text type="warning">{t('lead.acceptance.nonWorkingDay')}</Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('lead.acceptance.state'),
      key: 'state',
      render: (_: unknown, a) => (
        <span data-testid="lead-acceptance-state">{acceptanceState(a)}</span>
      ),
    },
    {
      title: t('lead.acceptance.report'),
      key: 'report',
      render: (_: unknown, a) =>
        a.report === undefined ? (
          <Typography.Text type="secondary">{t('lead.acceptance.report.none')}</Typography.Text>
        ) : (
          <Link to="/deliverables">
            {t(
              a.confirmed ? 'lead.acceptance.report.signed' : 'lead.acceptance.report.draft',
              reportParams(a),
            )}
          </Link>
        ),
    },
  ];

  const overdueColumns: TableColumnsType<LeadOverdueItem> = [
    {
      title: t('lead.overdue.record'),
      key: 'record',
      render: (_: unknown, o) => (
        <Flex gap={6} align="center">
          <Tag>{t(`ops.kind.${o.record.kind}`)}</Tag>
          <Link to={`/ops?customer=${o.record.customerId}&kind=${o.record.kind}`}>
            {o.record.number} {o.record.title}
          </Link>
        </Flex>
      ),
    },
    {
      title: t('lead.overdue.customer'),
      key: 'customer',
      render: (_: unknown, o) => customerName(o.record.customerId),
    },
    {
      title: t('lead.overdue.owner'),
      key: 'owner',
      render: (_: unknown, o) => o.record.owner ?? '—',
    },
    {
      title: t('lead.overdue.reason'),
      key: 'reason',
      render: (_: unknown, o) =>
        o.reason === 'risk-past-due'
          ? t('lead.overdue.risk-past-due', { date: fmtDate(o.dueDate) })
          : t('lead.overdue.change-without-result'),
    },
  ];

  return (
    <Flex vertical gap={12}>
      <PageHeader title={t('lead.title')} subtitle={subtitle} />
      <Section
        title={t('lead.sla.title')}
        testId="lead-sla"
        extra={
          <Flex gap={6} align="center">
            <Typography.Text type="secondary">{t('lead.period.label')}</Typography.Text>
            <Button
              size="small"
              icon={<LeftOutlined />}
              aria-label={t('lead.period.prev')}
              data-testid="lead-period-prev"
              onClick={() => setPeriod((p) => shiftPeriod('monthly', p, -1))}
            />
            <span data-testid="lead-period">
              {t('lead.period.range', { start: fmtDate(period.start), end: fmtDate(period.end) })}
            </span>
            <Button
              size="small"
              icon={<RightOutlined />}
              aria-label={t('lead.period.next')}
              data-testid="lead-period-next"
              onClick={() => setPeriod((p) => shiftPeriod('monthly', p, 1))}
            />
          </Flex>
        }
      >
        <Flex vertical gap={12}>
          <Typography.Text type="secondary">{t('lead.sla.note')}</Typography.Text>
          {view.skippedSiteIds.length > 0 ? (
            <Alert
              type="warning"
              showIcon
              message={t('lead.sla.skipped', { count: view.skippedSiteIds.length })}
            />
          ) : null}
          {view.packs.length === 0 ? (
            <EmptyState description={t('lead.sla.empty')} />
          ) : (
            view.packs.map((p) => {
              const pack = getPolicyPack(p.packId);
              return (
                <Flex vertical gap={4} key={p.packId} data-testid={`lead-sla-pack-${p.packId}`}>
                  <Typography.Text strong>{pack.name[lang]}</Typography.Text>
                  <Table<FigureRow>
                    size="small"
                    pagination={false}
                    rowKey="level"
                    dataSource={[...p.levels.filter((l) => l.count > 0), p.totals]}
                    onRow={(f) => ({ 'data-testid': `lead-sla-row-${f.level}` }) as object}
                    columns={figureColumns({
                      title: t('lead.sla.level'),
                      key: 'level',
                      render: (_: unknown, f: FigureRow) =>
                        f.level === 'all' ? (
                          <Typography.Text strong>{t('lead.sla.total')}</Typography.Text>
                        ) : (
                          <Tag color={levelColor(pack, f.level)}>
                            {levelLabel(pack, f.level, t, lang)}
                          </Tag>
                        ),
                    })}
                  />
                </Flex>
              );
            })
          )}
          {view.engineers.length > 0 ? (
            <Flex vertical gap={4} data-testid="lead-sla-engineers">
              <Typography.Text strong>{t('lead.sla.byEngineer')}</Typography.Text>
              <Table<FigureRow>
                size="small"
                pagination={false}
                rowKey="engineer"
                dataSource={view.engineers.map((e) => ({ ...e.figures, engineer: e.engineer }))}
                onRow={() => ({ 'data-testid': 'lead-engineer-row' }) as object}
                columns={figureColumns({
                  title: t('lead.sla.engineer'),
                  key: 'engineer',
                  render: (_: unknown, f: FigureRow) => {
                    const who = f.engineer ?? '';
                    return who === '' ? (
                      <Typography.Text type="secondary">{t('lead.sla.queue')}</Typography.Text>
                    ) : (
                      who
                    );
                  },
                })}
              />
            </Flex>
          ) : null}
        </Flex>
      </Section>
      <Section
        title={t('lead.incidents.title')}
        count={view.openIncidents.length}
        testId="lead-incidents"
      >
        {view.openIncidents.length === 0 ? (
          <EmptyState description={t('lead.incidents.empty')} />
        ) : (
          <Table<HomeIncident>
            size="small"
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            rowKey={(r) => r.incident.id}
            dataSource={view.openIncidents}
            onRow={() => ({ 'data-testid': 'lead-incident-row' }) as object}
            columns={incidentColumns}
          />
        )}
      </Section>
      <Section
        title={t('lead.acceptance.title')}
        count={view.acceptances.filter((a) => !a.confirmed).length}
        testId="lead-acceptance"
      >
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">{t('lead.acceptance.rule')}</Typography.Text>
          {view.acceptances.length === 0 ? (
            <EmptyState description={t('lead.acceptance.empty')} />
          ) : (
            <Table<LeadAcceptance>
              size="small"
              pagination={false}
              rowKey={(a) => a.contract.id}
              dataSource={view.acceptances}
              onRow={() => ({ 'data-testid': 'lead-acceptance-row' }) as object}
              columns={acceptanceColumns}
            />
          )}
        </Flex>
      </Section>
      <Section title={t('lead.overdue.title')} count={view.overdue.length} testId="lead-overdue">
        {view.overdue.length === 0 ? (
          <EmptyState description={t('lead.overdue.empty')} />
        ) : (
          <Table<LeadOverdueItem>
            size="small"
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            rowKey={(o) => o.record.id}
            dataSource={view.overdue}
            onRow={() => ({ 'data-testid': 'lead-overdue-row' }) as object}
            columns={overdueColumns}
          />
        )}
      </Section>
    </Flex>
  );
}
