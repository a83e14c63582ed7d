/**
 * Types shared by the laptop-sync benchmark page (browser) and its runner (Node): the page's API
 * on `window.laptopSyncBench` and the figures it returns. No DOM and no Node types here.
 */
import type { WorkloadSize } from '../store/figures';

export type { WorkloadSize } from '../store/figures';

export interface SignInInput {
  serverUrl: string;
  username: string;
  password: string;
}

export interface InitialSyncFigures {
  /** Sign-in call → the replication's "initial sync done" signal (onInitialDone). */
  ms: number;
  /** Documents in the local database afterwards (all collections). */
  docs: number;
  docsPerSecond: number;
  /** Longest main-thread task seen by a `longtask` PerformanceObserver during the sync. */
  longestTaskMs: number;
  /** Tasks over 50 ms. */
  tasksOver50ms: number;
  /** Status values the engine emitted (what React would render), and how many per second. */
  statusEmissions: number;
  pulls: number;
  /** Sum of the pull calls' durations (relay + server; calls of several collections overlap). */
  pullCallMs: number;
  /** Of `ms`, the sign-in call (login and the main process's certificate enrolment). */
  signInMs: number;
  /** Each pull call: collection, start and duration (printed with `--trace`). */
  trace: string[];
}

export interface RawPutFigures {
  docs: number;
  ms: number;
  docsPerSecond: number;
}

export interface PushFigures {
  changes: number;
  /** Replication start (app start with pending changes) → nothing pending. */
  ms: number;
  docsPerSecond: number;
  /** Time to make the offline edits locally (not part of `ms`). */
  editMs: number;
  pushCalls: number;
  /** Sum of the push calls' durations (relay + server). */
  pushCallMs: number;
  /** Each push call: collection, rows, start and duration (printed with `--trace`). */
  trace: string[];
}

export interface LaptopSyncBenchApi {
  reset(): Promise<void>;
  /** `fastPath` false: RxDB's own downstream only (the engine's `firstSyncFastPath`). */
  initialSync(
    input: SignInInput,
    expectedDocs: number,
    fastPath?: boolean,
  ): Promise<InitialSyncFigures>;
  /** Stops replication (the app closes), edits `n` visit-log entries, starts it again, waits. */
  offlinePush(n: number): Promise<PushFigures>;
  /** Plain IndexedDB puts of the same workload (generated in the page, deterministic). */
  rawPut(size: WorkloadSize, chunkSize: number): Promise<RawPutFigures>;
  /** Ids of the visit-log entries offlinePush edited (the protocol push edits other ones). */
  editedIds(): string[];
  close(): Promise<void>;
}

export interface LaptopSyncBenchGlobals {
  laptopSyncBench?: LaptopSyncBenchApi;
}
