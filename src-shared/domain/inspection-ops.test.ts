import { describe, expect, it } from 'vitest';
import type { ClusterDoc } from '../db/types';
import { getTemplate } from '../policy/templates/index';
import { InputError } from './errors';
import {
  answerCheck,
  completeInspection,
  customerRiskList,
  editFinding,
  inspectionState,
  itemAnswersOf,
  proposedNodes,
  reopenInspection,
  setOverallEvaluation,
  startInspection,
  templateForProduct,
} from './inspection-ops';

const T0 = '2026-03-06T09:30:00.000+08:00';
const T1 = '2026-03-06T10:00:00.000+08:00';
const DATE = '2026-03-06';

const dceCluster: ClusterDoc = {
  id: 'K1',
  customerId: 'C1',
  siteId: 'S1',
  name: 'prod-core',
  environment: 'prod',
  product: 'DCE',
  version: '5.0.3',
  controlPlaneNodes: 3,
  workerNodes: 2,
  createdAt: T0,
  updatedAt: T0,
};

const zstack: ClusterDoc = {
  ...dceCluster,
  id: 'K2',
  name: 'zstack',
  product: 'ZStack',
  version: '4.7.0',
  controlPlaneNodes: 1,
  workerNodes: 3,
};

function started() {
  return startInspection(
    {
      customerId: 'C1',
      siteId: 'S1',
      clusters: [{ cluster: dceCluster }],
      engineers: ['王磊', ' '],
    },
    T0,
  );
}

describe('starting an inspection', () => {
  it('takes the newest template of the pack the product belongs to', () => {
    expect(templateForProduct('DCE')).toMatchObject({ id: 'dce-s360-inspection', version: 2 });
    expect(templateForProduct('Apsara Stack').packId).toBe('private-cloud-ops');
    expect(templateForProduct('ZStack').packId).toBe('private-cloud-ops');
    const doc = started();
    expect(doc).toMatchObject({
      templateId: 'dce-s360-inspection',
      templateVersion: 2,
      packId: 'dce-support',
      status: 'in-progress',
      engineers: ['王磊'],
      startedAt: T0,
    });
    expect(doc.clusters[0]?.nodes.map((n) => n.name)).toEqual([
      'master-01',
      'master-02',
      'master-03',
      'worker-01',
      'worker-02',
    ]);
  });

  it('repeats per-node items per node of their role', () => {
    const state = inspectionState(started(), [dceCluster], DATE);
    const cpReady = state.checks.filter((c) => c.item.id === 'cp-node-ready');
    const nodeReady = state.checks.filter((c) => c.item.id === 'node-ready');
    expect(cpReady.map((c) => c.node)).toEqual(['master-01', 'master-02', 'master-03']);
    expect(nodeReady.map((c) => c.node)).toEqual(['worker-01', 'worker-02']);
    // The lifecycle item answers itself from the version's support status.
    expect(state.checks.find((c) => c.item.id === 'product-lifecycle')?.result).toBe('pass');
  });

  it('proposes hosts for private clouds and refuses mixed packs or bad node names', () => {
    expect(proposedNodes(zstack).map((n) => n.role)).toEqual(['host', 'host', 'host', 'host']);
    expect(() =>
      startInspection(
        {
          customerId: 'C1',
          siteId: 'S1',
          clusters: [{ cluster: dceCluster }, { cluster: zstack }],
          engineers: [],
        },
        T0,
      ),
    ).toThrow(InputError);
    expect(() =>
      startInspection(
        {
          customerId: 'C1',
          siteId: 'S1',
          clusters: [{ cluster: dceCluster, nodes: [{ name: 'a b', role: 'worker' }] }],
          engineers: [],
        },
        T0,
      ),
    ).toThrow(/host name/);
    expect(() =>
      startInspection(
        { customerId: 'C1', siteId: 'S9', clusters: [{ cluster: dceCluster }], engineers: [] },
        T0,
      ),
    ).toThrow(/not at this site/);
  });

  it('can run an older template version', () => {
    const doc = startInspection(
      {
        customerId: 'C1',
        siteId: 'S1',
        clusters: [{ cluster: dceCluster }],
        engineers: [],
        template: getTemplate('dce-s360-inspection', 1),
      },
      T0,
    );
    expect(doc.templateVersion).toBe(1);
    expect(inspectionState(doc, [dceCluster], DATE).template.version).toBe(1);
  });
});

describe('answering', () => {
  it('lets the value decide over the verdict, and score and findings follow', () => {
    let doc = started();
    doc = answerCheck(doc, { clusterId: 'K1', itemId: 'etcd-db-size' }, { value: 40 }, T1, '王磊');
    let state = inspectionState(doc, [dceCluster], DATE);
    expect(state.checks.find((c) => c.item.id === 'etcd-db-size')?.result).toBe('pass');
    expect(state.score.score).toBe(100);
    expect(state.findings).toEqual([]);
    // v2 fails at ≥ 75 %; a "pass" verdict does not override the value.
    doc = answerCheck(
      doc,
      { clusterId: 'K1', itemId: 'etcd-db-size' },
      { value: 82, result: 'pass', note: '未做碎片整理' },
      T1,
    );
    state = inspectionState(doc, [dceCluster], DATE);
    expect(state.checks.find((c) => c.item.id === 'etcd-db-size')?.result).toBe('fail');
    expect(state.score.score).toBeLessThan(100);
    expect(state.findings).toHaveLength(1);
    expect(state.findings[0]).toMatchObject({
      id: 'K1/etcd-db-size',
      risk: 'high',
      result: 'fail',
    });
    expect(doc.answers).toHaveLength(1);
    expect(doc.answers[0]).toMatchObject({ note: '未做碎片整理', updatedAt: T1 });
  });

  it('answers a per-node check for one node only and clears fields with null', () => {
    let doc = started();
    const check = { clusterId: 'K1', itemId: 'node-cpu', node: 'worker-02' };
    doc = answerCheck(doc, check, { value: 97, note: 'x' }, T1);
    expect(doc.answers[0]?.key).toBe('K1/node-cpu@worker-02');
    doc = answerCheck(doc, check, { value: null, note: null }, T1);
    expect(doc.answers[0]).not.toHaveProperty('value');
    expect(itemAnswersOf(doc)).toEqual([]);
    expect(() => answerCheck(doc, check, { value: Number.NaN }, T1)).toThrow(InputError);
  });

  it('applies finding edits, and completed inspections refuse changes until reopened', () => {
    let doc = answerCheck(
      started(),
      { clusterId: 'K1', itemId: 'coredns' },
      { result: 'warning' },
      T1,
    );
    doc = editFinding(doc, 'K1/coredns', { risk: 'critical', recommendation: '扩容 CoreDNS' }, T1);
    let state = inspectionState(doc, [dceCluster], DATE);
    expect(state.findings[0]).toMatchObject({
      risk: 'critical',
      recommendation: { zh: '扩容 CoreDNS', en: '扩容 CoreDNS' },
    });
    doc = editFinding(doc, 'K1/coredns', { risk: null }, T1);
    state = inspectionState(doc, [dceCluster], DATE);
    expect(state.findings[0]?.risk).not.toBe('critical');
    doc = setOverallEvaluation(doc, '整体良好', T1);
    doc = completeInspection(doc, '2026-03-06T16:00:00.000+08:00');
    expect(doc).toMatchObject({ status: 'completed', finishedAt: '2026-03-06T16:00:00.000+08:00' });
    expect(() => setOverallEvaluation(doc, 'x', T1)).toThrow(/completed/);
    const reopened = reopenInspection(doc, T1);
    expect(reopened.status).toBe('in-progress');
    expect(reopened).not.toHaveProperty('finishedAt');
  });
});

describe('customerRiskList', () => {
  it('takes each cluster’s newest inspection, risk first', () => {
    const old = answerCheck(
      started(),
      { clusterId: 'K1', itemId: 'coredns' },
      { result: 'fail' },
      T1,
    );
    let newer = startInspection(
      {
        customerId: 'C1',
        siteId: 'S1',
        clusters: [{ cluster: dceCluster }],
        engineers: [],
        id: 'NEWER',
      },
      '2026-06-01T09:00:00.000+08:00',
    );
    newer = answerCheck(
      newer,
      { clusterId: 'K1', itemId: 'ingress' },
      { result: 'warning' },
      '2026-06-01T10:00:00.000+08:00',
    );
    newer = answerCheck(
      newer,
      { clusterId: 'K1', itemId: 'cert-expiry' },
      { value: 10 },
      '2026-06-01T10:00:00.000+08:00',
    );
    const risks = customerRiskList([old, newer], [dceCluster]);
    expect(risks.map((r) => r.finding.itemId)).toEqual(['cert-expiry', 'ingress']);
    expect(risks.every((r) => r.inspectionId === 'NEWER')).toBe(true);
    expect(risks[0]?.finding.risk).toBe('critical');
    expect(customerRiskList([], [dceCluster])).toEqual([]);
  });
});
