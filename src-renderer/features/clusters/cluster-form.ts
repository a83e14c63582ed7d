/** Form values ⇄ cluster documents (pure; unit-tested). */
import type { ClusterDoc, EnvironmentKind, ProductName } from '../../../src-shared/db/types';
import { clusterSchema } from '../../../src-shared/db/schemas/clusters';
import { optionalText } from '../../components/form-rules';

export const ENVIRONMENTS: readonly EnvironmentKind[] = ['dev', 'test', 'prod'];
export const PRODUCTS: readonly ProductName[] = ['DCE', 'Apsara Stack', 'ZStack'];

/** The store's own version pattern, so the form accepts exactly what the schema accepts. */
export const VERSION_PATTERN = new RegExp(
  (clusterSchema.properties.version as { pattern: string }).pattern,
);

const NODES = clusterSchema.properties.controlPlaneNodes as { minimum: number; maximum: number };
export const NODE_RANGE = { min: NODES.minimum, max: NODES.maximum };

export interface ClusterFormValues {
  siteId: string;
  name: string;
  environment: EnvironmentKind;
  product: ProductName;
  version: string;
  controlPlaneNodes: number;
  workerNodes: number;
  notes?: string;
}

export function clusterToForm(doc: ClusterDoc): ClusterFormValues {
  return {
    siteId: doc.siteId,
    name: doc.name,
    environment: doc.environment,
    product: doc.product,
    version: doc.version,
    controlPlaneNodes: doc.controlPlaneNodes,
    workerNodes: doc.workerNodes,
    notes: doc.notes ?? '',
  };
}

function nodeCount(value: unknown, field: string): number {
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < NODE_RANGE.min ||
    value > NODE_RANGE.max
  ) {
    throw new Error(`${field} must be a whole number from ${NODE_RANGE.min} to ${NODE_RANGE.max}`);
  }
  return value;
}

export function clusterFromForm(
  values: ClusterFormValues,
  now: string,
  existing: ClusterDoc | { id: string; customerId: string },
): ClusterDoc {
  const name = optionalText(values.name);
  if (name === undefined) throw new Error('cluster name is required');
  const version = (values.version ?? '').trim();
  if (!VERSION_PATTERN.test(version)) throw new Error(`version "${version}" is not x.y.z`);
  if (!ENVIRONMENTS.includes(values.environment)) throw new Error('unknown environment');
  if (!PRODUCTS.includes(values.product)) throw new Error('unknown product');
  if (optionalText(values.siteId) === undefined) throw new Error('site is required');
  const doc: ClusterDoc = {
    id: existing.id,
    customerId: existing.customerId,
    createdAt: 'createdAt' in existing ? existing.createdAt : now,
    updatedAt: now,
    siteId: values.siteId,
    name,
    environment: values.environment,
    product: values.product,
    version,
    controlPlaneNodes: nodeCount(values.controlPlaneNodes, 'controlPlaneNodes'),
    workerNodes: nodeCount(values.workerNodes, 'workerNodes'),
  };
  const notes = optionalText(values.notes);
  if (notes !== undefined) doc.notes = notes;
  return doc;
}
