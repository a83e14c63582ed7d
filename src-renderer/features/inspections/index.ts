export { InspectionsPage } from './InspectionsPage';
export { InspectionDetailPage } from './InspectionDetailPage';
export { CustomerInspections } from './CustomerInspections';
export { VisitInspectionButton } from './VisitInspectionButton';
