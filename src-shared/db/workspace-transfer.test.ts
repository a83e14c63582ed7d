import type { RxConflictHandler, WithDeleted } from 'rxdb';
import { describe, expect, it } from 'vitest';
import { buildSampleWorkspace } from '../domain/sample-workspace';
import { CONFLICT_HANDLERS, HANDLER_DECIDES_DELETION } from './conflicts';
import { COLLECTION_SCHEMAS } from './schemas/index';
import type { BaseDoc } from './types';
import {
  checkWorkspaceDocuments,
  isDeleted,
  migrateWorkspaceDocuments,
  NewerSchemaError,
  planImport,
} from './workspace-transfer';
import type { PlanImportOptions } from './workspace-transfer';

describe('workspace documents across schema versions', () => {
  const site = buildSampleWorkspace(new Date('2026-03-04T02:00:00Z')).sites[0]!;

  it('a site of schema v2 (calendars cn/none) migrates to v3 unchanged and valid', async () => {
    expect(COLLECTION_SCHEMAS.sites.version).toBe(3);
    const v2 = { ...site, holidayCalendar: 'none' as const };
    const [migrated] = await migrateWorkspaceDocuments('sites', 2, [v2]);
    expect(migrated).toEqual(v2);
    expect(checkWorkspaceDocuments({ sites: [migrated] })).toEqual([]);
  });

  it('a v0 site gets the mainland calendar and contacts on its way to v3', async () => {
    const { holidayCalendar: _c, contacts: _k, mergeHistory: _m, ...v0 } = site;
    const [migrated] = await migrateWorkspaceDocuments('sites', 0, [v0]);
    expect(migrated).toMatchObject({ holidayCalendar: 'cn', contacts: [] });
    expect(checkWorkspaceDocuments({ sites: [migrated] })).toEqual([]);
  });

  it('refuses documents of a newer schema than this Fieldbook knows', async () => {
    await expect(migrateWorkspaceDocuments('sites', 4, [site])).rejects.toBeInstanceOf(
      NewerSchemaError,
    );
  });
});

describe('incident schema v2 (assignee)', () => {
  it('an incident of schema v1 migrates unchanged (unassigned) and an assignee is accepted', async () => {
    expect(COLLECTION_SCHEMAS.incidents.version).toBe(3);
    const incident = buildSampleWorkspace(new Date('2026-03-04T02:00:00Z')).incidents[0]!;
    const { assignee: _a, ...v1 } = incident;
    const [migrated] = await migrateWorkspaceDocuments('incidents', 1, [v1]);
    expect(migrated).toEqual(v1);
    expect(checkWorkspaceDocuments({ incidents: [migrated] })).toEqual([]);
    expect(checkWorkspaceDocuments({ incidents: [{ ...v1, assignee: '王磊' }] })).toEqual([]);
    expect(checkWorkspaceDocuments({ incidents: [{ ...v1, assignee: '' }] })).not.toEqual([]);
  });

  it('an incident of schema v2 migrates to v3 unchanged, and v3 admits the assignment event', async () => {
    const incident = {
      ...buildSampleWorkspace(new Date('2026-03-04T02:00:00Z')).incidents[0]!,
      assignee: '王磊',
    };
    const [migrated] = await migrateWorkspaceDocuments('incidents', 2, [incident]);
    expect(migrated).toEqual(incident);
    const handed = {
      ...incident,
      timeline: [
        ...incident.timeline,
        {
          id: '01KDVDNA00HHHGBQA1A39JY9ZZ',
          at: incident.updatedAt,
          kind: 'assignment',
          author: '王磊',
          text: '李娜',
        },
      ],
    };
    expect(checkWorkspaceDocuments({ incidents: [handed] })).toEqual([]);
    const unknown = { ...handed, timeline: [{ ...handed.timeline.at(-1)!, kind: 'handover' }] };
    expect(checkWorkspaceDocuments({ incidents: [unknown] })).not.toEqual([]);
  });
});

describe('deletions in a workspace file follow sync', () => {
  const ws = buildSampleWorkspace(new Date('2026-03-04T02:00:00Z'));
  const customer = ws.customers[0]!;
  const handler = CONFLICT_HANDLERS.customers as unknown as RxConflictHandler<BaseDoc>;
  const deleted = { ...customer, _deleted: true as const };

  async function importInto(local: BaseDoc, incoming: BaseDoc, options?: PlanImportOptions) {
    return planImport(handler, new Map([[local.id, local]]), [incoming], options);
  }

  it('a deletion of a document the other laptop did not change since is taken as it is', async () => {
    const plan = await importInto(customer, deleted);
    expect(plan.update).toEqual([deleted]);
    // Importing the same file again: both sides deleted, nothing to write.
    expect(await importInto(deleted, deleted)).toEqual({ insert: [], update: [], unchanged: 1 });
  });

  it('a deletion of a document this laptop never held writes nothing', async () => {
    expect(await planImport(handler, new Map(), [deleted])).toEqual({
      insert: [],
      update: [],
      unchanged: 1,
    });
  });

  it('a deletion against a later edit: the deletion stands and the edit is merged into it, as sync resolves the same two states with their common ancestor', async () => {
    const edited = {
      ...customer,
      industry: '保险',
      updatedAt: '2026-03-05T02:00:00.000Z',
    } as BaseDoc;
    // The edit is here, the deletion in the file, and the other way round.
    for (const [local, incoming] of [
      [edited, deleted],
      [deleted, edited],
    ] as const) {
      const plan = await importInto(local, incoming);
      const sync = await handler.resolve(
        {
          assumedMasterState: { ...customer, _deleted: false },
          realMasterState: local as WithDeleted<BaseDoc>,
          newDocumentState: incoming as WithDeleted<BaseDoc>,
        },
        'test',
      );
      expect(sync._deleted).toBe(true);
      expect((sync as unknown as typeof customer).industry).toBe('保险');
      if (isDeleted(local)) {
        // Already deleted here: it stays deleted; the edit would only change the hidden fields
        // of the tombstone, so nothing is written.
        expect(plan).toEqual({ insert: [], update: [], unchanged: 1 });
      } else {
        const [merged] = plan.update;
        expect(isDeleted(merged!)).toBe(true);
        expect((merged as unknown as typeof customer).industry).toBe('保险');
        // The deletion is not recorded as lost: it did not lose.
        expect(merged!.mergeHistory?.some((l) => l.field === '_deleted') ?? false).toBe(false);
      }
    }
  });

  it('a collection whose handler rules on deletions (deliverables) gets both states: a signed copy survives a deletion', async () => {
    const signed = {
      id: 'D1',
      customerId: customer.id,
      createdAt: customer.createdAt,
      updatedAt: '2026-03-05T02:00:00.000Z',
      status: 'signed',
      documentRevision: 1,
      lang: 'zh',
      signatures: [],
      snapshot: {},
      history: [],
    } as unknown as BaseDoc;
    const gone = { ...signed, status: 'draft', updatedAt: '2026-03-06T02:00:00.000Z' };
    const deliverables = CONFLICT_HANDLERS.deliverables as unknown as RxConflictHandler<BaseDoc>;
    expect(HANDLER_DECIDES_DELETION.has('deliverables')).toBe(true);
    const plan = await planImport(
      deliverables,
      new Map([[signed.id, signed]]),
      [{ ...gone, _deleted: true } as BaseDoc],
      { handlerDecidesDeletion: true },
    );
    expect(plan.update).toEqual([]);
    expect(plan.unchanged).toBe(1);
  });

  it('schema checks and migrations see a deleted document’s fields; `_deleted` must be true', async () => {
    expect(checkWorkspaceDocuments({ customers: [deleted] })).toEqual([]);
    expect(checkWorkspaceDocuments({ customers: [{ ...customer, _deleted: false }] })).toEqual([
      expect.objectContaining({ detail: '/_deleted must be true or absent' }),
    ]);
    const site = { ...ws.sites[0]!, holidayCalendar: 'none' as const, _deleted: true };
    const [migrated] = await migrateWorkspaceDocuments('sites', 2, [site]);
    expect(migrated).toEqual(site);
  });
});
