import { App, Button, Card, Flex, Typography } from 'antd';
import { DatabaseOutlined, DeleteOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useI18n } from '../../app/i18n';
import { useDatabase } from '../../db/database-context';
import { removeSampleWorkspace, sampleFootprint } from '../../db/sample-workspace-loader';
import type { SampleFootprint } from '../../db/sample-workspace-loader';
import { SampleProgress } from './SampleProgress';
import { clearSampleWorkspaceLoaded, markFirstRunDone } from './first-run';
import { useSampleLoader, useWorkspaceEmpty } from './use-sample-loader';

/**
 * Settings: load the sample workspace while the workspace is empty; remove it (what it created,
 * nothing else, after a confirmation that says what happens) while its records are here.
 */
export function WorkspaceSampleCard() {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const db = useDatabase();
  const { state, load } = useSampleLoader();
  const [removals, setRemovals] = useState(0);
  const [removing, setRemoving] = useState(false);
  const empty = useWorkspaceEmpty(`${state.phase}-${removals}`);
  const [footprint, setFootprint] = useState<SampleFootprint | null>(null);

  useEffect(() => {
    let cancelled = false;
    sampleFootprint(db).then(
      (f) => !cancelled && setFootprint(f),
      () => !cancelled && setFootprint(null),
    );
    return () => {
      cancelled = true;
    };
  }, [db, state.phase, removals]);

  function confirmRemoval(f: SampleFootprint) {
    modal.confirm({
      title: t('settings.workspace.removeTitle'),
      content: (
        <Flex vertical gap={8} data-testid="sample-remove-confirm">
          <Typography.Text>
            {t('settings.workspace.removeBody', { count: f.sample })}
          </Typography.Text>
          {f.yoursUnderSample > 0 && (
            <Typography.Text type="warning">
              {t('settings.workspace.removeYours', { count: f.yoursUnderSample })}
            </Typography.Text>
          )}
          <Typography.Text type="secondary">{t('settings.workspace.removeSync')}</Typography.Text>
        </Flex>
      ),
      okText: t('settings.workspace.removeOk'),
      okButtonProps: { danger: true, 'data-testid': 'sample-remove-ok' },
      cancelText: t('settings.workspace.removeCancel'),
      onOk: async () => {
        setRemoving(true);
        try {
          const count = await removeSampleWorkspace(db);
          clearSampleWorkspaceLoaded();
          message.success(t('settings.workspace.removed', { count }));
        } catch (e) {
          message.error(
            t('settings.workspace.removeFailed', {
              message: e instanceof Error ? e.message : String(e),
            }),
          );
        } finally {
          setRemoving(false);
          setRemovals((n) => n + 1);
        }
      },
    });
  }

  return (
    <Card size="small" title={t('settings.workspace.title')} loading={empty === null}>
      <Flex vertical gap={12} align="flex-start" data-testid="workspace-card">
        <Typography.Text type="secondary">
          {empty === true ? t('settings.workspace.empty') : t('settings.workspace.notEmpty')}
        </Typography.Text>
        {empty === true && (
          <Button
            icon={<DatabaseOutlined />}
            loading={state.phase === 'loading'}
            onClick={() => {
              markFirstRunDone();
              void load();
            }}
          >
            {t('workspace.sample.load')}
          </Button>
        )}
        {footprint !== null && footprint.sample > 0 && state.phase !== 'loading' && (
          <>
            <Typography.Text data-testid="sample-here">
              {t('settings.workspace.sampleHere', { count: footprint.sample })}
            </Typography.Text>
            <Button
              danger
              icon={<DeleteOutlined />}
              loading={removing}
              onClick={() => confirmRemoval(footprint)}
              data-testid="sample-remove"
            >
              {t('settings.workspace.remove')}
            </Button>
          </>
        )}
        <div className="fb-full">
          <SampleProgress state={state} />
        </div>
      </Flex>
    </Card>
  );
}
