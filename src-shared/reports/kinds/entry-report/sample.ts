/** A realistic entry report (`fieldbook sample entry`): resident 5x8 ops service, signed by both sides. */
import { sampleSignatureImage } from '../../sample';
import type { EntrySnapshot } from './snapshot';

export function sampleEntrySnapshot(): EntrySnapshot {
  return {
    kind: 'entry-report',
    schemaVersion: 1,
    documentNumber: 'FB-ENT-20260601-0001',
    revision: 1,
    issuedAt: '2026-06-01T09:30:00+08:00',
    customer: { name: '江南联合银行股份有限公司', shortName: '江南联合银行' },
    site: {
      name: '江南联合银行 南京仙林数据中心',
      address: '江苏省南京市栖霞区仙林大道 10 号',
      timeZone: 'Asia/Shanghai',
      holidayCalendar: 'cn',
    },
    contract: {
      number: 'JNUB-2026-OPS-003',
      packId: 'private-cloud-ops',
      tier: '5x8',
      services: [
        'technical-support',
        'fault-emergency',
        'monitoring-alerts',
        'resource-inspection',
        'service-reporting',
      ],
      startDate: '2026-06-01',
      endDate: '2027-05-31',
    },
    serviceStart: '2026-06-01',
    serviceEnd: '2027-05-31',
    mode: 'on-site',
    engineers: [
      { name: '张伟', title: '运维服务专家', organisation: '云服务中心', phone: '138-0000-1234' },
    ],
    customerRepresentatives: [
      { name: '李明', title: '信息技术部运维经理', organisation: '江南联合银行' },
    ],
    scope: [
      '阿里专有云 Apsara Stack V3.16（生产 Region-NJ，86 节点）',
      'ZStack 4.8 测试云 ZStack-T1（12 节点）',
    ],
    access: [
      '堡垒机账号 2 个（只读 + 运维）',
      '专有云运维控制台 RAM 子账号',
      '驻场办公位与内网接入',
    ],
    planConfirmation: '2026-06-03 客户邮件确认《运维服务计划》',
    signatures: [
      {
        role: 'customer',
        name: '李明',
        title: '信息技术部运维经理',
        signedAt: '2026-06-01T10:00:00+08:00',
        image: sampleSignatureImage(31),
      },
      {
        role: 'engineer',
        name: '张伟',
        title: '运维服务专家',
        signedAt: '2026-06-01T09:55:00+08:00',
        image: sampleSignatureImage(37),
      },
    ],
  };
}
