import { Card, Descriptions, Flex, Progress, Table, Typography } from 'antd';
import type { RefusedDocument } from '../../db/replication';
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
  const refusedDocuments = replication?.refusedDocuments ?? [];
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
      {refusedDocuments.length > 0 && (
        <Flex vertical gap={8} style={{ marginTop: 12 }}>
          <Typography.Text strong>{t('sync.refused.title')}</Typography.Text>
          <Table<RefusedDocument>
            size="small"
            rowKey={(r) => `${r.collection}/${r.id}`}
            dataSource={[...refusedDocuments]}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            onRow={() => ({ 'data-testid': 'refused-row', className: 'fb-refused-row' })}
            columns={[
              {
                title: t('sync.refused.record'),
                render: (_: unknown, r) => (
                  <Flex vertical>
                    <span>
                      {t(`sync.refused.kind.${r.collection}`)} · {r.label ?? r.id}
                    </span>
                    <Typography.Text type="secondary" code style={{ fontSize: 11 }}>
                      {r.id}
                    </Typography.Text>
                  </Flex>
                ),
              },
              {
                title: t('sync.refused.reason'),
                render: (_: unknown, r) => (
                  <span data-testid="refused-reason">
                    {failureText(t, r.reason)} ({r.reason.message}) · {fmtDateTime(r.at)}
                  </span>
                ),
              },
              {
                title: t('sync.refused.todo'),
                render: (_: unknown, r) =>
                  r.reason.code === 'forbidden'
                    ? t('sync.refused.todo.forbidden', { customer: r.customerId ?? '—' })
                    : t('sync.refused.todo.other'),
              },
            ]}
          />
        </Flex>
      )}
    </Card>
  );
}
