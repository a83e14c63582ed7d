import { describe, expect, it } from 'vitest';
import type { ProcedureRunDoc } from '../../../src-shared/db/types';
import {
  pauseRun,
  resumeRun,
  startRun,
  startStep,
} from '../../../src-shared/domain/procedures/procedure-ops';
import { runToSave, sameEvents, shownRun } from './optimistic-run';
import type { OptimisticRun } from './optimistic-run';

const WANG = { by: '王磊', zone: 'Asia/Shanghai' };
const CHEN = { by: '陈静', zone: 'Europe/Berlin' };

function clock(start = Date.parse('2026-12-20T14:00:00Z')) {
  let t = start;
  return () => {
    t += 60_000;
    return new Date(t).toISOString();
  };
}

function newRun(now: () => string): ProcedureRunDoc {
  return startRun(
    {
      customerId: 'C1',
      siteId: 'S1',
      siteZone: 'Asia/Shanghai',
      templateId: 'dce5-minor-upgrade',
      templateVersion: 1,
      clusterId: 'K1',
      fromVersion: '5.0.3',
      toVersion: '5.1.0',
    },
    WANG,
    now(),
  );
}

/** The stored run as the database answers it: an equal copy, never the same object. */
const stored = (run: ProcedureRunDoc): ProcedureRunDoc => structuredClone(run);

describe('the run screen shows an action before its save', () => {
  it('shows the result while the save is under way, and keeps it once the save returns it', () => {
    const now = clock();
    const base = stored(newRun(now));
    const next = startStep(base, 'nodes-ready', WANG, now());
    const entry: OptimisticRun = { base, next };
    expect(shownRun(base, null)).toBe(base);
    expect(shownRun(base, entry)).toBe(next);
    // The save wrote exactly what is shown: the screen keeps the same object (no second render).
    const saved = runToSave(stored(base), entry, () => {
      throw new Error('not applied again when nothing changed meanwhile');
    });
    expect(sameEvents(saved.events, next.events)).toBe(true);
    const back = stored(saved);
    expect(shownRun(back, entry)).toBe(next);
    expect(shownRun(back, entry)).toBe(next);
  });

  it('shows the stored run once anything else changes it after the save came back', () => {
    const now = clock();
    const base = stored(newRun(now));
    const next = startStep(base, 'nodes-ready', WANG, now());
    const entry: OptimisticRun = { base, next };
    const back = stored(runToSave(stored(base), entry, (d) => d));
    expect(shownRun(back, entry)).toBe(next);
    // A sync merge that changed a field other than the log: same events, a new stored state.
    const merged = { ...stored(back), window: undefined, updatedAt: now() };
    expect(shownRun(merged, entry)).toBe(merged);
  });

  it('applies the operation again to a run a sync changed while it was saved, keeping both', () => {
    const now = clock();
    const base = stored(newRun(now));
    const op = (d: ProcedureRunDoc) => startStep(d, 'nodes-ready', WANG, now());
    const entry: OptimisticRun = { base, next: op(base) };
    // Meanwhile a colleague's event arrived by sync.
    const synced = stored(startStep(base, 'etcd-health', CHEN, now()));
    expect(shownRun(synced, entry)).toBe(synced);
    const saved = runToSave(synced, entry, op);
    expect(saved.events.map((e) => e.kind)).toEqual(['started', 'step-started', 'step-started']);
    expect(saved.events.map((e) => e.stepId)).toEqual([undefined, 'etcd-health', 'nodes-ready']);
    expect(saved.events[1]!.by).toBe(CHEN.by);
  });

  it('a refused operation on the newer run refuses the save (the screen then shows the stored run)', () => {
    const now = clock();
    const base = stored(newRun(now));
    const op = (d: ProcedureRunDoc) => resumeRun(d, WANG, now());
    const paused = stored(pauseRun(base, '等待客户确认窗口', CHEN, now()));
    const entry: OptimisticRun = { base: paused, next: op(paused) };
    // Another laptop resumed it first: resuming again is refused, so nothing is written twice.
    const resumedElsewhere = stored(resumeRun(paused, CHEN, now()));
    expect(() => runToSave(resumedElsewhere, entry, op)).toThrow();
    expect(shownRun(resumedElsewhere, entry)).toBe(resumedElsewhere);
  });
});
