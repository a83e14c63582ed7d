/**
 * Presentation rules of the visits screens, as pure functions (no React, no store), so they are
 * unit-tested. Domain rules (who may check in, what a correction is) stay in
 * src-shared/domain/visit-ops; this file only decides how things are shown.
 */
import type { VisitLogEntryDoc, VisitLogKind, VisitStatus } from '../../../src-shared/db/types';
import { effectiveTimeline } from '../../../src-shared/domain/visit-ops';

export const VISIT_STATUSES: readonly VisitStatus[] = ['planned', 'checked-in', 'checked-out'];

/** antd Tag colour of a visit status: planned is neutral, on site is active, done is settled. */
export function visitStatusColor(status: VisitStatus): string {
  switch (status) {
    case 'planned':
      return 'default';
    case 'checked-in':
      return 'processing';
    case 'checked-out':
      return 'success';
  }
}

/** A file size for people: 1 decimal above 1 KB, binary multiples (what file managers show). */
export function formatBytes(size: number): string {
  if (!Number.isFinite(size) || size < 0) return '—';
  if (size < 1024) return `${size} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = size / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** One row of the visit log as the timeline shows it. */
export interface LogTimelineItem {
  entry: VisitLogEntryDoc;
  /** Later entries that correct this one, oldest first. Non-empty means "corrected". */
  correctedBy: VisitLogEntryDoc[];
  /** The entry this one corrects, when it is a correction and that entry is loaded. */
  corrects?: VisitLogEntryDoc;
}

/**
 * The log in `effectiveTimeline`'s order (newest first), each entry linked both ways: to the
 * corrections that name it and to the entry it corrects. Nothing is hidden: a corrected entry
 * stays in the log, marked as corrected.
 */
export function buildLogTimeline(entries: readonly VisitLogEntryDoc[]): LogTimelineItem[] {
  const ordered = effectiveTimeline(entries);
  const byId = new Map(entries.map((e) => [e.id, e]));
  const corrections = new Map<string, VisitLogEntryDoc[]>();
  // Oldest first, so each list of corrections reads in the order they were made.
  for (let i = ordered.length - 1; i >= 0; i -= 1) {
    const e = ordered[i]!.entry;
    if (e.correctsEntryId === undefined) continue;
    const list = corrections.get(e.correctsEntryId) ?? [];
    list.push(e);
    corrections.set(e.correctsEntryId, list);
  }
  return ordered.map(({ entry }) => {
    const item: LogTimelineItem = { entry, correctedBy: corrections.get(entry.id) ?? [] };
    const target =
      entry.correctsEntryId === undefined ? undefined : byId.get(entry.correctsEntryId);
    if (target !== undefined) item.corrects = target;
    return item;
  });
}

/** The kind a correction of `original` starts with: re-attaching evidence is rare, text is not. */
export function correctionKind(original: VisitLogKind): VisitLogKind {
  return original === 'command' ? 'command' : 'note';
}

/** Ctrl+Enter (⌘+Enter on macOS) submits the composer. */
export function isSubmitShortcut(e: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  isComposing?: boolean;
}): boolean {
  // While an input method is composing (pinyin), Enter confirms the candidate, not the form.
  return e.key === 'Enter' && (e.ctrlKey || e.metaKey) && e.isComposing !== true;
}

/** Whether a stored attachment is shown as an image thumbnail. */
export function isImage(mimeType: string): boolean {
  return /^image\/(png|jpeg|gif|webp|bmp|avif)$/i.test(mimeType);
}

/**
 * The media type to store for a picked file: the browser's guess, or a guess from the extension
 * when the browser has none (common for `.log` / `.yaml` files), or the generic binary type.
 */
export function mimeTypeOf(name: string, browserType: string): string {
  if (/^[\w.+-]+\/[\w.+-]+$/.test(browserType)) return browserType;
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  const byExt: Record<string, string> = {
    txt: 'text/plain',
    log: 'text/plain',
    yaml: 'text/yaml',
    yml: 'text/yaml',
    json: 'application/json',
    png: 'image/png',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    pdf: 'application/pdf',
  };
  return (ext !== undefined ? byExt[ext] : undefined) ?? 'application/octet-stream';
}
