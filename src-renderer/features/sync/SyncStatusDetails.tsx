import { Card, Descriptions, Progress } from 'antd';
import { useI18n } from '../../app/i18n';
import { useSync } from '../../db/SyncProvider';
import { failureText } from './failure-text';

/** The sync status spelled out (the header shows the short form). */
export function SyncStatusDetails() {
  const { t, fmtDateTime } = useI18n();
  const { session, replication, pending, lastSyncedAt } = useSync();
  if (!session?.account || session.expired) return null;
  const initial = replication?.initial ?? null;
  const error = replication?.lastError ?? null;
  return (
    <Card size="small" title={t('sync.status.details')} data-testid="sync-details">
      {initial ? (
        <Progress
          percent={Math.round((initial.collectionsDone / Math.max(1, initial.collections)) * 100)}
          format={() =>
            t('sync.status.initial', {
              done: initial.collectionsDone,
              total: initial.collections,
              documents: initial.documents,
            })
          }
        />
      ) : null}
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'state',
            label: t('sync.details.state'),
            children: replication?.online ? t('sync.status.online') : t('sync.status.offline'),
          },
          {
            key: 'pending',
            label: t('sync.details.pending'),
            children: pending,
          },
          {
            key: 'last',
            label: t('sync.details.last'),
            children: lastSyncedAt ? fmtDateTime(lastSyncedAt) : t('sync.status.neverSynced'),
          },
          {
            key: 'refused',
            label: t('sync.details.refused'),
            children: replication?.refused ?? 0,
          },
          ...(error
            ? [
                {
                  key: 'error',
                  label: t('sync.details.error'),
                  children: `${failureText(t, error)} (${error.message})`,
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
