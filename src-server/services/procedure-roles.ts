/**
 * The server's side of the procedure step roles (src-shared/domain/procedures/roles.ts): the
 * events a push adds to a run must be the pusher's own when they name an account, and their
 * step role must admit the account's role. The same function the laptops run decides it.
 */
import type { ProcedureRunDoc } from '../../src-shared/db/types';
import { templateOfRun } from '../../src-shared/domain/procedures/procedure-ops';
import { pushedEventProblems } from '../../src-shared/domain/procedures/roles';
import type { WireDocument } from '../../src-shared/sync';

/**
 * A one-line reason to refuse the pushed run (`<run id> event <id>: <code>`), or undefined when
 * every new event is allowed. Events of the stored version are not checked again: a run merged
 * on a laptop carries other people's events, already accepted from them.
 */
export function procedureRunRoleProblems(
  stored: WireDocument | undefined,
  next: WireDocument,
  pusher: { userId: string; role: 'engineer' | 'lead' | 'admin' },
): string | undefined {
  const run = next as unknown as ProcedureRunDoc;
  const before = (stored as unknown as ProcedureRunDoc | undefined)?.events ?? [];
  const storedIds = new Set(before.map((e) => e.id));
  let template;
  try {
    template = templateOfRun(run);
  } catch {
    // A template this server does not ship (a newer pack): the schema already held the events;
    // without the template there is no step role to check, only the account.
    const foreign = run.events.find(
      (e) => !storedIds.has(e.id) && e.account !== undefined && e.account.userId !== pusher.userId,
    );
    return foreign === undefined
      ? undefined
      : `${run.id} event ${foreign.id}: procedureAccountNotPusher`;
  }
  const problems = pushedEventProblems(template, run, storedIds, pusher);
  const first = problems[0];
  return first === undefined ? undefined : `${run.id} event ${first.eventId}: ${first.code}`;
}
