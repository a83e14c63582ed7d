/**
 * A realistic, deterministic acceptance report (`fieldbook sample acceptance`): a 5x8 ops
 * contract that ended on 2026-09-30, so the customer's 7 days end on 2026-10-07, inside the
 * National Day holiday. Revision 1 was rejected for the missing backup report; revision 2 has
 * it signed and is signed by both sides.
 */
import { rejection } from '../../../domain/ops/acceptance';
import { sampleSignatureImage } from '../../sample';
import type { AcceptanceSnapshot } from './snapshot';
import { buildAcceptanceSnapshot, resubmitAcceptance } from './snapshot';

const CUSTOMER = { name: '江南联合银行股份有限公司', shortName: '江南联合银行' };
const ENGINEER = { name: '张伟', title: '运维服务专家', organisation: '云服务中心' };
const CUSTOMER_REP = { name: '李明', title: '信息技术部运维经理', organisation: '江南联合银行' };

const signed = (n: string, date: string) => ({
  status: 'signed' as const,
  documentNumber: n,
  revision: 1,
  signedDate: date,
});

/** Revision 1, as first submitted (the backup report missing). */
export function sampleAcceptanceFirstRevision(): AcceptanceSnapshot {
  return buildAcceptanceSnapshot({
    documentNumber: 'FB-ACC-20260930-0001',
    revision: 1,
    issuedAt: '2026-09-30T16:00:00+08:00',
    customer: CUSTOMER,
    site: {
      name: '江南联合银行 南京仙林数据中心',
      address: '江苏省南京市栖霞区仙林大道 10 号',
      timeZone: 'Asia/Shanghai',
      holidayCalendar: 'cn',
    },
    contract: {
      number: 'JNUB-2025-OPS-001',
      packId: 'private-cloud-ops',
      tier: '5x8',
      services: [
        'technical-support',
        'fault-emergency',
        'monitoring-alerts',
        'resource-inspection',
        'risk-management',
        'change-support',
        'backup-management',
        'requirements-management',
        'service-reporting',
      ],
      startDate: '2025-10-01',
      endDate: '2026-09-30',
    },
    engineers: [ENGINEER],
    customerRepresentatives: [CUSTOMER_REP],
    signatures: [],
    statuses: {
      'technical-support/deliverable': signed('FB-OPS-20260930-0002', '2026-09-30'),
      'fault-emergency/deliverable': signed('FB-FLT-20260612-0001', '2026-06-13'),
      'monitoring-alerts/deliverable': signed('FB-OPS-20260930-0003', '2026-09-30'),
      'resource-inspection/deliverable': signed('FB-INS-20260929-0001', '2026-09-29'),
      'risk-management/deliverable': signed('FB-INS-20260929-0001', '2026-09-29'),
      'change-support/deliverable': {
        status: 'waived',
        waivedReason: '服务规格：变更管理 ×（两种服务包均不包含），本期无客户发起的变更需求。',
      },
      'requirements-management/deliverable': signed('FB-OPS-20260930-0004', '2026-09-30'),
      'service-reporting/deliverable': signed('FB-OPS-20260930-0005', '2026-09-30'),
    },
    punchList: [
      {
        item: '完成 RDS 核心库恢复演练并提交记录',
        owner: '张伟',
        due: '2026-10-16',
        state: 'open',
      },
      { item: 'OSS 生命周期策略评估', owner: '李明', due: '2026-10-30', state: 'open' },
      { item: '移交运维账号与权限清单', owner: '张伟', due: '2026-09-30', state: 'closed' },
    ],
    conclusion:
      '合同期内按 5*8 远程运维服务包提供技术支持、故障应急、监控告警、资源巡检、风险管理、备份管理、需求管理与服务报告；响应 SLA 达标率 96.4%，资源巡检完成率 99.2%。',
  });
}

export function sampleAcceptanceSnapshot(): AcceptanceSnapshot {
  const first = sampleAcceptanceFirstRevision();
  const review = rejection(
    first.deliverables,
    first.revision,
    [
      {
        code: 'backup-management/deliverable',
        reason: '缺少《备份报告》，请补充本年度备份检查与恢复验证结果。',
      },
    ],
    '2026-10-05T10:30:00+08:00',
    CUSTOMER_REP.name,
  );
  const second = resubmitAcceptance(
    first,
    review,
    { 'backup-management/deliverable': signed('FB-OPS-20261006-0001', '2026-10-06') },
    '2026-10-06T15:00:00+08:00',
  );
  return {
    ...second,
    signatures: [
      {
        role: 'customer',
        ...CUSTOMER_REP,
        signedAt: '2026-10-07T10:20:00+08:00',
        image: sampleSignatureImage(23),
      },
      {
        role: 'engineer',
        ...ENGINEER,
        signedAt: '2026-10-06T16:10:00+08:00',
        image: sampleSignatureImage(29),
      },
    ],
  };
}
