/**
 * Deliverable reports: snapshot types, snapshot builders, and the pure builders that turn a
 * snapshot into a pdfmake document definition (zh default, en). Rendering to bytes happens in
 * the main process (src-main/services/pdf-render) or, later, a Web Worker; validation of
 * snapshots arriving as data is in ./validate (it loads ajv, so it is not re-exported here).
 */
export type * from './snapshot-types';
export { buildInspectionReport } from './inspection-report';
export type { InspectionReportOptions } from './inspection-report';
export { buildFaultReport } from './fault-report';
export {
  buildInspectionSnapshot,
  inspectionConsistencyProblems,
  inspectionFigures,
  inspectedClusters,
} from './inspection-snapshot';
export type { InspectionFigures, InspectionSnapshotInput } from './inspection-snapshot';
export {
  evidencePhotoDataUrl,
  inspectionContract,
  inspectionEvidencePhotos,
  inspectionSnapshotFrom,
} from './inspection-snapshot-from';
export type {
  InspectionEvidencePhoto,
  InspectionSnapshotFromInput,
} from './inspection-snapshot-from';
export { buildFaultSnapshot, faultSnapshotFrom, targetText } from './fault-snapshot';
export type { FaultSnapshotInput, FaultSnapshotOptions } from './fault-snapshot';
export { FONT_FAMILY, qrText } from './pdf-common';
export { reportMessages } from './report-messages';
export type { ReportMessages } from './report-messages';
export {
  DOCUMENT_KIND_CODES,
  formatDocumentNumber,
  nextRevision,
  parseDocumentNumber,
} from './document-number';
export type { ParsedDocumentNumber } from './document-number';
