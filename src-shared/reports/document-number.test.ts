import { describe, expect, it } from 'vitest';
import { formatDocumentNumber, nextRevision, parseDocumentNumber } from './document-number';
import { sampleFaultSnapshot } from './sample';

describe('document numbers and revisions', () => {
  it('formats and parses', () => {
    const n = formatDocumentNumber('inspection-report', '2026-03-06', 1);
    expect(n).toBe('FB-INS-20260306-0001');
    expect(parseDocumentNumber(n)).toEqual({
      org: 'FB',
      kind: 'inspection-report',
      date: '2026-03-06',
      sequence: 1,
    });
    expect(formatDocumentNumber('fault-report', '2026-12-31', 12345, 'ZW01')).toBe(
      'ZW01-FLT-20261231-12345',
    );
    expect(parseDocumentNumber('nonsense')).toBeNull();
    expect(() => formatDocumentNumber('fault-report', '2026-3-6', 1)).toThrow(RangeError);
    expect(() => formatDocumentNumber('fault-report', '2026-03-06', 0)).toThrow(RangeError);
  });

  it('a new revision keeps the number and drops the old signatures', () => {
    const f = sampleFaultSnapshot();
    expect(f.signatures).toHaveLength(2);
    const r2 = nextRevision(f, '2026-03-05T09:00:00+08:00');
    expect(r2).toMatchObject({
      documentNumber: f.documentNumber,
      revision: 2,
      issuedAt: '2026-03-05T09:00:00+08:00',
      signatures: [],
    });
    expect(f.revision).toBe(1);
  });
});
