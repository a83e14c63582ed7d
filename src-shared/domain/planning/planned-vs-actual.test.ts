import { describe, expect, it } from 'vitest';
import { comparePlanWithActual, parseActualMachines, parseMemoryGiB } from './planned-vs-actual';
import { samplePlan } from './sample-plan';

const KUBECTL = `NAME            STATUS   ROLES           AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE                      KERNEL-VERSION                 CONTAINER-RUNTIME
dce-master-01   Ready    control-plane   12d   v1.27.5   10.20.30.21   <none>        Rocky Linux 9.2 (Blue Onyx)   5.14.0-284.11.1.el9_2.x86_64   containerd://1.7.1
dce-master-02   Ready    control-plane   12d   v1.27.5   10.20.30.22   <none>        Rocky Linux 9.2 (Blue Onyx)   5.14.0-284.11.1.el9_2.x86_64   containerd://1.7.1
dce-master-03   Ready    control-plane   12d   v1.27.5   10.20.30.73   <none>        Rocky Linux 9.2 (Blue Onyx)   5.14.0-284.11.1.el9_2.x86_64   containerd://1.7.1
dce-worker-01   Ready    <none>          12d   v1.27.5   10.20.30.31   <none>        Rocky Linux 9.2 (Blue Onyx)   5.14.0-362.8.1.el9_3.x86_64    containerd://1.7.1
dce-worker-02   Ready    <none>          12d   v1.27.5   10.20.30.32   <none>        Rocky Linux 9.2 (Blue Onyx)   5.14.0-284.11.1.el9_2.x86_64   containerd://1.7.1
dce-worker-03   Ready    <none>          12d   v1.27.5   10.20.30.33   <none>        Rocky Linux 9.2 (Blue Onyx)   5.14.0-284.11.1.el9_2.x86_64   containerd://1.7.1
dce-extra-09    Ready    <none>          1d    v1.27.5   10.20.30.99   <none>        Ubuntu 22.04.3 LTS            5.15.0-88-generic              containerd://1.7.1
`;

describe('parseActualMachines', () => {
  it('reads kubectl get nodes -o wide by its column positions (OS-IMAGE has spaces)', () => {
    const r = parseActualMachines(KUBECTL);
    expect(r.ok && r.source).toBe('kubectl');
    if (!r.ok) return;
    expect(r.machines).toHaveLength(7);
    expect(r.machines[0]).toEqual({
      hostname: 'dce-master-01',
      addresses: ['10.20.30.21'],
      osRelease: 'Rocky Linux 9.2 (Blue Onyx)',
      kernel: '5.14.0-284.11.1.el9_2.x86_64',
    });
  });

  it('reads precheck blocks with units of memory', () => {
    const r = parseActualMachines(
      'hostname: dce-worker-01\ncpu: 8\nmemory: 62.5Gi\nip: 10.20.30.31, 10.20.40.31\nkernel: 5.14.0-284.11.1.el9_2.x86_64\n\nhostname: dce-worker-02\nMemTotal: 65535000 kB\n',
    );
    expect(r.ok && r.source).toBe('precheck');
    if (!r.ok) return;
    expect(r.machines[0]).toMatchObject({
      cpu: 8,
      memoryGiB: 62.5,
      addresses: ['10.20.30.31', '10.20.40.31'],
    });
    expect(r.machines[1]!.memoryGiB).toBeCloseTo(62.5, 0);
  });

  it('refuses what is neither format, and unreadable values, with the reason', () => {
    const none = parseActualMachines('total 12\ndrwxr-xr-x 2 root root');
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.message.en).toContain('INTERNAL-IP');
    const bad = parseActualMachines('hostname: a\ncpu: many');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message.en).toContain('cpu “many”');
    expect(parseActualMachines('  \n').ok).toBe(false);
    expect(parseActualMachines('cpu: 4\nhostname: a').ok).toBe(false);
  });

  it('reads memory sizes', () => {
    expect(parseMemoryGiB('32Gi')).toBe(32);
    expect(parseMemoryGiB('32768Mi')).toBe(32);
    expect(parseMemoryGiB('33554432Ki')).toBe(32);
    expect(parseMemoryGiB('1 TiB')).toBe(1024);
    expect(parseMemoryGiB('lots')).toBeNull();
  });
});

describe('comparePlanWithActual', () => {
  it('names every machine whose address, kernel or presence differs from the plan', () => {
    const r = parseActualMachines(KUBECTL);
    if (!r.ok) throw new Error('parse');
    const result = comparePlanWithActual(samplePlan(), r.machines);
    expect(result.matched).toBe(6);
    expect(result.differences).toEqual([
      { hostname: 'dce-bootstrap', field: 'presence', planned: 'dce-bootstrap', actual: null },
      {
        hostname: 'dce-master-03',
        field: 'address',
        planned: '10.20.30.23',
        actual: '10.20.30.73',
      },
      {
        hostname: 'dce-worker-01',
        field: 'kernel',
        planned: '5.14.0-284.11.1.el9_2.x86_64',
        actual: '5.14.0-362.8.1.el9_3.x86_64',
      },
      { hostname: 'dce-extra-09', field: 'presence', planned: null, actual: 'dce-extra-09' },
    ]);
  });

  it('compares CPU and memory where the precheck reports them, with the kernel’s reservation tolerated', () => {
    const r = parseActualMachines(
      'hostname: dce-worker-01\ncpu: 8\nmemory: 62Gi\nhostname: dce-worker-02.example.internal\ncpu: 16\nmemory: 48Gi',
    );
    if (!r.ok) throw new Error('parse');
    const diffs = comparePlanWithActual(samplePlan(), r.machines).differences.filter(
      (d) => d.field !== 'presence',
    );
    expect(diffs).toEqual([
      { hostname: 'dce-worker-01', field: 'cpu', planned: '16', actual: '8' },
      { hostname: 'dce-worker-02', field: 'memoryGiB', planned: '64', actual: '48' },
    ]);
  });
});
