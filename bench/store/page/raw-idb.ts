/**
 * The physical limit of the browser's storage: plain IndexedDB puts of the benchmark's records
 * into stores with the same indexes as the RxDB schemas. Shared by the store and laptop-sync
 * benchmarks, so both compare against the same figure.
 */
import { COLLECTION_NAMES } from '../../../src-shared/db/schemas/index';
import type { CollectionName } from '../../../src-shared/db/types';
import type { ImportFigures } from '../figures';
import type { Workload } from './workload';

export const RAW_DB_NAME = 'raw-indexeddb-bench';

function requestPromise<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function transactionDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

/** Same indexes as the RxDB schemas, so the raw figure pays for index maintenance too. */
const RAW_INDEXES: Record<CollectionName, string[][]> = {
  customers: [['name']],
  sites: [['customerId', 'name']],
  clusters: [['siteId', 'name'], ['customerId']],
  contracts: [['customerId', 'endDate']],
  visits: [
    ['customerId', 'createdAt'],
    ['siteId', 'createdAt'],
    ['status', 'createdAt'],
  ],
  visitLogEntries: [['visitId', 'at']],
  incidents: [
    ['status', 'dueAt'],
    ['customerId', 'openedAt'],
    ['siteId', 'openedAt'],
  ],
  inspections: [
    ['customerId', 'startedAt'],
    ['status', 'startedAt'],
  ],
  plans: [['customerId'], ['clusterId']],
  deliverables: [
    ['customerId', 'createdAt'],
    ['documentNumber', 'createdAt'],
    ['sourceId', 'createdAt'],
  ],
  procedureRuns: [['customerId', 'startedAt']],
  opsRecords: [
    ['customerId', 'kind', 'openedAt'],
    ['kind', 'state'],
  ],
};

export async function deleteIdb(name: string): Promise<void> {
  await requestPromise(indexedDB.deleteDatabase(name));
}

/**
 * The physical limit: plain IndexedDB puts of the same records, in transactions of
 * `chunkSize` (the RxDB import's chunking) into stores with the same indexes.
 */
export async function rawImport(workload: Workload, chunkSize: number): Promise<ImportFigures> {
  await deleteIdb(RAW_DB_NAME);
  const open = indexedDB.open(RAW_DB_NAME, 1);
  open.onupgradeneeded = () => {
    for (const name of COLLECTION_NAMES) {
      const store = open.result.createObjectStore(name, { keyPath: 'id' });
      for (const fields of RAW_INDEXES[name]) {
        store.createIndex(fields.join('+'), fields.length === 1 ? fields[0]! : fields);
      }
    }
  };
  const idb = await requestPromise(open);
  const perCollection: ImportFigures['perCollection'] = {};
  let docs = 0;
  const t0 = performance.now();
  for (const name of COLLECTION_NAMES) {
    const list = workload[name] as object[];
    const c0 = performance.now();
    for (let i = 0; i < list.length; i += chunkSize) {
      const tx = idb.transaction(name, 'readwrite');
      const store = tx.objectStore(name);
      for (const doc of list.slice(i, i + chunkSize)) store.put(doc);
      await transactionDone(tx);
    }
    perCollection[name] = { docs: list.length, ms: performance.now() - c0 };
    docs += list.length;
  }
  const ms = performance.now() - t0;
  idb.close();
  await deleteIdb(RAW_DB_NAME);
  return { docs, ms, docsPerSecond: (docs / ms) * 1000, perCollection };
}
