import { describe, expect, it } from 'vitest';
import type { WithDeleted } from 'rxdb';
import {
  CONFLICT_HANDLERS,
  createIncidentConflictHandler,
  documentsEqual,
  jsonEqual,
  mergeDocuments,
  mergeHistories,
} from './conflicts';
import { COLLECTION_SCHEMAS } from './schemas';
import { compileJsonSchema } from './json-validator';
import type { IncidentDoc, SiteDoc, VisitLogEntryDoc } from './types';

const T0 = '2026-11-23T09:00:00.000+08:00';

const site: WithDeleted<SiteDoc> = {
  id: 'S1',
  customerId: 'C1',
  name: '上海张江机房',
  address: '上海市浦东新区',
  timeZone: 'Asia/Shanghai',
  holidayCalendar: 'cn',
  contacts: [],
  createdAt: T0,
  updatedAt: T0,
  _deleted: false,
};

describe('jsonEqual / documentsEqual', () => {
  it('ignores key order and storage metadata but not _deleted', () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    const withMeta = { ...site, _rev: '2-x', _meta: { lwt: 1 }, _attachments: {} };
    expect(documentsEqual(site, withMeta as typeof site)).toBe(true);
    expect(documentsEqual(site, { ...site, _deleted: true })).toBe(false);
    expect(documentsEqual(site, { ...site, name: 'x' })).toBe(false);
  });
});

describe('mergeDocuments (three-way)', () => {
  it('keeps edits to different fields from both sides', () => {
    const master = {
      ...site,
      name: '张江机房（新楼）',
      updatedAt: '2026-11-23T10:00:00.000+08:00',
    };
    const local = {
      ...site,
      address: '上海市浦东新区张江路 88 号',
      updatedAt: '2026-11-23T09:30:00.000+08:00',
    };
    const merged = mergeDocuments({
      assumedMasterState: site,
      realMasterState: master,
      newDocumentState: local,
    });
    expect(merged.name).toBe('张江机房（新楼）');
    expect(merged.address).toBe('上海市浦东新区张江路 88 号');
    expect(merged.updatedAt).toBe('2026-11-23T10:00:00.000+08:00');
  });

  it('gives a field both changed to the later updatedAt, compared as instants', () => {
    const master = { ...site, name: 'master', updatedAt: '2026-11-23T10:00:00.000+08:00' };
    // 02:30Z is 10:30 in Shanghai: later, though the string sorts first
    const local = { ...site, name: 'local', updatedAt: '2026-11-23T02:30:00.000Z' };
    const input = { assumedMasterState: site, realMasterState: master, newDocumentState: local };
    expect(mergeDocuments(input).name).toBe('local');
    const tie = { ...local, updatedAt: '2026-11-23T02:00:00.000Z' };
    expect(mergeDocuments({ ...input, newDocumentState: tie }).name).toBe('master');
  });

  it('keeps a field the local side removed, and a field it added, when the master did not touch them', () => {
    const withNotes = { ...site, notes: '门禁需提前预约' };
    const local = { ...site, updatedAt: '2026-11-23T09:10:00.000+08:00' }; // notes removed
    const merged = mergeDocuments({
      assumedMasterState: withNotes,
      realMasterState: withNotes,
      newDocumentState: local,
    });
    expect('notes' in merged).toBe(false);
    const added = { ...site, remoteAccess: { method: 'VPN' } };
    expect(
      mergeDocuments({ assumedMasterState: site, realMasterState: site, newDocumentState: added })
        .remoteAccess,
    ).toEqual({ method: 'VPN' });
  });

  it('without an assumed state, the later side wins per differing field', () => {
    const master = {
      ...site,
      name: 'm',
      notes: 'only on master',
      updatedAt: '2026-11-23T09:00:00.000+08:00',
    };
    const local = { ...site, name: 'l', updatedAt: '2026-11-23T09:05:00.000+08:00' };
    const merged = mergeDocuments({ realMasterState: master, newDocumentState: local });
    expect(merged.name).toBe('l');
    expect('notes' in merged).toBe(false);
  });

  it('does not drop the local edit the way RxDB’s default handler does', async () => {
    const master = { ...site, name: 'server rename', updatedAt: '2026-11-23T10:00:00.000+08:00' };
    const local = {
      ...site,
      contacts: [{ name: '赵强' }],
      updatedAt: '2026-11-23T09:30:00.000+08:00',
    };
    const resolved = await CONFLICT_HANDLERS.sites.resolve(
      { assumedMasterState: site, realMasterState: master, newDocumentState: local },
      'test',
    );
    expect(resolved.contacts).toEqual([{ name: '赵强' }]);
    expect(resolved.name).toBe('server rename');
  });
});

describe('visit log entries (append-only)', () => {
  const entry: WithDeleted<VisitLogEntryDoc> = {
    id: 'E1',
    customerId: 'C1',
    visitId: 'V1',
    at: T0,
    author: '王磊',
    kind: 'note',
    text: '到场',
    attachments: [],
    createdAt: T0,
    updatedAt: T0,
    _deleted: false,
  };

  it('treats identical copies as no conflict', () => {
    expect(CONFLICT_HANDLERS.visitLogEntries.isEqual(entry, { ...entry }, 'test')).toBe(true);
  });

  it('keeps a tombstone set on one side only', async () => {
    const deleted = { ...entry, _deleted: true, updatedAt: '2026-11-23T09:10:00.000+08:00' };
    const r = await CONFLICT_HANDLERS.visitLogEntries.resolve(
      { assumedMasterState: entry, realMasterState: entry, newDocumentState: deleted },
      'test',
    );
    expect(r._deleted).toBe(true);
  });
});

describe('incidents', () => {
  const base: WithDeleted<IncidentDoc> = {
    id: 'I1',
    customerId: 'C1',
    siteId: 'S1',
    contractId: 'K1',
    title: 'etcd 集群告警',
    description: '',
    packId: 'dce-support',
    tier: 'standard',
    level: '3',
    levelHistory: [{ level: '3', at: T0, reason: 'opened' }],
    openedAt: T0,
    status: 'open',
    dueAt: '2026-11-25T01:00:00.000Z',
    pauses: [],
    timeline: [{ id: 'E0', at: T0, kind: 'opened', author: 'a', text: 'etcd 集群告警' }],
    createdAt: T0,
    updatedAt: T0,
    _deleted: false,
  };

  it('unites the timelines of both sides by id, sorted by time', async () => {
    const master = {
      ...base,
      timeline: [
        ...base.timeline,
        {
          id: 'M1',
          at: '2026-11-23T10:00:00.000+08:00',
          kind: 'update' as const,
          author: 'm',
          text: 'server',
        },
      ],
      updatedAt: '2026-11-23T10:00:00.000+08:00',
    };
    const local = {
      ...base,
      timeline: [
        ...base.timeline,
        {
          id: 'L1',
          at: '2026-11-23T09:30:00.000+08:00',
          kind: 'contact' as const,
          author: 'l',
          text: 'laptop',
        },
      ],
      firstResponseAt: '2026-11-23T09:30:00.000+08:00',
      updatedAt: '2026-11-23T09:31:00.000+08:00',
    };
    const r = await CONFLICT_HANDLERS.incidents.resolve(
      { assumedMasterState: base, realMasterState: master, newDocumentState: local },
      'test',
    );
    expect(r.timeline.map((e) => e.id)).toEqual(['E0', 'L1', 'M1']);
    expect(r.firstResponseAt).toBe('2026-11-23T09:30:00.000+08:00');
    expect(r.updatedAt).toBe('2026-11-23T10:00:00.000+08:00');
  });

  it('keeps the higher updatedAt for a scalar both changed, and unites level history', async () => {
    const master = {
      ...base,
      level: '2',
      levelHistory: [
        ...base.levelHistory,
        { level: '2', at: '2026-11-23T10:00:00.000+08:00', reason: 'm' },
      ],
      updatedAt: '2026-11-23T10:00:00.000+08:00',
    };
    const local = {
      ...base,
      level: '4',
      levelHistory: [
        ...base.levelHistory,
        { level: '4', at: '2026-11-23T11:00:00.000+08:00', reason: 'l' },
      ],
      updatedAt: '2026-11-23T11:00:00.000+08:00',
    };
    const r = await CONFLICT_HANDLERS.incidents.resolve(
      { assumedMasterState: base, realMasterState: master, newDocumentState: local },
      'test',
    );
    expect(r.level).toBe('4');
    expect(r.levelHistory.map((h) => h.level)).toEqual(['3', '2', '4']);
  });

  it('merges a pause ended on one side and reopens the status', () => {
    const pausedMaster = {
      ...base,
      status: 'paused' as const,
      pauses: [
        { start: '2026-11-23T10:00:00.000+08:00', reason: 'waiting-for-customer-information' },
      ],
      updatedAt: '2026-11-23T10:00:00.000+08:00',
    };
    const resumedLocal = {
      ...pausedMaster,
      status: 'open' as const,
      pauses: [
        {
          start: '2026-11-23T10:00:00.000+08:00',
          reason: 'waiting-for-customer-information',
          end: '2026-11-23T12:00:00.000+08:00',
        },
      ],
      updatedAt: '2026-11-23T12:00:00.000+08:00',
    };
    const laterMasterNote = {
      ...pausedMaster,
      title: '更新标题',
      updatedAt: '2026-11-23T13:00:00.000+08:00',
    };
    const handler = createIncidentConflictHandler();
    return handler
      .resolve(
        {
          assumedMasterState: pausedMaster,
          realMasterState: laterMasterNote,
          newDocumentState: resumedLocal,
        },
        't',
      )
      .then((r) => {
        expect(r.pauses).toHaveLength(1);
        expect(r.pauses[0]?.end).toBe('2026-11-23T12:00:00.000+08:00');
        expect(r.status).toBe('open');
        expect(r.title).toBe('更新标题');
      });
  });

  it('calls recompute when the clock inputs changed, and only then', async () => {
    const calls: string[] = [];
    const handler = createIncidentConflictHandler({
      recompute: (m) => {
        calls.push(m.level);
        return Promise.resolve({ ...m, dueAt: '2026-11-23T05:00:00.000Z' });
      },
    });
    const local = { ...base, level: '1', updatedAt: '2026-11-23T10:00:00.000+08:00' };
    const r = await handler.resolve(
      { assumedMasterState: base, realMasterState: base, newDocumentState: local },
      't',
    );
    expect(r.dueAt).toBe('2026-11-23T05:00:00.000Z');
    const titleOnly = { ...base, title: 'x', updatedAt: '2026-11-23T10:00:00.000+08:00' };
    await handler.resolve(
      { assumedMasterState: base, realMasterState: base, newDocumentState: titleOnly },
      't',
    );
    expect(calls).toEqual(['1']);
  });
});

describe('merge history (nothing lost silently)', () => {
  const master = { ...site, name: 'master', updatedAt: '2026-11-23T10:00:00.000+08:00' };
  const local = { ...site, name: 'local', updatedAt: '2026-11-23T09:30:00.000+08:00' };

  it('records the losing value of a field both sides changed, and nothing else', () => {
    const merged = mergeDocuments({
      assumedMasterState: site,
      realMasterState: master,
      newDocumentState: { ...local, address: 'only local changed this' },
    });
    expect(merged.name).toBe('master');
    expect(merged.address).toBe('only local changed this');
    expect(merged.mergeHistory).toEqual([
      { field: 'name', value: '"local"', lostAt: local.updatedAt, keptAt: master.updatedAt },
    ]);
    const { _deleted: _d1, ...mergedDoc } = merged;
    void _d1;
    expect(compileJsonSchema(COLLECTION_SCHEMAS.sites)(mergedDoc)).toEqual([]);
    // A merge without a real conflict adds no field at all.
    const clean = mergeDocuments({
      assumedMasterState: site,
      realMasterState: master,
      newDocumentState: site,
    });
    expect('mergeHistory' in clean).toBe(false);
  });

  it('records the master value when the local side wins, and unites both histories', () => {
    const older = {
      field: 'address',
      value: '"x"',
      lostAt: T0,
      keptAt: '2026-11-23T09:10:00.000+08:00',
    };
    const merged = mergeDocuments({
      assumedMasterState: site,
      realMasterState: { ...master, mergeHistory: [older] },
      newDocumentState: { ...local, updatedAt: '2026-11-23T11:00:00.000+08:00' },
    });
    expect(merged.name).toBe('local');
    expect(merged.mergeHistory).toEqual([
      older,
      {
        field: 'name',
        value: '"master"',
        lostAt: master.updatedAt,
        keptAt: '2026-11-23T11:00:00.000+08:00',
      },
    ]);
  });

  it('unites histories in an order-independent way, capped at the newest 50', () => {
    const loss = (i: number) => ({
      field: 'name',
      value: `"v${i}"`,
      lostAt: T0,
      keptAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
    });
    const a = [loss(1), loss(3)];
    const b = [loss(2), loss(3)];
    expect(mergeHistories(a, b)).toEqual(mergeHistories(b, a));
    expect(mergeHistories(a, b).map((l) => l.value)).toEqual(['"v1"', '"v2"', '"v3"']);
    const many = Array.from({ length: 60 }, (_, i) => loss(i));
    const capped = mergeHistories(many);
    expect(capped).toHaveLength(50);
    expect(capped[0]?.value).toBe('"v10"');
  });

  it('cuts long losing values and does not record fields the caller unites', () => {
    const long = 'x'.repeat(5000);
    const merged = mergeDocuments({
      assumedMasterState: site,
      realMasterState: master,
      newDocumentState: { ...local, notes: long },
    });
    expect(merged.mergeHistory?.map((l) => l.field)).toEqual(['name']);
    const cut = mergeDocuments({
      assumedMasterState: site,
      realMasterState: { ...master, notes: 'short' },
      newDocumentState: { ...local, notes: long, updatedAt: T0 },
    });
    const notesLoss = cut.mergeHistory?.find((l) => l.field === 'notes');
    expect(notesLoss?.value).toHaveLength(2000);
    expect(notesLoss?.value.endsWith('…')).toBe(true);
    const { _deleted: _d2, ...cutDoc } = cut;
    void _d2;
    expect(compileJsonSchema(COLLECTION_SCHEMAS.sites)(cutDoc)).toEqual([]);
    // Fields the caller unites (an incident's timeline) are never reported as lost.
    const united = mergeDocuments(
      {
        assumedMasterState: site,
        realMasterState: { ...master, notes: 'short' },
        newDocumentState: { ...local, notes: long, updatedAt: T0 },
      },
      ['notes', 'name'],
    );
    expect(united.mergeHistory).toBeUndefined();
  });
});
