/**
 * The deliverable kinds, declared once: each is one module (snapshot type and schema, builder,
 * messages, document-number code, sample). The CLI's `report render` and the document numbers
 * read this list; a new kind adds a folder here and one line below.
 *
 * Pure (no ajv): the renderer's worker may import it. Validation of snapshots arriving as data is
 * in ./validators.
 */
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Lang } from '../../domain/localized';
import type { Localized } from '../../policy/types';
import type { DocumentKind } from '../document-number';
import { DOCUMENT_KIND_CODES } from '../document-number';
import { buildFaultReport } from '../fault-report';
import { buildInspectionReport } from '../inspection-report';
import type { FaultReportSnapshot, InspectionSnapshot, ReportSnapshot } from '../snapshot-types';
import { buildPlanningDocument } from './planning-document/build';
import type { PlanningSnapshot } from './planning-document/snapshot';
import { buildOpsServiceReport } from './ops-service-report/build';
import type { OpsReportSnapshot } from './ops-service-report/snapshot';
import { buildAcceptanceReport } from './acceptance-report/build';
import type { AcceptanceSnapshot } from './acceptance-report/snapshot';
import { buildEntryReport } from './entry-report/build';
import type { EntrySnapshot } from './entry-report/snapshot';
import { buildUpgradeRecord } from './upgrade-record/build';
import type { UpgradeRecordSnapshot } from './upgrade-record/snapshot';
import { buildImplementationRecord } from './implementation-record/build';
import type { ImplementationRecordSnapshot } from './implementation-record/snapshot';

export interface DeliverableKindModule<S> {
  kind: DocumentKind;
  /** The word the CLI uses: `fieldbook report render <cliName>`. */
  cliName: string;
  /** The code in the document number (`FB-PLN-20261203-0001`). */
  numberCode: string;
  title: Localized;
  build: (snapshot: S, lang: Lang) => TDocumentDefinitions;
}

function kind<S>(m: Omit<DeliverableKindModule<S>, 'numberCode'>): DeliverableKindModule<S> {
  return { ...m, numberCode: DOCUMENT_KIND_CODES[m.kind] };
}

export const DELIVERABLE_KINDS = [
  kind<InspectionSnapshot>({
    kind: 'inspection-report',
    cliName: 'inspection',
    title: { zh: '巡检报告', en: 'Inspection report' },
    build: buildInspectionReport,
  }),
  kind<FaultReportSnapshot>({
    kind: 'fault-report',
    cliName: 'fault',
    title: { zh: '故障报告', en: 'Fault report' },
    build: buildFaultReport,
  }),
  kind<PlanningSnapshot>({
    kind: 'planning-document',
    cliName: 'plan',
    title: { zh: '规划文档', en: 'Deployment planning document' },
    build: buildPlanningDocument,
  }),
  kind<OpsReportSnapshot>({
    kind: 'ops-service-report',
    cliName: 'ops',
    title: { zh: '运维服务报告', en: 'Operations service report' },
    build: buildOpsServiceReport,
  }),
  kind<AcceptanceSnapshot>({
    kind: 'acceptance-report',
    cliName: 'acceptance',
    title: { zh: '验收报告', en: 'Acceptance report' },
    build: buildAcceptanceReport,
  }),
  kind<EntrySnapshot>({
    kind: 'entry-report',
    cliName: 'entry',
    title: { zh: '运维进场报告', en: 'Operations entry report' },
    build: buildEntryReport,
  }),
  kind<UpgradeRecordSnapshot>({
    kind: 'upgrade-record',
    cliName: 'upgrade',
    title: { zh: '升级记录', en: 'Upgrade record' },
    build: buildUpgradeRecord,
  }),
  kind<ImplementationRecordSnapshot>({
    kind: 'implementation-record',
    cliName: 'implementation',
    title: { zh: '实施记录', en: 'Implementation record' },
    build: buildImplementationRecord,
  }),
] as const;

export function deliverableKindByCliName(
  name: string,
): (typeof DELIVERABLE_KINDS)[number] | undefined {
  return DELIVERABLE_KINDS.find((k) => k.cliName === name);
}

/** The pdfmake definition of any deliverable's snapshot, by its kind (the worker's one entry). */
export function buildDeliverable(snapshot: ReportSnapshot, lang: Lang): TDocumentDefinitions {
  const module = DELIVERABLE_KINDS.find((k) => k.kind === snapshot.kind);
  if (module === undefined) throw new Error(`no deliverable kind ${String(snapshot.kind)}`);
  // The module was looked up by the snapshot's own kind, so its builder takes this snapshot.
  return (module.build as (s: ReportSnapshot, l: Lang) => TDocumentDefinitions)(snapshot, lang);
}

/** The CLI/worker name of a kind (`inspection`, `fault`, `plan`). */
export function cliNameOf(kind: DocumentKind): string {
  return DELIVERABLE_KINDS.find((k) => k.kind === kind)?.cliName ?? kind;
}
