export { ProcedureRunPage } from './ProcedureRunPage';
export { ClusterProceduresPage } from './ClusterProceduresPage';
export { CustomerProcedures } from './CustomerProcedures';
export { VisitProcedureButton } from './VisitProcedureButton';
