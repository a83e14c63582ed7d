import { describe, expect, it } from 'vitest';
import type { VisitLogEntryDoc } from '../../../src-shared/db/types';
import {
  buildLogTimeline,
  correctionKind,
  formatBytes,
  isImage,
  isSubmitShortcut,
  mimeTypeOf,
  visitStatusColor,
} from './visit-view-model';

function entry(id: string, at: string, extra: Partial<VisitLogEntryDoc> = {}): VisitLogEntryDoc {
  return {
    id,
    customerId: 'c1',
    visitId: 'v1',
    at,
    author: 'Li Lei',
    kind: 'note',
    text: id,
    attachments: [],
    createdAt: at,
    updatedAt: at,
    ...extra,
  };
}

describe('buildLogTimeline', () => {
  it('orders newest first across offsets and links corrections both ways', () => {
    const a = entry('a', '2026-03-06T09:00:00+08:00');
    const b = entry('b', '2026-03-06T02:30:00+01:00'); // 09:30 +08:00
    const c1 = entry('c1', '2026-03-06T10:00:00+08:00', { correctsEntryId: 'a' });
    const c2 = entry('c2', '2026-03-06T11:00:00+08:00', { correctsEntryId: 'a' });
    const items = buildLogTimeline([a, c2, b, c1]);
    expect(items.map((i) => i.entry.id)).toEqual(['c2', 'c1', 'b', 'a']);
    const original = items.find((i) => i.entry.id === 'a')!;
    expect(original.correctedBy.map((e) => e.id)).toEqual(['c1', 'c2']);
    expect(original.corrects).toBeUndefined();
    expect(items.find((i) => i.entry.id === 'c1')!.corrects?.id).toBe('a');
    expect(items.find((i) => i.entry.id === 'b')!.correctedBy).toEqual([]);
  });

  it('keeps a correction whose original is not loaded, without a link target', () => {
    const items = buildLogTimeline([
      entry('c', '2026-03-06T10:00:00Z', { correctsEntryId: 'gone' }),
    ]);
    expect(items).toHaveLength(1);
    expect(items[0]!.corrects).toBeUndefined();
    expect(items[0]!.entry.correctsEntryId).toBe('gone');
  });

  it('never drops an entry', () => {
    const many = Array.from({ length: 50 }, (_, i) =>
      entry(`e${i}`, `2026-03-06T10:${String(i).padStart(2, '0')}:00Z`, {
        correctsEntryId: i > 0 && i % 3 === 0 ? `e${i - 1}` : undefined,
      }),
    );
    expect(buildLogTimeline(many)).toHaveLength(50);
  });
});

describe('formatting helpers', () => {
  it('formats sizes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
    expect(formatBytes(-1)).toBe('—');
  });

  it('colours statuses distinctly', () => {
    const colours = new Set(
      (['planned', 'checked-in', 'checked-out'] as const).map((s) => visitStatusColor(s)),
    );
    expect(colours.size).toBe(3);
  });

  it('submits on Ctrl/Cmd+Enter only, not while an input method composes', () => {
    const base = { key: 'Enter', ctrlKey: false, metaKey: false };
    expect(isSubmitShortcut(base)).toBe(false);
    expect(isSubmitShortcut({ ...base, ctrlKey: true })).toBe(true);
    expect(isSubmitShortcut({ ...base, metaKey: true })).toBe(true);
    expect(isSubmitShortcut({ ...base, ctrlKey: true, isComposing: true })).toBe(false);
    expect(isSubmitShortcut({ ...base, key: 'a', ctrlKey: true })).toBe(false);
  });

  it('recognises images and guesses media types', () => {
    expect(isImage('image/png')).toBe(true);
    expect(isImage('image/svg+xml')).toBe(false); // scripts could hide in SVG: shown as a file
    expect(isImage('text/plain')).toBe(false);
    expect(mimeTypeOf('a.png', 'image/png')).toBe('image/png');
    expect(mimeTypeOf('kubelet.log', '')).toBe('text/plain');
    expect(mimeTypeOf('dump.bin', '')).toBe('application/octet-stream');
  });

  it('starts corrections of evidence as notes', () => {
    expect(correctionKind('photo')).toBe('note');
    expect(correctionKind('file')).toBe('note');
    expect(correctionKind('command')).toBe('command');
    expect(correctionKind('note')).toBe('note');
  });
});
