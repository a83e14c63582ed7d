import { describe, expect, it } from 'vitest';
import { sampleFaultSnapshot } from '../../../src-shared/reports/sample';
import { validateFaultSnapshot } from '../../../src-shared/reports/validate';
import type { DrawnSignature } from './SignaturePad';
import { formatBytes, withSignatures } from './report-pipeline';

const drawn = (role: DrawnSignature['role'], title: string): DrawnSignature => ({
  role,
  name: role === 'customer' ? '李明' : '张伟',
  title,
  signedAt: '2026-03-04T11:20:00.000+08:00',
  png: new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
  dataUrl: 'data:image/png;base64,iVBORw0KGgo=',
});

describe('report pipeline helpers', () => {
  it('puts the drawn signatures into the snapshot, in order, without empty titles', () => {
    const base = { ...sampleFaultSnapshot(), signatures: [] };
    const signed = withSignatures(base, [drawn('customer', '运维经理'), drawn('engineer', '')]);
    expect(signed.signatures).toEqual([
      {
        role: 'customer',
        name: '李明',
        title: '运维经理',
        signedAt: '2026-03-04T11:20:00.000+08:00',
        image: 'data:image/png;base64,iVBORw0KGgo=',
      },
      {
        role: 'engineer',
        name: '张伟',
        signedAt: '2026-03-04T11:20:00.000+08:00',
        image: 'data:image/png;base64,iVBORw0KGgo=',
      },
    ]);
    expect(base.signatures).toEqual([]);
    expect(validateFaultSnapshot(JSON.parse(JSON.stringify(signed)))).toMatchObject({ ok: true });
  });

  it('names whoever signed for the customer as the customer representative', () => {
    const base = {
      ...sampleFaultSnapshot(),
      signatures: [],
      customerRepresentatives: [{ name: '王建国', title: '信息科技部总经理' }],
    };
    const signed = withSignatures(base, [drawn('customer', '运维经理'), drawn('engineer', '')]);
    expect(signed.customerRepresentatives).toEqual([{ name: '李明', title: '运维经理' }]);
    const untitled = withSignatures(base, [drawn('customer', '')]);
    expect(untitled.customerRepresentatives).toEqual([{ name: '李明' }]);
    // Only the engineer signed: the proposed representative stays.
    expect(withSignatures(base, [drawn('engineer', '')]).customerRepresentatives).toEqual(
      base.customerRepresentatives,
    );
  });

  it('formats sizes for the preview', () => {
    expect(formatBytes(900)).toBe('900 B');
    expect(formatBytes(80_000)).toBe('78 KB');
    expect(formatBytes(3_500_000)).toBe('3.3 MB');
  });
});
