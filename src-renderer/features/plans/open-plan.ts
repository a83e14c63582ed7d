import type { ClusterDoc } from '../../../src-shared/db/types';
import { newId } from '../../../src-shared/domain/ids';
import { emptyPlan, planDocFields } from '../../../src-shared/domain/planning/plan-doc';
import { nowInstant } from '../../app/clock';
import type { FieldbookDatabase } from '../../db/database';
import { newRowId } from './plan-grid';

/** The id of the cluster's plan, created (empty, the cluster's product and version) if none. */
export async function openPlanOfCluster(
  db: FieldbookDatabase,
  cluster: ClusterDoc,
): Promise<string> {
  const existing = await db.plans.findOne({ selector: { clusterId: cluster.id } }).exec();
  if (existing) return existing.id;
  const at = nowInstant();
  const doc = await db.plans.insert({
    id: newId(),
    customerId: cluster.customerId,
    clusterId: cluster.id,
    status: 'draft',
    ...planDocFields(emptyPlan(cluster.product, cluster.version), newRowId),
    createdAt: at,
    updatedAt: at,
  });
  return doc.id;
}
