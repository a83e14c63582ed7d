import { describe, expect, it } from 'vitest';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import {
  DCE_S360_INSPECTION_V1,
  DCE_S360_INSPECTION_V2,
  getTemplate,
} from '../policy/templates/index';
import { labelLines } from './chart';
import { buildFaultReport } from './fault-report';
import { buildInspectionReport } from './inspection-report';
import { qrText } from './pdf-common';
import { sampleFaultSnapshot, sampleInspectionSnapshot } from './sample';

/** Every string and node in a definition, depth first (functions are not called). */
function walk(node: unknown, visit: (n: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Record<string, unknown>);
    for (const v of Object.values(node)) walk(v, visit);
  }
}

function texts(dd: TDocumentDefinitions): string {
  const out: string[] = [];
  walk(dd.content, (n) => {
    if (typeof n.text === 'string') out.push(n.text);
  });
  return out.join('\n');
}

function nodes(dd: TDocumentDefinitions, key: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  walk(dd.content, (n) => {
    if (key in n) out.push(n);
  });
  return out;
}

describe('inspection report builder', () => {
  const snapshot = sampleInspectionSnapshot({ nodes: 5 });

  it('has the cover facts, sections, findings and signatures in Chinese by default', () => {
    const dd = buildInspectionReport(snapshot);
    const t = texts(dd);
    for (const s of [
      '巡检报告',
      snapshot.customer.name,
      snapshot.site.name,
      'FB-INS-20260306-0001',
      '整体信息',
      '管理节点',
      '计算节点',
      '应用状态',
      '功能需求及问题处理',
      '总体评价',
      '发现的问题与建议',
      '签字确认',
      '标准支持期内',
    ]) {
      expect(t).toContain(s);
    }
    expect(dd.language).toBe('zh-CN');
    expect(dd.defaultStyle).toMatchObject({ font: 'NotoSansSC' });
  });

  it('writes English when asked', () => {
    const t = texts(buildInspectionReport(snapshot, 'en'));
    for (const s of [
      'Inspection report',
      'Overall information',
      'Findings and recommendations',
      'In standard support',
    ]) {
      expect(t).toContain(s);
    }
    expect(t).not.toContain('整体信息');
  });

  it('carries a QR code with the document number and revision, twice', () => {
    const qrs = nodes(buildInspectionReport(snapshot), 'qr').map((n) => n.qr);
    expect(qrs).toEqual([qrText('FB-INS-20260306-0001', 1), qrText('FB-INS-20260306-0001', 1)]);
    expect(qrText('FB-INS-20260306-0001', 3)).toBe('fieldbook:doc=FB-INS-20260306-0001;rev=3');
  });

  it('numbers pages "x / y" and repeats table header rows', () => {
    const dd = buildInspectionReport(snapshot);
    const footer = dd.footer as (c: number, t: number, s: unknown) => Content;
    expect(JSON.stringify(footer(3, 12, {}))).toContain('3 / 12');
    const tables = nodes(dd, 'table').map(
      (n) => n.table as { headerRows?: number; body: unknown[][] },
    );
    const checkTables = tables.filter((t) => (t.headerRows ?? 0) >= 1);
    expect(checkTables.length).toBeGreaterThanOrEqual(7);
  });

  it('embeds the chart as SVG and the photos and signatures as data URLs only', () => {
    const dd = buildInspectionReport(snapshot);
    const svg = nodes(dd, 'svg')[0]?.svg as string;
    expect(svg).toMatch(/^<svg /);
    expect(svg).toContain('整体信息');
    const images = nodes(dd, 'image').map((n) => n.image as string);
    expect(images).toHaveLength(snapshot.photos.length + snapshot.signatures.length);
    expect(images.every((i) => i.startsWith('data:image/png;base64,'))).toBe(true);
  });

  it('a report made with template v1 still renders with v1 texts after v2 ships', () => {
    expect(getTemplate('dce-s360-inspection', 2)).toBe(DCE_S360_INSPECTION_V2);
    const v1 = sampleInspectionSnapshot({ nodes: 5, templateVersion: 1 });
    expect(v1.template.version).toBe(1);
    const t = texts(buildInspectionReport(v1));
    const removedInV2 = DCE_S360_INSPECTION_V1.sections
      .flatMap((s) => s.items)
      .find((i) => i.id === 'workloads-without-limits')!;
    expect(t).toContain(removedInV2.title.zh);
    expect(t).not.toContain('apiserver 请求延迟');
    expect(t).toContain('第 1 版');
    expect(texts(buildInspectionReport(snapshot))).toContain('apiserver 请求延迟');
  });

  it('builds a fresh definition each time (pdfmake mutates what it renders)', () => {
    expect(buildInspectionReport(snapshot)).not.toBe(buildInspectionReport(snapshot));
  });
});

describe('fault report builder', () => {
  const f = sampleFaultSnapshot();

  it('states level and definition, tier, SLA, timeline, root cause, resolution and closure', () => {
    const t = texts(buildFaultReport(f));
    for (const s of [
      '故障报告',
      '2（影响严重性事故）',
      '客户系统受到较大干扰',
      '标准服务',
      '8 小时（5x8）',
      '2026-03-03 16:30 (UTC+08:00)',
      '1 小时 50 分',
      '等待客户提供正确诊断和解决问题所必需的信息',
      '处理过程',
      '级别调整',
      '根本原因',
      f.rootCause,
      '提供了应对措施，并且应对措施被认为是永久性解决办法',
      '已解决',
    ]) {
      expect(t).toContain(s);
    }
  });

  it('in English', () => {
    const t = texts(buildFaultReport(f, 'en'));
    for (const s of [
      'Fault report',
      '2 (Severe impact)',
      '8 h (5x8)',
      '1 h 50 min',
      'Root cause',
      'Resolved',
    ]) {
      expect(t).toContain(s);
    }
  });
});

describe('private-cloud resource inspection report', () => {
  it('renders hosts per node and states that the product has no lifecycle data', async () => {
    const { PRIVATE_CLOUD_INSPECTION_V1 } = await import('../policy/templates/index');
    const { buildInspectionSnapshot } = await import('./inspection-snapshot');
    const hosts = [1, 2, 3].map((i) => ({
      name: `host-0${i}`,
      role: 'host' as const,
      ip: `192.168.10.${i}`,
    }));
    const snapshot = buildInspectionSnapshot({
      documentNumber: 'FB-INS-20260310-0002',
      revision: 1,
      issuedAt: '2026-03-10T18:00:00+08:00',
      customer: { name: '华东某证券股份有限公司' },
      site: { name: '杭州灾备中心', timeZone: 'Asia/Shanghai' },
      packId: 'private-cloud-ops',
      engineers: [{ name: '赵磊' }],
      signatures: [],
      photos: [],
      template: PRIVATE_CLOUD_INSPECTION_V1,
      inspection: {
        date: '2026-03-10',
        startedAt: '2026-03-10T09:00:00+08:00',
        finishedAt: '2026-03-10T11:00:00+08:00',
      },
      clusters: [
        {
          id: 'zs-prod',
          name: 'ZStack 生产资源池',
          environment: 'prod',
          product: 'ZStack',
          version: '4.7.0',
          nodes: hosts,
        },
      ],
      customerRepresentatives: [],
      answers: [
        { clusterId: 'zs-prod', itemId: 'storage-health', result: 'pass' },
        { clusterId: 'zs-prod', itemId: 'primary-storage-usage', value: 86 },
        ...hosts.map((h, i) => ({
          clusterId: 'zs-prod',
          itemId: 'host-memory',
          node: h.name,
          value: 60 + i * 15,
        })),
      ],
      overallEvaluation: '主存储容量需扩容。',
    });
    expect(snapshot.findings.map((f) => [f.itemId, f.result])).toEqual([
      ['primary-storage-usage', 'fail'],
      ['host-memory', 'warning'],
    ]);
    const t = texts(buildInspectionReport(snapshot));
    for (const s of [
      '专有云资源巡检',
      '物理主机',
      'host-03',
      '无生命周期数据',
      '主存储使用率',
      '（未签字）',
    ])
      expect(t).toContain(s);
  });
});

describe('score chart labels', () => {
  it('break a long English label into two lines at a space, short ones stay whole', () => {
    expect(labelLines('Overall information', 8, 142)).toEqual(['Overall information']);
    const lines = labelLines('Functional requirements and problem handling', 8, 142);
    expect(lines).toHaveLength(2);
    expect(lines.join(' ')).toBe('Functional requirements and problem handling');
    expect(lines[0]?.endsWith(' ')).toBe(false);
  });

  it('break CJK anywhere and shorten only a second line that still does not fit', () => {
    const lines = labelLines('功能需求及问题处理功能需求及问题处理功能需求及问题处理', 8, 60);
    expect(lines).toHaveLength(2);
    expect(lines[1]?.endsWith('…')).toBe(true);
  });
});
