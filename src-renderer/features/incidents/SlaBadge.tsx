import { Tag, Typography } from 'antd';
import type { SlaStatus } from '../../../src-shared/domain/sla';
import { formatDurationMs } from '../../../src-shared/domain/duration';
import { useI18n } from '../../app/i18n';

/**
 * The compact SLA state of an incident: time left (business time), 已超时 breached in red, a
 * paused/stopped clock, a response already made, or no target at all.
 */
export function SlaBadge({ sla }: { sla: SlaStatus }) {
  const { t, lang } = useI18n();
  if (sla.responded) {
    return sla.respondedInTime === false ? (
      <Tag color="red" data-testid="sla-badge">
        {t('incidents.sla.respondedLate')}
      </Tag>
    ) : (
      <Tag color="green" data-testid="sla-badge">
        {t('incidents.sla.respondedInTime')}
      </Tag>
    );
  }
  if (sla.breached) {
    return (
      <Tag color="red" data-testid="sla-badge">
        {/* Negative business time reads "超时 2 小时 05 分" (rounded up); at exactly 0 left
            after the window closed, plain 已超时. */}
        {sla.remainingMs !== null && sla.remainingMs < 0
          ? formatDurationMs(sla.remainingMs, lang)
          : t('incidents.sla.breached')}
      </Tag>
    );
  }
  if (sla.remainingMs === null) {
    return (
      <Typography.Text type="secondary" data-testid="sla-badge">
        {t('incidents.sla.noTarget')}
      </Typography.Text>
    );
  }
  if (sla.paused || sla.stoppedByOpenPause) {
    return (
      <Tag color="warning" data-testid="sla-badge">
        {t('incidents.sla.stopped')} · {formatDurationMs(sla.remainingMs, lang)}
      </Tag>
    );
  }
  return (
    <Typography.Text strong data-testid="sla-badge">
      {formatDurationMs(sla.remainingMs, lang)}
    </Typography.Text>
  );
}
