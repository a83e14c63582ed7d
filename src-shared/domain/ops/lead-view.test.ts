/**
 * The lead's view on a hand-computed March 2026 (Asia/Shanghai, mainland China calendar: 03-02
 * to 03-06 are plain working days). Pack private-cloud-ops, package 5x8 (09:00–18:00 on working
 * days): P1–P4 faults get their response within 5 minutes, other requests within 10.
 * Now: Wednesday 2026-03-04 10:00 Shanghai.
 */
import { describe, expect, it } from 'vitest';
import type {
  ContractDoc,
  CustomerDoc,
  DeliverableDoc,
  IncidentDoc,
  OpsRecordDoc,
  SiteDoc,
} from '../../db/types';
import { openIncident, recordFirstResponse } from '../incident-ops';
import { buildLeadView } from './lead-view';
import type { LeadViewInput } from './lead-view';

const MIN = 60_000;
const NOW = Date.parse('2026-03-04T10:00:00+08:00');
const T0 = '2026-01-01T09:00:00+08:00';

const customer = (id: string): CustomerDoc => ({
  id,
  customerId: id,
  name: `客户 ${id}`,
  contacts: [],
  createdAt: T0,
  updatedAt: T0,
});

const site = (id: string, customerId: string): SiteDoc => ({
  id,
  customerId,
  name: `站点 ${id}`,
  address: '',
  timeZone: 'Asia/Shanghai',
  holidayCalendar: 'cn',
  contacts: [],
  createdAt: T0,
  updatedAt: T0,
});

const contract = (id: string, customerId: string, endDate: string, siteIds: string[] = []) =>
  ({
    id,
    customerId,
    number: `OPS-${id}`,
    packId: 'private-cloud-ops',
    services: ['technical-support'],
    tier: '5x8',
    startDate: '2025-01-01',
    endDate,
    validityRule: 'licence-activation',
    siteIds,
    clusterIds: [],
    createdAt: T0,
    updatedAt: T0,
  }) satisfies ContractDoc;

const sh1 = site('S1', 'C1');
const sh2 = site('S2', 'C2');
const k1 = contract('K1', 'C1', '2026-12-31', ['S1']);
const k2 = contract('K2', 'C2', '2026-12-31', ['S2']);

function incident(
  id: string,
  level: string,
  openedAt: string,
  respondedAt: string | null,
  assignee: string | null,
  where: { site: SiteDoc; contract: ContractDoc } = { site: sh1, contract: k1 },
): IncidentDoc {
  let doc = openIncident(
    {
      customerId: where.site.customerId,
      site: where.site,
      contract: where.contract,
      title: `事件 ${id}`,
      description: '',
      level,
      openedAt,
      author: '张伟',
      id,
      ...(assignee !== null ? { assignee } : {}),
    },
    openedAt,
  );
  if (assignee === null) {
    // An incident in the team queue (no assignee).
    const { assignee: _dropped, ...rest } = doc;
    doc = rest;
  }
  return respondedAt === null ? doc : recordFirstResponse(doc, respondedAt, '张伟', '已联系');
}

const incidents = [
  incident('A', 'P1', '2026-03-02T09:00:00+08:00', '2026-03-02T09:03:00+08:00', '张伟'), // met, 3 min
  incident('B', 'P1', '2026-03-02T10:00:00+08:00', '2026-03-02T10:08:00+08:00', '张伟'), // late, 8 min
  // Opened 5 minutes before the service day ends, answered 2 minutes into the next: 7 min, met.
  incident('C', 'request', '2026-03-03T17:55:00+08:00', '2026-03-04T09:02:00+08:00', '李娜'),
  // The other customer's site: met, 4 min, in the team queue.
  incident('D', 'P1', '2026-03-03T09:00:00+08:00', '2026-03-03T09:04:00+08:00', null, {
    site: sh2,
    contract: k2,
  }),
  // Opened before the period: in February's figures, not March's.
  incident('E', 'P2', '2026-02-27T10:00:00+08:00', '2026-02-27T10:01:00+08:00', '李娜'),
  // Still waiting at 10:00, 10 minutes in: breached without a response; open.
  incident('F', 'P1', '2026-03-04T09:50:00+08:00', null, '李娜'),
  // Still waiting at 10:00 with 8 of its 10 minutes left: pending; open.
  incident('G', 'request', '2026-03-04T09:58:00+08:00', null, '王磊'),
];

function record(
  id: string,
  kind: 'risk' | 'change',
  state: string,
  fields: Record<string, unknown>,
): OpsRecordDoc {
  return {
    id,
    customerId: 'C1',
    kind,
    number: `${kind === 'risk' ? 'RSK' : 'CHG'}-${id}`,
    title: `记录 ${id}`,
    description: '',
    state,
    openedAt: '2026-02-01T09:00:00+08:00',
    links: [],
    history: [],
    createdAt: T0,
    updatedAt: T0,
    ...(kind === 'risk'
      ? {
          risk: {
            likelihood: 3,
            impact: 3,
            mitigation: '扩容',
            source: 'manual',
            ...fields,
          },
        }
      : {
          change: {
            changeType: 'normal',
            approval: 'approved',
            rollbackPlan: '回退',
            ...fields,
          },
        }),
  };
}

function acceptanceReport(
  id: string,
  contractId: string,
  status: DeliverableDoc['status'],
  revision = 1,
): DeliverableDoc {
  return {
    id,
    customerId: 'C1',
    kind: 'acceptance-report',
    sourceId: contractId,
    title: contractId,
    documentNumber: `ACC-${contractId}`,
    documentRevision: revision,
    lang: 'zh',
    status,
    snapshot: {},
    signatures: [],
    history: [],
    createdAt: T0,
    updatedAt: T0,
  };
}

function input(extra: Partial<LeadViewInput> = {}): LeadViewInput {
  return {
    period: { start: '2026-03-01', end: '2026-03-31' },
    customers: [customer('C1'), customer('C2')],
    sites: [sh1, sh2],
    contracts: [k1, k2],
    incidents,
    records: [],
    deliverables: [],
    today: '2026-03-04',
    ...extra,
  };
}

describe('buildLeadView: SLA compliance of the period', () => {
  const view = buildLeadView(input(), NOW);
  const pack = view.packs.find((p) => p.packId === 'private-cloud-ops')!;

  it('pools both sites per level with the report figures (median / p90 over the pooled responses)', () => {
    const p1 = pack.levels.find((l) => l.level === 'P1')!;
    expect(p1.incidentIds.sort()).toEqual(['A', 'B', 'D', 'F']);
    expect([p1.count, p1.met, p1.breached, p1.pending]).toEqual([4, 2, 2, 0]);
    expect(p1.attainmentPct).toBe(50);
    // Responses 3, 4, 8 minutes: median 4, p90 the 3rd smallest.
    expect(p1.medianResponseMs).toBe(4 * MIN);
    expect(p1.p90ResponseMs).toBe(8 * MIN);
    const request = pack.levels.find((l) => l.level === 'request')!;
    expect([request.count, request.met, request.pending]).toEqual([2, 1, 1]);
    expect(request.attainmentPct).toBe(100);
    expect(request.medianResponseMs).toBe(7 * MIN);
    expect(pack.levels.find((l) => l.level === 'P2')!.count).toBe(0);
    expect(pack.totals.count).toBe(6);
    expect(pack.totals.attainmentPct).toBe(60);
  });

  it('per engineer, the team queue last', () => {
    const by = new Map(view.engineers.map((e) => [e.engineer, e.figures]));
    expect(by.get('张伟')!.incidentIds).toEqual(['A', 'B']);
    expect(by.get('张伟')!.medianResponseMs).toBe(5.5 * MIN);
    expect(by.get('李娜')!.incidentIds).toEqual(['C', 'F']);
    expect([by.get('李娜')!.met, by.get('李娜')!.breached]).toEqual([1, 1]);
    expect(by.get('王磊')!.pending).toBe(1);
    expect(by.get('')!.incidentIds).toEqual(['D']);
    expect(view.engineers[view.engineers.length - 1]!.engineer).toBe('');
  });

  it('February holds E only', () => {
    const feb = buildLeadView(input({ period: { start: '2026-02-01', end: '2026-02-28' } }), NOW);
    expect(feb.rows.map((r) => r.incidentId)).toEqual(['E']);
    // April has none: no pack table, no engineer rows.
    const apr = buildLeadView(input({ period: { start: '2026-04-01', end: '2026-04-30' } }), NOW);
    expect([apr.packs, apr.engineers, apr.rows]).toEqual([[], [], []]);
  });

  it('open incidents of the whole team by time left, with their assignee', () => {
    // Waiting ones first (least time left), then the responded ones newest first.
    expect(view.openIncidents.map((i) => [i.incident.id, i.incident.assignee])).toEqual([
      ['F', '李娜'],
      ['G', '王磊'],
      ['C', '李娜'],
      ['D', undefined],
      ['B', '张伟'],
      ['A', '张伟'],
      ['E', '李娜'],
    ]);
  });
});

describe('buildLeadView: acceptance confirmations (contract end + 7 days)', () => {
  const ended = contract('K3', 'C1', '2026-02-26', ['S1']); // deadline 03-05, open
  const ending = contract('K4', 'C1', '2026-03-20', ['S1']); // within 30 days, not started
  const lapsed = contract('K5', 'C1', '2026-02-10', ['S1']); // deadline 02-17, overdue
  const confirmedLapsed = contract('K6', 'C1', '2026-02-01', ['S1']);
  const view = buildLeadView(
    input({
      contracts: [k1, k2, ended, ending, lapsed, confirmedLapsed],
      deliverables: [
        acceptanceReport('D1', 'K3', 'signed', 1),
        acceptanceReport('D2', 'K3', 'draft', 2),
        acceptanceReport('D3', 'K6', 'signed'),
      ],
    }),
    NOW,
  );

  it('lists ended and soon-ending ops contracts with deadline, state and latest report', () => {
    expect(view.acceptances.map((a) => [a.contract.id, a.state, a.deadline.deadlineDate])).toEqual([
      ['K5', 'overdue', '2026-02-17'],
      ['K3', 'open', '2026-03-05'],
      ['K4', 'not-started', '2026-03-27'],
    ]);
    const k3 = view.acceptances.find((a) => a.contract.id === 'K3')!;
    // The customer may confirm until the end of 03-05 Shanghai: 38 hours after 03-04 10:00.
    expect(k3.msLeft).toBe(38 * 60 * MIN);
    // Revision 2 (a resubmission) is the one awaiting confirmation.
    expect(k3.report?.id).toBe('D2');
    expect(k3.confirmed).toBe(false);
  });

  it('a confirmed acceptance is listed until its deadline passes', () => {
    const signed = buildLeadView(
      input({ contracts: [ended], deliverables: [acceptanceReport('D1', 'K3', 'signed')] }),
      NOW,
    );
    expect(signed.acceptances.map((a) => [a.contract.id, a.confirmed])).toEqual([['K3', true]]);
    const later = buildLeadView(
      input({
        contracts: [ended],
        deliverables: [acceptanceReport('D1', 'K3', 'signed')],
        today: '2026-03-10',
      }),
      Date.parse('2026-03-10T10:00:00+08:00'),
    );
    expect(later.acceptances).toEqual([]);
  });
});

describe('buildLeadView: overdue ops items', () => {
  it('risks past due and changes without a result', () => {
    const view = buildLeadView(
      input({
        records: [
          record('1', 'risk', 'open', { dueDate: '2026-03-01' }),
          record('2', 'risk', 'closed', { dueDate: '2026-03-01' }),
          record('3', 'risk', 'mitigating', { dueDate: '2026-03-04' }), // due today: not yet
          record('4', 'risk', 'open', {}),
          record('5', 'change', 'approved', { windowEnd: '2026-03-03T23:00:00+08:00' }),
          record('6', 'change', 'done', {
            windowEnd: '2026-03-03T23:00:00+08:00',
            result: 'success',
          }),
          record('7', 'change', 'cancelled', { windowEnd: '2026-03-01T23:00:00+08:00' }),
          record('8', 'change', 'done', {}),
          record('9', 'change', 'scheduled', { windowEnd: '2026-03-05T23:00:00+08:00' }),
          record('10', 'risk', 'mitigating', { dueDate: '2026-02-20' }),
        ],
      }),
      NOW,
    );
    expect(view.overdue.map((o) => [o.record.id, o.reason])).toEqual([
      ['8', 'change-without-result'],
      ['10', 'risk-past-due'],
      ['1', 'risk-past-due'],
      ['5', 'change-without-result'],
    ]);
  });
});
