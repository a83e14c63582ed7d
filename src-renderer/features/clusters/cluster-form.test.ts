import { describe, expect, it } from 'vitest';
import { VERSION_PATTERN, clusterFromForm, clusterToForm } from './cluster-form';
import type { ClusterFormValues } from './cluster-form';

const NOW = '2026-11-23T10:00:00.000+08:00';
const VALUES: ClusterFormValues = {
  siteId: 'S1',
  name: ' 生产集群 ',
  environment: 'prod',
  product: 'DCE',
  version: '5.0.3',
  controlPlaneNodes: 3,
  workerNodes: 12,
};

describe('cluster form', () => {
  it('builds a cluster and round-trips it', () => {
    const doc = clusterFromForm(VALUES, NOW, { id: 'K1', customerId: 'C1' });
    expect(doc).toEqual({
      id: 'K1',
      customerId: 'C1',
      createdAt: NOW,
      updatedAt: NOW,
      siteId: 'S1',
      name: '生产集群',
      environment: 'prod',
      product: 'DCE',
      version: '5.0.3',
      controlPlaneNodes: 3,
      workerNodes: 12,
    });
    expect(clusterFromForm(clusterToForm(doc), NOW, doc)).toEqual(doc);
  });

  it('accepts only x.y.z versions without leading zeros, as the schema does', () => {
    for (const ok of ['5.0.3', '4.10.0', '0.0.1']) expect(VERSION_PATTERN.test(ok)).toBe(true);
    for (const bad of ['5.0', '5.0.3.1', 'v5.0.3', '05.0.3', '5.0.x', '']) {
      expect(VERSION_PATTERN.test(bad)).toBe(false);
    }
    expect(() =>
      clusterFromForm({ ...VALUES, version: '5.0' }, NOW, { id: 'K1', customerId: 'C1' }),
    ).toThrow(/x\.y\.z/);
  });

  it('refuses fractional or negative node counts', () => {
    expect(() =>
      clusterFromForm({ ...VALUES, workerNodes: 2.5 }, NOW, { id: 'K1', customerId: 'C1' }),
    ).toThrow(/workerNodes/);
    expect(() =>
      clusterFromForm({ ...VALUES, controlPlaneNodes: -1 }, NOW, { id: 'K1', customerId: 'C1' }),
    ).toThrow(/controlPlaneNodes/);
  });
});
