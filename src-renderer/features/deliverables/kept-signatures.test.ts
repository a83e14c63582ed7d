import { describe, expect, it } from 'vitest';
import { dropKeptSignatures, keptSignatureKey, loadKeptPad, saveKeptPad } from './kept-signatures';

function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, v),
  };
}

const pad = {
  strokes: [{ pointerType: 'pen' as const, points: [{ x: 1, y: 2, pressure: 0.4 }] }],
  name: '李主任',
  title: '运维部主任',
  signedAt: '2026-12-03T10:00:00.000Z',
};

describe('kept signatures', () => {
  it('keeps a drawn pad per draft and role until the draft is signed', () => {
    const s = memoryStorage();
    const key = keptSignatureKey('d1', 'customer');
    saveKeptPad(key, pad, s);
    saveKeptPad(keptSignatureKey('d1', 'engineer'), { ...pad, name: '张伟' }, s);
    saveKeptPad(keptSignatureKey('d2', 'customer'), pad, s);
    expect(loadKeptPad(key, s)).toEqual(pad);
    expect(loadKeptPad(keptSignatureKey('d1', 'engineer'), s)?.name).toBe('张伟');
    dropKeptSignatures('d1', s);
    expect(loadKeptPad(key, s)).toBeNull();
    expect(loadKeptPad(keptSignatureKey('d1', 'engineer'), s)).toBeNull();
    // Another draft's pads stay.
    expect(loadKeptPad(keptSignatureKey('d2', 'customer'), s)).toEqual(pad);
  });

  it('drops what is not a pad instead of drawing it', () => {
    const s = memoryStorage();
    const key = keptSignatureKey('d1', 'customer');
    for (const bad of [
      'not json',
      '{"strokes":[{"pointerType":"laser","points":[]}],"name":"a","title":"","signedAt":null}',
      '{"strokes":[],"name":1,"title":"","signedAt":null}',
    ]) {
      s.setItem(key, bad);
      expect(loadKeptPad(key, s)).toBeNull();
      expect(s.getItem(key)).toBeNull();
    }
  });
});
