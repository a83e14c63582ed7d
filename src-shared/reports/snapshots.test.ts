import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DCE_S360_INSPECTION_V1 } from '../policy/templates/index';
import { buildInspectionSnapshot } from './inspection-snapshot';
import { Raster, encodePng, zlibDeflate } from './png';
import { sampleFaultSnapshot, sampleInspectionSnapshot } from './sample';
import type { InspectionSnapshot } from './snapshot-types';
import { validateFaultSnapshot, validateInspectionSnapshot } from './validate';

function copy<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

describe('inspection snapshot', () => {
  const sample = sampleInspectionSnapshot({ nodes: 6 });

  it('the sample is valid, deterministic and has the top-level names the CLI promises', () => {
    expect(validateInspectionSnapshot(copy(sample))).toMatchObject({ ok: true });
    expect(JSON.stringify(sampleInspectionSnapshot({ nodes: 6 }))).toBe(JSON.stringify(sample));
    expect(sample.customer.name).toBe('江南联合银行股份有限公司');
    expect(sample.site.name).toBe('上海张江数据中心');
    expect(sample.template).toEqual({ id: 'dce-s360-inspection', version: 2 });
    expect(sample.clusters[0]?.lifecycle?.status).toBe('supported');
  });

  it('records the planted problems as findings, with the value deciding the result', () => {
    const disk = sample.results.find(
      (r) => r.itemId === 'node-root-disk' && r.node === 'worker-02',
    );
    expect(disk).toMatchObject({ value: 88.4, result: 'fail', evidence: ['photo-disk'] });
    expect(sample.findings[0]).toMatchObject({
      itemId: 'node-root-disk',
      result: 'fail',
      risk: 'high',
      nodes: ['worker-02'],
    });
    expect(sample.score.value).toBeGreaterThan(0);
    expect(sample.score.value).toBeLessThan(100);
  });

  it('--nodes scales the per-node checks', () => {
    const big = sampleInspectionSnapshot({ nodes: 20 });
    const workers = big.clusters[0]!.nodes.filter((n) => n.role === 'worker').length;
    expect(workers).toBe(17);
    expect(big.results.filter((r) => r.itemId === 'node-cpu')).toHaveLength(17);
  });

  it('rejects a tampered score, a contradicted result and an unknown check', () => {
    const score = copy(sample);
    score.score.value = 99;
    expect(validateInspectionSnapshot(score)).toMatchObject({ ok: false });

    const contradicted = copy(sample);
    const r = contradicted.results.find(
      (x) => x.itemId === 'node-root-disk' && x.node === 'worker-02',
    )!;
    r.result = 'pass';
    const v = validateInspectionSnapshot(contradicted);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors.join('\n')).toContain('recorded as pass but its value gives fail');

    const stray = copy(sample);
    stray.results.push({
      clusterId: 'prod-core',
      itemId: 'cp-cpu',
      node: 'worker-01',
      result: 'pass',
      value: 1,
    });
    const s = validateInspectionSnapshot(stray);
    expect(s.ok).toBe(false);
    if (!s.ok) expect(s.errors.join('\n')).toContain('is no check of');
  });

  it('rejects remote image URLs and unknown properties by schema', () => {
    const remote = copy(sample);
    remote.photos[0]!.dataUrl = 'https://example.invalid/x.png';
    expect(validateInspectionSnapshot(remote)).toMatchObject({ ok: false });
    const extra = copy(sample) as InspectionSnapshot & { surprise?: number };
    extra.surprise = 1;
    const v = validateInspectionSnapshot(extra);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors[0]).toContain('unknown property "surprise"');
    expect(validateInspectionSnapshot({})).toMatchObject({ ok: false });
  });

  it('refuses answers that name no check instead of dropping them', () => {
    expect(() =>
      buildInspectionSnapshot({
        ...sample,
        template: DCE_S360_INSPECTION_V1,
        answers: [{ clusterId: 'prod-core', itemId: 'apiserver-latency', result: 'pass' }],
      }),
    ).toThrow(/name no check of dce-s360-inspection v1/);
  });
});

describe('fault snapshot', () => {
  const f = sampleFaultSnapshot();

  it('is valid and carries the SLA figures of the clock', () => {
    expect(validateFaultSnapshot(copy(f))).toMatchObject({ ok: true });
    // Level 2, standard tier: 8 h on 5x8. Opened Monday 17:00: 1 h that day, then Tuesday
    // 09:00–16:00 plus the 30 min pause → due 16:30; responded 10:20 = 1 h + 30 min + 20 min.
    expect(f.sla.target.zh).toBe('8 小时（5x8）');
    expect(f.sla.dueAt).toBe('2026-03-03T16:30:00.000+08:00');
    expect(f.sla.responseMs).toBe(110 * 60_000);
    expect(f.sla.respondedInTime).toBe(true);
    expect(f.sla.breached).toBe(false);
    expect(f.sla.pauses[0]?.inWindowMs).toBe(30 * 60_000);
    expect(f.sla.onSiteMs).toBe(95 * 60_000);
    expect(f.level.definition.zh).toContain('客户系统受到较大干扰');
    expect(f.resolutionType?.id).toBe('permanent-workaround');
    expect(f.closure?.state.name.zh).toBe('已解决');
  });

  it('rejects a closure on an open incident and out-of-order timelines', () => {
    const open = copy(f);
    open.incident.status = 'open';
    expect(validateFaultSnapshot(open)).toMatchObject({ ok: false });
    const order = copy(f);
    order.timeline.reverse();
    expect(validateFaultSnapshot(order)).toMatchObject({ ok: false });
  });
});

describe('png encoder', () => {
  it('writes zlib streams that inflate back to the input', () => {
    const data = new Uint8Array(5000);
    for (let i = 0; i < data.length; i++) data[i] = i % 97 < 50 ? 7 : (i * 31) & 0xff;
    const z = zlibDeflate(data, 101);
    expect(new Uint8Array(inflateSync(z))).toEqual(data);
    expect(z.length).toBeLessThan(data.length);
  });

  it('encodes a valid indexed PNG', () => {
    const r = new Raster(40, 20, [
      [255, 255, 255],
      [0, 0, 0],
    ]);
    r.fillRect(5, 5, 10, 10, 1);
    const png = encodePng(r);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // IDAT payload inflates to height × (1 filter byte + width).
    const idat = Buffer.from(png).indexOf('IDAT');
    const len = Buffer.from(png).readUInt32BE(idat - 4);
    expect(inflateSync(png.subarray(idat + 4, idat + 4 + len)).length).toBe(20 * 41);
  });
});
