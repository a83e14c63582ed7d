/**
 * Validation of each deliverable kind's snapshot when it arrives as data (a file given to the
 * CLI, a document from the store). Loads ajv for the older kinds: main process, server, CLI only.
 */
import { parsePlan } from '../../domain/planning/plan-schema';
import type { DocumentKind } from '../document-number';
import { formatDocumentNumber } from '../document-number';
import type { SnapshotValidation } from '../validate';
import { validateFaultSnapshot, validateInspectionSnapshot } from '../validate';
import { buildPlanningSnapshot, validatePlanningSnapshot } from './planning-document/snapshot';
import { validateOpsReportSnapshot } from './ops-service-report/snapshot';
import { validateAcceptanceSnapshot } from './acceptance-report/snapshot';
import { validateEntrySnapshot } from './entry-report/snapshot';
import { validateUpgradeRecordSnapshot } from './upgrade-record/snapshot';
import { validateImplementationRecordSnapshot } from './implementation-record/snapshot';

export interface SnapshotInputOptions {
  /** Issue time for a snapshot made from bare input (a plan given to `report render plan`). */
  now: Date;
}

/**
 * Turns input JSON into a valid snapshot of `kind`. The planning document also accepts a bare
 * plan, which becomes a first-revision draft issued `now`.
 */
export const SNAPSHOT_INPUTS: Record<
  DocumentKind,
  (value: unknown, options: SnapshotInputOptions) => SnapshotValidation<unknown>
> = {
  'inspection-report': (v) => validateInspectionSnapshot(v),
  'ops-service-report': (v) => validateOpsReportSnapshot(v),
  'acceptance-report': (v) => validateAcceptanceSnapshot(v),
  'entry-report': (v) => validateEntrySnapshot(v),
  'upgrade-record': (v) => validateUpgradeRecordSnapshot(v),
  'implementation-record': (v) => validateImplementationRecordSnapshot(v),
  'fault-report': (v) => validateFaultSnapshot(v),
  'planning-document': (v, { now }) => {
    if (
      typeof v === 'object' &&
      v !== null &&
      (v as { kind?: unknown }).kind === 'planning-document'
    ) {
      return validatePlanningSnapshot(v);
    }
    const parsed = parsePlan(v);
    if (!parsed.ok)
      return { ok: false, errors: parsed.errors.map((e) => `${e.field || '/'}: ${e.message}`) };
    const extra = parsed.plan as Record<string, unknown>;
    const text = (key: string, fallback: string) =>
      typeof extra[key] === 'string' && extra[key] !== '' ? extra[key] : fallback;
    const issuedAt = now.toISOString();
    return {
      ok: true,
      snapshot: buildPlanningSnapshot({
        plan: parsed.plan,
        documentNumber: formatDocumentNumber('planning-document', issuedAt.slice(0, 10), 1),
        issuedAt,
        customer: { name: text('customer', '—') },
        site: { name: text('site', '—'), timeZone: text('timeZone', 'Asia/Shanghai') },
        environment: text('environment', ''),
        engineers: [{ name: text('engineer', '—') }],
      }),
    };
  },
};
