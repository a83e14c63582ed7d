/**
 * This laptop's reminder preferences and the reminders already shown, in localStorage: they
 * belong to the engineer at this computer, not to the synced data. The sent list survives a
 * reload, so the same event is never notified twice.
 */
import { useCallback, useSyncExternalStore } from 'react';
import {
  parseReminderSettings,
  parseSentReminders,
  recordSent,
} from '../../../src-shared/domain/reminders';
import type {
  ReminderKind,
  ReminderSettings,
  SentReminders,
} from '../../../src-shared/domain/reminders';

export const REMINDER_SETTINGS_KEY = 'fieldbook.reminders.settings';
export const REMINDERS_SENT_KEY = 'fieldbook.reminders.sent';

const listeners = new Set<() => void>();

function readJson(key: string): unknown {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? null : (JSON.parse(raw) as unknown);
  } catch {
    // Unreadable or unavailable storage: the defaults apply.
    return null;
  }
}

let cachedRaw: string | null | undefined;
let cachedSettings: ReminderSettings = parseReminderSettings(null);

export function readReminderSettings(): ReminderSettings {
  let raw: string | null;
  try {
    raw = localStorage.getItem(REMINDER_SETTINGS_KEY);
  } catch {
    raw = null;
  }
  // useSyncExternalStore needs the same object while nothing changed.
  if (raw !== cachedRaw) {
    cachedRaw = raw;
    cachedSettings = parseReminderSettings(readJson(REMINDER_SETTINGS_KEY));
  }
  return cachedSettings;
}

export function writeReminderSetting(kind: ReminderKind, on: boolean): void {
  const next = { ...readReminderSettings(), [kind]: on };
  try {
    localStorage.setItem(REMINDER_SETTINGS_KEY, JSON.stringify(next));
  } finally {
    for (const listener of listeners) listener();
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (e.key === REMINDER_SETTINGS_KEY || e.key === null) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function useReminderSettings(): {
  settings: ReminderSettings;
  setKind: (kind: ReminderKind, on: boolean) => void;
} {
  const settings = useSyncExternalStore(subscribe, readReminderSettings);
  const setKind = useCallback(
    (kind: ReminderKind, on: boolean) => writeReminderSetting(kind, on),
    [],
  );
  return { settings, setKind };
}

export function readSentReminders(): SentReminders {
  return parseSentReminders(readJson(REMINDERS_SENT_KEY));
}

/**
 * Records `keys` as sent. Called before the notifications are shown: a crash in between loses a
 * reminder rather than repeating it, which is the promise made ("never more than one per event").
 * Returns false when storage refused the write; the caller then does not notify, since it could
 * not keep the promise after a reload.
 */
export function markRemindersSent(keys: readonly string[], nowMs: number): boolean {
  try {
    localStorage.setItem(
      REMINDERS_SENT_KEY,
      JSON.stringify(recordSent(readSentReminders(), keys, nowMs)),
    );
    return true;
  } catch {
    return false;
  }
}
