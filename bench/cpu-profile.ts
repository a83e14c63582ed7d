/**
 * A quick look at CPU profiles taken with the DevTools protocol (`Profiler.stop`): self time by
 * function, summed over one or more profiles, the `top` largest printed. Open the .cpuprofile
 * files in DevTools for more.
 */
export interface CpuProfile {
  nodes: {
    callFrame: { functionName: string; url: string; lineNumber: number };
    hitCount?: number;
  }[];
  samples?: number[];
}

export function summariseProfiles(
  profiles: readonly CpuProfile[],
  top: number,
  title: string,
): void {
  let total = 0;
  const byFn = new Map<string, number>();
  for (const profile of profiles) {
    total += profile.samples?.length ?? 0;
    for (const n of profile.nodes) {
      const file = n.callFrame.url.split('/').pop() ?? '';
      const key = `${n.callFrame.functionName || '(anonymous)'} ${file}:${n.callFrame.lineNumber}`;
      byFn.set(key, (byFn.get(key) ?? 0) + (n.hitCount ?? 0));
    }
  }
  const largest = [...byFn.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  console.log(`\n${title} (samples of ${total}):`);
  for (const [k, v] of largest)
    console.log(`${((v / Math.max(1, total)) * 100).toFixed(1)}%  ${k}`);
}
