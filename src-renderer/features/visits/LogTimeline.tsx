import { EditOutlined } from '@ant-design/icons';
import { Button, Flex, Image, Tag, Timeline, Typography } from 'antd';
import type { TimelineProps } from 'antd';
import type { VisitLogEntryDoc } from '../../../src-shared/db/types';
import { useI18n } from '../../app/i18n';
import { EmptyState } from '../../components/EmptyState';
import { FileAttachment, PhotoThumbnail } from './AttachmentView';
import { CommandOutput } from './CommandOutput';
import type { LogTimelineItem } from './visit-view-model';
import { isImage } from './visit-view-model';

const KIND_COLOR: Record<VisitLogEntryDoc['kind'], string> = {
  note: 'blue',
  command: 'gray',
  photo: 'green',
  file: 'gray',
};

export interface LogTimelineProps {
  items: LogTimelineItem[];
  /** Site zone the entry times are shown in. */
  zone: string;
  /** Starts a correction of the entry; absent when the log is read-only. */
  onCorrect?: (entry: VisitLogEntryDoc) => void;
}

export function entryAnchor(id: string): string {
  return `log-entry-${id}`;
}

function scrollToEntry(id: string): void {
  document.getElementById(entryAnchor(id))?.scrollIntoView({ behavior: 'smooth', block: 'center' });
}

/** The visit log, newest first; corrected entries stay visible and link to their corrections. */
export function LogTimeline({ items, zone, onCorrect }: LogTimelineProps) {
  const { t, fmtSiteTime } = useI18n();
  if (items.length === 0) return <EmptyState description={t('visits.log.empty')} />;

  const timelineItems: NonNullable<TimelineProps['items']> = items.map(
    ({ entry, correctedBy, corrects }) => {
      const corrected = correctedBy.length > 0;
      const photos = entry.attachments.filter((a) => isImage(a.mimeType));
      const files = entry.attachments.filter((a) => !isImage(a.mimeType));
      return {
        key: entry.id,
        color: corrected
          ? 'gray'
          : entry.correctsEntryId !== undefined
            ? 'orange'
            : KIND_COLOR[entry.kind],
        content: (
          <div
            id={entryAnchor(entry.id)}
            className={corrected ? 'fb-log-entry fb-log-entry-corrected' : 'fb-log-entry'}
            data-testid="log-entry"
            data-kind={entry.kind}
            data-corrected={corrected ? 'true' : 'false'}
          >
            <Flex gap={6} align="center" wrap>
              <Typography.Text strong data-testid="log-time">
                {fmtSiteTime(entry.at, zone)}
              </Typography.Text>
              <Typography.Text type="secondary">{entry.author}</Typography.Text>
              <Tag>{t(`visits.log.kind.${entry.kind}`)}</Tag>
              {entry.correctsEntryId !== undefined && (
                <Tag color="orange" data-testid="log-correction-tag">
                  {t('visits.log.correction')}
                </Tag>
              )}
              {corrected && (
                <Tag color="default" data-testid="log-corrected-tag">
                  {t('visits.log.corrected')}
                </Tag>
              )}
              {onCorrect !== undefined && (
                <Button
                  size="small"
                  type="link"
                  icon={<EditOutlined />}
                  onClick={() => onCorrect(entry)}
                  data-testid="log-correct"
                >
                  {t('visits.log.correct')}
                </Button>
              )}
            </Flex>
            {entry.correctsEntryId !== undefined && (
              <Typography.Link
                className="fb-log-link"
                onClick={() => scrollToEntry(entry.correctsEntryId ?? '')}
              >
                {corrects !== undefined
                  ? t('visits.log.correctsEntry', { time: fmtSiteTime(corrects.at, zone) })
                  : t('visits.log.correctsEntry', { time: '…' })}
              </Typography.Link>
            )}
            {entry.text !== '' && (
              <Typography.Paragraph className="fb-log-text" data-testid="log-text">
                {entry.text}
              </Typography.Paragraph>
            )}
            {entry.kind === 'command' && (
              <CommandOutput command={entry.command ?? ''} output={entry.output ?? ''} />
            )}
            {photos.length > 0 && (
              <Image.PreviewGroup>
                <Flex gap={8} wrap>
                  {photos.map((a) => (
                    <PhotoThumbnail key={a.sha256 + a.name} attachment={a} />
                  ))}
                </Flex>
              </Image.PreviewGroup>
            )}
            {files.map((a) => (
              <FileAttachment key={a.sha256 + a.name} attachment={a} />
            ))}
            {correctedBy.map((c) => (
              <Typography.Link
                key={c.id}
                className="fb-log-link"
                onClick={() => scrollToEntry(c.id)}
                data-testid="log-corrected-by"
              >
                {t('visits.log.correctedBy', { time: fmtSiteTime(c.at, zone) })}
              </Typography.Link>
            ))}
          </div>
        ),
      };
    },
  );

  return <Timeline className="fb-log-timeline" items={timelineItems} />;
}
