import { describe, expect, it } from 'vitest';
import type { ContractDoc, IncidentDoc, SiteDoc } from '../db/types';
import {
  incidentSlaStatus,
  openIncident,
  recordFirstResponse,
  recordResolution,
} from './incident-ops';
import {
  DEFAULT_REMINDER_SETTINGS,
  SENT_REMINDER_TTL_MS,
  dueReminders,
  nextReminderAt,
  parseReminderSettings,
  parseSentReminders,
  recordSent,
} from './reminders';
import type { ReminderSubject, SentReminders } from './reminders';

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

const contract: ContractDoc = {
  id: 'K1',
  customerId: 'CUST1',
  number: 'DCE-2026-001',
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
};

/** Level 1, professional tier: response due in 1 h (7x24), status update every hour. */
function level1(id = 'INC1'): IncidentDoc {
  return openIncident(
    {
      customerId: 'CUST1',
      site,
      contract,
      title: '生产集群 API Server 无响应',
      description: '',
      level: '1',
      openedAt: T0,
      author: '张伟',
      id,
    },
    T0,
  );
}

const at = (hhmm: string) => Date.parse(`2026-01-05T${hhmm}:00+08:00`);

function subjects(incidents: IncidentDoc[], nowMs: number): ReminderSubject[] {
  return incidents.map((incident) => ({
    incident,
    sla: incidentSlaStatus(incident, site, new Date(nowMs)),
  }));
}

function due(
  incidents: IncidentDoc[],
  hhmm: string,
  sent: SentReminders = {},
  settings = DEFAULT_REMINDER_SETTINGS,
) {
  const now = at(hhmm);
  return dueReminders(subjects(incidents, now), now, settings, sent).map((r) => r.kind);
}

describe('dueReminders', () => {
  it('warns 30 minutes before the response is due, not earlier', () => {
    const inc = level1();
    expect(due([inc], '08:29')).toEqual([]);
    expect(due([inc], '08:30')).toEqual(['sla-breach-soon']);
  });

  it('reminds of the hourly update 10 minutes before it is due', () => {
    const inc = level1();
    expect(due([inc], '08:49')).toEqual(['sla-breach-soon']);
    expect(due([inc], '08:50').sort()).toEqual(['hourly-update', 'sla-breach-soon']);
  });

  it('never repeats an event that was sent, and reports an overdue response once', () => {
    const inc = level1();
    const now = at('08:50');
    const first = dueReminders(subjects([inc], now), now, DEFAULT_REMINDER_SETTINGS, {});
    const sent = recordSent(
      {},
      first.map((r) => r.key),
      now,
    );
    expect(due([inc], '08:55', sent)).toEqual([]);
    // Due 09:00: the warning window ends, the overdue reminder begins.
    expect(due([inc], '09:00', sent)).toEqual(['response-overdue']);
    const sent2 = recordSent(sent, [`response-overdue:INC1:${at('09:00')}`], at('09:00'));
    expect(due([inc], '09:30', sent2)).toEqual([]);
  });

  it('a first response ends the response reminders and moves the next hourly update', () => {
    const responded = recordFirstResponse(
      level1(),
      '2026-01-05T08:40:00+08:00',
      '张伟',
      '已电话联系客户',
    );
    expect(due([responded], '08:45')).toEqual([]);
    expect(due([responded], '09:19')).toEqual([]);
    const now = at('09:30');
    const [reminder] = dueReminders(subjects([responded], now), now, DEFAULT_REMINDER_SETTINGS, {});
    expect(reminder?.kind).toBe('hourly-update');
    expect(reminder?.eventAtMs).toBe(at('09:40'));
  });

  it('respects the settings per kind', () => {
    const inc = level1();
    const settings = { ...DEFAULT_REMINDER_SETTINGS, 'sla-breach-soon': false };
    expect(due([inc], '08:50', {}, settings)).toEqual(['hourly-update']);
    expect(due([inc], '09:05', {}, { ...settings, 'response-overdue': false })).toEqual([
      'hourly-update',
    ]);
  });

  it('says nothing about resolved or closed incidents', () => {
    const resolved = recordResolution(level1(), '2026-01-05T08:20:00+08:00', '张伟', '已恢复');
    expect(due([resolved], '09:30')).toEqual([]);
    expect(due([{ ...level1(), status: 'closed' }], '09:30')).toEqual([]);
    // The same incident still open does get them (the test can fail).
    expect(due([level1()], '09:30').sort()).toEqual(['hourly-update', 'response-overdue']);
  });

  it('names the next instant a reminder becomes due', () => {
    const inc = level1();
    const now = at('08:00');
    expect(nextReminderAt(subjects([inc], now), now, DEFAULT_REMINDER_SETTINGS, {})).toBe(
      at('08:30'),
    );
    const later = at('08:31');
    expect(nextReminderAt(subjects([inc], later), later, DEFAULT_REMINDER_SETTINGS, {})).toBe(
      at('08:50'),
    );
  });
});

describe('stored reminder state', () => {
  it('forgets sent keys after the TTL', () => {
    const sent = recordSent(
      { old: 0, fresh: SENT_REMINDER_TTL_MS },
      ['new'],
      SENT_REMINDER_TTL_MS + 1,
    );
    expect(Object.keys(sent).sort()).toEqual(['fresh', 'new']);
  });

  it('reads stored values leniently', () => {
    expect(parseReminderSettings('x')).toEqual(DEFAULT_REMINDER_SETTINGS);
    expect(
      parseReminderSettings({ 'hourly-update': false, other: 1, 'sla-breach-soon': 'no' }),
    ).toEqual({
      ...DEFAULT_REMINDER_SETTINGS,
      'hourly-update': false,
    });
    expect(parseSentReminders({ a: 1, b: 'x', c: Number.NaN })).toEqual({ a: 1 });
    expect(parseSentReminders([1])).toEqual({});
  });
});
