export { DeliverablesPage } from './DeliverablesPage';
export { GenerateReportModal } from './GenerateReportModal';
export { faultReportRequest, inspectionReportRequest } from './report-requests';
export { SourceDeliverablesCard } from './SourceDeliverablesCard';
