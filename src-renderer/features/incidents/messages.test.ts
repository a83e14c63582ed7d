import { describe, expect, it } from 'vitest';
import type { TimelineEventKind } from '../../../src-shared/db/types';
import { messages } from './messages';
import { INCIDENT_STATUSES } from './incident-view-model';

const EVENT_KINDS: readonly TimelineEventKind[] = [
  'opened',
  'contact',
  'first-response',
  'update',
  'escalation',
  'workaround',
  'resolution',
  'reclassification',
  'pause',
  'resume',
  'dispatch',
  'on-site-arrival',
  'closure',
  'note',
];

/** This feature's source texts, read by vite at build time (no node:fs in the renderer). */
const sources = import.meta.glob<string>(['./*.ts', './*.tsx', '!./*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

function usedKeys(): string[] {
  const keys = new Set<string>();
  for (const src of Object.values(sources)) {
    for (const m of src.matchAll(/['"](incidents\.[\w.-]+)['"]/g)) keys.add(m[1]!);
  }
  return [...keys];
}

describe('incidents messages', () => {
  it('has the same keys in both languages, all namespaced', () => {
    expect(Object.keys(messages.en).sort()).toEqual(Object.keys(messages.zh).sort());
    for (const key of Object.keys(messages.zh)) expect(key).toMatch(/^incidents\./);
  });

  it('defines every literal key the screens use', () => {
    const used = usedKeys();
    expect(used.length).toBeGreaterThan(30);
    const missing = used.filter((k) => !(k in messages.zh));
    expect(missing).toEqual([]);
  });

  it('names every status, timeline event kind, list filter and detail field', () => {
    const keys = [
      ...INCIDENT_STATUSES.map((s) => `incidents.status.${s}`),
      ...EVENT_KINDS.map((k) => `incidents.event.${k}`),
      ...['active', 'closed', 'all'].map((f) => `incidents.filter.${f}`),
      ...['description', 'impact', 'rootCause', 'workaround'].map((f) => `incidents.details.${f}`),
    ];
    expect(keys.filter((k) => !(k in messages.zh))).toEqual([]);
  });
});
