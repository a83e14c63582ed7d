import { describe, expect, it } from 'vitest';
import { buildSampleWorkspace } from '../domain/sample-workspace';
import { COLLECTION_SCHEMAS } from './schemas/index';
import {
  checkWorkspaceDocuments,
  migrateWorkspaceDocuments,
  NewerSchemaError,
} from './workspace-transfer';

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
    expect(COLLECTION_SCHEMAS.incidents.version).toBe(2);
    const incident = buildSampleWorkspace(new Date('2026-03-04T02:00:00Z')).incidents[0]!;
    const { assignee: _a, ...v1 } = incident;
    const [migrated] = await migrateWorkspaceDocuments('incidents', 1, [v1]);
    expect(migrated).toEqual(v1);
    expect(checkWorkspaceDocuments({ incidents: [migrated] })).toEqual([]);
    expect(checkWorkspaceDocuments({ incidents: [{ ...v1, assignee: '王磊' }] })).toEqual([]);
    expect(checkWorkspaceDocuments({ incidents: [{ ...v1, assignee: '' }] })).not.toEqual([]);
  });
});
