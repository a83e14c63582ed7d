import { App, Button, Tooltip } from 'antd';
import { CodeOutlined } from '@ant-design/icons';
import { useState } from 'react';
import type { PlanDoc } from '../../../src-shared/db/types';
import { planOfDoc } from '../../../src-shared/domain/planning/plan-doc';
import { desktop } from '../../app/desktop';
import { useI18n } from '../../app/i18n';

/**
 * Writes the installer configuration of the plan (DCE 5 ClusterConfig, kubean/kubespray
 * inventory) into a folder the engineer names, through the desktop API. Disabled while the plan
 * has errors: the installer must read what validates (main refuses such a plan as well).
 */
export function InstallerExportButton({ doc, errors }: { doc: PlanDoc; errors: number }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    try {
      const result = await desktop().plans.exportInstaller({
        plan: planOfDoc(doc),
        folderName: `installer-${doc.product}-${doc.version}-${doc.profile}`.replace(
          /[^\w.-]+/g,
          '-',
        ),
      });
      if (result !== null) {
        void message.success(
          t('plans.installer.exported', { n: result.files.length, path: result.path }),
        );
      }
    } catch (e) {
      void message.error(t('plans.installer.failed', { message: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  const button = (
    <Button
      icon={<CodeOutlined />}
      loading={busy}
      disabled={errors > 0}
      onClick={() => void run()}
      data-testid="plan-export-installer"
    >
      {t('plans.installer.export')}
    </Button>
  );
  return errors > 0 ? (
    <Tooltip title={t('plans.installer.needsValid', { n: errors })}>{button}</Tooltip>
  ) : (
    button
  );
}
