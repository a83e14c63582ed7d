/** localStorage flag: the engineer has made the first-run choice (sample or empty) on this laptop. */
export const FIRST_RUN_DONE_KEY = 'fieldbook.firstRunDone';

export function isFirstRunDone(): boolean {
  try {
    return localStorage.getItem(FIRST_RUN_DONE_KEY) !== null;
  } catch {
    // Without storage the question would come back on every start; better not to ask at all.
    return true;
  }
}

export function markFirstRunDone(): void {
  try {
    localStorage.setItem(FIRST_RUN_DONE_KEY, new Date().toISOString());
  } catch {
    // Not persisted; the gate still lets the engineer in for this session.
  }
}

/**
 * localStorage flag: the sample workspace was loaded on this laptop. Its customers are fictitious;
 * signing in to a server would upload them with everything else, so the sign-in form says so.
 */
export const SAMPLE_WORKSPACE_KEY = 'fieldbook.sampleWorkspaceLoaded';

export function hasSampleWorkspace(): boolean {
  try {
    return localStorage.getItem(SAMPLE_WORKSPACE_KEY) !== null;
  } catch {
    return false;
  }
}

export function markSampleWorkspaceLoaded(): void {
  try {
    localStorage.setItem(SAMPLE_WORKSPACE_KEY, new Date().toISOString());
  } catch {
    // Only the warning before the first sign-in is lost.
  }
}

/** The sample workspace was removed: the sign-in form no longer warns about uploading it. */
export function clearSampleWorkspaceLoaded(): void {
  try {
    localStorage.removeItem(SAMPLE_WORKSPACE_KEY);
  } catch {
    // Only the warning stays.
  }
}
