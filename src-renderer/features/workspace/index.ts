export { FirstRunGate } from './FirstRunGate';
export { WorkspaceSampleCard } from './WorkspaceSampleCard';
export { WorkspaceTransferCard } from './WorkspaceTransferCard';
export {
  FIRST_RUN_DONE_KEY,
  hasSampleWorkspace,
  isFirstRunDone,
  markFirstRunDone,
  markSampleWorkspaceLoaded,
  SAMPLE_WORKSPACE_KEY,
} from './first-run';
