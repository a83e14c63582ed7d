/**
 * `fieldbook server` administration as a user runs it: real processes on a data folder.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSampleWorkspace } from '../../src-shared/domain/sample-workspace';
import { SyncClient } from './client';
import { freshDataDir, startTestServer } from './harness';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function fieldbook(
  args: string[],
  stdin = '',
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ['bin/fieldbook.mjs', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '' },
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    proc.on('close', (code) => resolve({ code, stdout, stderr }));
    proc.stdin.end(stdin);
  });
}

describe('fieldbook server administration (CLI)', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await freshDataDir('pglite');
  }, 120_000);

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('adds users with the password from stdin, assigns customers and teams, lists them', async () => {
    const add = await fieldbook(
      [
        'server',
        'user',
        'add',
        '--data',
        dataDir,
        '--username',
        'wang',
        '--password-stdin',
        '--role',
        'engineer',
      ],
      'wang-password-1\n',
    );
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(JSON.parse(add.stdout)).toMatchObject({ user: { username: 'wang', role: 'engineer' } });

    const lead = await fieldbook(
      [
        'server',
        'user',
        'add',
        '--data',
        dataDir,
        '--username',
        'zhou',
        '--password-stdin',
        '--role',
        'lead',
      ],
      'zhou-password-1',
    );
    expect(lead.code).toBe(0);
    const assign = await fieldbook([
      'server',
      'assign',
      '--data',
      dataDir,
      '--username',
      'wang',
      '--customer',
      'CUST-1',
    ]);
    expect(assign.code).toBe(0);
    const team = await fieldbook([
      'server',
      'assign',
      '--data',
      dataDir,
      '--username',
      'wang',
      '--lead',
      'zhou',
    ]);
    expect(team.code).toBe(0);
    const passwd = await fieldbook(
      ['server', 'user', 'passwd', '--data', dataDir, '--username', 'wang', '--password-stdin'],
      'wang-password-2\n',
    );
    expect(passwd.code).toBe(0);
    const list = await fieldbook(['server', 'assignments', '--data', dataDir]);
    expect(JSON.parse(list.stdout)).toEqual({
      customers: [{ username: 'wang', customerId: 'CUST-1' }],
      teams: [{ lead: 'zhou', engineer: 'wang' }],
    });
    const server = await startTestServer({ kind: 'pglite', dataDir });
    try {
      await expect(SyncClient.login(server.url, 'wang', 'wang-password-1')).rejects.toThrow();
      const wang = await SyncClient.login(server.url, 'wang', 'wang-password-2');
      expect((await wang.pull('sites')).documents).toEqual([]);
    } finally {
      await server.close();
    }
  }, 120_000);

  it('reports bad input with exit code 2 or 1 and a clear message', async () => {
    const noStdin = await fieldbook([
      'server',
      'user',
      'add',
      '--data',
      dataDir,
      '--username',
      'x',
      '--role',
      'engineer',
    ]);
    expect(noStdin.code).toBe(2);
    expect(noStdin.stderr).toContain('--password-stdin');
    const badRole = await fieldbook(
      [
        'server',
        'user',
        'add',
        '--data',
        dataDir,
        '--username',
        'x',
        '--password-stdin',
        '--role',
        'root',
      ],
      'password-123',
    );
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('--role must be one of engineer, lead, admin');
    const unknownUser = await fieldbook([
      'server',
      'assign',
      '--data',
      dataDir,
      '--username',
      'ghost',
      '--customer',
      'C',
    ]);
    expect(unknownUser.code).toBe(1);
    expect(unknownUser.stderr).toContain('There is no user ghost.');
  }, 120_000);

  it('refuses to open the embedded store while a server runs on it', async () => {
    const running = await startTestServer({ kind: 'pglite', dataDir });
    try {
      const res = await fieldbook(['server', 'user', 'list', '--data', dataDir]);
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('Stop the server first');
    } finally {
      await running.close();
    }
  }, 120_000);

  it('demo: an admin, a lead and two engineers with distinct customers, ready to sync', async () => {
    const demoDir = await freshDataDir('pglite');
    try {
      const demo = await fieldbook(['server', 'demo', '--data', demoDir]);
      expect(demo.code).toBe(0);
      const result = JSON.parse(demo.stdout) as {
        users: { username: string; role: string; password: string; customers: string[] }[];
      };
      expect(result.users.map((u) => `${u.username}:${u.role}`)).toEqual([
        'admin:admin',
        'lead:lead',
        'engineer1:engineer',
        'engineer2:engineer',
      ]);
      const e1 = result.users[2]?.customers.map((c) => c.split(' ')[0]) ?? [];
      const e2 = result.users[3]?.customers.map((c) => c.split(' ')[0]) ?? [];
      expect(e1.length).toBeGreaterThan(0);
      expect(e1.some((c) => e2.includes(c))).toBe(false);
      expect(demo.stderr).toContain(result.users[0]?.password ?? '-');

      const ts = await startTestServer({ kind: 'pglite', dataDir: demoDir });
      try {
        const pw = (name: string) => result.users.find((u) => u.username === name)?.password ?? '';
        const engineer1 = await SyncClient.login(ts.url, 'engineer1', pw('engineer1'));
        const lead = await SyncClient.login(ts.url, 'lead', pw('lead'));
        const admin = await SyncClient.login(ts.url, 'admin', pw('admin'));
        const customers = async (c: SyncClient) =>
          (await c.pullAll('customers')).documents.map((d) => d.id).sort();
        // Sample ids carry the creation time, so compare counts and membership, not values.
        const all = await customers(admin);
        expect(all.length).toBe(buildSampleWorkspace(new Date()).customers.length);
        expect(all).toEqual(expect.arrayContaining([...e1, ...e2]));
        expect(await customers(engineer1)).toEqual([...e1].sort());
        // The lead sees the team's customers plus their own.
        expect((await customers(lead)).length).toBe(e1.length + e2.length + 1);
        expect((await engineer1.pullAll('visits')).documents.length).toBeGreaterThan(0);
      } finally {
        await ts.close();
      }
    } finally {
      rmSync(demoDir, { recursive: true, force: true });
    }
  }, 180_000);
});
