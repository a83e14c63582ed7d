export { FirstRunGate } from './FirstRunGate';
export { WorkspaceSampleCard } from './WorkspaceSampleCard';
export { FIRST_RUN_DONE_KEY, isFirstRunDone, markFirstRunDone } from './first-run';
