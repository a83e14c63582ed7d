export { OpsRecordsPage } from './OpsRecordsPage';
export { OpsReportSourceModal } from './OpsReportSourceModal';
