export { VisitsPage } from './VisitsPage';
export { VisitDetailPage } from './VisitDetailPage';
