/**
 * Procedure templates: deployment checklists, upgrade / rollback runbooks and troubleshooting
 * guides as versioned, JSON-able data (no functions), shipped with the policy packs and
 * referenced by id + version, like the inspection templates.
 *
 * Versioning rule: a published `(id, version)` is never edited; a change ships as a new version.
 * A run (`procedureRuns`) names the version it was started with and keeps working with it.
 * Step ids are stable across versions of one template.
 *
 * `procedure-template.schema.json` beside this file is the JSON Schema of this type;
 * `procedureTemplateProblems` adds what a schema cannot say (references between steps).
 */
import type { EvidenceKind, PolicyPackId, ProcedureKind, ProductName } from '../../db/types';
import type { Comparator } from '../templates/types';
import type { Localized } from '../types';

export type { EvidenceKind, ProcedureKind } from '../../db/types';

export const EVIDENCE_KINDS: readonly EvidenceKind[] = [
  'output',
  'photo',
  'file',
  'value',
  'signature',
];

/** Who may carry out a step (shown on the step; the run records who actually did it). */
export type ProcedureRole = 'engineer' | 'lead-engineer' | 'customer-admin' | 'approver';

/**
 * A numeric limit read from pasted output: every match of `capture` (a regular expression whose
 * first group is a number) must satisfy `number <op> value`. With no match the check fails:
 * output without the number proves nothing.
 */
export interface OutputThreshold {
  capture: string;
  op: Comparator;
  value: number;
  unit?: string;
}

/**
 * The expected result of a step. `text` says it for the engineer; `pattern` (must match),
 * `absent` (must not match) and `threshold` are checked against pasted output or an entered
 * value. Patterns are JavaScript regular expressions, matched case-sensitively and multi-line.
 */
export interface ExpectedResult {
  text: Localized;
  pattern?: string;
  absent?: string;
  threshold?: OutputThreshold;
}

/**
 * - `reversible`: the step changes the system and `rollback` names the rollback steps (in the
 *   template's rollback sections) that undo it, in the order they run;
 * - `irreversible`: past it only forward-fix: shown in red, confirmed before it starts;
 *   `forwardFix` names the steps offered when something fails after it.
 * A step without a checkpoint changes nothing (a check, a reading).
 */
export type Checkpoint =
  { class: 'reversible'; rollback: string[] } | { class: 'irreversible'; forwardFix: string[] };

/** Troubleshooting: when pasted output matches `pattern`, the guide continues at `goTo`. */
export interface StepBranch {
  pattern: string;
  goTo: string;
  label: Localized;
}

export interface ProcedureStep {
  /** Stable across versions; unique within the template. */
  id: string;
  title: Localized;
  /** What to do, for steps without a single command (or in addition to it). */
  instruction: Localized;
  /** Shell / kubectl / etcdctl / installer command, shown for copying; never run by the app. */
  command?: string;
  expected: ExpectedResult;
  plannedMinutes: number;
  /** Evidence required before the step can be done (empty: a plain confirmation). */
  evidence: EvidenceKind[];
  role: ProcedureRole;
  checkpoint?: Checkpoint;
  /** Gate: the step needs an approval given by someone other than the person doing it. */
  approval?: { role: ProcedureRole; expiresHours: number };
  /** Troubleshooting decision: the first matching branch picks the next step. */
  branches?: StepBranch[];
  /** Troubleshooting fix leaf: done ends the guide. */
  end?: boolean;
  /**
   * A check the app makes from the laptop's own data and attaches as the step's value evidence
   * (the expected result then reads it like any value): `no-severe-incidents` counts the
   * unresolved level 1/2 incidents of the run's cluster.
   */
  auto?: 'no-severe-incidents';
}

export interface ProcedureSection {
  id: string;
  title: Localized;
  /**
   * `main` sections run in order; `rollback` sections hold the steps that undo reversible
   * steps and run only after a rollback was entered; `forward-fix` the repair steps offered
   * after an irreversible step.
   */
  kind: 'main' | 'rollback' | 'forward-fix';
  /**
   * Gating pre-checks (a `main` section): no step of a later section may start until every step
   * of this one is done, or waived with a reason by a second person (not the executor).
   */
  gate?: boolean;
  steps: ProcedureStep[];
}

export interface ProcedureTemplate {
  id: string;
  version: number;
  kind: ProcedureKind;
  packId: PolicyPackId;
  products: ProductName[];
  name: Localized;
  description: Localized;
  /** `yyyy-MM-dd`. */
  publishedAt: string;
  changes?: Localized;
  sections: ProcedureSection[];
}
