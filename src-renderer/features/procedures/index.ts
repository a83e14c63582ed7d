export { ProcedureRunPage } from './ProcedureRunPage';
export { CustomerProcedures } from './CustomerProcedures';
export { VisitProcedureButton } from './VisitProcedureButton';
