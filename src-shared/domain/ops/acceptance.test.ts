import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import {
  acceptanceDeadline,
  contractDeliverables,
  deadlineState,
  itemProblems,
  rejection,
} from './acceptance';

const OPS_SERVICES = [
  'technical-support',
  'fault-emergency',
  'monitoring-alerts',
  'resource-inspection',
  'risk-management',
  'change-support',
  'backup-management',
  'requirements-management',
  'service-reporting',
];

describe('acceptance deadline: 7 calendar days after the contract ends (seed 002 §八)', () => {
  it('across National Day: a contract ending 09-30 must be confirmed by the end of 10-07, a holiday', () => {
    const d = acceptanceDeadline('2026-09-30', 'Asia/Shanghai', 'cn');
    expect(d.deadlineDate).toBe('2026-10-07');
    expect(d.deadlineAt).toBe('2026-10-08T00:00:00.000+08:00');
    // The holiday does not move it (7 天, not 7 个工作日), but it is flagged.
    expect(d.deadlineDay).toMatchObject({ working: false, reason: 'holiday', published: true });
    expect(d.deadlineDay.name?.zh).toBe('国庆节');
  });

  it('across the Spring Festival, a weekend deadline, a month end and a leap day', () => {
    expect(acceptanceDeadline('2026-02-12', 'Asia/Shanghai', 'cn').deadlineDate).toBe('2026-02-19');
    expect(acceptanceDeadline('2026-02-12', 'Asia/Shanghai', 'cn').deadlineDay.reason).toBe(
      'holiday',
    );
    // 2026-02-28 is a make-up working Saturday: a working day.
    expect(acceptanceDeadline('2026-02-21', 'Asia/Shanghai', 'cn').deadlineDay).toMatchObject({
      working: true,
      reason: 'make-up-workday',
    });
    expect(acceptanceDeadline('2026-03-06', 'Asia/Shanghai', 'cn').deadlineDay.reason).toBe(
      'workday',
    );
    expect(acceptanceDeadline('2026-03-07', 'Asia/Shanghai', 'cn').deadlineDay.reason).toBe(
      'weekend',
    );
    expect(acceptanceDeadline('2028-02-25', 'Asia/Shanghai', 'none').deadlineDate).toBe(
      '2028-03-03',
    );
    expect(acceptanceDeadline('2026-11-30', 'Asia/Shanghai', 'none').deadlineDay.reason).toBe(
      'workday',
    );
  });

  it("ends at the site's midnight, also across a DST change", () => {
    // Europe/Berlin leaves summer time on 2026-10-25: the deadline 10-27 ends at 00:00+01:00.
    expect(acceptanceDeadline('2026-10-20', 'Europe/Berlin', 'none').deadlineAt).toBe(
      '2026-10-28T00:00:00.000+01:00',
    );
  });

  it('state: not started during the contract, open for 7 days, then overdue', () => {
    const d = acceptanceDeadline('2026-09-30', 'Asia/Shanghai', 'cn');
    const at = (s: string) => deadlineState('2026-09-30', d, 'Asia/Shanghai', s);
    expect(at('2026-09-30T23:59:00+08:00').state).toBe('not-started');
    expect(at('2026-10-01T00:00:00+08:00')).toEqual({ state: 'open', msLeft: 7 * 86_400_000 });
    expect(at('2026-10-07T23:59:59+08:00').state).toBe('open');
    expect(at('2026-10-08T00:00:00+08:00').state).toBe('overdue');
  });

  it('refuses a malformed date or zone', () => {
    expect(() => acceptanceDeadline('2026-09-31', 'Asia/Shanghai', 'cn')).toThrow(InputError);
    expect(() => acceptanceDeadline('2026-09-30', 'Mars/Olympus', 'cn')).toThrow(InputError);
  });
});

describe('contract deliverables', () => {
  it("ops pack: the nine service items' deliverables", () => {
    const d = contractDeliverables({ packId: 'private-cloud-ops', services: OPS_SERVICES });
    expect(d.map((x) => x.name.zh)).toEqual([
      '问题清单',
      '故障报告',
      '事件清单',
      '巡检报告',
      '风险报告',
      '变更清单',
      '备份报告',
      '需求清单',
      '运维月报',
    ]);
  });

  it('DCE: PDS planning, implementation, upgrade, training, handbook; S360 inspections', () => {
    const d = contractDeliverables({ packId: 'dce-support', services: ['PDS', 'S360'] });
    expect(d.map((x) => x.code)).toEqual([
      'PDS/planning-document',
      'PDS/implementation-record',
      'PDS/upgrade-record',
      'PDS/training',
      'PDS/operations-handbook',
      'S360/inspection-report',
      'S360/fault-report',
    ]);
  });

  it('refuses a service the pack does not have', () => {
    expect(() => contractDeliverables({ packId: 'dce-support', services: ['XYZ'] })).toThrow(
      /not a service of pack dce-support/,
    );
  });
});

describe('item statuses and rejections', () => {
  const items = contractDeliverables({ packId: 'private-cloud-ops', services: OPS_SERVICES }).map(
    (d) => ({ ...d, status: 'missing' as const }),
  );

  it('signed needs number and date; waived needs a reason', () => {
    expect(
      itemProblems([
        { ...items[0]!, status: 'signed' },
        { ...items[1]!, status: 'waived', waivedReason: '  ' },
        {
          ...items[2]!,
          status: 'signed',
          documentNumber: 'FB-OPS-20260930-0001',
          signedDate: '2026-09-30',
        },
      ]),
    ).toEqual([
      'deliverables[0] (technical-support/deliverable): signed needs documentNumber',
      'deliverables[0] (technical-support/deliverable): signed needs signedDate',
      'deliverables[1] (fault-emergency/deliverable): waived needs waivedReason',
    ]);
  });

  it('a rejection names items of the report, each once, each with a reason', () => {
    const at = '2026-10-05T10:00:00+08:00';
    expect(
      rejection(
        items,
        1,
        [{ code: 'backup-management/deliverable', reason: ' 缺少备份报告 ' }],
        at,
        '李明',
      ),
    ).toEqual({
      revision: 1,
      rejectedAt: at,
      by: '李明',
      items: [{ code: 'backup-management/deliverable', reason: '缺少备份报告' }],
    });
    expect(() => rejection(items, 1, [], at, '李明')).toThrow(/at least one/);
    expect(() => rejection(items, 1, [{ code: 'nope', reason: 'x' }], at, '李明')).toThrow(
      /not a deliverable/,
    );
    expect(() =>
      rejection(items, 1, [{ code: 'backup-management/deliverable', reason: '' }], at, '李明'),
    ).toThrow(/needs a reason/);
    expect(() =>
      rejection(
        items,
        1,
        [
          { code: 'backup-management/deliverable', reason: 'a' },
          { code: 'backup-management/deliverable', reason: 'b' },
        ],
        at,
        '李明',
      ),
    ).toThrow(/twice/);
  });
});
