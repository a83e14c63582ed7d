export { DeliverablesPage } from './DeliverablesPage';
export { GenerateReportModal } from './GenerateReportModal';
export { faultReportRequest } from './report-requests';
export { SourceDeliverablesCard } from './SourceDeliverablesCard';
