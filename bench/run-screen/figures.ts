/** What bench/run-screen/page exposes to bench/run-screen/run.ts (`window.runScreenBench`). */
export interface SeedFigures {
  runId: string;
  steps: number;
  events: number;
  evidence: number;
  doneSteps: number;
  /** The steps left for the UI, in plan order. */
  open: string[];
}

export interface Completion {
  stepId: string;
  /** From the click's input timestamp to the frame after the step list shows the step done. */
  ms: number;
}

export interface RunScreenBenchApi {
  /** Writes the seeded run to the app's own database (then closes it); `openSteps` left to do. */
  seed: (openSteps: number) => Promise<SeedFigures>;
  /** Starts the app (src-renderer/app/main.tsx) on the run's screen. */
  mount: (runId: string) => Promise<void>;
  /** Completions measured since the last `reset`, and the longest main-thread task meanwhile. */
  completions: () => Completion[];
  longestTaskMs: () => number;
  tasksOver50ms: () => number;
  reset: () => void;
}

export interface RunScreenBenchGlobals {
  runScreenBench?: RunScreenBenchApi;
}
