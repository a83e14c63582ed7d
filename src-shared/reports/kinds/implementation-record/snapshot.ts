/**
 * The implementation record's snapshot (实施记录, issue 9 §4 and §6): the shared procedure record
 * of a deployment checklist run (PDS implementation). Numbers `…-IMP-yyyyMMdd-nnnn`.
 */
import { DOCUMENT_KIND_CODES } from '../../document-number';
import type { ProcedureRecordSnapshot } from '../../procedure-record/snapshot';
import { recordKindFunctions } from '../../procedure-record/snapshot';

export type ImplementationRecordSnapshot = ProcedureRecordSnapshot & {
  kind: 'implementation-record';
};

const fns = recordKindFunctions(
  'implementation-record',
  DOCUMENT_KIND_CODES['implementation-record'],
);

export const validateImplementationRecordSnapshot = fns.validate;
/** The implementation record of a deployment run as it stands. */
export const implementationRecordFrom = fns.from;
