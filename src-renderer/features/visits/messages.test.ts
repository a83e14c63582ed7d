import { describe, expect, it } from 'vitest';
import { VISIT_LOG_KINDS, VISIT_PURPOSES } from '../../../src-shared/domain/visit-ops';
import { messages } from './messages';
import { VISIT_STATUSES } from './visit-view-model';

/** This feature's source texts, read by vite at build time (no node:fs in the renderer). */
const sources = import.meta.glob<string>(['./*.ts', './*.tsx', '!./*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

function usedKeys(): string[] {
  const keys = new Set<string>();
  for (const src of Object.values(sources)) {
    for (const m of src.matchAll(/['"](visits\.[\w.-]+)['"]/g)) keys.add(m[1]!);
  }
  return [...keys];
}

describe('visits messages', () => {
  it('has the same keys in both languages, all namespaced', () => {
    expect(Object.keys(messages.en).sort()).toEqual(Object.keys(messages.zh).sort());
    for (const key of Object.keys(messages.zh)) expect(key).toMatch(/^visits\./);
  });

  it('defines every literal key the screens use', () => {
    const used = usedKeys();
    expect(used.length).toBeGreaterThan(30);
    const missing = used.filter((k) => !(k in messages.zh));
    expect(missing).toEqual([]);
  });

  it('names every purpose, status and log kind', () => {
    const keys = [
      ...VISIT_PURPOSES.map((p) => `visits.purpose.${p}`),
      ...VISIT_STATUSES.map((s) => `visits.status.${s}`),
      ...VISIT_LOG_KINDS.map((k) => `visits.log.kind.${k}`),
    ];
    expect(keys.filter((k) => !(k in messages.zh))).toEqual([]);
  });
});
