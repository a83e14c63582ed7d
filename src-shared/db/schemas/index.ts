import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import type { CollectionName, DocByCollection } from '../types';
import { clusterMigrationStrategies, clusterSchema } from './clusters';
import { contractMigrationStrategies, contractSchema } from './contracts';
import { customerMigrationStrategies, customerSchema } from './customers';
import { deliverableMigrationStrategies, deliverableSchema } from './deliverables';
import { incidentMigrationStrategies, incidentSchema } from './incidents';
import { inspectionMigrationStrategies, inspectionSchema } from './inspections';
import { procedureRunMigrationStrategies, procedureRunSchema } from './procedure-runs';
import { opsRecordMigrationStrategies, opsRecordSchema } from './ops-records';
import { planMigrationStrategies, planSchema } from './plans';
import { siteMigrationStrategies, siteSchema } from './sites';
import { visitLogEntryMigrationStrategies, visitLogEntrySchema } from './visit-log-entries';
import { visitMigrationStrategies, visitSchema } from './visits';

export { clusterSchema, clusterMigrationStrategies } from './clusters';
export { contractSchema, contractMigrationStrategies } from './contracts';
export { customerSchema, customerMigrationStrategies } from './customers';
export { deliverableSchema, deliverableMigrationStrategies } from './deliverables';
export { incidentSchema, incidentMigrationStrategies, TIMELINE_EVENT_KINDS } from './incidents';
export { inspectionSchema, inspectionMigrationStrategies } from './inspections';
export { planSchema, planMigrationStrategies } from './plans';
export { siteSchema, siteSchemaV0, siteMigrationStrategies, migrateSiteV0ToV1 } from './sites';
export {
  visitLogEntrySchema,
  visitLogEntryMigrationStrategies,
  attachmentRefSchema,
} from './visit-log-entries';
export { visitSchema, visitMigrationStrategies } from './visits';
export { procedureRunSchema, procedureRunMigrationStrategies } from './procedure-runs';
export { opsRecordSchema, opsRecordMigrationStrategies } from './ops-records';
export { ID_MAX_LENGTH, INSTANT_PATTERN } from './common';

/** All collections in the order they are created (12 of RxDB's 13-collection budget: one stays free for server-published data). */
/** All collections in the order they are created (10 of RxDB's 13-collection budget). */
export const COLLECTION_NAMES: readonly CollectionName[] = [
  'customers',
  'sites',
  'clusters',
  'contracts',
  'visits',
  'visitLogEntries',
  'incidents',
  'inspections',
  'deliverables',
  'procedureRuns',
  'opsRecords',
  'plans',
];

export const COLLECTION_SCHEMAS: { [K in CollectionName]: RxJsonSchema<DocByCollection[K]> } = {
  customers: customerSchema,
  sites: siteSchema,
  clusters: clusterSchema,
  contracts: contractSchema,
  visits: visitSchema,
  visitLogEntries: visitLogEntrySchema,
  incidents: incidentSchema,
  inspections: inspectionSchema,
  deliverables: deliverableSchema,
  procedureRuns: procedureRunSchema,
  opsRecords: opsRecordSchema,
  plans: planSchema,
};

/** Every schema version bump adds its step here, in the same commit (CONVENTIONS 7). */
export const MIGRATION_STRATEGIES: { [K in CollectionName]: MigrationStrategies } = {
  customers: customerMigrationStrategies,
  sites: siteMigrationStrategies,
  clusters: clusterMigrationStrategies,
  contracts: contractMigrationStrategies,
  visits: visitMigrationStrategies,
  visitLogEntries: visitLogEntryMigrationStrategies,
  incidents: incidentMigrationStrategies,
  inspections: inspectionMigrationStrategies,
  deliverables: deliverableMigrationStrategies,
  procedureRuns: procedureRunMigrationStrategies,
  opsRecords: opsRecordMigrationStrategies,
  plans: planMigrationStrategies,
};
