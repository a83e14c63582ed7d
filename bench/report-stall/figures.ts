/** What the report-stall page answers (shared by the page and its runner). */
export type StallReport = 'ops' | 'upgrade';

export interface ReportStallFigures {
  report: StallReport;
  lang: 'zh' | 'en';
  /** "generate" pressed to the draft recorded. */
  ms: number;
  /** Until the worker's answer was received (the rendering). */
  renderMs: number;
  /** The worker's own time (fonts on the first call, building, rendering). */
  workerMs: number;
  /** Storing the PDF and recording the draft. */
  recordMs: number;
  /** Longest main-thread task (`longtask` entries, 50 ms and more; 0 when none). */
  longestTaskMs: number;
  tasksOver50ms: number;
  /** Longest gap between the main thread's timer ticks (the UI stall). */
  longestGapMs: number;
  pages: number;
  bytes: number;
  previewPages: number;
  progressUpdates: number;
}

export interface ReportStallGlobals {
  reportStallBench?: {
    generate(report: StallReport, lang: 'zh' | 'en'): Promise<ReportStallFigures>;
  };
}
