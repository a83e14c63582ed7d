/**
 * Types shared by the benchmark page (browser) and its runner (Node): the page's API on
 * `window.fieldbookBench` and the figures it returns. No DOM and no Node types here.
 */

export interface WorkloadSize {
  customers: number;
  sitesPerCustomer: number;
  clustersPerCustomer: number;
  visits: number;
  entriesPerVisit: number;
  incidents: number;
}

export interface ImportFigures {
  docs: number;
  ms: number;
  docsPerSecond: number;
  perCollection: Record<string, { docs: number; ms: number }>;
}

export interface ImportResult {
  generateMs: number;
  openEmptyMs: number;
  raw: ImportFigures;
  rxdb: ImportFigures;
  storageUsageBytes: number | null;
}

export interface QueryFigures {
  runs: number;
  p50: number;
  p95: number;
  max: number;
  resultSize: number;
}

export interface QueriesResult {
  timeline: QueryFigures;
  openIncidents: QueryFigures;
  openIncidentsWarmMeanMs: number;
  counts: { visitLogEntries: number; openIncidents: number };
}

export interface ColdStartFigures {
  /** performance.now() when the page's module started: loading and parsing the bundle. */
  scriptStart: number;
  dbOpen: number;
  firstResult: number;
  rendered: number;
  customers: number;
}

export interface StoreBenchApi {
  reset(): Promise<void>;
  runImport(size?: WorkloadSize, chunkSize?: number): Promise<ImportResult>;
  runQueries(runs?: number): Promise<QueriesResult>;
  close(): Promise<void>;
}

/** What the page puts on `window` (read through globalThis by the runner). */
export interface BenchGlobals {
  fieldbookBench?: StoreBenchApi;
  fieldbookColdStart?: Promise<ColdStartFigures>;
}
