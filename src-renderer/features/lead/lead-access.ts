import type { UserRole } from '../../../src-shared/sync/protocol';

/**
 * Whether the lead's view is offered in the menu: to leads and admins, and on a laptop that is
 * not signed in to a server (its owner sees every customer on it anyway). An engineer's synced
 * laptop holds only the assigned customers, so the team view would mislead there.
 */
export function showsLeadView(role: UserRole | undefined): boolean {
  return role === undefined || role === 'lead' || role === 'admin';
}
