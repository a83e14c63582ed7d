import { ExportOutlined, FolderOpenOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import type { DeliverableDoc } from '../../../src-shared/db/types';
import { desktop } from '../../app/desktop';
import { useI18n } from '../../app/i18n';
import { deliverableErrorText } from './deliverable-errors';
import { exportDeliverable } from './report-pipeline';

/**
 * Where each deliverable was exported in this session. Paths are this laptop's business, so
 * they are not stored in the (synced) document; main only opens files it saved this session.
 */
const exportedPaths = new Map<string, string>();

export function ExportOpenButtons({ doc, size }: { doc: DeliverableDoc; size?: 'small' }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  async function run(open: boolean) {
    setBusy(true);
    try {
      let path = open ? exportedPaths.get(doc.id) : undefined;
      if (path === undefined) {
        const saved = await exportDeliverable(doc);
        if (saved === null) {
          message.info(t('deliverables.exportCancelled'));
          return;
        }
        exportedPaths.set(doc.id, saved);
        path = saved;
        message.success(t('deliverables.exported', { path: saved }));
      }
      if (open) {
        await desktop().deliverables.openPdf(path);
        message.success(t('deliverables.opened'));
      }
    } catch (e) {
      message.error(deliverableErrorText(t, e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space>
      <Button
        size={size}
        icon={<ExportOutlined />}
        loading={busy}
        disabled={doc.pdf === undefined}
        onClick={() => void run(false)}
        data-testid="deliverable-export"
      >
        {t('deliverables.action.export')}
      </Button>
      <Button
        size={size}
        icon={<FolderOpenOutlined />}
        disabled={busy || doc.pdf === undefined}
        onClick={() => void run(true)}
        data-testid="deliverable-open"
      >
        {t('deliverables.action.open')}
      </Button>
    </Space>
  );
}
