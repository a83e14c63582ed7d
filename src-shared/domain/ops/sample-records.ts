/** Sample ops records of one ops-package customer (for the sample workspace): each kind, linked. */
import type { IsoInstant, OpsRecordDoc } from '../../db/types';
import type { OpsRecordInput } from './record-ops';
import { createOpsRecord, editOpsRecord, nextOpsNumber } from './record-ops';

export function sampleOpsRecords(
  customerId: string,
  siteId: string,
  contractId: string,
  ago: (days: number) => IsoInstant,
  idAt: (at: IsoInstant) => string,
): OpsRecordDoc[] {
  const out: OpsRecordDoc[] = [];
  const add = (
    days: number,
    input: Omit<OpsRecordInput, 'customerId' | 'siteId' | 'contractId'>,
  ) => {
    const at = ago(days);
    const doc = createOpsRecord(
      { ...input, customerId, siteId, contractId },
      at,
      nextOpsNumber(input.kind, out),
      { id: idAt(at) },
    );
    out.push(doc);
    return doc;
  };
  const event = add(20, {
    kind: 'event',
    title: '对象存储 OSS 请求延迟告警',
    description: 'OSS GET 请求 P99 延迟超过 800 ms，持续 15 分钟。',
    owner: '赵磊',
    fields: { alertSource: '云监控', at: ago(20), level: 'major', handledBy: '赵磊' },
  });
  const issue = add(19.9, {
    kind: 'issue',
    title: 'OSS 访问延迟升高',
    description: '业务高峰期访问延迟升高，影响影像调阅。',
    owner: '赵磊',
    links: [{ relation: 'raised-by', target: 'ops-record', id: event.id }],
    fields: { severity: 'P2', reportedBy: '胡建国' },
  });
  const change = add(18, {
    kind: 'change',
    title: 'OSS 前端节点扩容',
    description: '新增 2 个 OSS 前端节点。',
    owner: '赵磊',
    state: 'approved',
    links: [{ relation: 'caused-by', target: 'ops-record', id: issue.id }],
    fields: {
      changeType: 'normal',
      windowStart: ago(17),
      windowEnd: ago(16.95),
      approval: 'approved',
      approvedBy: '胡建国',
      rollbackPlan: '下线新增节点，恢复原负载均衡配置。',
    },
  });
  out[out.indexOf(change)] = editOpsRecord(
    change,
    { state: 'done', fields: { result: 'success' } },
    ago(16.9),
    '赵磊',
    {
      editId: idAt(ago(16.9)),
    },
  );
  out[out.indexOf(issue)] = editOpsRecord(
    issue,
    {
      state: 'resolved',
      links: [...issue.links, { relation: 'led-to', target: 'ops-record', id: change.id }],
      fields: { resolution: '扩容 OSS 前端节点。' },
    },
    ago(16.8),
    '赵磊',
    { editId: idAt(ago(16.8)) },
  );
  add(12, {
    kind: 'risk',
    title: '核心库备份未做恢复演练',
    description: '巡检发现 RDS 备份近 90 天未做恢复验证。',
    owner: '赵磊',
    state: 'mitigating',
    fields: {
      likelihood: 3,
      impact: 5,
      mitigation: '下月完成一次恢复演练。',
      source: 'inspection-finding',
    },
  });
  add(60, {
    kind: 'backup',
    title: 'RDS 核心库备份',
    fields: {
      object: 'RDS rm-grid-core',
      strategy: '每日 02:00 全量 + 每 15 分钟日志，保留 30 天',
      lastSuccessAt: ago(1),
      lastRunAt: ago(1),
      lastResult: 'success',
    },
  });
  add(8, {
    kind: 'requirement',
    title: '监控大盘支持按机房筛选',
    owner: '赵磊',
    fields: { priority: 'medium', category: 'usability', requestedBy: '胡建国' },
  });
  return out;
}
