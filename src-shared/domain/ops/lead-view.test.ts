/**
 * The lead's view on a hand-computed March 2026 (Asia/Shanghai, mainland China calendar: 03-02
 * to 03-06 are plain working days). Pack private-cloud-ops, package 5x8 (09:00–18:00 on working
 * days): P1–P4 faults get their response within 5 minutes, other requests within 10.
 * Now: Wednesday 2026-03-04 10:00 Shanghai.
 */
import { describe, expect, it } from 'vitest';
import type {
  ClusterDoc,
  ContractDoc,
  CustomerDoc,
  DeliverableDoc,
  IncidentDoc,
  InspectionDoc,
  OpsRecordDoc,
  SiteDoc,
} from '../../db/types';
import {
  INFO_REQUEST_PAUSE_REASON,
  closeIncident,
  openIncident,
  pauseIncident,
  recordFirstResponse,
} from '../incident-ops';
import { LEAD_LOOKAHEAD_DAYS, buildLeadView } from './lead-view';
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
    clusters: [],
    inspections: [],
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

// --- The rows of issue 11 §5 that follow deadlines, on the same clock (Wed 2026-03-04 10:00). ---

const HOUR = 60 * MIN;
const deleted = <T extends object>(doc: T): T => ({ ...doc, _deleted: true });

function siteIn(id: string, customerId: string, timeZone: string): SiteDoc {
  return { ...site(id, customerId), timeZone };
}

/** A DCE support contract, professional tier: level 1 = 1 h, 7x24, hourly updates. */
const dceContract = (id: string, customerId: string, endDate: string, siteIds: string[] = []) =>
  ({
    ...contract(id, customerId, endDate, siteIds),
    number: `DCE-${id}`,
    packId: 'dce-support',
    services: ['SNS'],
    tier: 'professional',
  }) satisfies ContractDoc;

const dceSite = site('D1', 'C1');
const dce = { ...dceContract('KD', 'C1', '2026-12-31', ['D1']), startDate: '2023-01-01' };

function dceIncident(id: string, level: string, openedAt: string, assignee = '张伟'): IncidentDoc {
  return openIncident(
    {
      customerId: 'C1',
      site: dceSite,
      contract: dce,
      title: `DCE 事件 ${id}`,
      description: '',
      level,
      openedAt,
      author: '张伟',
      assignee,
      id,
    },
    openedAt,
  );
}

const dceInput = (extra: Partial<LeadViewInput>) =>
  input({ sites: [sh1, sh2, dceSite], contracts: [k1, k2, dce], incidents: [], ...extra });

describe('buildLeadView: level 1 hourly updates of the whole team', () => {
  // Answered at 09:00: the next update is due at 10:00 — exactly now, so it is overdue.
  const due = recordFirstResponse(
    dceIncident('H1', '1', '2026-03-04T08:50:00+08:00'),
    '2026-03-04T09:00:00+08:00',
    '张伟',
    '已联系',
  );
  // Answered at 09:01 by another engineer: due 10:01, not yet.
  const soon = recordFirstResponse(
    dceIncident('H2', '1', '2026-03-04T08:55:00+08:00', '李娜'),
    '2026-03-04T09:01:00+08:00',
    '李娜',
    '已联系',
  );
  const level2 = dceIncident('H3', '2', '2026-03-04T09:00:00+08:00');
  const closed = closeIncident(
    soon,
    { state: 'resolved', resolutionType: 'advice', note: '已解答' },
    '2026-03-04T09:30:00+08:00',
    '李娜',
  );

  it('lists every level 1 incident with its next update, overdue at the due minute', () => {
    const view = buildLeadView(dceInput({ incidents: [soon, level2, due] }), NOW);
    expect(view.hourlyUpdates.map((h) => [h.incident.id, h.overdue])).toEqual([
      ['H1', true],
      ['H2', false],
    ]);
    expect(view.hourlyUpdates.map((h) => h.dueAtMs)).toEqual([NOW, NOW + MIN]);
    // A minute earlier H1 is not overdue yet.
    const before = buildLeadView(dceInput({ incidents: [due] }), NOW - MIN);
    expect(before.hourlyUpdates.map((h) => h.overdue)).toEqual([false]);
    // An update recorded at 09:40 moves the next one to 10:40.
    const updated = {
      ...due,
      timeline: [
        ...due.timeline,
        {
          id: 'u1',
          kind: 'update' as const,
          at: '2026-03-04T09:40:00+08:00',
          author: '张伟',
          text: '进展',
        },
      ],
    };
    const later = buildLeadView(dceInput({ incidents: [updated] }), NOW);
    expect(later.hourlyUpdates.map((h) => [h.dueAtMs, h.overdue])).toEqual([
      [NOW + 40 * MIN, false],
    ]);
  });

  it('ignores closed and deleted incidents', () => {
    const view = buildLeadView(dceInput({ incidents: [closed, deleted(due)] }), NOW);
    expect(view.hourlyUpdates).toEqual([]);
  });
});

describe('buildLeadView: 已由客户取消 deadlines (7 days at level 3, 14 at level 4)', () => {
  const waiting = (id: string, level: string, requestedAt: string) =>
    pauseIncident(
      dceIncident(id, level, '2026-02-10T09:00:00+08:00'),
      dceSite,
      INFO_REQUEST_PAUSE_REASON,
      requestedAt,
      '张伟',
    );
  // Level 3, asked exactly 7 days before now: the deadline is now, passed.
  const l3 = waiting('X3', '3', '2026-02-25T10:00:00+08:00');
  // Level 3 asked a minute later: not yet.
  const l3b = waiting('X3b', '3', '2026-02-25T10:01:00+08:00');
  // Level 4 asked 13 days before: one more day.
  const l4 = waiting('X4', '4', '2026-02-19T10:00:00+08:00');
  // Level 2 has no such deadline.
  const l2 = waiting('X2', '2', '2026-02-19T10:00:00+08:00');

  it('lists each running deadline with the pack’s days for the level, soonest first', () => {
    const view = buildLeadView(dceInput({ incidents: [l4, l2, l3b, l3, deleted(l3)] }), NOW);
    expect(view.cancellations.map((c) => [c.incident.id, c.days, c.atMs, c.passed])).toEqual([
      ['X3', 7, NOW, true],
      ['X3b', 7, NOW + MIN, false],
      ['X4', 14, Date.parse('2026-03-05T10:00:00+08:00'), false],
    ]);
  });

  it('a 14-day deadline at level 4 is not a 7-day one', () => {
    const l4at7 = waiting('Y4', '4', '2026-02-25T10:00:00+08:00');
    const [c] = buildLeadView(dceInput({ incidents: [l4at7] }), NOW).cancellations;
    expect(c?.passed).toBe(false);
    expect(c?.atMs).toBe(Date.parse('2026-03-11T10:00:00+08:00'));
  });
});

describe('buildLeadView: 已转移给客户 kept visible two years', () => {
  const transferred = (id: string, at: string, where: SiteDoc = dceSite) => {
    const doc = { ...dceIncident(id, '3', '2024-01-05T09:00:00+08:00'), siteId: where.id };
    return closeIncident(
      doc,
      { state: 'transferred-to-customer', note: '客户未反馈未修复' },
      at,
      '张伟',
    );
  };

  it('lists transferred incidents until two years after closure (exclusive), soonest first', () => {
    const gone = transferred('T1', '2024-03-04T10:00:00+08:00'); // ends exactly now
    const last = transferred('T2', '2024-03-04T10:01:00+08:00');
    const recent = transferred('T3', '2025-06-01T10:00:00+08:00');
    const resolved = closeIncident(
      dceIncident('T4', '3', '2025-06-01T09:00:00+08:00'),
      { state: 'resolved', resolutionType: 'advice', note: '' },
      '2025-06-01T10:00:00+08:00',
      '张伟',
    );
    const view = buildLeadView(
      dceInput({
        incidents: [
          recent,
          gone,
          last,
          resolved,
          deleted(transferred('T5', '2025-01-01T10:00:00+08:00')),
        ],
      }),
      NOW,
    );
    expect(view.transferRetentions.map((r) => [r.incident.id, r.years])).toEqual([
      ['T2', 2],
      ['T3', 2],
    ]);
    expect(Date.parse(view.transferRetentions[0]!.untilAt)).toBe(NOW + MIN);
  });

  it('two years on the site’s calendar: the same wall-clock time across a DST change', () => {
    const ny = siteIn('NY', 'C1', 'America/New_York');
    // 2024-03-09 12:00 EST (UTC-5); 2026-03-09 is after the switch to EDT (UTC-4).
    const t = transferred('T6', '2024-03-09T17:00:00Z', ny);
    const view = buildLeadView(dceInput({ sites: [ny, dceSite], incidents: [t] }), NOW);
    const until = Date.parse(view.transferRetentions[0]!.untilAt);
    expect(until).toBe(Date.parse('2026-03-09T12:00:00-04:00'));
    // Not a fixed 730 × 24 hours.
    expect(until).not.toBe(Date.parse('2024-03-09T17:00:00Z') + 730 * 24 * HOUR);
  });
});

describe('buildLeadView: contracts ending within 90 days', () => {
  expect(LEAD_LOOKAHEAD_DAYS).toBe(90);
  const on = (id: string, endDate: string, extra: Partial<ContractDoc> = {}) => ({
    ...dceContract(id, 'C1', endDate, ['D1']),
    ...extra,
  });

  it('lists running contracts ending from today to today + 90 days, soonest first', () => {
    const contracts = [
      on('E90', '2026-06-02'), // exactly 90 days
      on('E91', '2026-06-03'), // 91: not yet
      on('E0', '2026-03-04'), // last day today
      on('Eended', '2026-03-03'), // ended yesterday
      on('Elater', '2026-03-10', { startDate: '2026-03-05' }), // not started
      deleted(on('Edel', '2026-03-20')),
    ];
    const view = buildLeadView(dceInput({ contracts }), NOW);
    expect(view.contractsEnding.map((c) => [c.contract.id, c.daysLeft])).toEqual([
      ['E0', 0],
      ['E90', 90],
    ]);
  });

  it("dates by the contract's site zone", () => {
    // 10:00 in Shanghai is still 03-03 18:00 in Los Angeles: a contract ending 03-03 runs there.
    const la = siteIn('LA', 'C1', 'America/Los_Angeles');
    const c = { ...dceContract('ELA', 'C1', '2026-03-03', ['LA']) };
    const view = buildLeadView(dceInput({ sites: [la, dceSite], contracts: [c] }), NOW);
    expect(view.contractsEnding.map((e) => [e.contract.id, e.daysLeft, e.site.id])).toEqual([
      ['ELA', 0, 'LA'],
    ]);
    const inShanghai = buildLeadView(dceInput({ contracts: [{ ...c, siteIds: ['D1'] }] }), NOW);
    expect(inShanghai.contractsEnding).toEqual([]);
  });

  it('names the renewal: same pack, same site, from the day after', () => {
    const old = on('R1', '2026-04-30');
    const next = on('R2', '2027-04-30', { startDate: '2026-05-01' });
    // Another site of the customer, with nothing after it.
    const gap = { ...on('R3', '2026-05-31'), siteIds: ['D2'] };
    const other = { ...on('R4', '2026-05-20'), siteIds: ['S1'] };
    const otherNext = { ...contract('R5', 'C1', '2027-05-20', ['S1']), startDate: '2026-05-21' };
    const view = buildLeadView(dceInput({ contracts: [old, next, gap, other, otherNext] }), NOW);
    const renewal = new Map(view.contractsEnding.map((e) => [e.contract.id, e.renewal?.id]));
    expect(renewal.get('R1')).toBe('R2');
    expect(renewal.get('R3')).toBe(undefined);
    // An ops contract does not renew a DCE support contract.
    expect(renewal.get('R4')).toBe(undefined);
  });
});

describe('buildLeadView: clusters reaching end of standard support or end of life within 90 days', () => {
  const cluster = (
    id: string,
    version: string,
    where: SiteDoc = sh1,
    product: ClusterDoc['product'] = 'DCE',
  ): ClusterDoc => ({
    id,
    customerId: where.customerId,
    siteId: where.id,
    name: `集群 ${id}`,
    environment: 'prod',
    product,
    version,
    controlPlaneNodes: 3,
    workerNodes: 5,
    createdAt: T0,
    updatedAt: T0,
  });
  // DCE 5: standard support until 2026-06-01 (stops 06-02, 90 days after 03-04), life until
  // 2028-10-30. DCE 4 ended 2025-03-31.
  const dce5 = cluster('K5', '5.0.3');

  it('lists DCE 5 on 03-04 (support stops 06-02, in 90 days), not on 03-03', () => {
    const view = buildLeadView(input({ clusters: [dce5] }), NOW);
    expect(
      view.clusterLifecycles.map((c) => [
        c.cluster.id,
        c.milestone,
        c.stopsOn,
        c.daysLeft,
        c.reached,
      ]),
    ).toEqual([['K5', 'end-of-standard-support', '2026-06-02', 90, false]]);
    expect(view.clusterLifecycles[0]!.lifecycle.status).toBe('supported');
    const dayBefore = buildLeadView(input({ clusters: [dce5] }), NOW - 24 * HOUR);
    expect(dayBefore.clusterLifecycles).toEqual([]);
  });

  it("dates by the cluster's site zone", () => {
    const la = siteIn('LA', 'C1', 'America/Los_Angeles');
    // Los Angeles is still on 03-03 at 10:00 Shanghai: 91 days before support stops.
    const view = buildLeadView(
      input({ sites: [sh1, la], clusters: [cluster('KLA', '5.1.0', la), dce5] }),
      NOW,
    );
    expect(view.clusterLifecycles.map((c) => c.cluster.id)).toEqual(['K5']);
  });

  it('names end of life coming, and the clusters already out of support', () => {
    const at = Date.parse('2028-08-01T10:00:00+08:00'); // EOSL 2028-10-30: stops 10-31, in 91 days
    const at2 = Date.parse('2028-08-02T10:00:00+08:00'); // ... in 90 days
    const clusters = [
      dce5,
      cluster('K4', '4.0.9'),
      cluster('KZ', '3.10.0', sh1, 'ZStack'),
      deleted(cluster('K4d', '4.0.1')),
    ];
    const v1 = buildLeadView(input({ clusters }), at);
    expect(v1.clusterLifecycles.map((c) => [c.cluster.id, c.milestone, c.reached])).toEqual([
      ['K4', 'end-of-life', true],
      ['K5', 'end-of-standard-support', true],
    ]);
    const v2 = buildLeadView(input({ clusters }), at2);
    expect(
      v2.clusterLifecycles.map((c) => [
        c.cluster.id,
        c.milestone,
        c.stopsOn,
        c.daysLeft,
        c.reached,
      ]),
    ).toEqual([
      ['K5', 'end-of-life', '2028-10-31', 90, false],
      ['K4', 'end-of-life', '2025-04-01', -1219, true],
    ]);
  });
});

describe('buildLeadView: inspections due by package frequency', () => {
  const opsContract = (id: string, tier: '5x8' | '7x24', extra: Partial<ContractDoc> = {}) => ({
    ...contract(id, 'C1', '2026-12-31', ['S1']),
    services: ['technical-support', 'resource-inspection'],
    tier,
    ...extra,
  });
  const inspection = (
    id: string,
    startedAt: string,
    status: InspectionDoc['status'] = 'completed',
    where = sh1,
  ): InspectionDoc => ({
    id,
    customerId: where.customerId,
    siteId: where.id,
    templateId: 'private-cloud-inspection',
    templateVersion: 1,
    packId: 'private-cloud-ops',
    clusters: [],
    engineers: ['张伟'],
    startedAt,
    status,
    answers: [],
    findingEdits: [],
    overallEvaluation: '',
    history: [],
    createdAt: T0,
    updatedAt: T0,
  });

  it('5x8: one per working day — 03-02 done, 03-03 missed, today still due', () => {
    const view = buildLeadView(
      input({
        contracts: [opsContract('I1', '5x8')],
        inspections: [
          inspection('N1', '2026-03-02T10:00:00+08:00'),
          inspection('N2', '2026-03-03T10:00:00+08:00', 'in-progress'),
          deleted(inspection('N3', '2026-03-03T11:00:00+08:00')),
        ],
      }),
      NOW,
    );
    expect(
      view.inspectionsDue.map((d) => [d.contract.id, d.frequency, d.missedDays, d.dueToday]),
    ).toEqual([['I1', 'working-day', ['2026-03-03'], true]]);
    const row = view.inspectionsDue[0]!;
    expect(row.period).toEqual({ start: '2026-03-01', end: '2026-03-31' });
    expect(row.lastInspection?.id).toBe('N1');
    expect(row.todayState).toBe('due');
    // On Saturday 03-07 nothing is due on 5x8; 03-03 to 03-06 were missed.
    const saturday = buildLeadView(
      input({
        contracts: [opsContract('I1', '5x8')],
        inspections: [inspection('N1', '2026-03-02T10:00:00+08:00')],
      }),
      Date.parse('2026-03-07T10:00:00+08:00'),
    ).inspectionsDue[0]!;
    expect([saturday.todayState, saturday.missedDays.length]).toEqual(['not-required', 4]);
  });

  it("today's inspection, on the site's date, clears the row", () => {
    // 2026-03-03T16:30Z is 03-04 00:30 in Shanghai: today's, not yesterday's.
    const contracts = [opsContract('I1', '5x8', { startDate: '2026-03-04' })];
    const view = buildLeadView(
      input({ contracts, inspections: [inspection('N4', '2026-03-03T16:30:00Z')] }),
      NOW,
    );
    expect(view.inspectionsDue).toEqual([]);
    // The same instant at a site still on 03-03 (Los Angeles) is not today's there.
    const la = siteIn('LA', 'C1', 'America/Los_Angeles');
    const laView = buildLeadView(
      input({
        sites: [la],
        contracts: [{ ...contracts[0]!, siteIds: ['LA'], startDate: '2026-03-03' }],
        inspections: [inspection('N5', '2026-03-03T15:00:00Z', 'completed', la)],
      }),
      NOW,
    );
    // 03-03 07:00 LA: today's there; no missed day (the service started 03-03).
    expect(laView.inspectionsDue).toEqual([]);
  });

  it('7x24: one per day over the weekly period; a weekend counts', () => {
    const view = buildLeadView(
      input({
        contracts: [opsContract('I2', '7x24')],
        inspections: [inspection('N6', '2026-03-02T10:00:00+08:00')],
      }),
      Date.parse('2026-03-08T10:00:00+08:00'), // Sunday
    );
    const [row] = view.inspectionsDue;
    expect(row?.frequency).toBe('day');
    expect(row?.period).toEqual({ start: '2026-03-02', end: '2026-03-08' });
    expect(row?.missedDays).toEqual([
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
    ]);
    expect(row?.dueToday).toBe(true);
  });

  it('only contracts with 资源巡检, running today', () => {
    const view = buildLeadView(
      input({
        contracts: [
          opsContract('I3', '5x8', { services: ['technical-support'] }),
          opsContract('I4', '5x8', { endDate: '2026-03-03' }),
          deleted(opsContract('I5', '5x8')),
        ],
      }),
      NOW,
    );
    expect(view.inspectionsDue).toEqual([]);
  });
});
