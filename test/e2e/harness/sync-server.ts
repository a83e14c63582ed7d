/**
 * The real sync server for the end-to-end tests, in the Playwright process (as test/sync runs it):
 * PGlite on a fresh data folder, two engineers assigned the same customer, that customer's site
 * and a planned visit seeded through the protocol by the admin. Plus a TCP relay per laptop that
 * can be cut and restored, so one laptop goes offline while the server stays up for the other.
 */
import { createServer as createTcpServer, Socket } from 'node:net';
import type { Server as TcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { assignCustomer } from '../../../src-server/services/accounts';
import { SyncClient } from '../../sync/client';
import { creates, customer, site, testId, visit } from '../../sync/docs';
import { startTestServer } from '../../sync/harness';
import type { TestServer } from '../../sync/harness';

export interface SeededSyncServer {
  ts: TestServer;
  url: string;
  admin: SyncClient;
  engineers: { username: string; password: string }[];
  customer: { id: string; name: string };
  site: { id: string; name: string };
  visit: { id: string; summary: string };
  close(): Promise<void>;
}

export async function startSeededSyncServer(): Promise<SeededSyncServer> {
  const ts = await startTestServer({ kind: 'pglite' });
  const engineers = [await ts.user('wanglei', 'engineer'), await ts.user('lina', 'engineer')];
  const c = customer(testId('C'), { name: '华东电网数据中心' });
  const s = site(c.id, { name: '张江一号机房' });
  const v = visit(c.id, s.id, { summary: '季度巡检（两位工程师）', engineers: ['王磊', '李娜'] });
  for (const e of engineers) await assignCustomer(ts.server.store, e.username, c.id);
  const admin = await SyncClient.login(ts.url, ts.admin.username, ts.admin.password);
  await admin.push('customers', creates([c]));
  await admin.push('sites', creates([s]));
  await admin.push('visits', creates([v]));
  return {
    ts,
    url: ts.url,
    admin,
    engineers: engineers.map((e) => ({ username: e.username, password: e.password })),
    customer: { id: c.id, name: String(c['name']) },
    site: { id: s.id, name: String(s['name']) },
    visit: { id: v.id, summary: String(v['summary']) },
    close: () => ts.close(),
  };
}

/** A TCP relay to `target` (`http://host:port`) that can be cut (connection refused) and restored. */
export class CuttableRelay {
  private server: TcpServer | null = null;
  private readonly sockets = new Set<Socket>();
  private port = 0;

  private constructor(private readonly target: URL) {}

  static async start(target: string): Promise<CuttableRelay> {
    const relay = new CuttableRelay(new URL(target));
    await relay.listen(0);
    return relay;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private listen(port: number): Promise<void> {
    const server = createTcpServer((client) => {
      const upstream = new Socket();
      this.sockets.add(client);
      this.sockets.add(upstream);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      upstream.connect(Number(this.target.port), this.target.hostname, () => {
        client.pipe(upstream);
        upstream.pipe(client);
      });
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        this.port = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  /** The laptop is offline: open connections drop, new ones are refused. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Back online, on the same address. */
  async restore(): Promise<void> {
    if (!this.server) await this.listen(this.port);
  }

  async close(): Promise<void> {
    await this.cut();
  }
}
