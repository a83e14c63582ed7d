import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import {
  createOpsRecord,
  editOpsRecord,
  findingRefOf,
  nextOpsNumber,
  riskInputFromFinding,
} from './record-ops';

const at = '2026-09-01T10:00:00+08:00';
const risk = () =>
  createOpsRecord(
    {
      kind: 'risk',
      customerId: 'C1',
      title: '备份未做恢复演练',
      fields: { likelihood: 3, impact: 5, mitigation: '下月演练', source: 'inspection-finding' },
    },
    at,
    'RSK-0001',
    { id: 'R1' },
  );

describe('ops records', () => {
  it('creates with the first state of its kind and its own fields', () => {
    const r = risk();
    expect(r).toMatchObject({ kind: 'risk', state: 'open', number: 'RSK-0001', history: [] });
    expect(r.risk).toEqual({
      likelihood: 3,
      impact: 5,
      mitigation: '下月演练',
      source: 'inspection-finding',
    });
  });

  it('refuses a state of another kind, bad fields, an empty title, a change window backwards', () => {
    const bad = (f: () => unknown) => expect(f).toThrow(InputError);
    bad(() => editOpsRecord(risk(), { state: 'released' }, at, '张伟'));
    bad(() => editOpsRecord(risk(), { fields: { likelihood: 6 } }, at, '张伟'));
    bad(() => editOpsRecord(risk(), { title: ' ' }, at, '张伟'));
    bad(() =>
      createOpsRecord(
        {
          kind: 'change',
          customerId: 'C1',
          title: 'x',
          fields: {
            changeType: 'emergency',
            approval: 'pending',
            rollbackPlan: 'r',
            windowStart: '2026-09-01T22:00:00+08:00',
            windowEnd: '2026-09-01T21:00:00+08:00',
          },
        },
        at,
        'CHG-0001',
      ),
    );
    bad(() =>
      createOpsRecord(
        {
          kind: 'event',
          customerId: 'C1',
          title: 'x',
          fields: { alertSource: '', at, level: 'minor' },
        },
        at,
        'EVT-0001',
      ),
    );
  });

  it('every edit keeps the previous values in history; final states set closedAt', () => {
    const r = editOpsRecord(
      risk(),
      { state: 'closed', fields: { impact: 4 } },
      '2026-09-02T10:00:00+08:00',
      '张伟',
      { editId: 'E1' },
    );
    expect(r.history).toEqual([
      {
        id: 'E1',
        at: '2026-09-02T10:00:00+08:00',
        by: '张伟',
        changes: [
          { field: 'state', before: '"open"' },
          { field: 'risk.impact', before: '5' },
        ],
      },
    ]);
    expect(r.closedAt).toBe('2026-09-02T10:00:00+08:00');
    expect(r.risk?.impact).toBe(4);
    const same = editOpsRecord(r, { state: 'closed' }, '2026-09-03T10:00:00+08:00', '张伟');
    expect(same).toBe(r);
  });

  it('numbers run per kind', () => {
    expect(
      nextOpsNumber('risk', [
        risk(),
        { kind: 'risk', number: 'RSK-0009' },
        { kind: 'issue', number: 'ISS-0020' },
      ]),
    ).toBe('RSK-0010');
    expect(nextOpsNumber('issue', [])).toBe('ISS-0001');
  });
});

describe('a risk record from an inspection finding', () => {
  const finding = {
    clusterId: 'cl-1',
    itemId: 'etcd-latency',
    risk: 'high',
    title: { zh: 'etcd 写延迟偏高', en: 'High etcd write latency' },
    recommendation: { zh: '更换为 SSD 磁盘', en: 'Move etcd to SSD disks' },
    nodes: ['master-1'],
  };

  it('keeps the finding reference and a link to the inspection, scored from the risk level', () => {
    const input = riskInputFromFinding(finding, 'ins-9', 'cust-1', 'zh');
    const doc = createOpsRecord(input, '2026-12-04T02:00:00.000Z', 'RSK-0003');
    expect(doc.title).toBe('etcd 写延迟偏高 (master-1)');
    expect(doc.state).toBe('open');
    expect(doc.risk).toEqual({
      likelihood: 3,
      impact: 4,
      mitigation: '更换为 SSD 磁盘',
      source: 'inspection-finding',
      findingRef: findingRefOf('ins-9', 'cl-1', 'etcd-latency'),
    });
    expect(doc.links).toEqual([{ relation: 'from-finding', target: 'inspection', id: 'ins-9' }]);
    expect(riskInputFromFinding(finding, 'ins-9', 'cust-1', 'en').title).toBe(
      'High etcd write latency (master-1)',
    );
  });
});
