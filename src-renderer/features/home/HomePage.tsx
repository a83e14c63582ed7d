import { Card, Col, Flex, List, Row, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { buildHomeView } from '../../../src-shared/domain/home';
import type { HomeDeadline } from '../../../src-shared/domain/home';
import { getPolicyPack } from '../../../src-shared/policy/index';
import { useI18n } from '../../app/i18n';
import { useEngineer } from '../../app/settings';
import { todayIsoDate } from '../../app/clock';
import { EmptyState } from '../../components/EmptyState';
import { LifecycleBadge } from '../../components/LifecycleBadge';
import { PageHeader } from '../../components/PageHeader';
import { useRxQuery } from '../../db/hooks';
import { useSync } from '../../db/SyncProvider';
import { levelColor, levelLabel } from '../incidents/incident-view-model';
import { SlaBadge } from '../incidents/SlaBadge';
import { useNow } from '../incidents/use-now';
import { useLookups } from '../visits/use-lookups';
import './home.css';

function Section({
  title,
  count,
  testId,
  children,
}: {
  title: string;
  count?: number;
  testId: string;
  children: ReactNode;
}) {
  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center">
          <span>{title}</span>
          {count !== undefined && count > 0 ? <Tag>{count}</Tag> : null}
        </Flex>
      }
      data-testid={testId}
      className="fb-home-card"
    >
      {children}
    </Card>
  );
}

function Row2({ main, meta, extra }: { main: ReactNode; meta?: ReactNode; extra?: ReactNode }) {
  return (
    <List.Item className="fb-home-row" extra={extra}>
      <Flex vertical gap={2} className="fb-home-row-text">
        <span className="fb-home-row-main">{main}</span>
        {meta !== undefined ? (
          <Typography.Text type="secondary" className="fb-home-row-meta">
            {meta}
          </Typography.Text>
        ) : null}
      </Flex>
    </List.Item>
  );
}

function SyncSection() {
  const { t, fmtDateTime } = useI18n();
  const { session, pending, lastSyncedAt } = useSync();
  const account = session?.account ?? null;
  const lines: string[] = [];
  if (account === null) lines.push(t('home.sync.localOnly'));
  else if (session?.expired) lines.push(t('home.sync.expired'));
  else
    lines.push(t('home.sync.signedIn', { server: account.serverUrl, user: account.user.username }));
  lines.push(pending > 0 ? t('home.sync.pending', { count: pending }) : t('home.sync.noPending'));
  if (account !== null) {
    lines.push(
      lastSyncedAt
        ? t('home.sync.last', { time: fmtDateTime(lastSyncedAt) })
        : t('home.sync.never'),
    );
  }
  return (
    <Section title={t('home.sync.title')} testId="home-sync">
      <Flex vertical gap={4}>
        {lines.map((line) => (
          <Typography.Text key={line}>{line}</Typography.Text>
        ))}
        <Link to="/sync">{t('home.sync.open')}</Link>
      </Flex>
    </Section>
  );
}

/**
 * The first screen after start: what needs the engineer today. Each row links to its record;
 * the content rules are src-shared/domain/home.ts.
 */
export function HomePage() {
  const { t, lang, fmtDateTime, fmtDate } = useI18n();
  const { name: engineer } = useEngineer();
  const { customers, customerById, sites } = useLookups();
  // A minute is fine enough for "time left" here; the incident pages tick every second.
  const now = useNow(30_000);
  const clusters = useRxQuery((db) => db.clusters.find(), []);
  const contracts = useRxQuery((db) => db.contracts.find(), []);
  const visits = useRxQuery(
    (db) =>
      db.visits.find({ selector: { status: { $in: ['planned', 'checked-in', 'checked-out'] } } }),
    [],
  );
  const incidents = useRxQuery(
    (db) => db.incidents.find({ selector: { status: { $in: ['open', 'paused'] } } }),
    [],
  );

  const view = useMemo(
    () =>
      buildHomeView(
        {
          customers,
          sites,
          clusters: clusters.docs,
          contracts: contracts.docs,
          visits: visits.docs,
          incidents: incidents.docs,
          engineer,
        },
        now,
      ),
    [customers, sites, clusters.docs, contracts.docs, visits.docs, incidents.docs, engineer, now],
  );

  const customerName = (id: string) => customerById.get(id)?.name ?? '';
  const today = todayIsoDate();

  const deadlineRow = (d: HomeDeadline) => {
    if (d.kind === 'cancellation') {
      return (
        <Row2
          key={`c-${d.incident.id}`}
          main={<Link to={`/incidents/${d.incident.id}`}>{d.incident.title}</Link>}
          meta={`${customerName(d.incident.customerId)} · ${t('home.deadlines.cancellation', { days: d.days })}`}
          extra={
            <Flex vertical align="end" gap={2}>
              {d.passed ? <Tag color="red">{t('home.deadlines.passed')}</Tag> : null}
              <Typography.Text>
                {t('home.deadlines.cancellationAt', {
                  time: fmtDateTime(new Date(d.atMs).toISOString(), d.site.timeZone),
                })}
              </Typography.Text>
            </Flex>
          }
        />
      );
    }
    return (
      <Row2
        key={`a-${d.contract.id}`}
        main={
          <Link to={`/customers/${d.contract.customerId}?tab=contracts`}>
            {d.customer?.name ?? d.contract.number}
          </Link>
        }
        meta={t('home.deadlines.acceptance', {
          number: d.contract.number,
          end: fmtDate(d.contract.endDate),
        })}
        extra={
          <Typography.Text>
            {t('home.deadlines.acceptanceAt', { date: fmtDate(d.date) })}
          </Typography.Text>
        }
      />
    );
  };

  return (
    <Flex vertical gap={12} className="fb-home">
      <PageHeader
        title={t('home.title')}
        subtitle={
          engineer
            ? t('home.subtitle', { date: fmtDate(today), engineer })
            : t('home.subtitleNoEngineer', { date: fmtDate(today) })
        }
      />
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <Section
            title={t('home.visits.title')}
            count={view.todayVisits.length}
            testId="home-visits"
          >
            {view.todayVisits.length === 0 ? (
              <EmptyState
                description={t('home.visits.empty')}
                action={<Link to="/visits">{t('home.visits.emptyAction')}</Link>}
              />
            ) : (
              <List
                size="small"
                dataSource={view.todayVisits}
                renderItem={({ visit, site, date }) => (
                  <Row2
                    key={visit.id}
                    main={<Link to={`/visits/${visit.id}`}>{visit.summary}</Link>}
                    meta={`${customerName(visit.customerId)} · ${site.name} · ${t(`visits.purpose.${visit.purpose}`)}`}
                    extra={
                      <Flex vertical align="end" gap={2}>
                        <Tag color={visit.status === 'checked-in' ? 'processing' : 'default'}>
                          {t(`visits.status.${visit.status}`)}
                        </Tag>
                        <Typography.Text type="secondary" className="fb-home-row-meta">
                          {visit.status === 'checked-in' && visit.checkInAt
                            ? t('home.visits.checkedInAt', {
                                time: fmtDateTime(visit.checkInAt, site.timeZone),
                              })
                            : visit.status === 'checked-out' && visit.checkOutAt
                              ? t('home.visits.checkedOutAt', {
                                  time: fmtDateTime(visit.checkOutAt, site.timeZone),
                                })
                              : t('home.visits.planned', { date: fmtDate(date) })}
                        </Typography.Text>
                      </Flex>
                    }
                  />
                )}
              />
            )}
          </Section>
        </Col>
        <Col xs={24} xl={12}>
          <Section
            title={t('home.incidents.title')}
            count={view.openIncidents.length}
            testId="home-incidents"
          >
            {view.openIncidents.length === 0 ? (
              <EmptyState description={t('home.incidents.empty')} />
            ) : (
              <List
                size="small"
                dataSource={view.openIncidents}
                renderItem={({ incident, site, sla }) => {
                  const pack = getPolicyPack(incident.packId);
                  return (
                    <Row2
                      key={incident.id}
                      main={
                        <Flex gap={6} align="center">
                          <Tag color={levelColor(pack, incident.level)}>
                            {levelLabel(pack, incident.level, t, lang)}
                          </Tag>
                          <Link to={`/incidents/${incident.id}`}>{incident.title}</Link>
                        </Flex>
                      }
                      meta={[
                        customerName(incident.customerId),
                        site.name,
                        sla.dueAt !== null && !sla.responded
                          ? t('home.incidents.due', { time: fmtDateTime(sla.dueAt, site.timeZone) })
                          : '',
                      ]
                        .filter((s) => s !== '')
                        .join(' · ')}
                      extra={
                        <Flex vertical align="end" gap={2}>
                          <SlaBadge sla={sla} />
                          {incident.status === 'paused' ? (
                            <Tag color="warning">{t('home.incidents.paused')}</Tag>
                          ) : null}
                        </Flex>
                      }
                    />
                  );
                }}
              />
            )}
          </Section>
        </Col>
        <Col xs={24} xl={12}>
          <Section
            title={t('home.hourly.title')}
            count={view.hourlyUpdates.length}
            testId="home-hourly"
          >
            {view.hourlyUpdates.length === 0 ? (
              <EmptyState description={t('home.hourly.empty')} />
            ) : (
              <List
                size="small"
                dataSource={view.hourlyUpdates}
                renderItem={({ incident, site, dueAtMs, overdue }) => (
                  <Row2
                    key={incident.id}
                    main={<Link to={`/incidents/${incident.id}`}>{incident.title}</Link>}
                    meta={`${customerName(incident.customerId)} · ${site.name}`}
                    extra={
                      <Flex vertical align="end" gap={2}>
                        {overdue ? <Tag color="red">{t('home.hourly.overdue')}</Tag> : null}
                        <Typography.Text>
                          {t('home.hourly.due', {
                            time: fmtDateTime(new Date(dueAtMs).toISOString(), site.timeZone),
                          })}
                        </Typography.Text>
                      </Flex>
                    }
                  />
                )}
              />
            )}
          </Section>
        </Col>
        <Col xs={24} xl={12}>
          <Section
            title={t('home.deadlines.title')}
            count={view.deadlines.length}
            testId="home-deadlines"
          >
            {view.deadlines.length === 0 ? (
              <EmptyState description={t('home.deadlines.empty')} />
            ) : (
              <List size="small" dataSource={view.deadlines} renderItem={deadlineRow} />
            )}
          </Section>
        </Col>
        <Col xs={24} xl={12}>
          <Section
            title={t('home.clusters.title')}
            count={view.unsupportedClusters.length}
            testId="home-clusters"
          >
            {view.unsupportedClusters.length === 0 ? (
              <EmptyState
                description={
                  view.visitsThisWeek === 0 ? t('home.clusters.noVisits') : t('home.clusters.empty')
                }
              />
            ) : (
              <List
                size="small"
                dataSource={view.unsupportedClusters}
                renderItem={({ cluster, customer, site, date }) => (
                  <Row2
                    key={cluster.id}
                    main={
                      <Link to={`/customers/${cluster.customerId}?tab=clusters`}>
                        {cluster.name}
                      </Link>
                    }
                    meta={[
                      customer?.name ?? '',
                      site?.name ?? '',
                      `${cluster.product} ${cluster.version}`,
                      t('home.clusters.visitOn', { date: fmtDate(date) }),
                    ]
                      .filter((s) => s !== '')
                      .join(' · ')}
                    extra={
                      <LifecycleBadge
                        product={cluster.product}
                        version={cluster.version}
                        at={date}
                        {...(site ? { zone: site.timeZone } : {})}
                      />
                    }
                  />
                )}
              />
            )}
          </Section>
        </Col>
        <Col xs={24} xl={12}>
          <SyncSection />
        </Col>
      </Row>
    </Flex>
  );
}
