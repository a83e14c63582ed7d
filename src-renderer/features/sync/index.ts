export { MergeHistoryCard } from './MergeHistoryCard';
export { SyncPage } from './SyncPage';
export { SyncStatusBar } from './SyncStatusBar';
