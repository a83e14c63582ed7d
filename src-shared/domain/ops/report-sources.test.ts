import { describe, expect, it } from 'vitest';
import { compileJsonSchema } from '../../db/json-validator';
import { deliverableSchema } from '../../db/schemas/deliverables';
import type { DeliverableDoc, IncidentDoc, OpsRecordDoc } from '../../db/types';
import { createDraftDeliverable, markSigned } from '../deliverables';
import { InputError } from '../errors';
import { rejection } from './acceptance';
import { buildSampleWorkspace } from '../sample-workspace';
import { formatDocumentNumber } from '../../reports/document-number';
import { validateOpsReportSnapshot } from '../../reports/kinds/ops-service-report/snapshot';
import { validateAcceptanceSnapshot } from '../../reports/kinds/acceptance-report/snapshot';
import { validateEntrySnapshot } from '../../reports/kinds/entry-report/snapshot';
import {
  acceptanceResubmission,
  acceptanceSnapshotFromDocs,
  cadenceOf,
  contractIdOfSource,
  entrySnapshotFromDocs,
  opsReportSourceId,
  opsSnapshotFromDocs,
  periodContaining,
  periodIncidents,
  periodRecords,
  servicePeriodFor,
  shiftPeriod,
} from './report-sources';

const NOW = new Date('2026-12-03T04:00:00Z');
const ws = buildSampleWorkspace(NOW);
const grid = ws.contracts.find((c) => c.number === 'OPS-JC-2025-003')!;
const customer = ws.customers.find((c) => c.id === grid.customerId)!;
const site = ws.sites.find((s) => s.id === grid.siteIds[0])!;
const people = { engineers: [{ name: '张伟' }], customerRepresentatives: [{ name: '李明' }] };
const TEXTS = {
  servicePlan: '每日巡检',
  nextPeriod: '下周继续',
  resourceSummary: '运行平稳',
  backupStrategy: '每日全量',
  currency: 'CNY',
  costItems: [{ name: '驻场人天', amount: 12000 }],
  costAnalysis: '预算内',
  recommendations: '无',
};
const validDeliverable = compileJsonSchema(deliverableSchema);

function opsSnapshot(
  period = periodContaining('weekly', '2026-12-03'),
  deliverables: DeliverableDoc[] = [],
) {
  return opsSnapshotFromDocs({
    customer,
    site,
    contract: grid,
    clusters: ws.clusters,
    incidents: ws.incidents,
    inspections: ws.inspections,
    records: ws.opsRecords,
    deliverables,
    period,
    texts: TEXTS,
    documentNumber: formatDocumentNumber('ops-service-report', '2026-12-03', 1),
    revision: 1,
    issuedAt: NOW.toISOString(),
    ...people,
  });
}

function draftOf(
  kind: DeliverableDoc['kind'],
  snapshot: Parameters<typeof createDraftDeliverable>[0]['snapshot'],
  sourceId: string,
) {
  return createDraftDeliverable(
    {
      id: `d-${kind}`,
      customerId: customer.id,
      kind,
      sourceId,
      siteId: site.id,
      title: 'x',
      lang: 'zh',
      snapshot,
      pdf: { sha256: 'a'.repeat(64), size: 10, name: 'x.pdf', mimeType: 'application/pdf' },
    },
    NOW,
  );
}

function signed(d: DeliverableDoc): DeliverableDoc {
  return markSigned(
    d,
    {
      snapshot: d.snapshot as never,
      pdf: { ...d.pdf!, sha256: 'b'.repeat(64) },
      sha256: 'b'.repeat(64),
      pageCount: 3,
      signatures: [
        {
          role: 'engineer',
          name: '张伟',
          signedAt: '2026-12-03T05:00:00.000Z',
          image: { sha256: 'd'.repeat(64), size: 5, name: 's.png', mimeType: 'image/png' },
        },
      ],
      signer: { subject: 'CN=张伟', selfSigned: true, fingerprint: 'c'.repeat(64) },
      signedAt: '2026-12-03T05:00:00.000Z',
    },
    NOW,
  );
}

describe('report periods', () => {
  it('are months on 5x8 and Monday–Sunday weeks on 7x24', () => {
    expect(cadenceOf('5x8')).toBe('monthly');
    expect(cadenceOf('7x24')).toBe('weekly');
    expect(periodContaining('monthly', '2026-02-14')).toEqual({
      start: '2026-02-01',
      end: '2026-02-28',
    });
    expect(periodContaining('monthly', '2028-02-29')).toEqual({
      start: '2028-02-01',
      end: '2028-02-29',
    });
    // 2026-12-03 is a Thursday; 2026-12-06 a Sunday.
    expect(periodContaining('weekly', '2026-12-03')).toEqual({
      start: '2026-11-30',
      end: '2026-12-06',
    });
    expect(periodContaining('weekly', '2026-12-06')).toEqual({
      start: '2026-11-30',
      end: '2026-12-06',
    });
    expect(periodContaining('weekly', '2026-11-30')).toEqual({
      start: '2026-11-30',
      end: '2026-12-06',
    });
    expect(shiftPeriod('weekly', { start: '2026-11-30', end: '2026-12-06' }, -1)).toEqual({
      start: '2026-11-23',
      end: '2026-11-29',
    });
    expect(shiftPeriod('monthly', { start: '2026-12-01', end: '2026-12-31' }, 1)).toEqual({
      start: '2027-01-01',
      end: '2027-01-31',
    });
  });

  it('source ids name the contract and the period and give the contract back', () => {
    const id = opsReportSourceId(grid.id, { start: '2026-11-30', end: '2026-12-06' });
    expect(id).toMatch(/^[0-9A-Za-z_-]+$/);
    expect(contractIdOfSource(id)).toBe(grid.id);
    expect(contractIdOfSource(grid.id)).toBe(grid.id);
  });
});

describe('the periodic service report from the stored documents', () => {
  it('carries the contract incidents of the period and validates (figures recomputed)', () => {
    const snap = opsSnapshot();
    const result = validateOpsReportSnapshot(snap);
    expect(result.ok ? [] : result.errors).toEqual([]);
    expect(snap.cadence).toBe('weekly');
    expect(snap.servicePeriod).toEqual({ start: grid.startDate, end: grid.endDate });
    for (const i of snap.sources.incidents) {
      expect(ws.incidents.find((x) => x.id === i.id)!.contractId).toBe(grid.id);
    }
    // The draft that records it passes the deliverables schema the store checks.
    const draft = draftOf('ops-service-report', snap, opsReportSourceId(grid.id, snap.period));
    expect(validDeliverable(draft)).toEqual([]);
  });

  it('keeps incidents answered in the period even when opened before, drops other contracts', () => {
    const base = ws.incidents.find((i) => i.contractId === grid.id)!;
    const mk = (
      id: string,
      openedAt: string,
      firstResponseAt?: string,
      contractId = grid.id,
    ): IncidentDoc => ({
      ...base,
      id,
      contractId,
      openedAt,
      levelHistory: [{ level: base.level, at: openedAt, reason: 'x' }],
      pauses: [],
      ...(firstResponseAt ? { firstResponseAt } : { firstResponseAt: undefined }),
    });
    const period = { start: '2026-11-30', end: '2026-12-06' };
    const list = periodIncidents(
      [
        mk('in-period', '2026-12-01T02:00:00Z', '2026-12-01T02:03:00Z'),
        mk('answered-in-period', '2026-11-20T02:00:00Z', '2026-12-01T02:00:00Z'),
        mk('long-before', '2026-11-01T02:00:00Z', '2026-11-01T02:05:00Z'),
        mk('after', '2026-12-09T02:00:00Z'),
        mk('other-contract', '2026-12-01T02:00:00Z', undefined, 'another'),
      ],
      grid.id,
      period,
    );
    expect(list.map((i) => i.id)).toEqual(['answered-in-period', 'in-period']);
    // The snapshot carries the figure fields only, not the timeline.
    expect(Object.keys(list[0]!)).not.toContain('timeline');
  });

  it('lists the records open at some time in the period', () => {
    const r = ws.opsRecords[0]!;
    const mk = (id: string, openedAt: string, closedAt?: string): OpsRecordDoc => ({
      ...r,
      id,
      openedAt,
      ...(closedAt ? { closedAt } : { closedAt: undefined }),
    });
    const rows = periodRecords(
      [
        mk('open', '2026-10-01T00:00:00Z'),
        mk('closed-in', '2026-10-01T00:00:00Z', '2026-12-02T00:00:00Z'),
        mk('closed-before', '2026-10-01T00:00:00Z', '2026-11-10T00:00:00Z'),
        mk('later', '2026-12-20T00:00:00Z'),
      ],
      { start: '2026-11-30', end: '2026-12-06' },
    );
    expect(rows.map((x) => x.id).sort()).toEqual(['closed-in', 'open']);
    expect(Object.keys(rows[0]!)).not.toContain('history');
  });

  it('takes the service period from the signed entry report of the contract', () => {
    const entry = entrySnapshotFromDocs({
      customer,
      site,
      contract: grid,
      serviceStart: grid.startDate,
      serviceEnd: grid.endDate,
      mode: 'on-site',
      scope: ['Apsara Stack'],
      access: ['VPN'],
      documentNumber: formatDocumentNumber('entry-report', '2026-12-03', 1),
      revision: 1,
      issuedAt: NOW.toISOString(),
      ...people,
    });
    expect(validateEntrySnapshot(entry).ok).toBe(true);
    const draft = draftOf('entry-report', entry, grid.id);
    expect(validDeliverable(draft)).toEqual([]);
    // Unsigned by hand: no service period yet.
    expect(servicePeriodFor(grid, [signed(draft)]).fromEntryReport).toBeNull();
    const sig = { signedAt: NOW.toISOString(), image: 'data:image/png;base64,AA', name: 'x' };
    const both = {
      ...signed(draft),
      snapshot: {
        ...entry,
        serviceStart: grid.startDate,
        signatures: [
          { ...sig, role: 'customer' as const },
          { ...sig, role: 'engineer' as const },
        ],
      },
    } as unknown as DeliverableDoc;
    expect(servicePeriodFor(grid, [both])).toEqual({
      period: { start: grid.startDate, end: grid.endDate },
      fromEntryReport: entry.documentNumber,
    });
  });

  it('refuses a dce-support contract and an entry period outside the contract', () => {
    const dce = ws.contracts.find((c) => c.packId === 'dce-support')!;
    expect(() => opsSnapshotFromDocs({ ...argsOf(), contract: dce })).toThrow(InputError);
    const outside = () =>
      entrySnapshotFromDocs({
        customer,
        site,
        contract: grid,
        serviceStart: grid.startDate,
        serviceEnd: '2099-01-01',
        mode: 'remote',
        scope: [],
        access: [],
        documentNumber: formatDocumentNumber('entry-report', '2026-12-03', 1),
        revision: 1,
        issuedAt: NOW.toISOString(),
        ...people,
      });
    expect(outside).toThrow(/inside the contract/);
    try {
      outside();
    } catch (e) {
      expect((e as InputError).code).toBe('outsideContract');
    }
  });
});

function argsOf() {
  return {
    customer,
    site,
    contract: grid,
    clusters: ws.clusters,
    incidents: ws.incidents,
    inspections: ws.inspections,
    records: ws.opsRecords,
    deliverables: [],
    period: periodContaining('weekly', '2026-12-03'),
    texts: TEXTS,
    documentNumber: formatDocumentNumber('ops-service-report', '2026-12-03', 1),
    revision: 1,
    issuedAt: NOW.toISOString(),
    ...people,
  };
}

describe('the acceptance report from the stored documents', () => {
  it('marks the lists delivered by the signed service report of this contract, waives with a reason', () => {
    const ops = signed(
      draftOf(
        'ops-service-report',
        opsSnapshot(),
        opsReportSourceId(grid.id, periodContaining('weekly', '2026-12-03')),
      ),
    );
    const acc = acceptanceSnapshotFromDocs({
      customer,
      site,
      contract: grid,
      deliverables: [ops],
      waived: { 'backup-management/deliverable': '客户自建备份平台' },
      punchList: [{ item: '补充备份演练记录', owner: '张伟', due: '2026-12-20', state: 'open' }],
      conclusion: '服务按合同交付',
      documentNumber: formatDocumentNumber('acceptance-report', '2026-12-03', 1),
      revision: 1,
      issuedAt: NOW.toISOString(),
      ...people,
    });
    const result = validateAcceptanceSnapshot(acc);
    expect(result.ok ? [] : result.errors).toEqual([]);
    const by = new Map(acc.deliverables.map((d) => [d.code, d]));
    expect(acc.deliverables).toHaveLength(9);
    expect(by.get('technical-support/deliverable')).toMatchObject({
      status: 'signed',
      documentNumber: ops.documentNumber,
      revision: 1,
      signedDate: '2026-12-03',
    });
    expect(by.get('backup-management/deliverable')).toMatchObject({
      status: 'waived',
      waivedReason: '客户自建备份平台',
    });
    // No signed fault or inspection report yet.
    expect(by.get('fault-emergency/deliverable')?.status).toBe('missing');
    expect(by.get('resource-inspection/deliverable')?.status).toBe('missing');
    // The confirmation deadline: 7 days after the contract's end.
    expect(acc.confirmation.deadlineDate > grid.endDate).toBe(true);
    expect(validDeliverable(draftOf('acceptance-report', acc, grid.id))).toEqual([]);
  });

  it('does not count the service report of another contract', () => {
    const other = signed(
      draftOf(
        'ops-service-report',
        opsSnapshot(),
        opsReportSourceId('another-contract', periodContaining('weekly', '2026-12-03')),
      ),
    );
    const acc = acceptanceSnapshotFromDocs({
      customer,
      site,
      contract: grid,
      deliverables: [other],
      waived: {},
      punchList: [],
      conclusion: '',
      documentNumber: formatDocumentNumber('acceptance-report', '2026-12-03', 1),
      revision: 1,
      issuedAt: NOW.toISOString(),
      ...people,
    });
    expect(acc.deliverables.every((d) => d.status === 'missing')).toBe(true);
  });

  it('a rejection per item, then the resubmission: same number, next revision, statuses rebuilt', () => {
    const base = {
      customer,
      site,
      contract: grid,
      waived: {},
      punchList: [],
      conclusion: '服务按合同交付',
      issuedAt: NOW.toISOString(),
      ...people,
    };
    const first = acceptanceSnapshotFromDocs({
      ...base,
      deliverables: [],
      documentNumber: formatDocumentNumber('acceptance-report', '2026-12-03', 1),
      revision: 1,
    });
    const review = rejection(
      first.deliverables,
      1,
      [{ code: 'technical-support/deliverable', reason: '缺少 11 月问题清单' }],
      '2026-12-04T10:00:00+08:00',
      '胡建国',
    );
    // The engineer answers it: the service report is signed now.
    const ops = signed(
      draftOf(
        'ops-service-report',
        opsSnapshot(),
        opsReportSourceId(grid.id, periodContaining('weekly', '2026-12-03')),
      ),
    );
    const second = acceptanceResubmission(first, review, {
      ...base,
      deliverables: [ops],
      issuedAt: '2026-12-05T09:00:00+08:00',
    });
    expect([second.documentNumber, second.revision]).toEqual([first.documentNumber, 2]);
    expect(second.reviews).toEqual([
      {
        revision: 1,
        rejectedAt: '2026-12-04T10:00:00+08:00',
        by: '胡建国',
        items: [{ code: 'technical-support/deliverable', reason: '缺少 11 月问题清单' }],
      },
    ]);
    expect(
      second.deliverables.find((d) => d.code === 'technical-support/deliverable')?.status,
    ).toBe('signed');
    const result = validateAcceptanceSnapshot(second);
    expect(result.ok ? [] : result.errors).toEqual([]);
    // A review of another revision is refused.
    expect(() => acceptanceResubmission(second, review, { ...base, deliverables: [ops] })).toThrow(
      /revision 1, not of revision 2/,
    );
  });
});
