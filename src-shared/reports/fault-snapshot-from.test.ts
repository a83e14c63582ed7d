import { describe, expect, it } from 'vitest';
import { buildSampleWorkspace } from '../domain/sample-workspace';
import { faultSnapshotFrom } from './fault-snapshot';
import { validateFaultSnapshot } from './validate';

const ws = buildSampleWorkspace(new Date('2026-11-23T06:30:00Z'));

describe('faultSnapshotFrom (stored documents → fault snapshot)', () => {
  const incident = ws.incidents.find((i) => i.level === 'P1' && i.status === 'closed')!;
  const customer = ws.customers.find((c) => c.id === incident.customerId)!;
  const site = ws.sites.find((s) => s.id === incident.siteId)!;
  const contract = ws.contracts.find((c) => c.id === incident.contractId) ?? null;
  const cluster = ws.clusters.find((c) => c.id === incident.clusterId) ?? null;
  const options = {
    documentNumber: 'FB-FLT-20261123-0001',
    revision: 1,
    issuedAt: '2026-11-23T15:00:00+08:00',
    engineers: [{ name: '张伟' }],
    customerRepresentatives: [{ name: customer.contacts[0]!.name }],
  };

  it('carries the customer, site, contract, cluster and incident texts, and is schema-valid', () => {
    const snapshot = faultSnapshotFrom(incident, customer, site, contract, cluster, options);
    expect(validateFaultSnapshot(JSON.parse(JSON.stringify(snapshot)))).toMatchObject({ ok: true });
    expect(snapshot).toMatchObject({
      kind: 'fault-report',
      documentNumber: 'FB-FLT-20261123-0001',
      customer: { name: customer.name },
      site: { name: site.name, timeZone: site.timeZone },
      contract: { number: contract!.number, tier: contract!.tier },
      cluster: { id: cluster!.id, version: cluster!.version },
      incident: { id: incident.id, title: incident.title, status: 'closed' },
      rootCause: incident.rootCause,
      signatures: [],
      photos: [],
    });
    expect(snapshot.closure?.state.id).toBe('resolved');
    expect(snapshot.timeline.length).toBe(incident.timeline.length);
  });

  it('works without contract and cluster, and refuses documents of another customer', () => {
    const bare = faultSnapshotFrom(incident, customer, site, null, null, options);
    expect(bare.contract).toBeUndefined();
    expect(bare.cluster).toBeUndefined();
    const other = ws.customers.find((c) => c.id !== customer.id)!;
    expect(() => faultSnapshotFrom(incident, other, site, null, null, options)).toThrow(
      /another customer/,
    );
  });
});
