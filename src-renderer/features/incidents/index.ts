export { IncidentsPage } from './IncidentsPage';
export { IncidentDetailPage } from './IncidentDetailPage';
