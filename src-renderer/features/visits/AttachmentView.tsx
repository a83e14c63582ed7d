import { DownloadOutlined, FileOutlined, WarningOutlined } from '@ant-design/icons';
import { App, Button, Flex, Image, Skeleton, Tooltip, Typography } from 'antd';
import type { AttachmentRef } from '../../../src-shared/db/types';
import { useI18n } from '../../app/i18n';
import { downloadBlob, useBlobUrl } from './use-blob-url';
import { formatBytes } from './visit-view-model';

const THUMB = 120;

/** A stored photo as a thumbnail; clicking it opens antd's full-size preview. */
export function PhotoThumbnail({ attachment }: { attachment: AttachmentRef }) {
  const { t } = useI18n();
  const state = useBlobUrl(attachment.sha256, attachment.mimeType);
  if (state.status === 'loading') {
    return <Skeleton.Image active style={{ width: THUMB, height: THUMB }} />;
  }
  if (state.status !== 'ready') {
    return (
      <Tooltip title={state.status === 'missing' ? t('visits.log.missingBlob') : state.message}>
        <Flex
          vertical
          align="center"
          justify="center"
          className="fb-visit-thumb-missing"
          style={{ width: THUMB, height: THUMB }}
          data-testid="photo-missing"
        >
          <WarningOutlined />
          <Typography.Text type="secondary" ellipsis style={{ maxWidth: THUMB - 8 }}>
            {attachment.name}
          </Typography.Text>
        </Flex>
      </Tooltip>
    );
  }
  return (
    <Image
      src={state.url}
      alt={attachment.name}
      width={THUMB}
      height={THUMB}
      style={{ objectFit: 'cover', borderRadius: 4 }}
      data-testid="photo-thumb"
    />
  );
}

/** A stored file: name, size and a download button. */
export function FileAttachment({ attachment }: { attachment: AttachmentRef }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  return (
    <Flex align="center" gap={8} data-testid="file-attachment">
      <FileOutlined />
      <Typography.Text>{attachment.name}</Typography.Text>
      <Typography.Text type="secondary">{formatBytes(attachment.size)}</Typography.Text>
      <Button
        size="small"
        icon={<DownloadOutlined />}
        onClick={() => {
          downloadBlob(attachment.sha256, attachment.name, attachment.mimeType)
            .then((found) => {
              if (!found) message.warning(t('visits.log.missingBlob'));
            })
            .catch((err: unknown) => message.error(String(err)));
        }}
      >
        {t('visits.log.download')}
      </Button>
    </Flex>
  );
}
