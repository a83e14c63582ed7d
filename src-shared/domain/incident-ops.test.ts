import { describe, expect, it } from 'vitest';
import type { ContractDoc, IncidentDoc, SiteDoc } from '../db/types';
import { DCE_SUPPORT_PACK, PRIVATE_CLOUD_OPS_PACK } from '../policy/index';
import { mergeIncidents } from '../db/conflicts';
import { checkWorkspaceDocuments } from '../db/workspace-transfer';
import { InputError } from './errors';
import {
  INFO_REQUEST_PAUSE_REASON,
  assignIncident,
  knownEngineers,
  addTimelineEvent,
  cancellationDeadline,
  closeIncident,
  incidentSlaStatus,
  isFaultLevel,
  lastUpdateAt,
  openIncident,
  pauseIncident,
  reclassify,
  recordDispatch,
  recordFirstResponse,
  recordOnSiteArrival,
  recordResolution,
  resumeIncident,
  updateIncidentDetails,
} from './incident-ops';

const T0 = '2026-01-05T08:00:00+08:00';

const site: SiteDoc = {
  id: 'SITE1',
  customerId: 'CUST1',
  name: '上海张江数据中心',
  address: '上海市浦东新区张江路 100 号',
  timeZone: 'Asia/Shanghai',
  holidayCalendar: 'cn',
  contacts: [],
  createdAt: T0,
  updatedAt: T0,
};

function contract(tier: string, packId: ContractDoc['packId'] = 'dce-support'): ContractDoc {
  return {
    id: `K-${tier}`,
    customerId: 'CUST1',
    number: `DCE-2026-${tier}`,
    packId,
    services: packId === 'dce-support' ? ['SNS', 'S360'] : ['fault-emergency'],
    tier,
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    validityRule: 'licence-activation',
    siteIds: ['SITE1'],
    clusterIds: [],
    createdAt: T0,
    updatedAt: T0,
  };
}

function open(
  tier: string,
  level: string,
  openedAt: string,
  packId: ContractDoc['packId'] = 'dce-support',
): IncidentDoc {
  return openIncident(
    {
      customerId: 'CUST1',
      site,
      contract: contract(tier, packId),
      title: '生产集群 API Server 无响应',
      description: 'kube-apiserver 频繁重启',
      level,
      openedAt,
      author: '李娜',
    },
    openedAt,
  );
}

function expectInputError(fn: () => unknown, field: string, message: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(InputError);
  expect((caught as InputError).field).toBe(field);
  expect((caught as InputError).message).toMatch(message);
}

describe('openIncident', () => {
  it('takes tier and pack from the contract and stores the due time in UTC', () => {
    const inc = open('professional', '1', '2026-11-23T10:00:00+08:00');
    expect(inc).toMatchObject({
      tier: 'professional',
      packId: 'dce-support',
      level: '1',
      status: 'open',
      siteId: 'SITE1',
      contractId: 'K-professional',
      openedAt: '2026-11-23T10:00:00+08:00',
    });
    // professional level 1: 1 hour, 7x24
    expect(inc.dueAt).toBe('2026-11-23T03:00:00.000Z');
    expect(inc.timeline).toHaveLength(1);
    expect(inc.timeline[0]).toMatchObject({ kind: 'opened', author: '李娜', at: inc.openedAt });
    expect(inc.levelHistory).toEqual([{ level: '1', at: inc.openedAt, reason: 'opened' }]);
  });

  it('counts 5x8 hours in the site window: level 2 standard opened Friday 17:00', () => {
    const inc = open('standard', '2', '2026-11-27T17:00:00+08:00');
    // 1 h on Friday, 7 h on Monday from 09:00 → Monday 16:00 local
    expect(inc.dueAt).toBe('2026-11-30T08:00:00.000Z');
  });

  it('opens under a contract that covers all sites (empty siteIds, the form default)', () => {
    const inc = openIncident(
      {
        customerId: 'CUST1',
        site,
        contract: { ...contract('standard'), siteIds: [] },
        title: 't',
        description: '',
        level: '2',
        openedAt: '2026-11-23T10:00:00+08:00',
        author: 'a',
      },
      '2026-11-23T10:00:00+08:00',
    );
    expect(inc.contractId).toBe('K-standard');
  });

  it('stores no due time for a level without a time target', () => {
    expect(open('standard', '5', '2026-11-23T10:00:00+08:00').dueAt).toBe('');
  });

  it('refuses a contract of another customer, not covering the site, or not valid then', () => {
    const input = {
      customerId: 'CUST1',
      site,
      title: 't',
      description: '',
      level: '1',
      openedAt: '2026-11-23T10:00:00+08:00',
      author: 'a',
    };
    expectInputError(
      () =>
        openIncident(
          { ...input, contract: { ...contract('standard'), customerId: 'X' } },
          input.openedAt,
        ),
      'contractId',
      /another customer/,
    );
    expectInputError(
      () =>
        openIncident(
          { ...input, contract: { ...contract('standard'), siteIds: ['OTHER-SITE'] } },
          input.openedAt,
        ),
      'contractId',
      /does not cover site/,
    );
    expectInputError(
      () =>
        openIncident(
          { ...input, contract: { ...contract('standard'), endDate: '2026-06-30' } },
          input.openedAt,
        ),
      'contractId',
      /not valid on 2026-11-23/,
    );
    expectInputError(
      () => openIncident({ ...input, contract: contract('standard'), level: '9' }, input.openedAt),
      'level',
      /unknown level/,
    );
    expectInputError(
      () => openIncident({ ...input, contract: contract('standard'), title: ' ' }, input.openedAt),
      'title',
      /empty/,
    );
    expectInputError(
      () => openIncident({ ...input, contract: contract('standard') }, '2026-11-23T09:00:00+08:00'),
      'openedAt',
      /future/,
    );
  });

  it('uses the opening date in the site zone for contract validity', () => {
    // 2026-12-31T20:00Z is already 2027-01-01 in Shanghai: outside a contract ending 2026-12-31.
    expectInputError(
      () => open('standard', '1', '2026-12-31T20:00:00Z'),
      'contractId',
      /not valid on 2027-01-01/,
    );
  });
});

describe('operations return new documents', () => {
  it('never mutates the input incident', () => {
    const inc = open('standard', '3', '2026-11-23T10:00:00+08:00');
    const before = structuredClone(inc);
    const paused = pauseIncident(
      inc,
      site,
      INFO_REQUEST_PAUSE_REASON,
      '2026-11-23T11:00:00+08:00',
      '李娜',
    );
    resumeIncident(paused, site, '2026-11-24T11:00:00+08:00', '李娜');
    reclassify(inc, site, '2', '影响扩大', '2026-11-23T10:30:00+08:00', '李娜');
    recordFirstResponse(inc, '2026-11-23T10:20:00+08:00', '李娜', '已电话联系');
    closeIncident(
      inc,
      { state: 'resolved', resolutionType: 'advice', note: '' },
      '2026-11-24T10:00:00+08:00',
      '李娜',
    );
    expect(inc).toEqual(before);
  });
});

describe('first response, timeline, dispatch', () => {
  const inc = open('advanced', '1', '2026-11-23T10:00:00+08:00');

  it('records the first response once, not before opening', () => {
    const r = recordFirstResponse(inc, '2026-11-23T10:40:00+08:00', '王磊', '远程接入排查', {
      now: '2026-11-23T10:41:00+08:00',
    });
    expect(r.firstResponseAt).toBe('2026-11-23T10:40:00+08:00');
    expect(r.updatedAt).toBe('2026-11-23T10:41:00+08:00');
    expect(r.timeline.at(-1)).toMatchObject({ kind: 'first-response', text: '远程接入排查' });
    expectInputError(
      () => recordFirstResponse(r, '2026-11-23T11:00:00+08:00', 'a', ''),
      'firstResponseAt',
      /already/,
    );
    expectInputError(
      () => recordFirstResponse(inc, '2026-11-23T09:00:00+08:00', 'a', ''),
      'at',
      /before the incident was opened/,
    );
  });

  it('appends free events and refuses operation kinds', () => {
    const u = addTimelineEvent(inc, {
      kind: 'update',
      at: '2026-11-23T11:00:00+08:00',
      author: '王磊',
      text: '已定位 etcd 磁盘延迟',
    });
    expect(u.timeline).toHaveLength(2);
    expect(lastUpdateAt(u)).toBe('2026-11-23T11:00:00+08:00');
    expectInputError(
      () =>
        addTimelineEvent(inc, {
          kind: 'closure' as never,
          at: '2026-11-23T11:00:00+08:00',
          author: 'a',
          text: 'x',
        }),
      'kind',
      /own operation/,
    );
    expectInputError(
      () =>
        addTimelineEvent(inc, {
          kind: 'party' as never,
          at: '2026-11-23T11:00:00+08:00',
          author: 'a',
          text: 'x',
        }),
      'kind',
      /unknown timeline event kind/,
    );
    expectInputError(
      () =>
        addTimelineEvent(inc, {
          kind: 'note',
          at: '2026-11-23T11:00:00+08:00',
          author: 'a',
          text: '',
        }),
      'text',
      /empty/,
    );
  });

  it('measures on-site response from dispatch to arrival', () => {
    const d = recordDispatch(inc, '2026-11-23T10:30:00+08:00', '调度');
    expectInputError(
      () => recordDispatch(d, '2026-11-23T10:31:00+08:00', '调度'),
      'dispatchedAt',
      /already/,
    );
    expectInputError(
      () => recordOnSiteArrival(inc, '2026-11-23T11:00:00+08:00', 'a'),
      'dispatchedAt',
      /no engineer/,
    );
    expectInputError(
      () => recordOnSiteArrival(d, '2026-11-23T10:00:00+08:00', 'a'),
      'at',
      /before the dispatch/,
    );
    const a = recordOnSiteArrival(d, '2026-11-23T11:45:00+08:00', '王磊', '已到达机房');
    expect(a.onSiteArrivalAt).toBe('2026-11-23T11:45:00+08:00');
    expect(a.timeline.map((e) => e.kind)).toEqual(['opened', 'dispatch', 'on-site-arrival']);
  });
});

describe('reclassify', () => {
  it('keeps the opening time and applies the new level target', () => {
    const inc = open('standard', '2', '2026-11-23T10:00:00+08:00');
    expect(inc.dueAt).toBe('2026-11-23T10:00:00.000Z'); // 8 in-window hours → Mon 18:00 local
    const up = reclassify(inc, site, '1', '生产业务中断', '2026-11-23T10:30:00+08:00', '李娜');
    expect(up.openedAt).toBe(inc.openedAt);
    expect(up.level).toBe('1');
    expect(up.dueAt).toBe('2026-11-23T06:00:00.000Z'); // standard level 1: 4 h 7x24 from 10:00
    expect(up.levelHistory.at(-1)).toEqual({
      level: '1',
      at: '2026-11-23T10:30:00+08:00',
      reason: '生产业务中断',
    });
    expect(up.timeline.at(-1)).toMatchObject({
      kind: 'reclassification',
      fromLevel: '2',
      toLevel: '1',
    });
  });

  it('refuses the same level, unknown levels, a blank reason, another site', () => {
    const inc = open('standard', '2', '2026-11-23T10:00:00+08:00');
    expectInputError(
      () => reclassify(inc, site, '2', 'x', '2026-11-23T11:00:00+08:00', 'a'),
      'level',
      /already level 2/,
    );
    expectInputError(
      () => reclassify(inc, site, 'P1', 'x', '2026-11-23T11:00:00+08:00', 'a'),
      'level',
      /unknown level/,
    );
    expectInputError(
      () => reclassify(inc, site, '1', ' ', '2026-11-23T11:00:00+08:00', 'a'),
      'reason',
      /empty/,
    );
    expectInputError(
      () => reclassify(inc, { ...site, id: 'OTHER' }, '1', 'x', '2026-11-23T11:00:00+08:00', 'a'),
      'siteId',
      /not the incident's site/,
    );
  });
});

describe('pause and resume', () => {
  it('stops the clock while waiting for the customer and moves the due time by the paused window time', () => {
    // standard level 3: 2 business days = 18 in-window hours; opened Mon 10:00 → due Wed 10:00
    const inc = open('standard', '3', '2026-11-23T10:00:00+08:00');
    expect(inc.dueAt).toBe('2026-11-25T02:00:00.000Z');
    const paused = pauseIncident(
      inc,
      site,
      INFO_REQUEST_PAUSE_REASON,
      '2026-11-23T11:00:00+08:00',
      '李娜',
      '请客户提供 etcd 日志',
    );
    expect(paused.status).toBe('paused');
    expect(paused.dueAt).toBe('');
    expect(paused.pauses).toEqual([
      {
        start: '2026-11-23T11:00:00+08:00',
        reason: INFO_REQUEST_PAUSE_REASON,
        note: '请客户提供 etcd 日志',
      },
    ]);
    expect(paused.timeline.at(-1)?.text).toContain('请客户提供 etcd 日志');
    // resumed Tue 11:00: 9 in-window hours paused → due Thu 10:00
    const resumed = resumeIncident(
      paused,
      site,
      '2026-11-24T11:00:00+08:00',
      '李娜',
      '客户已提供日志',
    );
    expect(resumed.status).toBe('open');
    expect(resumed.pauses[0]?.end).toBe('2026-11-24T11:00:00+08:00');
    expect(resumed.dueAt).toBe('2026-11-26T02:00:00.000Z');
  });

  it('allows only the pack reasons, one pause at a time, and resume only when paused', () => {
    const inc = open('standard', '3', '2026-11-23T10:00:00+08:00');
    expectInputError(
      () => pauseIncident(inc, site, 'lunch', '2026-11-23T11:00:00+08:00', 'a'),
      'reason',
      /does not allow pausing for "lunch"/,
    );
    const p = pauseIncident(inc, site, INFO_REQUEST_PAUSE_REASON, '2026-11-23T11:00:00+08:00', 'a');
    expectInputError(
      () => pauseIncident(p, site, INFO_REQUEST_PAUSE_REASON, '2026-11-23T12:00:00+08:00', 'a'),
      'status',
      /already paused since 2026-11-23T11:00/,
    );
    expectInputError(
      () => resumeIncident(inc, site, '2026-11-23T12:00:00+08:00', 'a'),
      'status',
      /not paused/,
    );
    expectInputError(
      () => resumeIncident(p, site, '2026-11-23T10:30:00+08:00', 'a'),
      'at',
      /before the pause started/,
    );
    const r = resumeIncident(p, site, '2026-11-23T12:00:00+08:00', 'a');
    expectInputError(
      () => pauseIncident(r, site, INFO_REQUEST_PAUSE_REASON, '2026-11-23T11:30:00+08:00', 'a'),
      'at',
      /before the previous one ended/,
    );
  });
});

describe('cancellation deadline and closing', () => {
  it('is 7 days at level 3 and 14 at level 4 after the outstanding information request', () => {
    const l3 = pauseIncident(
      open('standard', '3', '2026-11-23T10:00:00+08:00'),
      site,
      INFO_REQUEST_PAUSE_REASON,
      '2026-11-23T11:00:00+08:00',
      'a',
    );
    expect(cancellationDeadline(l3, DCE_SUPPORT_PACK)).toBe('2026-11-30T03:00:00.000Z');
    const l4 = pauseIncident(
      open('standard', '4', '2026-11-23T10:00:00+08:00'),
      site,
      INFO_REQUEST_PAUSE_REASON,
      '2026-11-23T11:00:00+08:00',
      'a',
    );
    expect(cancellationDeadline(l4, DCE_SUPPORT_PACK)).toBe('2026-12-07T03:00:00.000Z');
    expect(
      cancellationDeadline(open('standard', '2', '2026-11-23T10:00:00+08:00'), DCE_SUPPORT_PACK),
    ).toBeNull();
    const answered = resumeIncident(l3, site, '2026-11-24T10:00:00+08:00', 'a');
    expect(cancellationDeadline(answered, DCE_SUPPORT_PACK)).toBeNull();
  });

  it('closes as cancelled only after the deadline, ending the open pause', () => {
    const l3 = pauseIncident(
      open('standard', '3', '2026-11-23T10:00:00+08:00'),
      site,
      INFO_REQUEST_PAUSE_REASON,
      '2026-11-23T11:00:00+08:00',
      'a',
    );
    expectInputError(
      () =>
        closeIncident(
          l3,
          { state: 'cancelled-by-customer', note: '' },
          '2026-11-29T11:00:00+08:00',
          'a',
        ),
      'state',
      /has until 2026-11-30T03:00:00.000Z/,
    );
    const closed = closeIncident(
      l3,
      { state: 'cancelled-by-customer', note: '客户 7 天内未提供日志' },
      '2026-11-30T11:00:00+08:00',
      'a',
    );
    expect(closed.status).toBe('closed');
    expect(closed.closure).toEqual({
      state: 'cancelled-by-customer',
      at: '2026-11-30T11:00:00+08:00',
      note: '客户 7 天内未提供日志',
    });
    expect(closed.pauses[0]?.end).toBe('2026-11-30T11:00:00+08:00');
    expectInputError(
      () =>
        closeIncident(
          open('standard', '2', '2026-11-23T10:00:00+08:00'),
          { state: 'cancelled-by-customer', note: '' },
          '2026-12-30T10:00:00+08:00',
          'a',
        ),
      'state',
      /outstanding information request/,
    );
  });

  it('needs a resolution type to close as resolved in the DCE pack, and none otherwise', () => {
    const inc = recordResolution(
      open('standard', '2', '2026-11-23T10:00:00+08:00'),
      '2026-11-23T15:00:00+08:00',
      'a',
      '调整 etcd 磁盘为 SSD',
    );
    expect(inc.status).toBe('resolved');
    expectInputError(
      () => closeIncident(inc, { state: 'resolved', note: '' }, '2026-11-24T10:00:00+08:00', 'a'),
      'resolutionType',
      /needs the resolution type/,
    );
    expectInputError(
      () =>
        closeIncident(
          inc,
          { state: 'transferred-to-customer', resolutionType: 'advice', note: '' },
          '2026-11-24T10:00:00+08:00',
          'a',
        ),
      'resolutionType',
      /resolved closures only/,
    );
    const closed = closeIncident(
      inc,
      { state: 'transferred-to-customer', note: '方案已邮件发送，客户未提出异议' },
      '2026-11-24T10:00:00+08:00',
      'a',
    );
    expect(closed.closure?.state).toBe('transferred-to-customer');
    expect(closed.timeline.at(-1)?.kind).toBe('closure');
    expectInputError(
      () =>
        closeIncident(
          closed,
          { state: 'resolved', resolutionType: 'advice', note: '' },
          '2026-11-25T10:00:00+08:00',
          'a',
        ),
      'status',
      /closed/,
    );
    expectInputError(
      () =>
        addTimelineEvent(closed, {
          kind: 'update',
          at: '2026-11-25T10:00:00+08:00',
          author: 'a',
          text: 'x',
        }),
      'status',
      /only notes/,
    );
    expect(
      addTimelineEvent(closed, {
        kind: 'note',
        at: '2026-11-25T10:00:00+08:00',
        author: 'a',
        text: '复盘',
      }).timeline,
    ).toHaveLength(4);
  });

  it('closes ops-pack incidents as resolved without a resolution type, and knows only its states', () => {
    const p1 = open('7x24', 'P1', '2026-11-23T03:00:00+08:00', 'private-cloud-ops');
    expect(p1.dueAt).toBe('2026-11-22T19:05:00.000Z'); // 5 minutes, every day
    expect(cancellationDeadline(p1, PRIVATE_CLOUD_OPS_PACK)).toBeNull();
    expectInputError(
      () =>
        closeIncident(
          p1,
          { state: 'transferred-to-customer', note: '' },
          '2026-11-23T05:00:00+08:00',
          'a',
        ),
      'state',
      /not a closure state of private-cloud-ops/,
    );
    expect(
      closeIncident(p1, { state: 'resolved', note: '已恢复' }, '2026-11-23T05:00:00+08:00', 'a')
        .status,
    ).toBe('closed');
  });
});

describe('details and SLA status', () => {
  it('edits descriptive fields only', () => {
    const inc = open('standard', '2', '2026-11-23T10:00:00+08:00');
    const e = updateIncidentDetails(
      inc,
      { rootCause: 'etcd 磁盘 IO 饱和', impact: '' },
      '2026-11-23T12:00:00+08:00',
    );
    expect(e.rootCause).toBe('etcd 磁盘 IO 饱和');
    expect('impact' in e).toBe(false);
    expect(e.timeline).toEqual(inc.timeline);
    expect(e.updatedAt).toBe('2026-11-23T12:00:00+08:00');
  });

  it('changes the assignee, keeps it when not given, and blank makes the incident everyone’s', () => {
    const inc = open('standard', '2', '2026-11-23T10:00:00+08:00');
    const mine = updateIncidentDetails(inc, { assignee: ' 李娜 ' }, '2026-11-23T12:00:00+08:00');
    expect(mine.assignee).toBe('李娜');
    expect(
      updateIncidentDetails(mine, { rootCause: 'x' }, '2026-11-23T12:01:00+08:00').assignee,
    ).toBe('李娜');
    expect(
      'assignee' in updateIncidentDetails(mine, { assignee: '  ' }, '2026-11-23T12:02:00+08:00'),
    ).toBe(false);
    expect(() =>
      updateIncidentDetails(inc, { assignee: 'x'.repeat(101) }, '2026-11-23T12:03:00+08:00'),
    ).toThrow();
  });

  it('hands the incident to another engineer: assignee and a timeline event naming who and to whom; the same assignee changes nothing', () => {
    const inc = { ...open('standard', '2', '2026-11-23T10:00:00+08:00'), assignee: '王磊' };
    const handed = assignIncident(inc, ' 李娜 ', '王磊', { now: '2026-11-23T12:00:00+08:00' });
    expect(handed.assignee).toBe('李娜');
    expect(handed.updatedAt).toBe('2026-11-23T12:00:00+08:00');
    expect(handed.timeline.at(-1)).toMatchObject({
      kind: 'assignment',
      author: '王磊',
      text: '李娜',
      at: '2026-11-23T12:00:00+08:00',
    });
    expect(assignIncident(handed, '李娜', '王磊', { now: '2026-11-23T12:05:00+08:00' })).toBe(
      handed,
    );
    expect(() => assignIncident(inc, '  ', '王磊', { now: '2026-11-23T12:06:00+08:00' })).toThrow(
      InputError,
    );
    expect(checkWorkspaceDocuments({ incidents: [handed] })).toEqual([]);
  });

  it('knows the engineers named on incidents (assignees, timeline authors) and the extra names, without the placeholder', () => {
    const inc = { ...open('standard', '2', '2026-11-23T10:00:00+08:00'), assignee: '赵敏' };
    const handed = assignIncident(inc, '李娜', '王磊', { now: '2026-11-23T12:00:00+08:00' });
    const other = { ...open('standard', '3', '2026-11-23T10:00:00+08:00'), assignee: '?' };
    const names = knownEngineers([inc, handed, other, handed], [' 陈晨 ', undefined, '', '李娜']);
    expect(names).toEqual(expect.arrayContaining(['陈晨', '李娜', '王磊', '赵敏']));
    expect(names).not.toContain('?');
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual([...names].sort((x, y) => x.localeCompare(y, 'zh')));
  });

  it('two laptops handing the same incident to different engineers: the later one wins, the other is in the merge history under the assignee field, both events stay', () => {
    const base = { ...open('standard', '2', '2026-11-23T10:00:00+08:00'), assignee: '王磊' };
    const a = assignIncident(base, '李娜', '王磊', { now: '2026-11-23T12:00:00+08:00' });
    const b = assignIncident(base, '陈晨', '赵敏', { now: '2026-11-23T12:10:00+08:00' });
    const merged = mergeIncidents({
      assumedMasterState: { ...base, _deleted: false },
      realMasterState: { ...a, _deleted: false },
      newDocumentState: { ...b, _deleted: false },
    });
    expect(merged.assignee).toBe('陈晨');
    expect(merged.mergeHistory).toEqual([
      expect.objectContaining({ field: 'assignee', value: '"李娜"' }),
    ]);
    expect(merged.timeline.filter((e) => e.kind === 'assignment').map((e) => e.text)).toEqual([
      '李娜',
      '陈晨',
    ]);
  });

  it('reports breach and the next hourly update for level 1', () => {
    const inc = addTimelineEvent(open('professional', '1', '2026-11-23T10:00:00+08:00'), {
      kind: 'update',
      at: '2026-11-23T10:30:00+08:00',
      author: 'a',
      text: '排查中',
    });
    const s = incidentSlaStatus(inc, site, '2026-11-23T11:30:00+08:00');
    expect(s.breached).toBe(true);
    expect(s.nextHourlyUpdateAt).toBe('2026-11-23T11:30:00.000+08:00');
  });
});

describe('isFaultLevel', () => {
  it('offers a fault report for faults only: DCE levels 1–3 and ops P1–P4, not requests', () => {
    const dce = DCE_SUPPORT_PACK;
    expect(['1', '2', '3', '4', '5'].map((l) => isFaultLevel(dce, l))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    const ops = PRIVATE_CLOUD_OPS_PACK;
    expect(ops.levels.filter((l) => isFaultLevel(ops, l.id)).map((l) => l.id)).toEqual(
      ops.levels.filter((l) => l.kind === 'fault').map((l) => l.id),
    );
    expect(isFaultLevel(ops, 'request')).toBe(false);
  });
});
