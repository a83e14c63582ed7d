import { afterEach, describe, expect, it } from 'vitest';
import type { HolidayCalendarId, PauseInterval, PolicyPackId } from '../db/types';
import { DCE_SUPPORT_PACK } from '../policy/index';
import type { PolicyPack } from '../policy/types';
import type { HolidayCalendarData } from './calendar';
import { InputError } from './errors';
import type { SlaClockInput } from './sla';
import { businessMsBetween, computeDue, slaStatus, targetDurationMs } from './sla';

const MIN = 60_000;
const HOUR = 60 * MIN;
const WAIT = 'waiting-for-customer-information';

interface DueCase {
  name: string;
  pack?: PolicyPackId;
  tier: string;
  level: string;
  opened: string;
  tz?: string;
  calendar?: HolidayCalendarId;
  pauses?: PauseInterval[];
  due: string | null;
  clockStart?: string;
  missing?: number[];
  stopped?: boolean;
}

/*
 * Expected values are worked out by hand from the cn calendar (chinese-days): 2025 春节 Jan 28–
 * Feb 4 with make-up Sun Jan 26 and Sat Feb 8; 2025 国庆 Oct 1–8 with make-up Sun Sep 28 and
 * Sat Oct 11; 2026 春节 Feb 15–23 with make-up Sat Feb 14 and Sat Feb 28; 2026 中秋 Sep 25–27,
 * 国庆 Oct 1–7 with make-up Sun Sep 20 and Sat Oct 10. 2026-03-06 is a Friday.
 */
const CASES: DueCase[] = [
  // --- dce-support, hours on 5x8 (standard level 2 = 8 h) ---
  {
    name: 'Friday 17:00 level 2 standard → next working day 16:00',
    tier: 'standard',
    level: '2',
    opened: '2026-03-06T17:00:00+08:00',
    due: '2026-03-09T16:00:00.000+08:00',
    clockStart: '2026-03-06T17:00:00.000+08:00',
    missing: [],
  },
  {
    name: 'start exactly at 18:00 → clock starts next morning 09:00',
    tier: 'standard',
    level: '2',
    opened: '2026-03-03T18:00:00+08:00',
    due: '2026-03-04T17:00:00.000+08:00',
    clockStart: '2026-03-04T09:00:00.000+08:00',
  },
  {
    name: 'start exactly at 09:00 → same day 17:00',
    tier: 'standard',
    level: '2',
    opened: '2026-03-03T09:00:00+08:00',
    due: '2026-03-03T17:00:00.000+08:00',
    clockStart: '2026-03-03T09:00:00.000+08:00',
  },
  {
    name: 'start at 08:59 → clock starts 09:00',
    tier: 'standard',
    level: '2',
    opened: '2026-03-03T08:59:00+08:00',
    due: '2026-03-03T17:00:00.000+08:00',
    clockStart: '2026-03-03T09:00:00.000+08:00',
  },
  {
    name: 'start at 17:59:59 counts one second that day',
    tier: 'standard',
    level: '2',
    opened: '2026-03-03T17:59:59+08:00',
    due: '2026-03-04T16:59:59.000+08:00',
  },
  {
    name: 'start on a Saturday → Monday 09:00 start',
    tier: 'standard',
    level: '2',
    opened: '2026-03-07T10:00:00+08:00',
    due: '2026-03-09T17:00:00.000+08:00',
    clockStart: '2026-03-09T09:00:00.000+08:00',
  },
  {
    name: 'start on a holiday (National Day 2025, Fri Oct 3) → Thu Oct 9',
    tier: 'standard',
    level: '2',
    opened: '2025-10-03T10:00:00+08:00',
    due: '2025-10-09T17:00:00.000+08:00',
    clockStart: '2025-10-09T09:00:00.000+08:00',
  },
  {
    name: 'Spring Festival 2026: Friday before, make-up Saturday Feb 14 counts',
    tier: 'standard',
    level: '2',
    opened: '2026-02-13T15:00:00+08:00',
    due: '2026-02-14T14:00:00.000+08:00',
  },
  {
    name: 'start on make-up Saturday 2026-02-14 before opening',
    tier: 'standard',
    level: '2',
    opened: '2026-02-14T08:00:00+08:00',
    due: '2026-02-14T17:00:00.000+08:00',
    clockStart: '2026-02-14T09:00:00.000+08:00',
  },
  {
    name: 'make-up Sunday 2025-01-26 is a working day; due exactly at 18:00',
    tier: 'standard',
    level: '2',
    opened: '2025-01-26T10:00:00+08:00',
    due: '2025-01-26T18:00:00.000+08:00',
  },
  {
    name: 'Saturday before make-up Sunday 2025-09-28 → clock starts Sunday',
    tier: 'standard',
    level: '2',
    opened: '2025-09-27T12:00:00+08:00',
    due: '2025-09-28T17:00:00.000+08:00',
    clockStart: '2025-09-28T09:00:00.000+08:00',
  },
  {
    name: 'National Day 2025: Sep 30 14:00 → Oct 9 13:00',
    tier: 'standard',
    level: '2',
    opened: '2025-09-30T14:00:00+08:00',
    due: '2025-10-09T13:00:00.000+08:00',
  },
  {
    name: 'National Day 2026: Sep 30 16:00 → Oct 8 15:00',
    tier: 'standard',
    level: '2',
    opened: '2026-09-30T16:00:00+08:00',
    due: '2026-10-08T15:00:00.000+08:00',
  },
  {
    name: 'Spring Festival 2025: Jan 27 17:30 → Feb 5 16:30',
    tier: 'standard',
    level: '2',
    opened: '2025-01-27T17:30:00+08:00',
    due: '2025-02-05T16:30:00.000+08:00',
  },
  // --- business days (N × 9 in-window hours) ---
  {
    name: 'standard level 3: Tue 10:00 + 2 business days → Thu 10:00',
    tier: 'standard',
    level: '3',
    opened: '2026-03-03T10:00:00+08:00',
    due: '2026-03-05T10:00:00.000+08:00',
  },
  {
    name: 'standard level 4: Mon 09:00 + 4 business days → Thu 18:00',
    tier: 'standard',
    level: '4',
    opened: '2026-03-02T09:00:00+08:00',
    due: '2026-03-05T18:00:00.000+08:00',
  },
  {
    name: 'advanced level 3: Wed 13:00 + 1 business day → Thu 13:00',
    tier: 'advanced',
    level: '3',
    opened: '2026-03-04T13:00:00+08:00',
    due: '2026-03-05T13:00:00.000+08:00',
  },
  {
    name: 'advanced level 4: Fri 09:00 + 2 business days → Mon 18:00',
    tier: 'advanced',
    level: '4',
    opened: '2026-03-06T09:00:00+08:00',
    due: '2026-03-09T18:00:00.000+08:00',
  },
  {
    name: 'professional level 4: Fri 12:00 + 1 business day → Mon 12:00',
    tier: 'professional',
    level: '4',
    opened: '2026-03-06T12:00:00+08:00',
    due: '2026-03-09T12:00:00.000+08:00',
  },
  {
    name: 'business days across National Day 2025 and both make-up days',
    tier: 'standard',
    level: '4',
    opened: '2025-09-29T10:00:00+08:00',
    due: '2025-10-11T10:00:00.000+08:00',
  },
  {
    name: 'business days through make-up Sunday 2025-09-28',
    tier: 'standard',
    level: '4',
    opened: '2025-09-25T10:00:00+08:00',
    due: '2025-09-30T10:00:00.000+08:00',
  },
  {
    name: 'standard level 3 before Spring Festival 2026 ends on make-up Saturday',
    tier: 'standard',
    level: '3',
    opened: '2026-02-12T11:00:00+08:00',
    due: '2026-02-14T11:00:00.000+08:00',
  },
  {
    name: 'standard level 4 across the Spring Festival 2026 block',
    tier: 'standard',
    level: '4',
    opened: '2026-02-13T09:00:00+08:00',
    due: '2026-02-25T18:00:00.000+08:00',
  },
  {
    name: 'advanced level 3 across the Spring Festival 2025 block',
    tier: 'advanced',
    level: '3',
    opened: '2025-01-27T15:00:00+08:00',
    due: '2025-02-05T15:00:00.000+08:00',
  },
  {
    name: 'advanced level 4 across National Day 2026',
    tier: 'advanced',
    level: '4',
    opened: '2026-09-30T09:00:00+08:00',
    due: '2026-10-08T18:00:00.000+08:00',
  },
  {
    name: 'professional level 3 (4 h 5x8) into make-up Saturday 2026-10-10',
    tier: 'professional',
    level: '3',
    opened: '2026-10-09T16:00:00+08:00',
    due: '2026-10-10T11:00:00.000+08:00',
  },
  {
    name: 'professional level 3 due exactly at window close',
    tier: 'professional',
    level: '3',
    opened: '2026-03-03T14:00:00+08:00',
    due: '2026-03-03T18:00:00.000+08:00',
  },
  {
    name: 'business days over the 中秋 2026 weekend and make-up Sunday Sep 20',
    tier: 'standard',
    level: '3',
    opened: '2026-09-18T14:00:00+08:00',
    due: '2026-09-21T14:00:00.000+08:00',
  },
  // --- 7x24 ---
  {
    name: 'standard level 1: 4 h 7x24',
    tier: 'standard',
    level: '1',
    opened: '2026-03-06T17:00:00+08:00',
    due: '2026-03-06T21:00:00.000+08:00',
    clockStart: '2026-03-06T17:00:00.000+08:00',
  },
  {
    name: 'advanced level 1: 2 h over midnight on a weekend',
    tier: 'advanced',
    level: '1',
    opened: '2026-03-07T23:30:00+08:00',
    due: '2026-03-08T01:30:00.000+08:00',
  },
  {
    name: 'professional level 1: 1 h on a holiday at night',
    tier: 'professional',
    level: '1',
    opened: '2026-02-17T03:15:00+08:00',
    due: '2026-02-17T04:15:00.000+08:00',
  },
  {
    name: 'advanced level 2: 4 h 7x24 on National Day',
    tier: 'advanced',
    level: '2',
    opened: '2025-10-01T22:00:00+08:00',
    due: '2025-10-02T02:00:00.000+08:00',
  },
  {
    name: 'professional level 2: 2 h 7x24 into an unpublished year needs no calendar',
    tier: 'professional',
    level: '2',
    opened: '2026-12-31T23:00:00+08:00',
    due: '2027-01-01T01:00:00.000+08:00',
    missing: [],
  },
  // --- level 5: no time target ---
  {
    name: 'standard level 5 (无)',
    tier: 'standard',
    level: '5',
    opened: '2026-03-06T17:00:00+08:00',
    due: null,
  },
  {
    name: 'advanced level 5 (定期探讨)',
    tier: 'advanced',
    level: '5',
    opened: '2026-03-06T17:00:00+08:00',
    due: null,
  },
  {
    name: 'professional level 5 (每月探讨)',
    tier: 'professional',
    level: '5',
    opened: '2026-03-06T17:00:00+08:00',
    due: null,
  },
  // --- private-cloud-ops: faults 5 min, requests 10 min, in the package's service time ---
  {
    name: 'ops 5x8 P1 on a working morning',
    pack: 'private-cloud-ops',
    tier: '5x8',
    level: 'P1',
    opened: '2026-03-09T10:00:00+08:00',
    due: '2026-03-09T10:05:00.000+08:00',
  },
  {
    name: 'ops 5x8 P2 at 17:58 → 09:03 next working day',
    pack: 'private-cloud-ops',
    tier: '5x8',
    level: 'P2',
    opened: '2026-03-09T17:58:00+08:00',
    due: '2026-03-10T09:03:00.000+08:00',
  },
  {
    name: 'ops 5x8 P3 on a Saturday → Monday 09:05',
    pack: 'private-cloud-ops',
    tier: '5x8',
    level: 'P3',
    opened: '2026-03-07T10:00:00+08:00',
    due: '2026-03-09T09:05:00.000+08:00',
  },
  {
    name: 'ops 5x8 P4 during National Day 2026 → Oct 8 09:05',
    pack: 'private-cloud-ops',
    tier: '5x8',
    level: 'P4',
    opened: '2026-10-05T10:00:00+08:00',
    due: '2026-10-08T09:05:00.000+08:00',
  },
  {
    name: 'ops 5x8 request at 17:55 → 09:05 next day',
    pack: 'private-cloud-ops',
    tier: '5x8',
    level: 'request',
    opened: '2026-03-09T17:55:00+08:00',
    due: '2026-03-10T09:05:00.000+08:00',
  },
  {
    name: 'ops 5x8 request on make-up Saturday 2026-02-28 before opening',
    pack: 'private-cloud-ops',
    tier: '5x8',
    level: 'request',
    opened: '2026-02-28T08:00:00+08:00',
    due: '2026-02-28T09:10:00.000+08:00',
  },
  {
    name: 'ops 7x24 P1 over midnight during Spring Festival',
    pack: 'private-cloud-ops',
    tier: '7x24',
    level: 'P1',
    opened: '2026-02-17T23:58:00+08:00',
    due: '2026-02-18T00:03:00.000+08:00',
  },
  {
    name: 'ops 7x24 P2 on a Saturday',
    pack: 'private-cloud-ops',
    tier: '7x24',
    level: 'P2',
    opened: '2026-03-07T12:00:00+08:00',
    due: '2026-03-07T12:05:00.000+08:00',
  },
  {
    name: 'ops 7x24 P3 at midnight on National Day',
    pack: 'private-cloud-ops',
    tier: '7x24',
    level: 'P3',
    opened: '2026-10-01T00:00:00+08:00',
    due: '2026-10-01T00:05:00.000+08:00',
  },
  {
    name: 'ops 7x24 P4 on the first day of Spring Festival 2025',
    pack: 'private-cloud-ops',
    tier: '7x24',
    level: 'P4',
    opened: '2025-01-28T09:00:00+08:00',
    due: '2025-01-28T09:05:00.000+08:00',
  },
  {
    name: 'ops 7x24 request across midnight',
    pack: 'private-cloud-ops',
    tier: '7x24',
    level: 'request',
    opened: '2026-03-09T23:55:00+08:00',
    due: '2026-03-10T00:05:00.000+08:00',
  },
  // --- calendar none: weekends only, always published ---
  {
    name: 'calendar none: Oct 1 2025 (a Wednesday) is a working day',
    tier: 'standard',
    level: '2',
    opened: '2025-10-01T10:00:00+08:00',
    calendar: 'none',
    due: '2025-10-01T18:00:00.000+08:00',
    missing: [],
  },
  {
    name: 'calendar none: make-up Sunday ignored, holiday Tuesday counted',
    tier: 'standard',
    level: '3',
    opened: '2025-01-24T10:00:00+08:00',
    calendar: 'none',
    due: '2025-01-28T10:00:00.000+08:00',
  },
  {
    name: 'calendar none: ops 5x8 make-up Saturday is a weekend',
    pack: 'private-cloud-ops',
    tier: '5x8',
    level: 'P1',
    opened: '2026-02-14T10:00:00+08:00',
    calendar: 'none',
    due: '2026-02-16T09:05:00.000+08:00',
  },
  {
    name: 'calendar cn with the same start counts make-up Sunday 2025-01-26',
    tier: 'standard',
    level: '3',
    opened: '2025-01-24T10:00:00+08:00',
    due: '2025-01-27T10:00:00.000+08:00',
  },
  // --- years without a published calendar ---
  {
    name: '2030 unpublished: weekend fallback, reported missing',
    tier: 'standard',
    level: '2',
    opened: '2030-03-01T17:00:00+08:00',
    due: '2030-03-04T16:00:00.000+08:00',
    missing: [2030],
  },
  {
    name: '2030-10-01 unpublished: counted as a plain Tuesday',
    tier: 'standard',
    level: '2',
    opened: '2030-10-01T10:00:00+08:00',
    due: '2030-10-01T18:00:00.000+08:00',
    missing: [2030],
  },
  {
    name: 'business days from the last published day into 2027',
    tier: 'standard',
    level: '3',
    opened: '2026-12-31T10:00:00+08:00',
    due: '2027-01-04T10:00:00.000+08:00',
    missing: [2027],
  },
  // --- pauses (waiting for customer information) ---
  {
    name: 'pause inside the window pushes the due time',
    tier: 'standard',
    level: '2',
    opened: '2026-03-03T09:00:00+08:00',
    pauses: [
      { start: '2026-03-03T10:00:00+08:00', end: '2026-03-03T11:30:00+08:00', reason: WAIT },
    ],
    due: '2026-03-04T09:30:00.000+08:00',
  },
  {
    name: 'pause spanning the night counts only its in-window overlap',
    tier: 'standard',
    level: '2',
    opened: '2026-03-03T14:00:00+08:00',
    pauses: [
      { start: '2026-03-03T17:00:00+08:00', end: '2026-03-04T10:00:00+08:00', reason: WAIT },
    ],
    due: '2026-03-04T15:00:00.000+08:00',
  },
  {
    name: 'pause entirely outside the window changes nothing',
    tier: 'standard',
    level: '2',
    opened: '2026-03-03T14:00:00+08:00',
    pauses: [
      { start: '2026-03-03T20:00:00+08:00', end: '2026-03-04T08:00:00+08:00', reason: WAIT },
    ],
    due: '2026-03-04T13:00:00.000+08:00',
  },
  {
    name: 'overlapping pauses are merged',
    tier: 'standard',
    level: '2',
    opened: '2026-03-03T09:00:00+08:00',
    pauses: [
      { start: '2026-03-03T10:30:00+08:00', end: '2026-03-03T11:30:00+08:00', reason: WAIT },
      { start: '2026-03-03T10:00:00+08:00', end: '2026-03-03T11:00:00+08:00', reason: WAIT },
    ],
    due: '2026-03-04T09:30:00.000+08:00',
  },
  {
    name: 'pause that began before the incident was opened',
    tier: 'standard',
    level: '2',
    opened: '2026-03-03T09:00:00+08:00',
    pauses: [
      { start: '2026-03-02T10:00:00+08:00', end: '2026-03-03T10:00:00+08:00', reason: WAIT },
    ],
    due: '2026-03-03T18:00:00.000+08:00',
    clockStart: '2026-03-03T09:00:00.000+08:00',
  },
  {
    name: 'open pause before the target is reached stops the clock: no due time',
    tier: 'standard',
    level: '2',
    opened: '2026-03-03T09:00:00+08:00',
    pauses: [{ start: '2026-03-03T11:00:00+08:00', reason: WAIT }],
    due: null,
    stopped: true,
  },
  {
    name: 'open pause after the due time does not move it',
    tier: 'standard',
    level: '2',
    opened: '2026-03-03T09:00:00+08:00',
    pauses: [{ start: '2026-03-03T17:30:00+08:00', reason: WAIT }],
    due: '2026-03-03T17:00:00.000+08:00',
    stopped: false,
  },
  {
    name: 'pause on 7x24 pushes by its full length',
    tier: 'standard',
    level: '1',
    opened: '2026-03-06T17:00:00+08:00',
    pauses: [
      { start: '2026-03-06T18:00:00+08:00', end: '2026-03-06T18:45:00+08:00', reason: WAIT },
    ],
    due: '2026-03-06T21:45:00.000+08:00',
  },
  {
    name: 'pause across the Spring Festival block only counts working-day hours',
    tier: 'advanced',
    level: '3',
    opened: '2025-01-27T09:00:00+08:00',
    pauses: [
      { start: '2025-01-27T12:00:00+08:00', end: '2025-02-05T10:00:00+08:00', reason: WAIT },
    ],
    due: '2025-02-05T16:00:00.000+08:00',
  },
  // --- reclassification keeps the original start ---
  {
    name: 'reclassified 1 → 2: level 1 target from the original start',
    tier: 'standard',
    level: '1',
    opened: '2026-03-06T17:00:00+08:00',
    due: '2026-03-06T21:00:00.000+08:00',
  },
  {
    name: 'reclassified 1 → 2: level 2 target from the same original start',
    tier: 'standard',
    level: '2',
    opened: '2026-03-06T17:00:00+08:00',
    due: '2026-03-09T16:00:00.000+08:00',
  },
  // --- DST: 7x24 counts real hours, 5x8 stays 09:00–18:00 local ---
  {
    name: 'New York 7x24 4 h across spring-forward = 4 real hours',
    tier: 'standard',
    level: '1',
    opened: '2026-03-08T00:30:00-05:00',
    tz: 'America/New_York',
    calendar: 'none',
    due: '2026-03-08T05:30:00.000-04:00',
  },
  {
    name: 'New York 7x24 4 h across fall-back = 4 real hours',
    tier: 'standard',
    level: '1',
    opened: '2026-11-01T00:30:00-04:00',
    tz: 'America/New_York',
    calendar: 'none',
    due: '2026-11-01T03:30:00.000-05:00',
  },
  {
    name: 'New York 5x8 over the spring-forward weekend: 09:00–18:00 local',
    tier: 'standard',
    level: '2',
    opened: '2026-03-06T17:00:00-05:00',
    tz: 'America/New_York',
    calendar: 'none',
    due: '2026-03-09T16:00:00.000-04:00',
    clockStart: '2026-03-06T17:00:00.000-05:00',
  },
  {
    name: 'Berlin 7x24 4 h across spring-forward',
    tier: 'standard',
    level: '1',
    opened: '2026-03-28T23:00:00+01:00',
    tz: 'Europe/Berlin',
    calendar: 'none',
    due: '2026-03-29T04:00:00.000+02:00',
  },
  {
    name: 'Berlin 7x24 2 h across fall-back',
    tier: 'professional',
    level: '2',
    opened: '2026-10-25T01:30:00+02:00',
    tz: 'Europe/Berlin',
    calendar: 'none',
    due: '2026-10-25T02:30:00.000+01:00',
  },
  {
    name: 'Berlin 5x8 business days over spring-forward',
    tier: 'standard',
    level: '3',
    opened: '2026-03-27T10:00:00+01:00',
    tz: 'Europe/Berlin',
    calendar: 'none',
    due: '2026-03-31T10:00:00.000+02:00',
  },
  {
    name: 'Berlin 5x8 4 h over fall-back',
    tier: 'professional',
    level: '3',
    opened: '2026-10-23T16:00:00+02:00',
    tz: 'Europe/Berlin',
    calendar: 'none',
    due: '2026-10-26T11:00:00.000+01:00',
  },
  // --- the site's zone decides, whatever offset the input was written in ---
  {
    name: 'Shanghai site, opened time written in UTC',
    tier: 'standard',
    level: '2',
    opened: '2026-03-06T09:00:00Z',
    due: '2026-03-09T16:00:00.000+08:00',
  },
  {
    name: 'Shanghai site, opened time written by a laptop in New York',
    tier: 'standard',
    level: '2',
    opened: '2026-03-06T04:00:00-05:00',
    due: '2026-03-09T16:00:00.000+08:00',
  },
  {
    name: 'Shanghai site: 20:00 New York on Thursday is Friday 09:00 in Shanghai',
    tier: 'standard',
    level: '3',
    opened: '2026-03-05T20:00:00-05:00',
    due: '2026-03-09T18:00:00.000+08:00',
  },
  {
    name: 'Tokyo site with cn calendar counts Tokyo wall-clock hours',
    tier: 'standard',
    level: '2',
    opened: '2026-03-06T17:00:00+09:00',
    tz: 'Asia/Tokyo',
    due: '2026-03-09T16:00:00.000+09:00',
  },
];

function input(c: DueCase): SlaClockInput {
  return {
    packId: c.pack ?? 'dce-support',
    tier: c.tier,
    level: c.level,
    openedAt: c.opened,
    timeZone: c.tz ?? 'Asia/Shanghai',
    calendar: c.calendar ?? 'cn',
    ...(c.pauses ? { pauses: c.pauses } : {}),
  };
}

describe('computeDue (table)', () => {
  it('has the dozens of cases the clock deserves', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = computeDue(input(c));
    expect(r.dueAt).toBe(c.due);
    if (c.clockStart !== undefined) expect(r.clockStartAt).toBe(c.clockStart);
    expect(r.missingCalendarYears).toEqual(c.missing ?? []);
    if (c.stopped !== undefined) expect(r.stoppedByOpenPause).toBe(c.stopped);
    if (c.due !== null) expect(r.dueAtMs).toBe(Date.parse(c.due));
  });
});

describe('computeDue details', () => {
  const base: SlaClockInput = {
    packId: 'dce-support',
    tier: 'standard',
    level: '2',
    openedAt: '2026-03-06T17:00:00+08:00',
    timeZone: 'Asia/Shanghai',
    calendar: 'cn',
  };

  it('returns the target and coverage of the tier × level', () => {
    const r = computeDue(base);
    expect(r.coverage).toBe('5x8');
    expect(r.target).toMatchObject({ kind: 'hours', hours: 8, coverage: '5x8', onSite: false });
  });

  it('level 5 has no coverage, start or due, and says why in both languages', () => {
    const r = computeDue({ ...base, tier: 'professional', level: '5' });
    expect(r).toMatchObject({ dueAt: null, coverage: null, clockStartAt: null, dueAtMs: null });
    expect(r.target).toMatchObject({ kind: 'none', note: { zh: '每月探讨' }, onSite: true });
  });

  it('every dce-support tier × level gives the seed table target', () => {
    const expected: Record<string, Record<string, string>> = {
      standard: { '1': '4h 7x24', '2': '8h 5x8', '3': '2d', '4': '4d', '5': 'none' },
      advanced: { '1': '2h 7x24', '2': '4h 7x24', '3': '1d', '4': '2d', '5': 'none' },
      professional: { '1': '1h 7x24', '2': '2h 7x24', '3': '4h 5x8', '4': '1d', '5': 'none' },
    };
    for (const [tier, row] of Object.entries(expected)) {
      for (const [level, want] of Object.entries(row)) {
        const t = computeDue({ ...base, tier, level }).target;
        const got =
          t.kind === 'hours'
            ? `${t.hours}h ${t.coverage}`
            : t.kind === 'business-days'
              ? `${t.days}d`
              : t.kind;
        expect(`${tier}/${level}: ${got}`).toBe(`${tier}/${level}: ${want}`);
      }
    }
  });

  it('ISO output carries the site offset with milliseconds', () => {
    const r = computeDue({ ...base, timeZone: 'Asia/Kolkata', calendar: 'none' });
    expect(r.dueAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+05:30$/);
    const ny = computeDue({ ...base, timeZone: 'America/New_York', calendar: 'none' });
    expect(ny.dueAt).toMatch(/-05:00$/);
  });

  it('a 7x24 target consults no calendar, even in unpublished years', () => {
    const r = computeDue({ ...base, level: '1', openedAt: '2031-05-01T10:00:00+08:00' });
    expect(r.dueAt).toBe('2031-05-01T14:00:00.000+08:00');
    expect(r.missingCalendarYears).toEqual([]);
  });

  it('uses calendars passed as data instead of the built-in ones', () => {
    const custom: HolidayCalendarData = {
      id: 'cn',
      name: { zh: '测试日历', en: 'Test calendar' },
      years: {
        '2030': {
          holidays: [{ date: '2030-03-04', name: { zh: '测试假日', en: 'Test holiday' } }],
          workdays: [{ date: '2030-03-02', name: { zh: '测试调休', en: 'Test make-up day' } }],
        },
      },
    };
    // Fri 2030-03-01 17:00: 1 h Fri, Sat Mar 2 (make-up) 7 h → Sat 16:00.
    const r = computeDue({
      ...base,
      openedAt: '2030-03-01T17:00:00+08:00',
      calendars: [custom],
    });
    expect(r.dueAt).toBe('2030-03-02T16:00:00.000+08:00');
    expect(r.missingCalendarYears).toEqual([]);
    // Built-in 2025 data is gone with this list: 2025 falls back to weekends, reported missing.
    const r2025 = computeDue({
      ...base,
      openedAt: '2025-10-03T10:00:00+08:00',
      calendars: [custom],
    });
    expect(r2025.dueAt).toBe('2025-10-03T18:00:00.000+08:00');
    expect(r2025.missingCalendarYears).toEqual([2025]);
  });

  it('uses packs passed as data before the built-in ones', () => {
    const edited: PolicyPack = structuredClone(DCE_SUPPORT_PACK);
    edited.version = '1.1.0';
    edited.responseMatrix.standard!['2'] = {
      kind: 'hours',
      hours: 2,
      coverage: '5x8',
      onSite: false,
    };
    const r = computeDue({ ...base, packs: [edited] });
    expect(r.dueAt).toBe('2026-03-09T10:00:00.000+08:00');
  });

  it('counts a different coverage window a pack defines', () => {
    const edited: PolicyPack = structuredClone(DCE_SUPPORT_PACK);
    edited.coverageWindows['5x8'] = {
      ...edited.coverageWindows['5x8'],
      start: '08:30',
      end: '17:30',
    };
    // 3 business days = 3 × 9 h of the 08:30–17:30 window.
    expect(
      targetDurationMs(edited, { kind: 'business-days', days: 3, coverage: '5x8', onSite: false }),
    ).toBe(27 * HOUR);
    // Fri 08:45 is inside 08:30–17:30, so 8 h end at 16:45 (the standard window would give 17:00).
    const r = computeDue({ ...base, packs: [edited], openedAt: '2026-03-06T08:45:00+08:00' });
    expect(r.dueAt).toBe('2026-03-06T16:45:00.000+08:00');
    expect(computeDue({ ...base, openedAt: '2026-03-06T08:45:00+08:00' }).dueAt).toBe(
      '2026-03-06T17:00:00.000+08:00',
    );
  });

  it('rejects bad input with InputError naming the field', () => {
    const cases: [Partial<SlaClockInput>, string][] = [
      [{ tier: 'gold' }, 'tier'],
      [{ level: '6' }, 'level'],
      [{ level: 'P1' }, 'level'],
      [{ packId: 'nope' as PolicyPackId }, 'packId'],
      [{ openedAt: '2026-03-06T17:00:00' }, 'openedAt'],
      [{ openedAt: '2026-02-30T17:00:00+08:00' }, 'openedAt'],
      [{ openedAt: 'yesterday' }, 'openedAt'],
      [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ timeZone: '' }, 'timeZone'],
      [{ calendar: 'xx' as HolidayCalendarId }, 'calendar'],
      [{ calendar: 'xx' as HolidayCalendarId, level: '5' }, 'calendar'],
      [{ pauses: [{ start: '2026-03-06T18:00:00+08:00', reason: 'lunch' }] }, 'pauses'],
      [
        {
          pauses: [
            { start: '2026-03-06T18:00:00+08:00', end: '2026-03-06T17:00:00+08:00', reason: WAIT },
          ],
        },
        'pauses',
      ],
      [{ pauses: [{ start: '2026-03-06 18:00', reason: WAIT }] }, 'pauses[0].start'],
    ];
    for (const [patch, field] of cases) {
      let caught: unknown;
      try {
        computeDue({ ...base, ...patch });
      } catch (e) {
        caught = e;
      }
      expect(caught, JSON.stringify(patch)).toBeInstanceOf(InputError);
      expect((caught as InputError).field, JSON.stringify(patch)).toBe(field);
    }
  });

  it('an unknown tier lists the known ones', () => {
    expect(() => computeDue({ ...base, tier: 'gold' })).toThrow(/standard, advanced, professional/);
  });
});

describe('results do not depend on the process time zone', () => {
  const saved = process.env.TZ;
  afterEach(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  it.each(['UTC', 'America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Chatham', 'Europe/Berlin'])(
    'laptop in %s',
    (tz) => {
      process.env.TZ = tz;
      const sample = CASES.filter((_, i) => i % 4 === 0);
      for (const c of sample) expect(computeDue(input(c)).dueAt, c.name).toBe(c.due);
    },
  );
});

describe('slaStatus', () => {
  const l2: SlaClockInput = {
    packId: 'dce-support',
    tier: 'standard',
    level: '2',
    openedAt: '2026-03-06T17:00:00+08:00',
    timeZone: 'Asia/Shanghai',
    calendar: 'cn',
  };
  const l1: SlaClockInput = { ...l2, level: '1' };

  it('remaining business time before due', () => {
    expect(slaStatus(l2, '2026-03-06T17:30:00+08:00').remainingMs).toBe(7.5 * HOUR);
    // The weekend does not consume 5x8 time.
    expect(slaStatus(l2, '2026-03-07T12:00:00+08:00').remainingMs).toBe(7 * HOUR);
    const s = slaStatus(l2, '2026-03-09T15:00:00+08:00');
    expect(s).toMatchObject({ remainingMs: HOUR, breached: false, responded: false });
    expect(s.respondedInTime).toBeNull();
    expect(s.now).toBe('2026-03-09T15:00:00.000+08:00');
  });

  it('breached once now is past due, with negative in-window remaining', () => {
    const s = slaStatus(l2, '2026-03-09T16:30:00+08:00');
    expect(s).toMatchObject({ breached: true, remainingMs: -30 * MIN });
    // After hours the overdue business time stops growing.
    expect(slaStatus(l2, '2026-03-09T20:00:00+08:00').remainingMs).toBe(-2 * HOUR);
    expect(slaStatus(l2, '2026-03-10T10:00:00+08:00').remainingMs).toBe(-3 * HOUR);
  });

  it('due at window close and still unanswered in the evening: breached, 0 in-window overdue', () => {
    const p3: SlaClockInput = {
      ...l2,
      tier: 'professional',
      level: '3',
      openedAt: '2026-03-03T14:00:00+08:00',
    };
    const s = slaStatus(p3, '2026-03-03T20:00:00+08:00');
    expect(s.breached).toBe(true);
    expect(s.remainingMs).toBe(0);
  });

  it('responded in time: not breached even when now is long after due', () => {
    const s = slaStatus(
      { ...l2, firstResponseAt: '2026-03-09T15:59:00+08:00' },
      '2026-03-20T10:00:00+08:00',
    );
    expect(s).toMatchObject({
      responded: true,
      respondedAt: '2026-03-09T15:59:00.000+08:00',
      respondedInTime: true,
      breached: false,
      remainingMs: MIN,
    });
  });

  it('responded exactly at due counts as in time', () => {
    const s = slaStatus(
      { ...l2, firstResponseAt: '2026-03-09T08:00:00Z' },
      '2026-03-09T17:00:00+08:00',
    );
    expect(s.respondedInTime).toBe(true);
    expect(s.breached).toBe(false);
    expect(s.remainingMs).toBe(0);
  });

  it('responded late', () => {
    const s = slaStatus(
      { ...l2, firstResponseAt: '2026-03-09T16:01:00+08:00' },
      '2026-03-09T16:30:00+08:00',
    );
    expect(s).toMatchObject({ respondedInTime: false, breached: true, remainingMs: -MIN });
  });

  it('now before openedAt leaves the whole target', () => {
    expect(slaStatus(l2, '2026-03-06T08:00:00+08:00').remainingMs).toBe(8 * HOUR);
  });

  it('7x24 remaining counts real time', () => {
    const s = slaStatus(l1, new Date('2026-03-06T11:30:00Z'));
    expect(s.remainingMs).toBe(1.5 * HOUR);
    expect(s.breached).toBe(false);
    expect(slaStatus(l1, '2026-03-06T21:00:01+08:00').breached).toBe(true);
  });

  it('next hourly update for level 1: openedAt + 1 h, then last update + 1 h', () => {
    expect(slaStatus(l1, '2026-03-06T17:10:00+08:00').nextHourlyUpdateAt).toBe(
      '2026-03-06T18:00:00.000+08:00',
    );
    expect(
      slaStatus({ ...l1, lastUpdateAt: '2026-03-06T18:10:00+08:00' }, '2026-03-06T18:20:00+08:00')
        .nextHourlyUpdateAt,
    ).toBe('2026-03-06T19:10:00.000+08:00');
    expect(
      slaStatus({ ...l1, closed: true }, '2026-03-06T18:20:00+08:00').nextHourlyUpdateAt,
    ).toBeNull();
    expect(slaStatus(l2, '2026-03-06T18:20:00+08:00').nextHourlyUpdateAt).toBeNull();
  });

  it('paused while an open pause covers now; remaining is frozen and nothing is due', () => {
    const input: SlaClockInput = {
      ...l2,
      openedAt: '2026-03-03T09:00:00+08:00',
      pauses: [{ start: '2026-03-03T11:00:00+08:00', reason: WAIT }],
    };
    const s = slaStatus(input, '2026-03-04T15:00:00+08:00');
    expect(s).toMatchObject({
      paused: true,
      dueAt: null,
      stoppedByOpenPause: true,
      remainingMs: 6 * HOUR,
      breached: false,
    });
    expect(slaStatus({ ...input, closed: true }, '2026-03-04T15:00:00+08:00').paused).toBe(false);
  });

  it('a finished pause is not "paused" after it ends, and its time is not consumed', () => {
    const input: SlaClockInput = {
      ...l2,
      openedAt: '2026-03-03T09:00:00+08:00',
      pauses: [
        { start: '2026-03-03T10:00:00+08:00', end: '2026-03-03T11:30:00+08:00', reason: WAIT },
      ],
    };
    expect(slaStatus(input, '2026-03-03T10:30:00+08:00').paused).toBe(true);
    const after = slaStatus(input, '2026-03-03T12:00:00+08:00');
    expect(after.paused).toBe(false);
    expect(after.remainingMs).toBe(6.5 * HOUR);
  });

  it('no target: no remaining, never breached', () => {
    const s = slaStatus(
      { ...l2, level: '5', firstResponseAt: '2026-04-01T10:00:00+08:00' },
      '2026-05-01T10:00:00+08:00',
    );
    expect(s).toMatchObject({
      remainingMs: null,
      breached: false,
      respondedInTime: null,
      responded: true,
      dueAt: null,
    });
  });

  it('ops pack request on 5x8', () => {
    const ops: SlaClockInput = {
      packId: 'private-cloud-ops',
      tier: '5x8',
      level: 'request',
      openedAt: '2026-03-09T17:55:00+08:00',
      timeZone: 'Asia/Shanghai',
      calendar: 'cn',
    };
    const s = slaStatus(ops, '2026-03-10T09:02:00+08:00');
    expect(s).toMatchObject({ remainingMs: 3 * MIN, breached: false, nextHourlyUpdateAt: null });
  });
});

describe('businessMsBetween', () => {
  const cn = { coverage: '5x8' as const, timeZone: 'Asia/Shanghai', calendar: 'cn' as const };

  it('counts only in-window time of working days', () => {
    expect(businessMsBetween('2026-03-06T17:00:00+08:00', '2026-03-09T16:00:00+08:00', cn)).toBe(
      8 * HOUR,
    );
    // Spring Festival 2026 week: only make-up Saturday Feb 14 and Feb 24 count.
    expect(businessMsBetween('2026-02-13T18:00:00+08:00', '2026-02-24T18:00:00+08:00', cn)).toBe(
      18 * HOUR,
    );
  });

  it('is negative when to is before from', () => {
    expect(businessMsBetween('2026-03-09T16:00:00+08:00', '2026-03-06T17:00:00+08:00', cn)).toBe(
      -8 * HOUR,
    );
  });

  it('7x24 across a DST change is real elapsed time', () => {
    expect(
      businessMsBetween('2026-03-08T00:00:00-05:00', '2026-03-08T06:00:00-04:00', {
        coverage: '7x24',
        timeZone: 'America/New_York',
        calendar: 'none',
      }),
    ).toBe(5 * HOUR);
  });

  it('subtracts pauses', () => {
    expect(
      businessMsBetween('2026-03-03T09:00:00+08:00', '2026-03-03T18:00:00+08:00', {
        ...cn,
        pauses: [
          { start: '2026-03-03T12:00:00+08:00', end: '2026-03-03T13:00:00+08:00', reason: WAIT },
        ],
      }),
    ).toBe(8 * HOUR);
  });

  it('accepts Date and epoch ms', () => {
    expect(
      businessMsBetween(new Date('2026-03-03T01:00:00Z'), Date.parse('2026-03-03T02:00:00Z'), cn),
    ).toBe(HOUR);
  });
});
