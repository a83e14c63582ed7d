export { DeliverablesPage } from './DeliverablesPage';
export { GenerateReportModal } from './GenerateReportModal';
export {
  faultReportRequest,
  inspectionReportRequest,
  planningDocumentRequest,
  procedureRecordRequest,
} from './report-requests';
export { SourceDeliverablesCard } from './SourceDeliverablesCard';
