/**
 * Two laptops editing one change record offline: every edit to a different field survives,
 * the same field keeps the later edit and the loser in mergeHistory, the edit history keeps
 * both laptops' entries, and both merge orders converge to the same document.
 */
import type { RxConflictHandlerInput, WithDeleted } from 'rxdb';
import { describe, expect, it } from 'vitest';
import { createOpsRecord, editOpsRecord } from '../domain/ops/record-ops';
import { CONFLICT_HANDLERS } from './conflicts';
import type { OpsRecordDoc } from './types';

const base = createOpsRecord(
  {
    kind: 'change',
    customerId: 'C1',
    title: 'OSS 前端节点扩容',
    fields: { changeType: 'normal', approval: 'pending', rollbackPlan: '下线新增节点' },
  },
  '2026-09-10T09:00:00+08:00',
  'CHG-0007',
  { id: 'R1' },
);

const live = (d: OpsRecordDoc) => ({ ...d, _deleted: false }) as WithDeleted<OpsRecordDoc>;

async function resolve(assumed: OpsRecordDoc, master: OpsRecordDoc, local: OpsRecordDoc) {
  const input: RxConflictHandlerInput<OpsRecordDoc> = {
    assumedMasterState: live(assumed),
    realMasterState: live(master),
    newDocumentState: live(local),
  };
  return CONFLICT_HANDLERS.opsRecords.resolve(input, 'test');
}

describe('opsRecords conflict handler', () => {
  // Laptop A approves and sets the window; laptop B (later) records the result and the
  // rollback plan; both change the title.
  const a = editOpsRecord(
    base,
    {
      title: 'OSS 前端节点扩容（两台）',
      fields: {
        approval: 'approved',
        approvedBy: '李明',
        windowStart: '2026-09-10T21:00:00+08:00',
        windowEnd: '2026-09-10T23:00:00+08:00',
      },
    },
    '2026-09-10T10:00:00+08:00',
    '张伟',
    { editId: 'EA' },
  );
  const b = editOpsRecord(
    base,
    {
      title: 'OSS 扩容',
      fields: { result: 'success', rollbackPlan: '下线新增节点，恢复 SLB 配置' },
    },
    '2026-09-10T11:00:00+08:00',
    '王芳',
    { editId: 'EB' },
  );

  it('keeps every field edit, the later title, the loser and both history entries', async () => {
    const m = await resolve(base, a, b);
    expect(m.change).toEqual({
      changeType: 'normal',
      approval: 'approved',
      approvedBy: '李明',
      windowStart: '2026-09-10T21:00:00+08:00',
      windowEnd: '2026-09-10T23:00:00+08:00',
      result: 'success',
      rollbackPlan: '下线新增节点，恢复 SLB 配置',
    });
    expect(m.title).toBe('OSS 扩容');
    expect(m.mergeHistory).toEqual([
      {
        field: 'title',
        value: JSON.stringify('OSS 前端节点扩容（两台）'),
        lostAt: '2026-09-10T10:00:00+08:00',
        keptAt: '2026-09-10T11:00:00+08:00',
      },
    ]);
    expect(m.history.map((h) => h.id)).toEqual(['EA', 'EB']);
  });

  it('the same sub-field edited on both laptops: the later wins, the loser is kept as change.<field>', async () => {
    const a2 = editOpsRecord(
      base,
      { fields: { approval: 'rejected' } },
      '2026-09-10T12:00:00+08:00',
      '张伟',
      { editId: 'EA2' },
    );
    const b2 = editOpsRecord(
      base,
      { fields: { approval: 'approved' } },
      '2026-09-10T11:30:00+08:00',
      '王芳',
      { editId: 'EB2' },
    );
    const m = await resolve(base, a2, b2);
    expect(m.change?.approval).toBe('rejected');
    expect(m.mergeHistory).toEqual([
      {
        field: 'change.approval',
        value: JSON.stringify('approved'),
        lostAt: '2026-09-10T11:30:00+08:00',
        keptAt: '2026-09-10T12:00:00+08:00',
      },
    ]);
  });

  it('converges: both merge orders give the same document', async () => {
    const ab = await resolve(base, a, b);
    const ba = await resolve(base, b, a);
    expect(CONFLICT_HANDLERS.opsRecords.isEqual(ab, ba, 'test')).toBe(true);
  });
});
