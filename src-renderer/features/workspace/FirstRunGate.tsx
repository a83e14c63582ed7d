import { Flex, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
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
  const [target, setTarget] = useState<string | null>(null);
  const location = useLocation();
  const arrived = target !== null && location.pathname === target;
  useEffect(() => {
    if (arrived) setTarget(null);
  }, [arrived]);
  // The app's routes render only once the location is the chosen screen: rendered at "/", the
  // index route would redirect to the customers first and win over the choice.
  if (done && target !== null && location.pathname !== target) {
    return <Navigate to={target} replace />;
  }
  if (done) return <>{children}</>;
  return (
    <PendingFirstRun
      onDone={() => setDone(true)}
      onSignIn={() => {
        setTarget('/sync');
        setDone(true);
      }}
    />
  );
}

function PendingFirstRun({ onDone, onSignIn }: { onDone: () => void; onSignIn: () => void }) {
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
      onSignIn={() => {
        markFirstRunDone();
        onSignIn();
      }}
    />
  );
}
