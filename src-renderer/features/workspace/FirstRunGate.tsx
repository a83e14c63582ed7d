import { Flex, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '../../app/i18n';
import { FirstRunPage } from './FirstRunPage';
import { isFirstRunDone, markFirstRunDone } from './first-run';
import { useWorkspaceEmpty } from './use-sample-loader';

/**
 * Shows the first-run screen instead of the app when the engineer never made the first-run
 * choice on this laptop AND the workspace is empty. A workspace that already has data (synced,
 * restored) skips it and records the choice as made.
 */
export function FirstRunGate({ children }: { children: ReactNode }) {
  const [done, setDone] = useState(isFirstRunDone);
  if (done) return <>{children}</>;
  return <PendingFirstRun onDone={() => setDone(true)} />;
}

function PendingFirstRun({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const empty = useWorkspaceEmpty();

  useEffect(() => {
    if (empty === false) {
      markFirstRunDone();
      onDone();
    }
  }, [empty, onDone]);

  if (empty !== true) {
    return (
      <Flex vertical align="center" gap={12} className="fb-loading" role="status">
        <Spin />
        <Typography.Text type="secondary">{t('workspace.checking')}</Typography.Text>
      </Flex>
    );
  }
  return (
    <FirstRunPage
      onDone={() => {
        markFirstRunDone();
        onDone();
        void navigate('/customers', { replace: true });
      }}
    />
  );
}
