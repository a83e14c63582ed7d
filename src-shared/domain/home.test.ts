import { describe, expect, it } from 'vitest';
import type { ClusterDoc, ContractDoc, CustomerDoc, SiteDoc, VisitDoc } from '../db/types';
import { buildHomeView } from './home';
import type { HomeInput } from './home';
import {
  INFO_REQUEST_PAUSE_REASON,
  openIncident,
  pauseIncident,
  recordFirstResponse,
} from './incident-ops';

// Wednesday 2026-03-04, 10:00 in Shanghai (02:00 UTC).
const NOW = Date.parse('2026-03-04T02:00:00Z');
const T0 = '2026-03-01T09:00:00+08:00';

const customer = (id: string, name: string): CustomerDoc => ({
  id,
  customerId: id,
  name,
  contacts: [],
  createdAt: T0,
  updatedAt: T0,
});

const site = (id: string, customerId: string, timeZone = 'Asia/Shanghai'): SiteDoc => ({
  id,
  customerId,
  name: `站点 ${id}`,
  address: '',
  timeZone,
  holidayCalendar: 'cn',
  contacts: [],
  createdAt: T0,
  updatedAt: T0,
});

const contract = (
  id: string,
  customerId: string,
  extra: Partial<ContractDoc> = {},
): ContractDoc => ({
  id,
  customerId,
  number: `N-${id}`,
  packId: 'dce-support',
  services: ['SNS'],
  tier: 'professional',
  startDate: '2026-01-01',
  endDate: '2026-12-31',
  validityRule: 'licence-activation',
  siteIds: [],
  clusterIds: [],
  createdAt: T0,
  updatedAt: T0,
  ...extra,
});

const visit = (id: string, siteDoc: SiteDoc, extra: Partial<VisitDoc>): VisitDoc => ({
  id,
  customerId: siteDoc.customerId,
  siteId: siteDoc.id,
  purpose: 'inspection',
  summary: `visit ${id}`,
  engineers: ['张伟'],
  status: 'planned',
  createdAt: T0,
  updatedAt: T0,
  ...extra,
});

const cluster = (
  id: string,
  siteDoc: SiteDoc,
  product: ClusterDoc['product'],
  version: string,
): ClusterDoc => ({
  id,
  customerId: siteDoc.customerId,
  siteId: siteDoc.id,
  name: id,
  environment: 'prod',
  product,
  version,
  controlPlaneNodes: 3,
  workerNodes: 3,
  createdAt: T0,
  updatedAt: T0,
});

const bank = customer('C1', '钱塘银行');
const grid = customer('C2', '荆楚电网');
const sh = site('S1', 'C1');
const sg = site('S2', 'C2', 'Asia/Singapore');
const k1 = contract('K1', 'C1');

function input(extra: Partial<HomeInput>): HomeInput {
  return {
    customers: [bank, grid],
    sites: [sh, sg],
    clusters: [],
    contracts: [k1],
    visits: [],
    incidents: [],
    engineer: '张伟',
    ...extra,
  };
}

function incident(id: string, level: string, openedAt: string) {
  return openIncident(
    {
      customerId: 'C1',
      site: sh,
      contract: k1,
      title: `事件 ${id}`,
      description: '',
      level,
      openedAt,
      author: '张伟',
      id,
    },
    openedAt,
  );
}

describe('buildHomeView', () => {
  it("lists today's visits by the site's date, mine only, the ongoing one first", () => {
    const view = buildHomeView(
      input({
        visits: [
          visit('V1', sh, { plannedDate: '2026-03-04' }),
          visit('V2', sh, { plannedDate: '2026-03-05' }),
          visit('V3', sh, { plannedDate: '2026-03-04', engineers: ['李娜'] }),
          // Checked in yesterday, still on site: listed today.
          visit('V4', sh, { status: 'checked-in', checkInAt: '2026-03-03T16:00:00+08:00' }),
        ],
      }),
      NOW,
    );
    expect(view.todayVisits.map((v) => v.visit.id)).toEqual(['V4', 'V1']);
    // Without an engineer name, everyone's visits count.
    const all = buildHomeView(
      input({
        engineer: '',
        visits: [visit('V3', sh, { plannedDate: '2026-03-04', engineers: ['李娜'] })],
      }),
      NOW,
    );
    expect(all.todayVisits).toHaveLength(1);
  });

  it('orders open incidents by SLA time left, waiting for a response first', () => {
    // Level 1 professional: 1 h, 7x24. Level 2 professional: 2 h, 7x24.
    const a = incident('A', '2', '2026-03-04T09:30:00+08:00'); // due 11:30: 90 min left
    const b = incident('B', '1', '2026-03-04T09:45:00+08:00'); // due 10:45: 45 min left
    const c = recordFirstResponse(
      incident('C', '1', '2026-03-04T09:00:00+08:00'),
      '2026-03-04T09:20:00+08:00',
      '张伟',
      '已联系',
    );
    const d = incident('D', '1', '2026-03-04T08:30:00+08:00'); // due 09:30: 30 min overdue
    const view = buildHomeView(input({ incidents: [a, b, c, d] }), NOW);
    expect(view.openIncidents.map((i) => i.incident.id)).toEqual(['D', 'B', 'A', 'C']);
    // Level 1 ones need hourly updates; C's is due an hour after its response.
    expect(view.hourlyUpdates.map((h) => [h.incident.id, h.overdue])).toEqual([
      ['D', true],
      ['C', false],
      ['B', false],
    ]);
    expect(view.hourlyUpdates[1]?.dueAtMs).toBe(Date.parse('2026-03-04T10:20:00+08:00'));
  });

  it("'my open incidents' are those assigned to me, or to nobody (opened before assignees)", () => {
    // openIncident assigns the engineer who opens it unless told otherwise.
    const mine = incident('M', '2', '2026-03-04T09:30:00+08:00');
    expect(mine.assignee).toBe('张伟');
    const theirs = { ...incident('T', '2', '2026-03-04T09:30:00+08:00'), assignee: '李娜' };
    const { assignee: _none, ...legacy } = incident('L', '2', '2026-03-04T09:30:00+08:00');
    const view = buildHomeView(input({ incidents: [mine, theirs, legacy] }), NOW);
    expect(view.openIncidents.map((i) => i.incident.id).sort()).toEqual(['L', 'M']);
    // Level 1 hourly updates follow the same rule.
    const urgent = { ...incident('U', '1', '2026-03-04T09:45:00+08:00'), assignee: '李娜' };
    expect(buildHomeView(input({ incidents: [urgent] }), NOW).hourlyUpdates).toEqual([]);
    // Without an engineer name, everyone's count.
    expect(
      buildHomeView(input({ engineer: '', incidents: [mine, theirs, legacy] }), NOW).openIncidents,
    ).toHaveLength(3);
    // An explicit assignee wins over the author.
    const handed = openIncident(
      {
        customerId: 'C1',
        site: sh,
        contract: k1,
        title: '交接',
        description: '',
        level: '3',
        openedAt: '2026-03-04T09:00:00+08:00',
        author: '张伟',
        assignee: '李娜',
      },
      '2026-03-04T09:00:00+08:00',
    );
    expect(handed.assignee).toBe('李娜');
  });

  it('names the cancellation deadline of an incident waiting for customer information', () => {
    const opened = incident('E', '4', '2026-03-02T10:00:00+08:00');
    const paused = pauseIncident(
      opened,
      sh,
      INFO_REQUEST_PAUSE_REASON,
      '2026-03-02T11:00:00+08:00',
      '张伟',
    );
    const view = buildHomeView(input({ incidents: [paused] }), NOW);
    expect(view.deadlines).toHaveLength(1);
    const [d] = view.deadlines;
    expect(d?.kind).toBe('cancellation');
    if (d?.kind !== 'cancellation') return;
    expect(d.days).toBe(14);
    expect(d.atMs).toBe(Date.parse('2026-03-16T11:00:00+08:00'));
  });

  it('lists acceptance confirmations of operations contracts around their end', () => {
    const ops = (id: string, endDate: string) =>
      contract(id, 'C2', {
        packId: 'private-cloud-ops',
        tier: '7x24',
        services: ['fault-emergency'],
        endDate,
      });
    const view = buildHomeView(
      input({
        contracts: [
          ops('O1', '2026-03-20'),
          ops('O2', '2026-02-28'),
          ops('O3', '2026-02-24'),
          ops('O4', '2026-06-30'),
          contract('K9', 'C1', { endDate: '2026-03-10' }),
        ],
      }),
      NOW,
    );
    expect(
      view.deadlines.map((d) => (d.kind === 'acceptance' ? [d.contract.id, d.date, d.ended] : [])),
    ).toEqual([
      ['O2', '2026-03-07', true],
      ['O1', '2026-03-27', false],
    ]);
  });

  it("lists clusters out of standard support at this week's customers, on the visit date", () => {
    const view = buildHomeView(
      input({
        visits: [
          visit('V1', sh, { plannedDate: '2026-03-06' }),
          visit('V2', sg, { plannedDate: '2026-03-12' }),
        ],
        clusters: [
          cluster('dce3', sh, 'DCE', '3.1.4'),
          cluster('dce4', sh, 'DCE', '4.0.11'),
          cluster('dce5', sh, 'DCE', '5.0.8'),
          cluster('zs', sh, 'ZStack', '4.7.21'),
          // Next week's customer: not listed.
          cluster('other', sg, 'DCE', '3.1.4'),
        ],
      }),
      NOW,
    );
    expect(view.visitsThisWeek).toBe(1);
    expect(view.unsupportedClusters.map((c) => [c.cluster.id, c.lifecycle.status, c.date])).toEqual(
      [
        ['dce3', 'end-of-life', '2026-03-06'],
        ['dce4', 'end-of-life', '2026-03-06'],
      ],
    );
  });
});
