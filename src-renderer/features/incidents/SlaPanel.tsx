import { ClockCircleOutlined, NotificationOutlined, PauseCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Divider, Flex, List, Tag, Typography } from 'antd';
import type { IncidentDoc, SiteDoc } from '../../../src-shared/db/types';
import { formatDurationMs } from '../../../src-shared/domain/duration';
import { cancellationDeadline, incidentSlaStatus } from '../../../src-shared/domain/incident-ops';
import type { SlaStatus } from '../../../src-shared/domain/sla';
import { responseTarget } from '../../../src-shared/policy/index';
import type { PolicyPack } from '../../../src-shared/policy/types';
import { useI18n } from '../../app/i18n';
import { laptopTimeZone } from '../visits/zone-time';
import { levelColor, levelLabel, onSiteResponseMs, targetText } from './incident-view-model';
import { useNow } from './use-now';
import { useMemo } from 'react';

export interface SlaPanelProps {
  incident: IncidentDoc;
  site: SiteDoc;
  pack: PolicyPack;
  onFirstResponse: () => void;
  onLogUpdate: () => void;
  onDispatch: () => void;
  onArrival: () => void;
}

/**
 * The response clock of one incident: due time in the site's and the laptop's zone, live
 * business time left (or 已超时), coverage, clock start, pauses, level history, the hourly
 * update of level 1, and on-site dispatch where the tier offers it.
 */
export function SlaPanel({
  incident,
  site,
  pack,
  onFirstResponse,
  onLogUpdate,
  onDispatch,
  onArrival,
}: SlaPanelProps) {
  const { t, lang, fmtDateTime, pick } = useI18n();
  // The clock ticks here, not in the page, so only this panel re-renders every second.
  const now = useNow(1_000);
  const sla = useMemo<SlaStatus | Error>(() => {
    try {
      return incidentSlaStatus(incident, site, now);
    } catch (err) {
      return err instanceof Error ? err : new Error(String(err));
    }
  }, [incident, site, now]);
  if (sla instanceof Error) return <Alert type="error" showIcon title={sla.message} />;
  const zone = site.timeZone;
  const laptopZone = laptopTimeZone();
  const closed = incident.status === 'closed';
  const target = responseTarget(pack, incident.tier, incident.level);
  const clockStartDiffers =
    sla.clockStartAt !== null && Date.parse(sla.clockStartAt) !== Date.parse(incident.openedAt);
  const hourlyOverdue =
    sla.nextHourlyUpdateAt !== null && Date.parse(sla.nextHourlyUpdateAt) < now.getTime();
  const deadline = cancellationDeadline(incident, pack);
  const onSiteMs = onSiteResponseMs(incident);
  const showOnSite = target.onSite || incident.dispatchedAt !== undefined;
  const pauseReason = (id: string) => {
    const r = pack.pauseReasons.find((x) => x.id === id);
    return r === undefined ? id : pick(r.name);
  };

  let countdownLabel = t('incidents.sla.remaining');
  if (sla.responded) countdownLabel = t('incidents.sla.remainingAtResponse');

  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center">
          <ClockCircleOutlined />
          {t('incidents.sla.title')}
        </Flex>
      }
      className={sla.breached ? 'fb-sla-panel-breached' : undefined}
      data-testid="sla-panel"
    >
      <Flex vertical gap={4}>
        <Typography.Text type="secondary">{countdownLabel}</Typography.Text>
        <Flex align="center" gap={8} wrap>
          <span
            className={
              sla.breached ? 'fb-sla-countdown fb-sla-countdown-breached' : 'fb-sla-countdown'
            }
            data-testid="sla-remaining"
          >
            {sla.remainingMs === null
              ? t('incidents.sla.noTarget')
              : formatDurationMs(sla.remainingMs, lang)}
          </span>
          {sla.breached && (
            <Tag color="red" data-testid="sla-breached">
              {t('incidents.sla.breached')}
            </Tag>
          )}
          {sla.responded && (
            <Tag color={sla.respondedInTime === false ? 'red' : 'green'}>
              {sla.respondedInTime === false
                ? t('incidents.sla.respondedLate')
                : t('incidents.sla.respondedInTime')}
            </Tag>
          )}
          {sla.paused && (
            <Tag color="warning" icon={<PauseCircleOutlined />} data-testid="sla-paused">
              {t('incidents.sla.pausedNow')}
            </Tag>
          )}
        </Flex>
      </Flex>
      <Divider style={{ margin: '12px 0' }} />
      <Descriptions size="small" column={1} styles={{ label: { width: 160 } }}>
        <Descriptions.Item label={t('incidents.sla.target')}>
          <Flex gap={6} align="center" wrap>
            <Tag color={levelColor(pack, incident.level)}>
              {levelLabel(pack, incident.level, t, lang)}
            </Tag>
            <span data-testid="sla-target">{targetText(pack, target, t, lang)}</span>
          </Flex>
        </Descriptions.Item>
        {sla.coverage !== null && (
          <Descriptions.Item label={t('incidents.sla.coverage')}>
            <span data-testid="sla-coverage">{pick(pack.coverageWindows[sla.coverage].name)}</span>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('incidents.sla.dueSite')}>
          <span>
            <Typography.Text strong data-testid="sla-due-site">
              {sla.dueAt === null ? '—' : fmtDateTime(sla.dueAt, zone)}
            </Typography.Text>{' '}
            <Typography.Text type="secondary">{zone}</Typography.Text>
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('incidents.sla.dueLaptop')}>
          <span>
            <span data-testid="sla-due-laptop">
              {sla.dueAt === null ? '—' : fmtDateTime(sla.dueAt, laptopZone)}
            </span>{' '}
            <Typography.Text type="secondary">{laptopZone}</Typography.Text>
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('incidents.sla.firstContact')}>
          <span data-testid="sla-first-contact">{fmtDateTime(incident.openedAt, zone)}</span>
        </Descriptions.Item>
        {sla.clockStartAt !== null && (
          <Descriptions.Item label={t('incidents.sla.clockStart')}>
            <span data-testid="sla-clock-start">
              {clockStartDiffers
                ? t('incidents.sla.clockStartOutside', {
                    time: fmtDateTime(sla.clockStartAt, zone),
                  })
                : fmtDateTime(sla.clockStartAt, zone)}
            </span>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('incidents.sla.firstResponse')}>
          {incident.firstResponseAt !== undefined ? (
            <span data-testid="sla-first-response">
              {fmtDateTime(incident.firstResponseAt, zone)}
            </span>
          ) : (
            <Button
              size="small"
              type="primary"
              disabled={closed}
              onClick={onFirstResponse}
              data-testid="incident-first-response"
            >
              {t('incidents.sla.recordFirstResponse')}
            </Button>
          )}
        </Descriptions.Item>
        {sla.nextHourlyUpdateAt !== null && (
          <Descriptions.Item label={t('incidents.sla.nextUpdate')}>
            <Flex gap={6} align="center" wrap>
              <span data-testid="sla-next-update">{fmtDateTime(sla.nextHourlyUpdateAt, zone)}</span>
              {hourlyOverdue && <Tag color="red">{t('incidents.sla.nextUpdateOverdue')}</Tag>}
              <Button
                size="small"
                icon={<NotificationOutlined />}
                onClick={onLogUpdate}
                data-testid="incident-log-update"
              >
                {t('incidents.sla.logUpdate')}
              </Button>
            </Flex>
          </Descriptions.Item>
        )}
      </Descriptions>
      {sla.missingCalendarYears.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          data-testid="sla-missing-calendar"
          title={t('incidents.sla.missingCalendar', { years: sla.missingCalendarYears.join(', ') })}
        />
      )}
      {sla.stoppedByOpenPause && (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 8 }}
          title={t('incidents.sla.stoppedHint')}
        />
      )}
      {deadline !== null && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          data-testid="sla-cancellation-deadline"
          title={t('incidents.sla.cancellationDeadline', { time: fmtDateTime(deadline, zone) })}
        />
      )}
      {incident.pauses.length > 0 && (
        <>
          <Divider titlePlacement="start" plain style={{ margin: '12px 0 4px' }}>
            {t('incidents.sla.pauses')}
          </Divider>
          <List
            size="small"
            dataSource={incident.pauses}
            data-testid="sla-pauses"
            renderItem={(p) => (
              <List.Item>
                <Flex vertical>
                  <span>
                    {fmtDateTime(p.start, zone)} –{' '}
                    {p.end === undefined ? (
                      <Tag color="warning">{t('incidents.sla.pauseOngoing')}</Tag>
                    ) : (
                      fmtDateTime(p.end, zone)
                    )}
                  </span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {pauseReason(p.reason)}
                    {p.note !== undefined ? ` — ${p.note}` : ''}
                  </Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        </>
      )}
      {incident.levelHistory.length > 1 && (
        <>
          <Divider titlePlacement="start" plain style={{ margin: '12px 0 4px' }}>
            {t('incidents.sla.levelHistory')}
          </Divider>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 4 }}>
            {t('incidents.sla.originalStartKept')}
          </Typography.Paragraph>
          <List
            size="small"
            dataSource={incident.levelHistory}
            data-testid="sla-level-history"
            renderItem={(h) => (
              <List.Item>
                <Flex gap={8} align="center" wrap>
                  <Tag color={levelColor(pack, h.level)}>{levelLabel(pack, h.level, t, lang)}</Tag>
                  <span>{fmtDateTime(h.at, zone)}</span>
                  {h.reason !== 'opened' && (
                    <Typography.Text type="secondary">{h.reason}</Typography.Text>
                  )}
                </Flex>
              </List.Item>
            )}
          />
        </>
      )}
      {showOnSite && (
        <>
          <Divider titlePlacement="start" plain style={{ margin: '12px 0 4px' }}>
            {t('incidents.sla.onSite')}
          </Divider>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 4 }}>
            {t('incidents.sla.onSiteHint')}
          </Typography.Paragraph>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('incidents.sla.dispatchedAt')}>
              {incident.dispatchedAt !== undefined ? (
                fmtDateTime(incident.dispatchedAt, zone)
              ) : (
                <Button
                  size="small"
                  disabled={closed}
                  onClick={onDispatch}
                  data-testid="incident-dispatch"
                >
                  {t('incidents.sla.dispatch')}
                </Button>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('incidents.sla.arrivedAt')}>
              {incident.onSiteArrivalAt !== undefined ? (
                fmtDateTime(incident.onSiteArrivalAt, zone)
              ) : (
                <Button
                  size="small"
                  disabled={closed || incident.dispatchedAt === undefined}
                  onClick={onArrival}
                  data-testid="incident-arrival"
                >
                  {t('incidents.sla.arrival')}
                </Button>
              )}
            </Descriptions.Item>
            {onSiteMs !== null && (
              <Descriptions.Item label={t('incidents.sla.onSiteResponse')}>
                {formatDurationMs(onSiteMs, lang)}
              </Descriptions.Item>
            )}
          </Descriptions>
        </>
      )}
    </Card>
  );
}
