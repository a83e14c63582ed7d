import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/fieldbook.mjs', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI in a child process, as `npx fieldbook …` would. */
function fieldbook(args: string[], env: NodeJS.ProcessEnv = {}, cwd = ROOT): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd, env: { ...process.env, ...env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const DUE = ['sla', 'due', '--pack', 'dce-support', '--tz', 'Asia/Shanghai'];

describe('fieldbook sla due', () => {
  it('Friday 17:00 level 2 standard is due Monday 16:00 (JSON on stdout, exit 0)', async () => {
    const r = await fieldbook([
      ...DUE,
      '--tier',
      'standard',
      '--level',
      '2',
      '--opened',
      '2026-03-06T17:00:00+08:00',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({
      dueAt: '2026-03-09T16:00:00.000+08:00',
      coverage: '5x8',
      target: {
        kind: 'hours',
        hours: 8,
        coverage: '5x8',
        onSite: false,
        channels: { zh: '客服/电话/远程支持', en: 'Service desk / phone / remote support' },
      },
      clockStartAt: '2026-03-06T17:00:00.000+08:00',
      missingCalendarYears: [],
      pack: 'dce-support',
      tier: 'standard',
      level: '2',
    });
  });

  it('level 5 has no due time', async () => {
    const r = await fieldbook([
      ...DUE,
      '--tier',
      'advanced',
      '--level',
      '5',
      '--opened',
      '2026-03-06T17:00:00+08:00',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({
      dueAt: null,
      coverage: null,
      clockStartAt: null,
      target: { kind: 'none' },
    });
  });

  it('private-cloud-ops P1 on 5x8 over a holiday, and calendar none', async () => {
    const args = [
      'sla',
      'due',
      '--pack',
      'private-cloud-ops',
      '--tier',
      '5x8',
      '--level',
      'P1',
      '--opened',
      '2026-10-05T10:00:00+08:00',
      '--tz',
      'Asia/Shanghai',
    ];
    const [cn, none] = await Promise.all([
      fieldbook(args),
      fieldbook([...args, '--calendar', 'none']),
    ]);
    expect(cn.code).toBe(0);
    expect(JSON.parse(cn.stdout)).toMatchObject({
      dueAt: '2026-10-08T09:05:00.000+08:00',
      coverage: '5x8',
    });
    expect(JSON.parse(none.stdout)).toMatchObject({ dueAt: '2026-10-05T10:05:00.000+08:00' });
  });

  it('reports years without a published calendar', async () => {
    const r = await fieldbook([
      ...DUE,
      '--tier',
      'standard',
      '--level',
      '2',
      '--opened',
      '2030-03-01T17:00:00+08:00',
    ]);
    expect(JSON.parse(r.stdout)).toMatchObject({
      dueAt: '2030-03-04T16:00:00.000+08:00',
      missingCalendarYears: [2030],
    });
  });

  it('the output does not depend on the laptop time zone or working directory', async () => {
    const args = [
      ...DUE,
      '--tier',
      'standard',
      '--level',
      '3',
      '--opened',
      '2026-02-13T09:00:00+08:00',
    ];
    const runs = await Promise.all([
      fieldbook(args, { TZ: 'America/Los_Angeles' }),
      fieldbook(args, { TZ: 'Pacific/Chatham' }, fileURLToPath(new URL('../', import.meta.url))),
    ]);
    for (const r of runs) expect(r.code).toBe(0);
    expect(runs[0].stdout).toBe(runs[1].stdout);
    expect(JSON.parse(runs[0].stdout)).toMatchObject({ dueAt: '2026-02-14T18:00:00.000+08:00' });
  });

  it.each<[string, string[], RegExp]>([
    [
      '--opened without offset',
      ['--tier', 'standard', '--level', '2', '--opened', '2026-03-06T17:00:00'],
      /--opened.*offset/,
    ],
    [
      'an invalid zone',
      [
        '--tier',
        'standard',
        '--level',
        '2',
        '--opened',
        '2026-03-06T17:00:00+08:00',
        '--tz',
        'Mars/Base',
      ],
      /--tz.*Mars\/Base/,
    ],
    [
      'an unknown tier',
      ['--tier', 'gold', '--level', '2', '--opened', '2026-03-06T17:00:00+08:00'],
      /--tier.*gold.*standard, advanced, professional/,
    ],
    [
      'an unknown level',
      ['--tier', 'standard', '--level', 'P1', '--opened', '2026-03-06T17:00:00+08:00'],
      /--level.*P1/,
    ],
    [
      'a missing flag',
      ['--tier', 'standard', '--opened', '2026-03-06T17:00:00+08:00'],
      /missing --level/,
    ],
    [
      'an unknown flag',
      [
        '--tier',
        'standard',
        '--level',
        '2',
        '--opened',
        '2026-03-06T17:00:00+08:00',
        '--colour',
        'red',
      ],
      /--colour/,
    ],
    [
      'an unknown calendar',
      [
        '--tier',
        'standard',
        '--level',
        '2',
        '--opened',
        '2026-03-06T17:00:00+08:00',
        '--calendar',
        'us',
      ],
      /--calendar/,
    ],
  ])('exit 2 for %s, naming the flag on stderr', async (_name, extra, message) => {
    // --tz given last wins over the default in DUE.
    const r = await fieldbook([...DUE, ...extra]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('exit 2 for an unknown pack', async () => {
    const r = await fieldbook([
      'sla',
      'due',
      '--pack',
      'gold',
      '--tier',
      'standard',
      '--level',
      '2',
      '--opened',
      '2026-03-06T17:00:00+08:00',
      '--tz',
      'Asia/Shanghai',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--pack.*dce-support, private-cloud-ops/);
  });
});

describe('fieldbook lifecycle', () => {
  it('DCE 5.0.3 on 2026-11-23', async () => {
    const r = await fieldbook([
      'lifecycle',
      '--product',
      'DCE',
      '--version',
      '5.0.3',
      '--at',
      '2026-11-23',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      series: 'DCE 5',
      status: 'end-of-standard-support',
      ga: '2023-06-01',
      eoss: '2026-06-01',
      eosl: '2028-10-30',
    });
  });

  it('--at defaults to today', async () => {
    const r = await fieldbook(['lifecycle', '--product', 'DCE', '--version', '3.0.0']);
    expect(r.code).toBe(0);
    // DCE 3 ended its support life on 2023-07-30; any "today" of this test is later.
    expect(JSON.parse(r.stdout)).toMatchObject({ series: 'DCE 3', status: 'end-of-life' });
  });

  it('unknown series → exit 2 listing the known ones', async () => {
    const r = await fieldbook([
      'lifecycle',
      '--product',
      'DCE',
      '--version',
      '7.1.0',
      '--at',
      '2026-11-23',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--version.*DCE 5, DCE 4, DCE 3/);
  });

  it('malformed version and date → exit 2', async () => {
    const [v, d] = await Promise.all([
      fieldbook(['lifecycle', '--product', 'DCE', '--version', '5.0', '--at', '2026-11-23']),
      fieldbook(['lifecycle', '--product', 'DCE', '--version', '5.0.0', '--at', '2026-11-31']),
    ]);
    expect([v.code, d.code]).toEqual([2, 2]);
    expect(v.stderr).toMatch(/--version/);
    expect(d.stderr).toMatch(/--at/);
  });
});

describe('fieldbook help and routing', () => {
  it('--help and help list the commands, exit 0', async () => {
    const [a, b] = await Promise.all([fieldbook(['--help']), fieldbook(['help'])]);
    for (const r of [a, b]) {
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Usage: fieldbook <command>/);
      expect(r.stdout).toMatch(/sla/);
      expect(r.stdout).toMatch(/lifecycle/);
    }
  });

  it('help for a command shows its flags', async () => {
    const [a, b] = await Promise.all([
      fieldbook(['help', 'sla', 'due']),
      fieldbook(['sla', 'due', '--help']),
    ]);
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/--opened/);
    expect(b.stdout).toBe(a.stdout);
  });

  it('unknown command → exit 2', async () => {
    const r = await fieldbook(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command "frobnicate"/);
  });
});
