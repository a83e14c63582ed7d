/**
 * Acceptance confirmation reminders (seed 002 §八: the customer confirms the 验收报告 within 7 days
 * after the contract ends): one reminder per confirmation window, over the subjects the lead's
 * view computes. Contract ends Wednesday 2026-09-30 (Shanghai); the window runs 10-01 00:00 to
 * 10-08 00:00 — across 国庆节, 7 calendar days, so the deadline (10-07) is a holiday and flagged.
 */
import { describe, expect, it } from 'vitest';
import type { ContractDoc, DeliverableDoc, SiteDoc } from '../db/types';
import { acceptanceConfirmations } from './ops/lead-view';
import {
  DEFAULT_REMINDER_SETTINGS,
  dueAcceptanceReminders,
  nextAcceptanceReminderAt,
  parseReminderSettings,
  recordSent,
} from './reminders';
import type { AcceptanceReminderSubject, SentReminders } from './reminders';

const T0 = '2025-01-01T09:00:00+08:00';
const site: SiteDoc = {
  id: 'S1',
  customerId: 'C1',
  name: '武汉光谷数据中心',
  address: '',
  timeZone: 'Asia/Shanghai',
  holidayCalendar: 'cn',
  contacts: [],
  createdAt: T0,
  updatedAt: T0,
};
const contract = (endDate: string): ContractDoc => ({
  id: 'K1',
  customerId: 'C1',
  number: 'OPS-K1',
  packId: 'private-cloud-ops',
  services: ['technical-support'],
  tier: '5x8',
  startDate: '2025-01-01',
  endDate,
  validityRule: 'licence-activation',
  siteIds: ['S1'],
  clusterIds: [],
  createdAt: T0,
  updatedAt: T0,
});
const signedAcceptance: DeliverableDoc = {
  id: 'D1',
  customerId: 'C1',
  kind: 'acceptance-report',
  sourceId: 'K1',
  title: 'OPS-K1',
  documentNumber: 'ACC-1',
  documentRevision: 1,
  lang: 'zh',
  status: 'signed',
  snapshot: {},
  signatures: [],
  history: [],
  createdAt: T0,
  updatedAt: T0,
};

const at = (wall: string) => Date.parse(`2026-${wall}:00+08:00`);

function subjects(
  nowMs: number,
  endDate = '2026-09-30',
  deliverables: DeliverableDoc[] = [],
): AcceptanceReminderSubject[] {
  const today = new Date(nowMs + 8 * 3_600_000).toISOString().slice(0, 10);
  return acceptanceConfirmations(
    { customers: [], sites: [site], contracts: [contract(endDate)], deliverables, today },
    new Date(nowMs).toISOString(),
  ).map((a) => ({
    contractId: a.contract.id,
    opensAtMs: a.opensAtMs,
    deadlineAtMs: Date.parse(a.deadline.deadlineAt),
    confirmed: a.confirmed,
  }));
}

function due(nowMs: number, sent: SentReminders = {}, endDate?: string, d?: DeliverableDoc[]) {
  return dueAcceptanceReminders(
    subjects(nowMs, endDate, d),
    nowMs,
    DEFAULT_REMINDER_SETTINGS,
    sent,
  );
}

describe('acceptance deadline reminders', () => {
  it('the window and its deadline across the National Day holiday', () => {
    const [a] = acceptanceConfirmations(
      {
        customers: [],
        sites: [site],
        contracts: [contract('2026-09-30')],
        deliverables: [],
        today: '2026-09-30',
      },
      '2026-09-30T12:00:00+08:00',
    );
    expect(a!.opensAtMs).toBe(at('10-01T00:00'));
    expect(a!.deadline.deadlineDate).toBe('2026-10-07');
    expect(a!.deadline.deadlineAt).toBe('2026-10-08T00:00:00.000+08:00');
    expect(a!.deadline.deadlineDay.working).toBe(false);
  });

  it('fires when the window opens, once, and not after the deadline', () => {
    const before = at('09-30T12:00');
    expect(due(before)).toEqual([]);
    expect(nextAcceptanceReminderAt(subjects(before), before, DEFAULT_REMINDER_SETTINGS, {})).toBe(
      at('10-01T00:00'),
    );
    const opens = at('10-01T00:00');
    const first = due(opens);
    expect(first).toEqual([
      {
        key: `acceptance-deadline:K1:${at('10-08T00:00')}`,
        kind: 'acceptance-deadline',
        contractId: 'K1',
        eventAtMs: at('10-08T00:00'),
      },
    ]);
    const sent = recordSent(
      {},
      first.map((r) => r.key),
      opens,
    );
    expect(due(at('10-03T09:00'), sent)).toEqual([]);
    expect(nextAcceptanceReminderAt(subjects(opens), opens, DEFAULT_REMINDER_SETTINGS, sent)).toBe(
      null,
    );
    // A laptop that was off the whole window: no reminder after the deadline.
    expect(due(at('10-08T00:00'))).toEqual([]);
    // Opened late in the window (the laptop was off): still reminded, once.
    expect(due(at('10-07T23:59')).map((r) => r.contractId)).toEqual(['K1']);
  });

  it('a confirmed acceptance, or the kind switched off, reminds nothing', () => {
    expect(due(at('10-02T10:00'), {}, '2026-09-30', [signedAcceptance])).toEqual([]);
    const off = parseReminderSettings({ 'acceptance-deadline': false });
    const now = at('10-02T10:00');
    expect(dueAcceptanceReminders(subjects(now), now, off, {})).toEqual([]);
    expect(nextAcceptanceReminderAt(subjects(now), now, off, {})).toBe(null);
  });

  it('a moved contract end is a new event', () => {
    const opens = at('10-01T00:00');
    const sent = recordSent(
      {},
      due(opens).map((r) => r.key),
      opens,
    );
    // The end moves to 10-15: its window opens 10-16 and is reminded then.
    expect(due(at('10-16T08:00'), sent, '2026-10-15').map((r) => r.eventAtMs)).toEqual([
      at('10-23T00:00'),
    ]);
  });
});
