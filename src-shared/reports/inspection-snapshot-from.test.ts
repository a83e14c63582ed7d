import { describe, expect, it } from 'vitest';
import type { AttachmentRef, ClusterDoc, ContractDoc, CustomerDoc, SiteDoc } from '../db/types';
import {
  answerCheck,
  completeInspection,
  editFinding,
  setOverallEvaluation,
  startInspection,
} from '../domain/inspection-ops';
import { buildSampleWorkspace } from '../domain/sample-workspace';
import { getTemplate } from '../policy/templates/index';
import {
  buildInspectionReport,
  evidencePhotoDataUrl,
  inspectionContract,
  inspectionEvidencePhotos,
  inspectionSnapshotFrom,
} from './index';
import { Raster, encodePng } from './png';
import { samplePhotoImage } from './sample';
import { validateInspectionSnapshot } from './validate';

const T0 = '2026-03-06T09:30:00.000+08:00';
const T1 = '2026-03-06T11:00:00.000+08:00';
const T2 = '2026-03-06T16:40:00.000+08:00';

const customer: CustomerDoc = {
  id: 'C1',
  customerId: 'C1',
  name: '江南联合银行股份有限公司',
  shortName: '江南联合银行',
  contacts: [],
  createdAt: T0,
  updatedAt: T0,
};
const site: SiteDoc = {
  id: 'S1',
  customerId: 'C1',
  name: '上海张江数据中心',
  address: '上海市浦东新区碧波路 690 号',
  timeZone: 'Asia/Shanghai',
  holidayCalendar: 'cn',
  contacts: [],
  createdAt: T0,
  updatedAt: T0,
};
const cluster: ClusterDoc = {
  id: 'K1',
  customerId: 'C1',
  siteId: 'S1',
  name: '生产核心集群',
  environment: 'prod',
  product: 'DCE',
  version: '5.0.3',
  controlPlaneNodes: 1,
  workerNodes: 2,
  createdAt: T0,
  updatedAt: T0,
};
const photo: AttachmentRef = {
  sha256: 'a'.repeat(64),
  name: 'disk.png',
  mimeType: 'image/png',
  size: 100,
};
const log: AttachmentRef = {
  sha256: 'b'.repeat(64),
  name: 'x.log',
  mimeType: 'text/plain',
  size: 9,
};

function completed(templateVersion?: number) {
  let doc = startInspection(
    {
      customerId: 'C1',
      siteId: 'S1',
      clusters: [{ cluster }],
      engineers: ['张伟'],
      ...(templateVersion ? { template: getTemplate('dce-s360-inspection', templateVersion) } : {}),
    },
    T0,
  );
  doc = answerCheck(doc, { clusterId: 'K1', itemId: 'apiserver-health' }, { result: 'pass' }, T1);
  doc = answerCheck(
    doc,
    { clusterId: 'K1', itemId: 'node-root-disk', node: 'worker-02' },
    { value: 93, note: '日志未轮转', evidence: [photo, log] },
    T1,
  );
  doc = answerCheck(doc, { clusterId: 'K1', itemId: 'coredns' }, { result: 'warning' }, T1);
  doc = answerCheck(doc, { clusterId: 'K1', itemId: 'ingress' }, { result: 'not-applicable' }, T1);
  doc = editFinding(doc, 'K1/coredns', { risk: 'critical', recommendation: '增加副本' }, T1);
  doc = setOverallEvaluation(doc, '整体运行平稳。', T1);
  return completeInspection(doc, T2);
}

const base = {
  customer,
  site,
  clusters: [cluster],
  documentNumber: 'FB-INS-20260306-0001',
  issuedAt: T2,
};

describe('inspectionSnapshotFrom', () => {
  it('builds a snapshot the schema and the consistency checks accept', () => {
    const snapshot = inspectionSnapshotFrom({
      ...base,
      inspection: completed(),
      photos: [
        { id: photo.sha256, caption: 'worker-02 磁盘', dataUrl: samplePhotoImage('dashboard', 1) },
      ],
    });
    const v = validateInspectionSnapshot(snapshot);
    expect(v.ok ? [] : v.errors).toEqual([]);
    expect(snapshot).toMatchObject({
      kind: 'inspection-report',
      template: { id: 'dce-s360-inspection', version: 2 },
      inspection: { date: '2026-03-06', startedAt: T0, finishedAt: T2 },
      customer: { name: '江南联合银行股份有限公司', shortName: '江南联合银行' },
      site: { name: '上海张江数据中心', timeZone: 'Asia/Shanghai' },
      engineers: [{ name: '张伟' }],
      overallEvaluation: '整体运行平稳。',
    });
    expect(snapshot.clusters[0]?.lifecycle?.status).toBe('supported');
    expect(snapshot.clusters[0]?.nodes.map((n) => n.name)).toEqual([
      'master-01',
      'worker-01',
      'worker-02',
    ]);
    const disk = snapshot.results.find((r) => r.itemId === 'node-root-disk');
    // The value decides; only the photo the caller supplied is cited.
    expect(disk).toMatchObject({
      node: 'worker-02',
      result: 'fail',
      value: 93,
      evidence: [photo.sha256],
    });
    // The engineer re-rated CoreDNS to critical: it now leads the findings, with the edited text.
    expect(snapshot.findings.map((f) => `${f.id}:${f.risk}`)).toEqual([
      'K1/coredns:critical',
      'K1/node-root-disk:high',
    ]);
    expect(snapshot.findings[0]?.recommendation.zh).toBe('增加副本');
    expect(snapshot.score.value).not.toBeNull();
  });

  it('lists the image evidence once, with captions, for the caller to load', () => {
    const photos = inspectionEvidencePhotos(completed());
    expect(photos).toEqual([
      {
        attachment: photo,
        caption: '根分区使用率 · worker-02 / Root file system usage · worker-02',
        takenAt: T1,
      },
    ]);
  });

  it('still renders an inspection run with template v1 after v2 shipped', () => {
    const snapshot = inspectionSnapshotFrom({ ...base, inspection: completed(1) });
    expect(snapshot.template.version).toBe(1);
    const v = validateInspectionSnapshot(snapshot);
    expect(v.ok ? [] : v.errors).toEqual([]);
    expect(snapshot.results.every((r) => r.evidence === undefined)).toBe(true);
    expect(() => buildInspectionReport(snapshot, 'en')).not.toThrow();
  });

  it('turns the sample workspace’s completed inspection into a valid snapshot', () => {
    const ws = buildSampleWorkspace(new Date('2026-11-23T06:30:00Z'));
    const doc = ws.inspections.find((i) => i.status === 'completed')!;
    const snapshot = inspectionSnapshotFrom({
      ...base,
      inspection: doc,
      customer: ws.customers.find((c) => c.id === doc.customerId)!,
      site: ws.sites.find((x) => x.id === doc.siteId)!,
      clusters: ws.clusters,
    });
    const v = validateInspectionSnapshot(snapshot);
    expect(v.ok ? [] : v.errors).toEqual([]);
    expect(snapshot.clusters[0]?.nodes).toHaveLength(27);
    expect(snapshot.findings.length).toBeGreaterThan(0);
  });

  it('refuses an inspection in progress, another customer and a missing cluster', () => {
    const doc = completed();
    expect(() =>
      inspectionSnapshotFrom({ ...base, inspection: { ...doc, status: 'in-progress' } }),
    ).toThrow(/completed/);
    expect(() =>
      inspectionSnapshotFrom({ ...base, inspection: { ...doc, customerId: 'C2' } }),
    ).toThrow();
    expect(() => inspectionSnapshotFrom({ ...base, clusters: [], inspection: doc })).toThrow(
      /missing/,
    );
  });
});

describe('evidencePhotoDataUrl', () => {
  it('embeds PNG and JPEG by their bytes, whatever the stored type says', () => {
    const png = encodePng(new Raster(2, 2, [[10, 20, 30]]));
    expect(evidencePhotoDataUrl(png)).toBe(
      `data:image/png;base64,${Buffer.from(png).toString('base64')}`,
    );
    const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]);
    expect(evidencePhotoDataUrl(jpeg)).toBe(
      `data:image/jpeg;base64,${Buffer.from(jpeg).toString('base64')}`,
    );
  });

  it('refuses what pdfmake cannot draw: WebP, GIF, text, nothing', () => {
    const webp = new TextEncoder().encode('RIFF\u0000\u0000\u0000\u0000WEBPVP8 ');
    expect(evidencePhotoDataUrl(webp)).toBeNull();
    expect(evidencePhotoDataUrl(new TextEncoder().encode('GIF89a....'))).toBeNull();
    expect(evidencePhotoDataUrl(new TextEncoder().encode('top - 10:02'))).toBeNull();
    expect(evidencePhotoDataUrl(new Uint8Array(0))).toBeNull();
    // A PNG signature alone, cut off, is not a picture.
    expect(
      evidencePhotoDataUrl(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10])),
    ).toBeNull();
  });
});

describe('inspectionContract', () => {
  function contract(id: string, patch: Partial<ContractDoc> = {}): ContractDoc {
    return {
      id,
      customerId: 'C1',
      number: `HT-${id}`,
      packId: 'dce-support',
      services: ['SNS'],
      tier: 'advanced',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      validityRule: 'licence-activation',
      siteIds: [],
      clusterIds: [],
      createdAt: T0,
      updatedAt: T0,
      ...patch,
    };
  }

  it('picks the contract naming the cluster over an S360 one, over any other', () => {
    const doc = completed();
    const plain = contract('plain', { startDate: '2026-02-01' });
    const s360 = contract('s360', { services: ['S360'] });
    const named = contract('named', { clusterIds: ['K1'], siteIds: ['S1'] });
    expect(inspectionContract(doc, site, [plain, s360, named])?.id).toBe('named');
    expect(inspectionContract(doc, site, [plain, s360])?.id).toBe('s360');
    expect(inspectionContract(doc, site, [contract('old'), plain])?.id).toBe('plain');
  });

  it('ignores contracts out of force on the day, of another site, pack or customer', () => {
    const doc = completed();
    expect(
      inspectionContract(doc, site, [
        contract('ended', { endDate: '2026-03-05' }),
        contract('later', { startDate: '2026-03-07' }),
        contract('elsewhere', { siteIds: ['S2'] }),
        contract('ops', { packId: 'private-cloud-ops' }),
        contract('other', { customerId: 'C2' }),
      ]),
    ).toBeUndefined();
    // The day is the site's: 07:00 in Shanghai on the 6th is still the 5th in UTC.
    const early = { ...doc, startedAt: '2026-03-06T07:00:00.000+08:00' };
    expect(inspectionContract(early, site, [contract('ended', { endDate: '2026-03-05' })])).toBe(
      undefined,
    );
    expect(
      inspectionContract(early, site, [contract('starts', { startDate: '2026-03-06' })])?.id,
    ).toBe('starts');
  });
});
