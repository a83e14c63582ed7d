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
