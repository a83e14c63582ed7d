import { useEffect, useMemo, useRef } from 'react';
import { useNavigate } from 'react-router';
import type { IncidentDoc, SiteDoc } from '../../../src-shared/db/types';
import { incidentSlaStatus } from '../../../src-shared/domain/incident-ops';
import { acceptanceConfirmations } from '../../../src-shared/domain/ops/lead-view';
import type { LeadAcceptance } from '../../../src-shared/domain/ops/lead-view';
import {
  dueAcceptanceReminders,
  dueReminders,
  nextAcceptanceReminderAt,
  nextReminderAt,
} from '../../../src-shared/domain/reminders';
import type {
  AcceptanceReminder,
  AcceptanceReminderSubject,
  Reminder,
  ReminderSubject,
} from '../../../src-shared/domain/reminders';
import type { ContractDoc, CustomerDoc, DeliverableDoc } from '../../../src-shared/db/types';
import { useI18n } from '../../app/i18n';
import { useRxQuery } from '../../db/hooks';
import { useLookups } from '../visits/use-lookups';
import { markRemindersSent, readSentReminders, useReminderSettings } from './reminder-store';

/** How often the due reminders are re-checked at the latest (a missed timer, a sleeping laptop). */
const RECHECK_MS = 15_000;

function subjectsOf(
  incidents: readonly IncidentDoc[],
  siteById: ReadonlyMap<string, SiteDoc>,
  nowMs: number,
): ReminderSubject[] {
  const out: ReminderSubject[] = [];
  for (const incident of incidents) {
    const site = siteById.get(incident.siteId);
    if (site === undefined) continue;
    try {
      out.push({ incident, sla: incidentSlaStatus(incident, site, new Date(nowMs)) });
    } catch {
      // A pack version this laptop does not know: no SLA, so nothing to remind.
    }
  }
  return out;
}

/** The ops contracts whose acceptance confirmation is followed, as reminder subjects. */
function acceptanceSubjectsOf(
  input: {
    customers: readonly CustomerDoc[];
    sites: readonly SiteDoc[];
    contracts: readonly ContractDoc[];
    deliverables: readonly DeliverableDoc[];
  },
  nowMs: number,
): { subjects: AcceptanceReminderSubject[]; byId: Map<string, LeadAcceptance> } {
  const now = new Date(nowMs);
  const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  const list = acceptanceConfirmations({ ...input, today }, now.toISOString());
  return {
    subjects: list.map((a) => ({
      contractId: a.contract.id,
      opensAtMs: a.opensAtMs,
      deadlineAtMs: Date.parse(a.deadline.deadlineAt),
      confirmed: a.confirmed,
    })),
    byId: new Map(list.map((a) => [a.contract.id, a])),
  };
}

/** Notifications are available and allowed (Electron's renderer and browsers alike). */
function canNotify(): boolean {
  return typeof Notification !== 'undefined' && Notification.permission === 'granted';
}

/**
 * Shows the due reminders as desktop notifications while the app runs (no UI of its own).
 * Scheduling is src-shared/domain/reminders; this component only feeds it the live incidents,
 * keeps the sent list and shows the notification. Clicking one opens the incident.
 */
export function ReminderRunner() {
  const { t, fmtDateTime } = useI18n();
  const navigate = useNavigate();
  const { siteById, customers, sites: siteList } = useLookups();
  const { settings } = useReminderSettings();
  const incidents = useRxQuery(
    (db) => db.incidents.find({ selector: { status: { $in: ['open', 'paused'] } } }),
    [],
  );
  const contracts = useRxQuery(
    (db) => db.contracts.find({ selector: { packId: 'private-cloud-ops' } }),
    [],
  );
  const acceptanceReports = useRxQuery(
    (db) => db.deliverables.find({ selector: { kind: 'acceptance-report' } }),
    [],
  );
  const text = useRef({ t, fmtDateTime, navigate });
  text.current = { t, fmtDateTime, navigate };

  const docs = incidents.docs;
  const ready = !incidents.loading && !contracts.loading && !acceptanceReports.loading;
  const contractDocs = contracts.docs;
  const reportDocs = acceptanceReports.docs;
  const sites = useMemo(() => siteById, [siteById]);

  useEffect(() => {
    if (!ready) return;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const show = (reminder: Reminder, subject: ReminderSubject) => {
      const { t: tr, fmtDateTime: fmt, navigate: nav } = text.current;
      const site = sites.get(subject.incident.siteId);
      const n = new Notification(tr(`reminders.notify.${reminder.kind}.title`), {
        body: tr(`reminders.notify.${reminder.kind}.body`, {
          title: subject.incident.title,
          site: site?.name ?? '',
          time: fmt(new Date(reminder.eventAtMs).toISOString(), site?.timeZone),
        }),
        tag: reminder.key,
      });
      n.onclick = () => {
        window.focus();
        void nav(`/incidents/${reminder.incidentId}`);
      };
    };

    const showAcceptance = (reminder: AcceptanceReminder, a: LeadAcceptance) => {
      const { t: tr, fmtDateTime: fmt, navigate: nav } = text.current;
      const n = new Notification(tr('reminders.notify.acceptance-deadline.title'), {
        body: tr('reminders.notify.acceptance-deadline.body', {
          customer: a.customer?.name ?? '',
          number: a.contract.number,
          time: fmt(new Date(reminder.eventAtMs - 1).toISOString()),
        }),
        tag: reminder.key,
      });
      n.onclick = () => {
        window.focus();
        void nav('/lead');
      };
    };

    const check = () => {
      const nowMs = Date.now();
      const subjects = subjectsOf(docs, sites, nowMs);
      const acceptance = acceptanceSubjectsOf(
        { customers, sites: siteList, contracts: contractDocs, deliverables: reportDocs },
        nowMs,
      );
      if (canNotify()) {
        const due = dueReminders(subjects, nowMs, settings, readSentReminders());
        if (
          due.length > 0 &&
          markRemindersSent(
            due.map((r) => r.key),
            nowMs,
          )
        ) {
          const byId = new Map(subjects.map((s) => [s.incident.id, s]));
          for (const reminder of due) show(reminder, byId.get(reminder.incidentId)!);
        }
        const dueAcceptance = dueAcceptanceReminders(
          acceptance.subjects,
          nowMs,
          settings,
          readSentReminders(),
        );
        if (
          dueAcceptance.length > 0 &&
          markRemindersSent(
            dueAcceptance.map((r) => r.key),
            nowMs,
          )
        ) {
          for (const reminder of dueAcceptance) {
            showAcceptance(reminder, acceptance.byId.get(reminder.contractId)!);
          }
        }
      }
      const nexts = [
        nextReminderAt(subjects, nowMs, settings, readSentReminders()),
        nextAcceptanceReminderAt(acceptance.subjects, nowMs, settings, readSentReminders()),
      ].filter((x): x is number => x !== null);
      const next = nexts.length === 0 ? null : Math.min(...nexts);
      const delay =
        next === null ? RECHECK_MS : Math.min(Math.max(next - nowMs, 0) + 50, RECHECK_MS);
      timer = setTimeout(check, delay);
    };
    check();
    return () => clearTimeout(timer);
  }, [docs, sites, settings, ready, customers, siteList, contractDocs, reportDocs]);

  return null;
}
