export { DeliverablesPage } from './DeliverablesPage';
export { GenerateReportModal } from './GenerateReportModal';
export {
  faultReportRequest,
  inspectionReportRequest,
  planningDocumentRequest,
} from './report-requests';
export { SourceDeliverablesCard } from './SourceDeliverablesCard';
