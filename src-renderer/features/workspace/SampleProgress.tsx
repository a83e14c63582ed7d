import { Alert, Progress, Typography } from 'antd';
import { useI18n } from '../../app/i18n';
import type { SampleLoaderState } from './use-sample-loader';

/** Progress bar and outcome of a sample-workspace import. */
export function SampleProgress({ state }: { state: SampleLoaderState }) {
  const { t } = useI18n();
  switch (state.phase) {
    case 'idle':
      return null;
    case 'loading': {
      const percent = state.total === 0 ? 0 : Math.floor((state.done / state.total) * 100);
      return (
        <div role="status" aria-live="polite" data-testid="sample-progress">
          <Typography.Text>{t('workspace.sample.loading')}</Typography.Text>
          <Progress percent={percent} status="active" aria-label={t('workspace.sample.loading')} />
          <Typography.Text type="secondary" className="fb-small">
            {t('workspace.sample.progress', { done: state.done, total: state.total })}
          </Typography.Text>
        </div>
      );
    }
    case 'done':
      return (
        <Alert type="success" showIcon title={t('workspace.sample.done', { total: state.total })} />
      );
    case 'not-empty':
      return <Alert type="warning" showIcon title={t('workspace.sample.notEmpty')} />;
    case 'failed':
      return (
        <Alert
          type="error"
          showIcon
          title={t('workspace.sample.failed', { message: state.error })}
        />
      );
  }
}
