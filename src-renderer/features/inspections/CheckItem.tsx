import { CloseOutlined, PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, Radio, Tag, Tooltip, Typography } from 'antd';
import { useRef } from 'react';
import type { KeyboardEvent } from 'react';
import type { AttachmentRef, InspectionAnswer } from '../../../src-shared/db/types';
import type { ItemResult, ResolvedCheck } from '../../../src-shared/domain/inspection';
import { ITEM_RESULTS, evaluateThreshold } from '../../../src-shared/domain/inspection';
import type { AnswerPatch } from '../../../src-shared/domain/inspection-ops';
import { valueDecides } from '../../../src-shared/domain/inspection-ops';
import type { TemplateItem } from '../../../src-shared/policy/templates/types';
import { desktop } from '../../app/desktop';
import { useI18n } from '../../app/i18n';
import { userErrorText } from '../../components/error-text';
import { FileAttachment, PhotoThumbnail } from '../visits/AttachmentView';
import { mimeTypeOf } from '../visits/visit-view-model';
import type { ItemGroup } from './inspection-view-model';
import {
  RESULT_COLOR,
  parseMeasuredValue,
  resultForKey,
  thresholdText,
  unitKey,
} from './inspection-view-model';
import { useDraft } from './use-draft';

export type SaveAnswer = (check: ResolvedCheck, patch: AnswerPatch) => Promise<void>;

export function ResultTag({ result }: { result: ItemResult | null }) {
  const { t } = useI18n();
  return (
    <Tag
      color={result === null ? undefined : RESULT_COLOR[result]}
      data-testid="check-result"
      data-result={result ?? 'unanswered'}
    >
      {result === null ? t('inspections.result.unanswered') : t(`inspections.result.${result}`)}
    </Tag>
  );
}

/** Typing digits into a field must not choose a result; radio buttons are not text fields. */
function isTextField(target: EventTarget): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) {
    return !['radio', 'checkbox', 'button', 'file'].includes(target.type);
  }
  return target.tagName === 'TEXTAREA' || target.isContentEditable;
}

interface CheckRowProps {
  check: ResolvedCheck;
  /** The stored answer (with its evidence references), if any. */
  answer: InspectionAnswer | undefined;
  item: TemplateItem;
  readOnly: boolean;
  save: SaveAnswer;
  /** Cluster support status known: the lifecycle item answers itself. */
  lifecycleKnown: boolean;
}

/** One check: a node's row of a per-node item, or the single row of a cluster-level item. */
function CheckRow({ check, answer, item, readOnly, save, lifecycleKnown }: CheckRowProps) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const fileInput = useRef<HTMLInputElement>(null);
  const decidedByValue = valueDecides(item);
  const decidedByLifecycle = item.measure === 'lifecycle' && lifecycleKnown;
  const label = check.node === undefined ? pick(item.title) : `${pick(item.title)} · ${check.node}`;

  const value = useDraft(answer?.value === undefined ? '' : String(answer.value), async (text) => {
    const parsed = parseMeasuredValue(text);
    if (parsed === undefined) return;
    await save(check, { value: parsed });
  });
  const note = useDraft(answer?.note ?? '', (text) =>
    save(check, { note: text === '' ? null : text }),
  );

  // While typing, the result shown already follows the typed value.
  const typed = parseMeasuredValue(value.text);
  const shown: ItemResult | null =
    check.result === 'not-applicable'
      ? 'not-applicable'
      : decidedByValue && typeof typed === 'number' && item.threshold
        ? evaluateThreshold(typed, item.threshold)
        : decidedByValue && typed === null
          ? (answer?.result ?? null)
          : check.result;

  const choose = (r: ItemResult) => {
    if (readOnly) return;
    if ((decidedByValue || decidedByLifecycle) && r !== 'not-applicable') return;
    // The same key again clears the verdict (back to "not checked"), e.g. to undo N/A.
    void save(check, { result: answer?.result === r ? null : r });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey || isTextField(e.target)) return;
    const r = resultForKey(e.key);
    if (r !== null) {
      e.preventDefault();
      choose(r);
    }
  };

  const addFiles = async (files: File[]) => {
    try {
      const refs: AttachmentRef[] = [];
      for (const file of files) {
        const bytes = new Uint8Array(await file.arrayBuffer());
        refs.push(
          await desktop().blobs.put({
            bytes,
            name: file.name,
            mimeType: mimeTypeOf(file.name, file.type),
          }),
        );
      }
      await save(check, { evidence: [...(answer?.evidence ?? []), ...refs] });
      message.success(t('inspections.item.evidenceAdded'));
    } catch (err) {
      message.error(t('inspections.detail.saveFailed', { message: userErrorText(t, err) }));
    } finally {
      if (fileInput.current !== null) fileInput.current.value = '';
    }
  };

  const unit = unitKey(item.unit);
  const evidence = answer?.evidence ?? [];

  return (
    <div
      className="fb-check-row"
      tabIndex={-1}
      onKeyDown={onKeyDown}
      data-testid="check-row"
      data-key={check.key}
      data-node={check.node ?? ''}
    >
      <Flex gap={12} align="flex-start" wrap>
        {check.node !== undefined && (
          <Typography.Text strong className="fb-check-node">
            {check.node}
          </Typography.Text>
        )}
        <Flex vertical gap={6} className="fb-grow">
          <Flex gap={8} align="center" wrap>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              size="small"
              value={decidedByValue || decidedByLifecycle ? shown : (answer?.result ?? null)}
              aria-label={`${t('inspections.result.label')}: ${label}`}
              disabled={readOnly}
              options={ITEM_RESULTS.map((r) => ({
                value: r,
                label: t(`inspections.result.${r}`),
                disabled: (decidedByValue || decidedByLifecycle) && r !== 'not-applicable',
              }))}
              onChange={(e) => choose(e.target.value as ItemResult)}
            />
            {item.measure === 'number' && (
              <Input
                size="small"
                className="fb-check-value"
                inputMode="decimal"
                aria-label={t('inspections.item.valueFor', { item: label })}
                placeholder={t('inspections.item.value')}
                value={value.text}
                disabled={readOnly}
                status={typed === undefined ? 'error' : undefined}
                suffix={unit === null ? item.unit : t(unit).trim()}
                onChange={(e) => value.change(e.target.value)}
                onBlur={value.flush}
                onPressEnter={value.flush}
                data-testid="check-value"
              />
            )}
            <ResultTag result={shown} />
          </Flex>
          <Input.TextArea
            aria-label={t('inspections.item.noteFor', { item: label })}
            placeholder={t('inspections.item.notePlaceholder')}
            autoSize={{ minRows: 1, maxRows: 6 }}
            value={note.text}
            disabled={readOnly}
            onChange={(e) => note.change(e.target.value)}
            onBlur={note.flush}
            data-testid="check-note"
          />
          {(evidence.length > 0 || !readOnly) && (
            <Flex gap={8} align="center" wrap data-testid="check-evidence">
              {evidence.map((a) => (
                <Flex key={a.sha256} align="center" gap={2}>
                  {a.mimeType.startsWith('image/') ? (
                    <PhotoThumbnail attachment={a} />
                  ) : (
                    <FileAttachment attachment={a} />
                  )}
                  {!readOnly && (
                    <Tooltip title={t('inspections.item.removeEvidence', { name: a.name })}>
                      <Button
                        type="text"
                        size="small"
                        icon={<CloseOutlined />}
                        aria-label={t('inspections.item.removeEvidence', { name: a.name })}
                        onClick={() =>
                          void save(check, {
                            evidence: evidence.filter((x) => x.sha256 !== a.sha256),
                          })
                        }
                      />
                    </Tooltip>
                  )}
                </Flex>
              ))}
              {!readOnly && (
                <>
                  <input
                    ref={fileInput}
                    type="file"
                    multiple
                    className="fb-inspection-hidden-input"
                    data-testid="check-file-input"
                    aria-label={t('inspections.item.addEvidence')}
                    onChange={(e) => void addFiles(Array.from(e.target.files ?? []))}
                  />
                  <Button
                    size="small"
                    type="dashed"
                    icon={<PaperClipOutlined />}
                    onClick={() => fileInput.current?.click()}
                  >
                    {t('inspections.item.addEvidence')}
                  </Button>
                </>
              )}
            </Flex>
          )}
        </Flex>
      </Flex>
    </div>
  );
}

export interface CheckItemProps {
  group: ItemGroup;
  /** Shown when the inspection covers several clusters. */
  clusterName?: string;
  readOnly: boolean;
  save: SaveAnswer;
  lifecycleKnown: boolean;
  answers: ReadonlyMap<string, InspectionAnswer>;
}

/** A template item with its checks: one row, or one per node for per-node items. */
export function CheckItem({
  group,
  clusterName,
  readOnly,
  save,
  lifecycleKnown,
  answers,
}: CheckItemProps) {
  const { t, pick } = useI18n();
  const { item } = group;
  const limits = thresholdText(item, t);
  return (
    <Card
      size="small"
      data-testid="check-item"
      data-item={item.id}
      title={
        <Flex gap={8} align="center" wrap>
          <span>{pick(item.title)}</span>
          {clusterName !== undefined && <Tag>{clusterName}</Tag>}
        </Flex>
      }
      extra={
        <Typography.Text type="secondary" className="fb-small">
          {t('inspections.item.weight', { weight: item.weight })}
        </Typography.Text>
      }
    >
      <Flex vertical gap={8}>
        <Typography.Text type="secondary" className="fb-small">
          {pick(item.method)}
        </Typography.Text>
        {item.command !== undefined && (
          <Typography.Text code copyable className="fb-small fb-check-command">
            {item.command}
          </Typography.Text>
        )}
        {limits !== '' && (
          <Typography.Text className="fb-small" data-testid="check-threshold">
            {t('inspections.item.thresholdLine', { limits })} ·{' '}
            {t('inspections.item.resultFollowsValue')}
          </Typography.Text>
        )}
        {item.measure === 'lifecycle' && lifecycleKnown && (
          <Typography.Text className="fb-small">
            {t('inspections.item.resultFollowsLifecycle')}
          </Typography.Text>
        )}
        {group.checks.map((c) => (
          <CheckRow
            key={c.key}
            check={c}
            answer={answers.get(c.key)}
            item={item}
            readOnly={readOnly}
            save={save}
            lifecycleKnown={lifecycleKnown}
          />
        ))}
      </Flex>
    </Card>
  );
}
