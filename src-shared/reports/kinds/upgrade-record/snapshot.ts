/**
 * The upgrade record's snapshot (升级记录, issue 9 §6): the shared procedure record of an
 * upgrade run with its versions and maintenance window. Numbers `…-UPG-yyyyMMdd-nnnn`.
 */
import { DOCUMENT_KIND_CODES } from '../../document-number';
import type { ProcedureRecordSnapshot } from '../../procedure-record/snapshot';
import { recordKindFunctions } from '../../procedure-record/snapshot';

export type UpgradeRecordSnapshot = ProcedureRecordSnapshot & { kind: 'upgrade-record' };

const fns = recordKindFunctions('upgrade-record', DOCUMENT_KIND_CODES['upgrade-record']);

export const validateUpgradeRecordSnapshot = fns.validate;
/** The upgrade record of an upgrade run as it stands. */
export const upgradeRecordFrom = fns.from;
