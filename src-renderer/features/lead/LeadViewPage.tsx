import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { formatDurationMs } from '../../../src-shared/domain/duration';
import type {
  HomeCancellation,
  HomeHourlyUpdate,
  HomeIncident,
} from '../../../src-shared/domain/home';
import { LEAD_LOOKAHEAD_DAYS, buildLeadView } from '../../../src-shared/domain/ops/lead-view';
import type {
  LeadAcceptance,
  LeadClusterLifecycle,
  LeadContractEnding,
  LeadInspectionDue,
  LeadOverdueItem,
  LeadTransferRetention,
} from '../../../src-shared/domain/ops/lead-view';
import { periodContaining, shiftPeriod } from '../../../src-shared/domain/ops/report-sources';
import type { LevelFigures } from '../../../src-shared/domain/ops/service-figures';
import { getPolicyPack } from '../../../src-shared/policy/index';
import { todayIsoDate } from '../../app/clock';
import { useI18n } from '../../app/i18n';
import { EmptyState } from '../../components/EmptyState';
import { LifecycleBadge } from '../../components/LifecycleBadge';
import { PageHeader } from '../../components/PageHeader';
import { useRxQuery } from '../../db/hooks';
import { useSync } from '../../db/SyncProvider';
import { levelColor, levelLabel } from '../incidents/incident-view-model';
import { SlaBadge } from '../incidents/SlaBadge';
import { useNow } from '../incidents/use-now';
import { useLookups } from '../visits/use-lookups';

const DAY_MS = 86_400_000;
/** Inspections older than this are not loaded: the longest period judged is a month. */
const INSPECTION_WINDOW_DAYS = 62;

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
 * incidents by time left with their assignee, level 1 hourly updates, 已由客户取消 deadlines,
 * 已转移给客户 retention, acceptance confirmation deadlines, contracts ending, clusters leaving
 * support, inspections due and overdue ops items, from the synced data on this laptop (works
 * offline from the last sync). The content
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
  // Entry reports fix the service period the inspections are judged in.
  const deliverables = useRxQuery(
    (db) =>
      db.deliverables.find({ selector: { kind: { $in: ['acceptance-report', 'entry-report'] } } }),
    [],
  );
  const clusters = useRxQuery((db) => db.clusters.find(), []);
  const inspectionsSince = new Date(
    Date.parse(`${today}T00:00:00Z`) - INSPECTION_WINDOW_DAYS * DAY_MS,
  ).toISOString();
  const inspections = useRxQuery(
    (db) =>
      db.inspections.find({
        selector: { status: 'completed', startedAt: { $gte: inspectionsSince } },
      }),
    [inspectionsSince],
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
          clusters: clusters.docs,
          inspections: inspections.docs,
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
      clusters.docs,
      inspections.docs,
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

  const incidentCell = (incident: HomeIncident['incident']) => {
    const pack = getPolicyPack(incident.packId);
    return (
      <Flex gap={6} align="center">
        <Tag color={levelColor(pack, incident.level)}>
          {levelLabel(pack, incident.level, t, lang)}
        </Tag>
        <Link to={`/incidents/${incident.id}`}>{incident.title}</Link>
      </Flex>
    );
  };
  const assigneeCell = (assignee: string | undefined) =>
    assignee?.trim() ? (
      assignee
    ) : (
      <Typography.Text type="secondary">{t('lead.incidents.unassigned')}</Typography.Text>
    );
  /** Time to (or since) an instant: days and hours past a day, else hours and minutes. */
  const timeLeft = (ms: number) => {
    const abs = Math.abs(ms);
    const days = Math.floor(abs / DAY_MS);
    return days >= 1
      ? t('lead.duration.days', { days, hours: Math.floor((abs % DAY_MS) / 3_600_000) })
      : formatDurationMs(abs, lang);
  };
  /** The incident and its customer · site: the first two columns of every incident table. */
  const incidentAndCustomer = <
    T extends { incident: HomeIncident['incident']; site: { name: string } },
  >(): TableColumnsType<T> => [
    {
      title: t('lead.incidents.incident'),
      key: 'incident',
      render: (_: unknown, r) => incidentCell(r.incident),
    },
    {
      title: t('lead.incidents.customer'),
      key: 'customer',
      render: (_: unknown, r) => `${customerName(r.incident.customerId)} · ${r.site.name}`,
    },
  ];

  const incidentColumns: TableColumnsType<HomeIncident> = [
    ...incidentAndCustomer<HomeIncident>(),
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
    const left = timeLeft(a.msLeft);
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

  const contractCell = (contract: LeadContractEnding['contract'], name: string | undefined) => (
    <Flex vertical>
      <Link to={`/customers/${contract.customerId}?tab=contracts`}>
        {name ?? contract.customerId}
      </Link>
      <Typography.Text type="secondary">{contract.number}</Typography.Text>
    </Flex>
  );

  const hourlyColumns: TableColumnsType<HomeHourlyUpdate> = [
    ...incidentAndCustomer<HomeHourlyUpdate>(),
    {
      title: t('lead.incidents.assignee'),
      key: 'assignee',
      render: (_: unknown, h) => assigneeCell(h.incident.assignee),
    },
    {
      title: t('lead.hourly.due'),
      key: 'due',
      align: 'right',
      render: (_: unknown, h) => (
        <Flex gap={6} align="center" justify="end">
          {h.overdue ? (
            <Tag color="red" data-testid="lead-hourly-overdue">
              {t('lead.hourly.overdue', { left: timeLeft(now.getTime() - h.dueAtMs) })}
            </Tag>
          ) : (
            <Tag color="orange">
              {t('lead.hourly.left', { left: timeLeft(h.dueAtMs - now.getTime()) })}
            </Tag>
          )}
          <span data-testid="lead-hourly-due">
            {fmtDateTime(new Date(h.dueAtMs).toISOString(), h.site.timeZone)}
          </span>
        </Flex>
      ),
    },
  ];

  const cancellationColumns: TableColumnsType<HomeCancellation> = [
    ...incidentAndCustomer<HomeCancellation>(),
    {
      title: t('lead.cancellation.days'),
      key: 'days',
      align: 'right',
      render: (_: unknown, c) => t('lead.cancellation.daysValue', { days: c.days }),
    },
    {
      title: t('lead.cancellation.deadline'),
      key: 'deadline',
      align: 'right',
      render: (_: unknown, c) => (
        <Flex gap={6} align="center" justify="end">
          {c.passed ? (
            <Tag color="red">{t('lead.cancellation.passed')}</Tag>
          ) : (
            <Tag color="orange">
              {t('lead.hourly.left', { left: timeLeft(c.atMs - now.getTime()) })}
            </Tag>
          )}
          <span data-testid="lead-cancellation-deadline">
            {fmtDateTime(new Date(c.atMs).toISOString(), c.site.timeZone)}
          </span>
        </Flex>
      ),
    },
  ];

  const transferColumns: TableColumnsType<LeadTransferRetention> = [
    ...incidentAndCustomer<LeadTransferRetention>(),
    {
      title: t('lead.transfer.closedAt'),
      key: 'closed',
      render: (_: unknown, r) => fmtDateTime(r.closedAt, r.site.timeZone),
    },
    {
      title: t('lead.transfer.until'),
      key: 'until',
      align: 'right',
      render: (_: unknown, r) => (
        <Flex gap={6} align="center" justify="end">
          <Tag>
            {t('lead.hourly.left', { left: timeLeft(Date.parse(r.untilAt) - now.getTime()) })}
          </Tag>
          <span data-testid="lead-transfer-until">{fmtDateTime(r.untilAt, r.site.timeZone)}</span>
        </Flex>
      ),
    },
  ];

  const contractColumns: TableColumnsType<LeadContractEnding> = [
    {
      title: t('lead.acceptance.contract'),
      key: 'contract',
      render: (_: unknown, c) => contractCell(c.contract, c.customer?.name),
    },
    {
      title: t('lead.contracts.pack'),
      key: 'pack',
      render: (_: unknown, c) => {
        const pack = getPolicyPack(c.contract.packId);
        const tier = pack.tiers.find((x) => x.id === c.contract.tier);
        return (
          <Flex vertical>
            <span>{pack.name[lang]}</span>
            {tier ? <Typography.Text type="secondary">{tier.name[lang]}</Typography.Text> : null}
          </Flex>
        );
      },
    },
    {
      title: t('lead.acceptance.end'),
      key: 'end',
      render: (_: unknown, c) => (
        <Flex gap={6} align="center">
          <span data-testid="lead-contract-end">{fmtDate(c.contract.endDate)}</span>
          <Tag color={c.daysLeft <= 30 ? 'orange' : 'default'}>
            {c.daysLeft === 0
              ? t('lead.contracts.lastDay')
              : t('lead.contracts.daysLeft', { days: c.daysLeft })}
          </Tag>
        </Flex>
      ),
    },
    {
      title: t('lead.contracts.renewal'),
      key: 'renewal',
      render: (_: unknown, c) =>
        c.renewal ? (
          <Tag color="success">{t('lead.contracts.renewedBy', { number: c.renewal.number })}</Tag>
        ) : (
          <Typography.Text type="warning">{t('lead.contracts.noRenewal')}</Typography.Text>
        ),
    },
  ];

  const clusterColumns: TableColumnsType<LeadClusterLifecycle> = [
    {
      title: t('lead.clusters.cluster'),
      key: 'cluster',
      render: (_: unknown, c) => (
        <Flex vertical>
          <Link to={`/customers/${c.cluster.customerId}?tab=clusters`}>{c.cluster.name}</Link>
          <Typography.Text type="secondary">
            {c.cluster.product} {c.cluster.version} · {c.lifecycle.series}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('lead.incidents.customer'),
      key: 'customer',
      render: (_: unknown, c) => `${c.customer?.name ?? ''} · ${c.site.name}`,
    },
    {
      title: t('lead.clusters.status'),
      key: 'status',
      render: (_: unknown, c) => (
        <LifecycleBadge
          product={c.cluster.product}
          version={c.cluster.version}
          at={c.date}
          zone={c.site.timeZone}
        />
      ),
    },
    {
      title: t('lead.clusters.milestone'),
      key: 'milestone',
      align: 'right',
      render: (_: unknown, c) => (
        <Flex vertical align="end" data-testid="lead-cluster-milestone">
          <span>
            {t(
              c.reached ? `lead.clusters.reached.${c.milestone}` : `lead.clusters.${c.milestone}`,
              // The seed's "…日后停止": the last covered day.
              {
                date: fmtDate(c.milestone === 'end-of-life' ? c.lifecycle.eosl : c.lifecycle.eoss),
              },
            )}
          </span>
          {c.reached ? null : (
            <Typography.Text type="warning">
              {t('lead.contracts.daysLeft', { days: c.daysLeft })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
  ];

  const inspectionColumns: TableColumnsType<LeadInspectionDue> = [
    {
      title: t('lead.acceptance.contract'),
      key: 'contract',
      render: (_: unknown, d) => contractCell(d.contract, d.customer?.name),
    },
    {
      title: t('lead.inspections.site'),
      key: 'site',
      render: (_: unknown, d) => d.site.name,
    },
    {
      title: t('lead.inspections.frequency'),
      key: 'frequency',
      render: (_: unknown, d) => t(`lead.inspections.frequency.${d.frequency}`),
    },
    {
      title: t('lead.inspections.today'),
      key: 'today',
      render: (_: unknown, d) => (
        <Tag
          color={{ due: 'orange', done: 'success', 'not-required': 'default' }[d.todayState]}
          data-testid="lead-inspection-today"
        >
          {t(`lead.inspections.today.${d.todayState}`)}
        </Tag>
      ),
    },
    {
      title: t('lead.inspections.missed'),
      key: 'missed',
      render: (_: unknown, d) => (
        <Flex vertical gap={2}>
          <Typography.Text type="secondary">
            {t('lead.period.range', { start: fmtDate(d.period.start), end: fmtDate(d.period.end) })}
          </Typography.Text>
          {d.missedDays.length === 0 ? (
            <Typography.Text type="secondary">{t('lead.inspections.noneMissed')}</Typography.Text>
          ) : (
            <>
              <Typography.Text type="danger" data-testid="lead-inspection-missed">
                {t('lead.inspections.missedCount', { count: d.missedDays.length })}
              </Typography.Text>
              <Typography.Text type="secondary">
                {d.missedDays
                  .slice(0, 5)
                  .map((x) => fmtDate(x))
                  .join('、')}
                {d.missedDays.length > 5 ? ' …' : ''}
              </Typography.Text>
            </>
          )}
        </Flex>
      ),
    },
    {
      title: t('lead.inspections.last'),
      key: 'last',
      align: 'right',
      render: (_: unknown, d) =>
        d.lastInspection ? (
          <Link to={`/inspections/${d.lastInspection.id}`}>
            {fmtDateTime(d.lastInspection.startedAt, d.site.timeZone)}
          </Link>
        ) : (
          <Typography.Text type="secondary">{t('lead.inspections.none')}</Typography.Text>
        ),
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
        title={t('lead.hourly.title')}
        count={view.hourlyUpdates.filter((h) => h.overdue).length}
        testId="lead-hourly"
      >
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">{t('lead.hourly.rule')}</Typography.Text>
          {view.hourlyUpdates.length === 0 ? (
            <EmptyState description={t('lead.hourly.empty')} />
          ) : (
            <Table<HomeHourlyUpdate>
              size="small"
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              rowKey={(h) => h.incident.id}
              dataSource={view.hourlyUpdates}
              onRow={() => ({ 'data-testid': 'lead-hourly-row' }) as object}
              columns={hourlyColumns}
            />
          )}
        </Flex>
      </Section>
      <Section
        title={t('lead.cancellation.title')}
        count={view.cancellations.length}
        testId="lead-cancellation"
      >
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">{t('lead.cancellation.rule')}</Typography.Text>
          {view.cancellations.length === 0 ? (
            <EmptyState description={t('lead.cancellation.empty')} />
          ) : (
            <Table<HomeCancellation>
              size="small"
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              rowKey={(c) => c.incident.id}
              dataSource={view.cancellations}
              onRow={() => ({ 'data-testid': 'lead-cancellation-row' }) as object}
              columns={cancellationColumns}
            />
          )}
        </Flex>
      </Section>
      <Section
        title={t('lead.transfer.title')}
        count={view.transferRetentions.length}
        testId="lead-transfer"
      >
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">{t('lead.transfer.rule')}</Typography.Text>
          {view.transferRetentions.length === 0 ? (
            <EmptyState description={t('lead.transfer.empty')} />
          ) : (
            <Table<LeadTransferRetention>
              size="small"
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              rowKey={(r) => r.incident.id}
              dataSource={view.transferRetentions}
              onRow={() => ({ 'data-testid': 'lead-transfer-row' }) as object}
              columns={transferColumns}
            />
          )}
        </Flex>
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
      <Section
        title={t('lead.contracts.title', { days: LEAD_LOOKAHEAD_DAYS })}
        count={view.contractsEnding.length}
        testId="lead-contracts"
      >
        {view.contractsEnding.length === 0 ? (
          <EmptyState description={t('lead.contracts.empty', { days: LEAD_LOOKAHEAD_DAYS })} />
        ) : (
          <Table<LeadContractEnding>
            size="small"
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            rowKey={(c) => c.contract.id}
            dataSource={view.contractsEnding}
            onRow={() => ({ 'data-testid': 'lead-contract-row' }) as object}
            columns={contractColumns}
          />
        )}
      </Section>
      <Section
        title={t('lead.clusters.title', { days: LEAD_LOOKAHEAD_DAYS })}
        count={view.clusterLifecycles.length}
        testId="lead-clusters"
      >
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">{t('lead.clusters.rule')}</Typography.Text>
          {view.clusterLifecycles.length === 0 ? (
            <EmptyState description={t('lead.clusters.empty', { days: LEAD_LOOKAHEAD_DAYS })} />
          ) : (
            <Table<LeadClusterLifecycle>
              size="small"
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              rowKey={(c) => c.cluster.id}
              dataSource={view.clusterLifecycles}
              onRow={() => ({ 'data-testid': 'lead-cluster-row' }) as object}
              columns={clusterColumns}
            />
          )}
        </Flex>
      </Section>
      <Section
        title={t('lead.inspections.title')}
        count={view.inspectionsDue.length}
        testId="lead-inspections"
      >
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">{t('lead.inspections.rule')}</Typography.Text>
          {view.inspectionsDue.length === 0 ? (
            <EmptyState description={t('lead.inspections.empty')} />
          ) : (
            <Table<LeadInspectionDue>
              size="small"
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              rowKey={(d) => `${d.contract.id}/${d.site.id}`}
              dataSource={view.inspectionsDue}
              onRow={() => ({ 'data-testid': 'lead-inspection-row' }) as object}
              columns={inspectionColumns}
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
