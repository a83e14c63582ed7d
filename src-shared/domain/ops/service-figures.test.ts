/**
 * Figures of the ops service report on hand-computed periods (Asia/Shanghai, mainland China
 * calendar 2026: 09-25 中秋节 holiday, 09-20 a make-up working Sunday, 10-01–10-07 国庆节).
 * Targets (pack private-cloud-ops): P1–P4 5 minutes, other requests 10 minutes, counted in the
 * package's service time.
 */
import { describe, expect, it } from 'vitest';
import type { PauseInterval } from '../../db/types';
import { InputError } from '../errors';
import type { FigureIncident, FigureInspection, ServiceFiguresInput } from './service-figures';
import { computeServiceFigures, median, nearestRank } from './service-figures';

const MIN = 60_000;
const WAIT = 'waiting-for-customer-information';

function inc(
  id: string,
  level: string,
  openedAt: string,
  firstResponseAt?: string,
  extra: { pauses?: PauseInterval[]; levels?: [string, string][]; tier?: string } = {},
): FigureIncident {
  const levels = extra.levels ?? [[level, openedAt]];
  return {
    id,
    title: `incident ${id}`,
    packId: 'private-cloud-ops',
    tier: extra.tier ?? '5x8',
    level,
    levelHistory: levels.map(([l, at]) => ({ level: l, at, reason: 'r' })),
    openedAt,
    ...(firstResponseAt ? { firstResponseAt } : {}),
    pauses: extra.pauses ?? [],
  };
}

const ins = (id: string, startedAt: string, status: FigureInspection['status'] = 'completed') => ({
  id,
  startedAt,
  status,
});

const T = (s: string) => `2026-${s}:00+08:00`;

const september5x8Incidents: FigureIncident[] = [
  // 3 min: met.
  inc('i1', 'P1', T('09-01T10:00'), T('09-01T10:03')),
  // Friday 17:55 → Monday 09:04: 5 + 4 = 9 in-window minutes of 10: met.
  inc('i2', 'request', T('09-04T17:55'), T('09-07T09:04')),
  // 7 min of 5: breached, 2 min late.
  inc('i3', 'P2', T('09-09T14:00'), T('09-09T14:07')),
  // Paused 11:02–11:30 waiting for the customer: 2 + 5 = 7 min of 10: met.
  inc('i4', 'request', T('09-10T11:00'), T('09-10T11:35'), {
    pauses: [{ start: T('09-10T11:02'), end: T('09-10T11:30'), reason: WAIT }],
  }),
  // Opened as a request, reclassified P3 at 10:20: the P3 target (5 min) from the original
  // first contact (10:00) → due 10:05; answered 10:08: breached by 3 min.
  inc('i5', 'P3', T('09-15T10:00'), T('09-15T10:08'), {
    levels: [
      ['request', T('09-15T10:00')],
      ['P3', T('09-15T10:20')],
    ],
  }),
  // Wednesday 17:58 before National Day, answered on the first working day after it, 10-08
  // 09:03: 2 + 3 = 5 min of 5: met, answered in the next period.
  inc('i6', 'P4', T('09-30T17:58'), T('10-08T09:03')),
  // Opened on 中秋节 (a holiday Friday): the clock starts Monday 09-28 09:00; 12 min: breached.
  inc('i7', 'request', T('09-25T10:00'), T('09-28T09:12')),
  // Opened in August, answered in September: the August report's.
  inc('i8', 'request', T('08-31T17:00'), T('09-01T09:02')),
  // October: not this period.
  inc('i9', 'P1', T('10-09T09:30'), T('10-09T09:31')),
  // Never answered: 09-29 17:00–18:00, 09-30 9 h, 10-08 9 h, 10-09 09:00–10:00 = 1200 min
  // consumed by asOf, 10 allowed: 1190 min overdue.
  inc('i10', 'request', T('09-29T17:00')),
];

const septemberInspections: FigureInspection[] = [
  // Every required day except 09-02 (only an unfinished inspection) and 09-20 (the make-up
  // working Sunday); two on 09-01; one on the 中秋节 holiday (not required: extra).
  ...[
    '01',
    '03',
    '04',
    '07',
    '08',
    '09',
    '10',
    '11',
    '14',
    '15',
    '16',
    '17',
    '18',
    '21',
    '22',
    '23',
    '24',
    '28',
    '29',
    '30',
  ].map((d) => ins(`s${d}`, T(`09-${d}T09:30`))),
  ins('s01b', T('09-01T15:00')),
  ins('s02', T('09-02T09:30'), 'in-progress'),
  ins('s25', T('09-25T10:00')),
  // 08-31 and 10-08: outside the period.
  ins('s0831', T('08-31T10:00')),
  ins('s1008', T('10-08T10:00')),
];

function september(overrides: Partial<ServiceFiguresInput> = {}): ServiceFiguresInput {
  return {
    period: { start: '2026-09-01', end: '2026-09-30' },
    packId: 'private-cloud-ops',
    tier: '5x8',
    timeZone: 'Asia/Shanghai',
    calendar: 'cn',
    incidents: september5x8Incidents,
    inspections: septemberInspections,
    asOf: T('10-09T10:00'),
    ...overrides,
  };
}

describe('median and nearest-rank percentile', () => {
  it('odd, even, empty', () => {
    expect(median([1, 2, 9])).toBe(2);
    expect(median([1, 2, 4, 9])).toBe(3);
    expect(median([])).toBeNull();
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90)).toBe(10);
    expect(nearestRank([7], 90)).toBe(7);
    expect(nearestRank([], 90)).toBeNull();
  });
});

describe('computeServiceFigures: a 5x8 month with holidays, pauses and reclassification', () => {
  const f = computeServiceFigures(september());
  const row = (id: string) => f.incidents.find((r) => r.incidentId === id)!;
  const level = (id: string) => f.levels.find((l) => l.level === id)!;

  it('counts the incidents first contacted in the period, nothing else', () => {
    expect(f.incidents.map((r) => r.incidentId)).toEqual([
      'i1',
      'i2',
      'i3',
      'i4',
      'i5',
      'i6',
      'i7',
      'i10',
    ]);
    expect(f.coverage).toBe('5x8');
    expect(f.missingCalendarYears).toEqual([]);
  });

  it('judges each incident in business time (weekend, pause, holiday, reclassification)', () => {
    expect(row('i1')).toMatchObject({ outcome: 'met', responseMs: 3 * MIN, pausedMs: 0 });
    expect(row('i2')).toMatchObject({
      outcome: 'met',
      responseMs: 9 * MIN,
      dueAt: '2026-09-07T09:05:00.000+08:00',
    });
    expect(row('i3')).toMatchObject({
      outcome: 'breached',
      breachReason: 'responded-late',
      overdueMs: 2 * MIN,
      responseMs: 7 * MIN,
    });
    expect(row('i4')).toMatchObject({ outcome: 'met', responseMs: 7 * MIN, pausedMs: 28 * MIN });
    expect(row('i5')).toMatchObject({
      outcome: 'breached',
      overdueMs: 3 * MIN,
      responseMs: 8 * MIN,
      reclassifiedFrom: ['request'],
      dueAt: '2026-09-15T10:05:00.000+08:00',
    });
    expect(row('i6')).toMatchObject({
      outcome: 'met',
      responseMs: 5 * MIN,
      answeredAfterPeriod: true,
      dueAt: '2026-10-08T09:03:00.000+08:00',
    });
    expect(row('i7')).toMatchObject({
      outcome: 'breached',
      clockStartAt: '2026-09-28T09:00:00.000+08:00',
      responseMs: 12 * MIN,
      overdueMs: 2 * MIN,
    });
    expect(row('i10')).toMatchObject({
      outcome: 'breached',
      breachReason: 'no-response',
      responseMs: null,
      overdueMs: 1190 * MIN,
      answeredAfterPeriod: true,
    });
  });

  it('per level: count, met / breached, attainment, median and p90', () => {
    expect(level('P1')).toMatchObject({ count: 1, met: 1, breached: 0, attainmentPct: 100 });
    expect(level('P1').medianResponseMs).toBe(3 * MIN);
    expect(level('P2')).toMatchObject({ count: 1, met: 0, breached: 1, attainmentPct: 0 });
    expect(level('P3')).toMatchObject({ count: 1, breached: 1, incidentIds: ['i5'] });
    expect(level('P4')).toMatchObject({ count: 1, met: 1, p90ResponseMs: 5 * MIN });
    // Requests: i2 9 min met, i4 7 min met, i7 12 min breached, i10 no response breached.
    expect(level('request')).toMatchObject({
      count: 4,
      met: 2,
      breached: 2,
      pending: 0,
      attainmentPct: 50,
      medianResponseMs: 9 * MIN,
      p90ResponseMs: 12 * MIN,
      incidentIds: ['i2', 'i4', 'i7', 'i10'],
      responseIncidentIds: ['i2', 'i4', 'i7'],
    });
    // All: responses 3, 5, 7, 7, 8, 9, 12 → median 7 (4th of 7), p90 the 7th: 12.
    expect(f.totals).toMatchObject({
      level: 'all',
      count: 8,
      met: 4,
      breached: 4,
      attainmentPct: 50,
      medianResponseMs: 7 * MIN,
      p90ResponseMs: 12 * MIN,
    });
    expect(f.levels.map((l) => l.level)).toEqual(['P1', 'P2', 'P3', 'P4', 'request']);
  });

  it('lists the breaches, the incidents answered after the period and the earlier ones', () => {
    expect(f.breaches.map((r) => r.incidentId)).toEqual(['i3', 'i5', 'i7', 'i10']);
    expect(f.answeredAfterPeriod.map((r) => r.incidentId)).toEqual(['i6', 'i10']);
    expect(f.fromEarlierPeriods).toEqual([
      {
        incidentId: 'i8',
        title: 'incident i8',
        openedAt: T('08-31T17:00'),
        respondedAt: T('09-01T09:02'),
      },
    ]);
  });

  it('the next period does not count the incident opened in this one again', () => {
    const oct = computeServiceFigures(
      september({ period: { start: '2026-10-01', end: '2026-10-31' }, asOf: T('11-02T10:00') }),
    );
    expect(oct.incidents.map((r) => r.incidentId)).toEqual(['i9']);
    expect(oct.fromEarlierPeriods.map((r) => r.incidentId)).toEqual(['i6']);
  });

  it('inspections: one per working day of the holiday calendar, missed days listed', () => {
    expect(f.inspections.frequency).toBe('working-day');
    expect(f.inspections.expected).toBe(22);
    expect(f.inspections.done).toBe(20);
    expect(f.inspections.missedDays).toEqual(['2026-09-02', '2026-09-20']);
    expect(f.inspections.donePct).toBeCloseTo((20 / 22) * 100, 10);
    expect(f.inspections.doneDays[0]).toEqual({
      date: '2026-09-01',
      inspectionIds: ['s01', 's01b'],
    });
    expect(f.inspections.extraDays).toEqual([{ date: '2026-09-25', inspectionIds: ['s25'] }]);
    expect(f.inspections.notYetDueDays).toEqual([]);
  });

  it('a report taken mid-month: later days are not yet due, nor today without an inspection', () => {
    const mid = computeServiceFigures(
      september({
        asOf: T('09-16T12:00'),
        servicePeriod: { start: '2026-09-03', end: '2027-09-02' },
      }),
    );
    // Due: 09-03 … 09-15 working days = 03, 04, 07, 08, 09, 10, 11, 14, 15 (all done) + 09-16 done.
    expect(mid.inspections.expected).toBe(10);
    expect(mid.inspections.missed).toBe(0);
    expect(mid.inspections.notYetDueDays[0]).toBe('2026-09-17');
    // 09-01 is before the service started: its inspections are extra, 09-02 is not missed.
    expect(mid.inspections.extraDays.map((d) => d.date)).toEqual(['2026-09-01']);
    // i10 was not opened yet, i7 not yet answered... i7 opened 09-25: not in the incidents.
    expect(mid.incidents.map((r) => r.incidentId)).toEqual(['i1', 'i2', 'i3', 'i4', 'i5']);
  });

  it('an inspection missing today is not yet due', () => {
    const today = computeServiceFigures(
      september({
        asOf: T('09-02T20:00'),
        inspections: septemberInspections.filter((i) => i.id !== 's02'),
      }),
    );
    expect(today.inspections.missedDays).toEqual([]);
    expect(today.inspections.notYetDueDays[0]).toBe('2026-09-02');
    expect(today.inspections.done).toBe(1);
  });
});

describe('computeServiceFigures: a 7x24 week', () => {
  const week = computeServiceFigures({
    period: { start: '2026-10-05', end: '2026-10-11' },
    packId: 'private-cloud-ops',
    tier: '7x24',
    timeZone: 'Asia/Shanghai',
    calendar: 'cn',
    incidents: [
      // On a holiday at night: 7x24 counts every minute; 23:58 → 00:04 = 6 min of 5.
      inc('w1', 'P1', T('10-06T23:58'), T('10-07T00:04'), { tier: '7x24' }),
      // Saturday 03:00 → 03:09: 9 of 10, met.
      inc('w2', 'request', T('10-10T03:00'), T('10-10T03:09'), { tier: '7x24' }),
      // Open pause from the second minute: the clock is stopped, nothing is late yet.
      inc('w3', 'request', T('10-11T22:00'), undefined, {
        tier: '7x24',
        pauses: [{ start: T('10-11T22:01'), reason: WAIT }],
      }),
    ],
    inspections: ['05', '06', '07', '09', '10', '11'].map((d) => ins(`d${d}`, T(`10-${d}T08:00`))),
    asOf: T('10-12T09:00'),
  });

  it('every minute counts and every day needs an inspection, holidays included', () => {
    expect(week.coverage).toBe('7x24');
    expect(week.incidents.map((r) => [r.incidentId, r.outcome, r.responseMs])).toEqual([
      ['w1', 'breached', 6 * MIN],
      ['w2', 'met', 9 * MIN],
      ['w3', 'pending', null],
    ]);
    expect(week.totals).toMatchObject({
      count: 3,
      met: 1,
      breached: 1,
      pending: 1,
      attainmentPct: 50,
    });
    expect(week.incidents[2]!.pausedMs).toBe(659 * MIN);
    expect(week.inspections).toMatchObject({
      frequency: 'day',
      expected: 7,
      done: 6,
      missedDays: ['2026-10-08'],
    });
  });
});

describe('computeServiceFigures: no target, missing calendar years, bad input', () => {
  it('a level without a time target is counted but not judged', () => {
    const f = computeServiceFigures({
      period: { start: '2026-09-01', end: '2026-09-30' },
      packId: 'dce-support',
      tier: 'standard',
      timeZone: 'Asia/Shanghai',
      calendar: 'cn',
      incidents: [
        {
          ...inc('d5', '5', T('09-01T10:00'), T('09-03T10:00')),
          packId: 'dce-support',
          tier: 'standard',
        },
      ],
      inspections: [],
      asOf: T('10-01T10:00'),
    });
    expect(f.totals).toMatchObject({
      count: 1,
      noTarget: 1,
      attainmentPct: null,
      medianResponseMs: null,
    });
  });

  it('a year without calendar data is reported', () => {
    const f = computeServiceFigures(
      september({
        period: { start: '2031-03-01', end: '2031-03-31' },
        incidents: [],
        inspections: [],
        asOf: '2031-04-01T10:00:00+08:00',
      }),
    );
    expect(f.missingCalendarYears).toEqual([2031]);
    expect(f.inspections.expected).toBe(21);
  });

  it('refuses a backwards period, a bad date, an incident of another pack, an unknown tier', () => {
    expect(() =>
      computeServiceFigures(september({ period: { start: '2026-09-30', end: '2026-09-01' } })),
    ).toThrow(InputError);
    expect(() =>
      computeServiceFigures(september({ period: { start: '2026-09-31', end: '2026-10-01' } })),
    ).toThrow(/period.start/);
    expect(() =>
      computeServiceFigures(
        september({ incidents: [{ ...inc('x', 'P1', T('09-02T10:00')), packId: 'dce-support' }] }),
      ),
    ).toThrow(/pack dce-support/);
    expect(() => computeServiceFigures(september({ tier: 'gold' }))).toThrow(/unknown tier/);
  });
});

describe('computeServiceFigures: as of the report time', () => {
  it('a response recorded after asOf does not count yet', () => {
    const f = computeServiceFigures(september({ asOf: T('09-09T14:06') }));
    const i3 = f.incidents.find((r) => r.incidentId === 'i3')!;
    // Due 14:05, no response by 14:06: breached (no response), 1 minute overdue.
    expect(i3).toMatchObject({ outcome: 'breached', breachReason: 'no-response', overdueMs: MIN });
    expect(f.incidents.map((r) => r.incidentId)).toEqual(['i1', 'i2', 'i3']);
  });
});
