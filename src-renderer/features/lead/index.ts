export { LeadViewPage } from './LeadViewPage';
export { showsLeadView } from './lead-access';
