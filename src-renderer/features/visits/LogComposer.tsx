import { PaperClipOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Input, Segmented, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { CSSProperties, KeyboardEvent } from 'react';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import type {
  AttachmentRef,
  VisitDoc,
  VisitLogEntryDoc,
  VisitLogKind,
} from '../../../src-shared/db/types';
import {
  VISIT_LOG_KINDS,
  createCorrection,
  createLogEntry,
} from '../../../src-shared/domain/visit-ops';
import { desktop } from '../../app/desktop';
import { nowInstant } from '../../app/clock';
import { useI18n } from '../../app/i18n';
import { userErrorText } from '../../components/error-text';
import { useEngineer } from '../../app/settings';
import { useDatabase } from '../../db/database-context';
import { correctionKind, formatBytes, isSubmitShortcut, mimeTypeOf } from './visit-view-model';
import { instantInZone } from './zone-time';

export interface LogComposerProps {
  visit: VisitDoc;
  /** Site zone: entry times are stored with its offset. */
  zone: string;
  /** The entry being corrected, if any; the composer then writes a correction. */
  correcting?: VisitLogEntryDoc;
  onCancelCorrection: () => void;
  onAdded?: (entry: VisitLogEntryDoc) => void;
}

const monospace: CSSProperties = {
  fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace",
};

/**
 * Writes one log entry: a note, a command with its output, photos or files. Files are read in
 * the renderer and stored in the main process's content-addressed blob store; the entry keeps
 * only their references. Ctrl+Enter submits from any field.
 */
export function LogComposer({
  visit,
  zone,
  correcting,
  onCancelCorrection,
  onAdded,
}: LogComposerProps) {
  const { t, fmtDateTime } = useI18n();
  const { message } = App.useApp();
  const db = useDatabase();
  const engineer = useEngineer();
  const [kind, setKind] = useState<VisitLogKind>('note');
  const [text, setText] = useState('');
  const [command, setCommand] = useState('');
  const [output, setOutput] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [saving, setSaving] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const textArea = useRef<TextAreaRef>(null);

  useEffect(() => {
    if (correcting === undefined) return;
    setKind(correctionKind(correcting.kind));
    setCommand(correcting.command ?? '');
    setOutput(correcting.output ?? '');
    setText('');
    setFiles([]);
  }, [correcting]);

  function reset(): void {
    setText('');
    setCommand('');
    setOutput('');
    setFiles([]);
    if (fileInput.current !== null) fileInput.current.value = '';
  }

  function validationError(): string | null {
    if (kind === 'note' && text.trim() === '') return t('visits.log.needContent');
    if (kind === 'command' && command.trim() === '') return t('visits.log.needCommand');
    if ((kind === 'photo' || kind === 'file') && files.length === 0)
      return t('visits.log.needFiles');
    return null;
  }

  async function submit(): Promise<void> {
    if (saving) return;
    const problem = validationError();
    if (problem !== null) {
      message.warning(problem);
      return;
    }
    setSaving(true);
    try {
      const attachments: AttachmentRef[] = [];
      if (kind === 'photo' || kind === 'file') {
        for (const file of files) {
          const bytes = new Uint8Array(await file.arrayBuffer());
          attachments.push(
            await desktop().blobs.put({
              bytes,
              name: file.name,
              mimeType: mimeTypeOf(file.name, file.type),
            }),
          );
        }
      }
      const now = nowInstant();
      const content = {
        author: engineer.name === '' ? (visit.engineers[0] ?? '?') : engineer.name,
        kind,
        text,
        command: kind === 'command' ? command : undefined,
        output: kind === 'command' ? output : undefined,
        attachments,
        at: instantInZone(now, zone),
        now,
      };
      const entry =
        correcting === undefined
          ? createLogEntry({ ...content, visit })
          : createCorrection(correcting, content);
      await db.visitLogEntries.insert(entry);
      reset();
      if (correcting !== undefined) onCancelCorrection();
      message.success(t('visits.log.added'));
      onAdded?.(entry);
      textArea.current?.focus();
    } catch (err) {
      message.error(t('visits.log.saveFailed', { message: userErrorText(t, err) }));
    } finally {
      setSaving(false);
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>): void {
    if (isSubmitShortcut({ ...e, isComposing: e.nativeEvent.isComposing })) {
      e.preventDefault();
      void submit();
    }
  }

  const accept = kind === 'photo' ? 'image/*' : undefined;

  return (
    <Card size="small" title={t('visits.log.composerTitle')} data-testid="log-composer">
      {/* Keyboard handler on the container so Ctrl+Enter works from every field. */}
      <div onKeyDown={onKeyDown}>
        <Flex vertical gap={8}>
          {correcting !== undefined && (
            <Alert
              type="warning"
              showIcon
              data-testid="log-correction-banner"
              title={t('visits.log.correctsEntry', { time: fmtDateTime(correcting.at, zone) })}
              description={t('visits.log.correctionHint')}
              action={
                <Button size="small" onClick={onCancelCorrection}>
                  {t('visits.log.cancelCorrection')}
                </Button>
              }
            />
          )}
          <Segmented<VisitLogKind>
            value={kind}
            onChange={(k) => {
              setKind(k);
              setFiles([]);
              if (fileInput.current !== null) fileInput.current.value = '';
            }}
            options={VISIT_LOG_KINDS.map((k) => ({ value: k, label: t(`visits.log.kind.${k}`) }))}
            data-testid="log-kind"
          />
          {kind === 'command' && (
            <>
              <Input
                aria-label={t('visits.log.command')}
                prefix="$"
                placeholder={t('visits.log.commandPlaceholder')}
                value={command}
                onChange={(e) => setCommand(e.target.value)}
                style={monospace}
                data-testid="log-command-input"
              />
              <Input.TextArea
                aria-label={t('visits.log.output')}
                placeholder={t('visits.log.outputPlaceholder')}
                value={output}
                onChange={(e) => setOutput(e.target.value)}
                autoSize={{ minRows: 4, maxRows: 14 }}
                style={{ ...monospace, fontSize: 12 }}
                data-testid="log-output-input"
              />
            </>
          )}
          {(kind === 'photo' || kind === 'file') && (
            <Flex align="center" gap={8} wrap>
              <input
                ref={fileInput}
                type="file"
                multiple
                accept={accept}
                className="fb-composer-hidden-input"
                data-testid="log-file-input"
                onChange={(e) => setFiles(Array.from(e.target.files ?? []))}
              />
              <Button icon={<PaperClipOutlined />} onClick={() => fileInput.current?.click()}>
                {kind === 'photo' ? t('visits.log.pickPhotos') : t('visits.log.pickFiles')}
              </Button>
              {files.length > 0 && (
                <Typography.Text type="secondary" data-testid="log-selected-files">
                  {t('visits.log.selectedFiles', { count: files.length })}:{' '}
                  {files.map((f) => `${f.name} (${formatBytes(f.size)})`).join(', ')}
                </Typography.Text>
              )}
            </Flex>
          )}
          <Input.TextArea
            ref={textArea}
            aria-label={kind === 'note' ? t('visits.log.text') : t('visits.log.caption')}
            placeholder={
              kind === 'note' ? t('visits.log.textPlaceholder') : t('visits.log.caption')
            }
            value={text}
            onChange={(e) => setText(e.target.value)}
            autoSize={{ minRows: kind === 'note' ? 3 : 1, maxRows: 12 }}
            data-testid="log-text-input"
          />
          <Flex justify="space-between" align="center">
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('visits.log.appendOnly')} {t('visits.log.submitHint')}
            </Typography.Text>
            <Button
              type="primary"
              icon={<SendOutlined />}
              loading={saving}
              onClick={() => void submit()}
              data-testid="log-submit"
            >
              {correcting === undefined ? t('visits.log.submit') : t('visits.log.correctionTitle')}
            </Button>
          </Flex>
        </Flex>
      </div>
    </Card>
  );
}
