/**
 * Per-laptop preferences kept in localStorage (not in the synced database: they describe this
 * computer's user, not the customer's data).
 */
import { useCallback, useSyncExternalStore } from 'react';
import { ISSUER_CODE_LENGTH, issuerCodeFrom } from '../../src-shared/domain/deliverables';

/** localStorage key of the current engineer's display name. */
export const ENGINEER_STORAGE_KEY = 'fieldbook.engineer';

/** Longest accepted engineer name (it is printed on deliverables). */
export const ENGINEER_NAME_MAX = 64;

const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another window of the app (or the devtools) may change the value.
  const onStorage = (e: StorageEvent) => {
    if (e.key === ENGINEER_STORAGE_KEY || e.key === null) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function readEngineerName(): string {
  try {
    return localStorage.getItem(ENGINEER_STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

/** Stores the trimmed name (an empty name clears it) and updates every `useEngineer` user. */
export function writeEngineerName(name: string): void {
  const trimmed = name.trim().slice(0, ENGINEER_NAME_MAX);
  try {
    if (trimmed === '') localStorage.removeItem(ENGINEER_STORAGE_KEY);
    else localStorage.setItem(ENGINEER_STORAGE_KEY, trimmed);
  } finally {
    notify();
  }
}

export function useEngineer(): { name: string; setName: (name: string) => void } {
  const name = useSyncExternalStore(subscribe, readEngineerName);
  const setName = useCallback((next: string) => writeEngineerName(next), []);
  return { name, setName };
}

/** localStorage key of this laptop's issuer code (part of its document numbers). */
export const ISSUER_CODE_STORAGE_KEY = 'fieldbook.issuerCode';

/**
 * This laptop's issuer code, created at random on first use and kept (documents already issued
 * carry it). Without storage a fresh code per session still keeps numbers apart from other
 * laptops'.
 */
export function readOrCreateIssuerCode(): string {
  try {
    const stored = localStorage.getItem(ISSUER_CODE_STORAGE_KEY);
    if (stored !== null && /^[0-9A-Z]{5}$/.test(stored)) return stored;
  } catch {
    // Fall through to a new code.
  }
  const code = issuerCodeFrom(crypto.getRandomValues(new Uint8Array(ISSUER_CODE_LENGTH)));
  try {
    localStorage.setItem(ISSUER_CODE_STORAGE_KEY, code);
  } catch {
    // Only this session uses it.
  }
  return code;
}
