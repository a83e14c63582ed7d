/**
 * Drives a real run of a template through the procedure operations for the CLI samples of the
 * procedure records (`fieldbook sample upgrade|implementation`), so a sample is a record the app
 * itself could have made. Deterministic apart from event ids, which no record prints.
 */
import type { ProcedureRunDoc } from '../../db/types';
import type { Actor, EvidenceInput } from '../../domain/procedures/procedure-ops';
import {
  attachEvidence,
  completeStep,
  failStep,
  startStep,
} from '../../domain/procedures/procedure-ops';

/** A clock that moves on by `minutes` (default 1) per call. */
export function sampleClock(startIso: string): (minutes?: number) => string {
  let t = Date.parse(startIso);
  return (minutes = 1) => {
    t += minutes * 60_000;
    return new Date(t).toISOString();
  };
}

export interface SampleStep {
  id: string;
  evidence?: EvidenceInput[];
  /** Minutes the step takes, from its start to done (default 1). */
  minutes?: number;
  /** Fails the step with this reason instead of completing it. */
  fail?: string;
  who?: Actor;
}

/** Starts each step (confirming an irreversible one), attaches its evidence, completes or fails it. */
export function driveSteps(
  run: ProcedureRunDoc,
  steps: SampleStep[],
  who: Actor,
  now: (minutes?: number) => string,
): ProcedureRunDoc {
  let r = run;
  for (const s of steps) {
    const by = s.who ?? who;
    r = startStep(r, s.id, by, now(), { confirmIrreversible: true });
    for (const e of s.evidence ?? []) r = attachEvidence(r, s.id, e, by, now(0));
    r =
      s.fail !== undefined
        ? failStep(r, s.id, s.fail, by, now(s.minutes ?? 1))
        : completeStep(r, s.id, by, now(s.minutes ?? 1));
  }
  return r;
}

/** A fake blob reference (the sample records name files; they are not in any store). */
export function sampleAttachment(name: string, mimeType: string, seed: string) {
  let h = 0;
  for (const ch of seed) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const hex = h.toString(16).padStart(8, '0');
  return { sha256: hex.repeat(8), name, mimeType, size: 40_000 + (h % 100_000) };
}
