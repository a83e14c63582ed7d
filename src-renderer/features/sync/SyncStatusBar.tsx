import { Flex, Progress, Tag, Tooltip, Typography } from 'antd';
import {
  CloudOutlined,
  CloudSyncOutlined,
  DisconnectOutlined,
  ExclamationCircleOutlined,
} from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useI18n } from '../../app/i18n';
import { useSync } from '../../db/SyncProvider';
import { failureText } from './failure-text';

type Phase = 'localOnly' | 'expired' | 'stopped' | 'syncing' | 'online' | 'offline';

const COLORS: Record<Phase, string> = {
  localOnly: 'default',
  expired: 'warning',
  stopped: 'error',
  syncing: 'processing',
  online: 'success',
  offline: 'default',
};

/**
 * The sync status in the app header, always visible: connection state, pending changes, last
 * successful sync, last error in words, and a progress bar during the first full sync. Clicking
 * it opens the sync page.
 */
export function SyncStatusBar() {
  const { t, fmtDateTime } = useI18n();
  const navigate = useNavigate();
  const { session, replication, pending, lastSyncedAt } = useSync();

  let phase: Phase = 'localOnly';
  if (session?.account && session.expired) phase = 'expired';
  else if (session?.account && replication) {
    if (replication.stopped) phase = 'stopped';
    else if (replication.active && replication.online) phase = 'syncing';
    else phase = replication.online ? 'online' : 'offline';
  }
  const signedIn = phase !== 'localOnly';
  const error = replication?.lastError ?? null;
  const errorText = error ? failureText(t, error) : null;
  const initial = replication?.initial ?? null;
  const stateText = t(`sync.status.${phase}`);
  const pendingText =
    pending > 0 ? t('sync.status.pending', { count: pending }) : t('sync.status.noPending');
  const lastText = lastSyncedAt
    ? t('sync.status.lastSynced', { time: fmtDateTime(lastSyncedAt) })
    : t('sync.status.neverSynced');
  const icon =
    phase === 'offline' ? (
      <DisconnectOutlined />
    ) : phase === 'syncing' ? (
      <CloudSyncOutlined spin />
    ) : phase === 'stopped' || phase === 'expired' ? (
      <ExclamationCircleOutlined />
    ) : (
      <CloudOutlined />
    );

  const details = (
    <Flex vertical gap={2}>
      <span>{signedIn ? stateText : t('sync.status.localOnlyHint')}</span>
      <span>{pendingText}</span>
      {signedIn ? <span>{lastText}</span> : null}
      {replication && replication.refused > 0 ? (
        <span>{t('sync.status.refused', { count: replication.refused })}</span>
      ) : null}
      {errorText ? <span>{t('sync.status.lastError', { error: errorText })}</span> : null}
      {error ? <span className="fb-sync-detail">{error.message}</span> : null}
    </Flex>
  );

  return (
    <Tooltip title={details}>
      <button
        type="button"
        className="fb-sync-bar"
        onClick={() => void navigate('/sync')}
        aria-label={`${t('sync.status.details')}: ${stateText}, ${pendingText}${
          signedIn ? `, ${lastText}` : ''
        }${errorText ? `, ${errorText}` : ''}`}
        data-testid="sync-bar"
      >
        <Tag
          color={COLORS[phase]}
          icon={icon}
          className="fb-sync-status"
          data-testid="sync-status"
          data-phase={phase}
        >
          {stateText}
        </Tag>
        <Typography.Text
          type={pending > 0 ? 'warning' : 'secondary'}
          className="fb-sync-text"
          data-testid="sync-pending"
          data-count={pending}
        >
          {pendingText}
        </Typography.Text>
        {signedIn ? (
          <Typography.Text type="secondary" className="fb-sync-text" data-testid="sync-last">
            {lastText}
          </Typography.Text>
        ) : null}
        {errorText &&
        phase !== 'online' &&
        phase !== 'syncing' &&
        // Offline already says it; the words are in the tooltip.
        !(phase === 'offline' && error?.code === 'unreachable') ? (
          <Typography.Text type="danger" className="fb-sync-error" data-testid="sync-error">
            {errorText}
          </Typography.Text>
        ) : null}
        {initial ? (
          <Progress
            className="fb-sync-progress"
            data-testid="sync-initial-progress"
            size="small"
            percent={Math.round((initial.collectionsDone / Math.max(1, initial.collections)) * 100)}
            format={() => `${initial.collectionsDone}/${initial.collections}`}
            aria-label={t('sync.status.initial', {
              done: initial.collectionsDone,
              total: initial.collections,
              documents: initial.documents,
            })}
          />
        ) : null}
      </button>
    </Tooltip>
  );
}
