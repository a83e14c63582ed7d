export { PlanEditorPage } from './PlanEditorPage';
export { openPlanOfCluster } from './open-plan';
