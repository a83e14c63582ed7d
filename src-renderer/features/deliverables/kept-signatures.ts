/**
 * Handwritten signatures drawn for a draft and not yet signed into the PDF, kept on this laptop
 * (localStorage, per profile) so that closing the dialog, a failed signing step or a restart does
 * not throw them away: "继续签署" brings them back. They never sync — an unsigned handwritten
 * signature is not a document — and are removed once the deliverable is signed.
 */
import type { PadStroke } from './signature-pad';

export interface KeptPad {
  strokes: PadStroke[];
  name: string;
  title: string;
  signedAt: string | null;
}

const PREFIX = 'fieldbook.keptSignature.';

export function keptSignatureKey(draftId: string, role: 'customer' | 'engineer'): string {
  return `${PREFIX}${draftId}.${role}`;
}

function isStroke(s: unknown): s is PadStroke {
  if (s === null || typeof s !== 'object') return false;
  const { pointerType, points } = s as Record<string, unknown>;
  return (
    (pointerType === 'pen' || pointerType === 'mouse' || pointerType === 'touch') &&
    Array.isArray(points) &&
    points.every(
      (p: unknown) =>
        p !== null &&
        typeof p === 'object' &&
        typeof (p as Record<string, unknown>)['x'] === 'number' &&
        typeof (p as Record<string, unknown>)['y'] === 'number' &&
        typeof (p as Record<string, unknown>)['pressure'] === 'number',
    )
  );
}

/** The kept pad, or null when there is none or what is stored is not a pad (then it is dropped). */
export function loadKeptPad(key: string, storage: Storage = localStorage): KeptPad | null {
  const raw = storage.getItem(key);
  if (raw === null) return null;
  try {
    const v = JSON.parse(raw) as Record<string, unknown>;
    if (
      Array.isArray(v['strokes']) &&
      v['strokes'].every(isStroke) &&
      typeof v['name'] === 'string' &&
      typeof v['title'] === 'string' &&
      (v['signedAt'] === null || typeof v['signedAt'] === 'string')
    ) {
      return {
        strokes: v['strokes'],
        name: v['name'],
        title: v['title'],
        signedAt: v['signedAt'],
      };
    }
  } catch {
    // Not JSON: fall through and drop it.
  }
  storage.removeItem(key);
  return null;
}

export function saveKeptPad(key: string, pad: KeptPad, storage: Storage = localStorage): void {
  try {
    storage.setItem(key, JSON.stringify(pad));
  } catch {
    // A full storage quota only loses the convenience of restoring; signing still works.
  }
}

export function dropKeptPad(key: string, storage: Storage = localStorage): void {
  storage.removeItem(key);
}

/** Forgets both pads of a draft (after it is signed). */
export function dropKeptSignatures(draftId: string, storage: Storage = localStorage): void {
  dropKeptPad(keptSignatureKey(draftId, 'customer'), storage);
  dropKeptPad(keptSignatureKey(draftId, 'engineer'), storage);
}
