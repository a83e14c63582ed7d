export { OpsRecordsPage } from './OpsRecordsPage';
export { OpsReportSourceModal } from './OpsReportSourceModal';
export { CustomerRiskRecords } from './CustomerRiskRecords';
