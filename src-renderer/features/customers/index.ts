export { CustomersPage } from './CustomersPage';
export { CustomerDetailPage } from './CustomerDetailPage';
