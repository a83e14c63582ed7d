import { Button, Card, Flex, Typography } from 'antd';
import { DatabaseOutlined } from '@ant-design/icons';
import { useI18n } from '../../app/i18n';
import { SampleProgress } from './SampleProgress';
import { markFirstRunDone } from './first-run';
import { useSampleLoader, useWorkspaceEmpty } from './use-sample-loader';

/** Settings: load the sample workspace, offered only while the workspace is empty. */
export function WorkspaceSampleCard() {
  const { t } = useI18n();
  const { state, load } = useSampleLoader();
  const empty = useWorkspaceEmpty(state.phase);
  return (
    <Card size="small" title={t('settings.workspace.title')} loading={empty === null}>
      <Flex vertical gap={12} align="flex-start">
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
        <div className="fb-full">
          <SampleProgress state={state} />
        </div>
      </Flex>
    </Card>
  );
}
