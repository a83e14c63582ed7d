// @vitest-environment happy-dom
/**
 * The store's React bindings against a real RxDB (Dexie on fake-indexeddb): loading states,
 * live updates, dependency changes, and the provider's loading / error / retry states.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { act } from 'react';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Root } from 'react-dom/client';
import type { RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildSampleWorkspace } from '../../src-shared/domain/sample-workspace';
import { I18nProvider } from '../app/i18n';
import { openFieldbookDatabase } from './database';
import type { FieldbookDatabase } from './database';
import { DatabaseContext, useDatabase } from './database-context';
import { DatabaseProvider } from './DatabaseProvider';
import { useCount, useRxDocument, useRxQuery } from './hooks';
import { sitesOfCustomer } from './queries';

const storage = getRxStorageDexie({ indexedDB, IDBKeyRange }) as RxStorage<unknown, unknown>;
const ws = buildSampleWorkspace(new Date('2026-11-23T06:30:00Z'));
let counter = 0;

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function openDb(): Promise<FieldbookDatabase> {
  const db = await openFieldbookDatabase({
    name: `fb-hooks-${Date.now()}-${counter++}`,
    password: 'hooks-test-key-123456',
    storage,
  });
  cleanups.push(() => db.close().then(() => undefined));
  return db;
}

function mount(node: ReactNode): { container: HTMLElement; root: Root } {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  act(() => root.render(node));
  cleanups.push(async () => {
    act(() => root.unmount());
    container.remove();
    return Promise.resolve();
  });
  return { container, root };
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await act(() => new Promise((r) => setTimeout(r, 10)));
  }
}

type Probe = { current: unknown };

function SitesProbe({ customerId, probe }: { customerId: string | null; probe: Probe }) {
  const state = useRxQuery(
    (db) => (customerId === null ? null : sitesOfCustomer(db, customerId)),
    [customerId],
  );
  probe.current = state;
  return <span>{state.docs.map((s) => s.name).join(',')}</span>;
}

describe('useRxQuery', () => {
  it('loads, follows inserts, switches with its deps, and idles on null', async () => {
    const db = await openDb();
    const [bank, grid] = ws.customers;
    await db.sites.bulkInsert(ws.sites.filter((s) => s.customerId === bank!.id));
    const probe: Probe = { current: null };
    const wrap = (id: string | null) => (
      <DatabaseContext.Provider value={db}>
        <SitesProbe customerId={id} probe={probe} />
      </DatabaseContext.Provider>
    );
    const { container, root } = mount(wrap(bank!.id));
    expect(probe.current).toMatchObject({ loading: true, docs: [] });
    await waitFor(() => (probe.current as { loading: boolean }).loading === false, 'first result');
    expect(container.textContent).toBe('杭州滨江数据中心,杭州萧山灾备中心');
    // plain JSON, not RxDocuments
    const first = (probe.current as { docs: object[] }).docs[0]!;
    expect(Object.getPrototypeOf(first)).toBe(Object.prototype);

    await act(async () => {
      await db.sites.insert({ ...ws.sites[0]!, id: 'NEWSITE', name: '杭州未来科技城机房' });
    });
    await waitFor(() => container.textContent?.includes('未来科技城') === true, 'live update');

    act(() => root.render(wrap(grid!.id)));
    await db.sites.bulkInsert(ws.sites.filter((s) => s.customerId === grid!.id));
    await waitFor(() => container.textContent === '武汉光谷调度数据中心', 'deps change');

    act(() => root.render(wrap(null)));
    await waitFor(() => container.textContent === '', 'null query');
    expect(probe.current).toEqual({ docs: [], loading: false });
  });
});

function DocProbe({ id, probe }: { id: string | null; probe: Probe }) {
  const state = useRxDocument('incidents', id);
  probe.current = state;
  return <span>{state.doc?.title ?? (state.loading ? 'loading' : 'none')}</span>;
}

function CountProbe() {
  const { count, loading } = useCount(
    (db) => db.incidents.count({ selector: { status: 'open' } }),
    [],
  );
  return <b>{loading ? '…' : count}</b>;
}

describe('useRxDocument and useCount', () => {
  it('follow one document and a count live', async () => {
    const db = await openDb();
    const incident = ws.incidents[0]!;
    const probe: Probe = { current: null };
    const { container } = mount(
      <DatabaseContext.Provider value={db}>
        <DocProbe id={incident.id} probe={probe} />
        <DocProbe id={null} probe={{ current: null }} />
        <CountProbe />
      </DatabaseContext.Provider>,
    );
    await waitFor(() => container.textContent === 'nonenone0', 'missing doc and zero count');
    await act(async () => {
      await db.incidents.bulkInsert(ws.incidents);
    });
    const open = ws.incidents.filter((i) => i.status === 'open').length;
    await waitFor(() => container.textContent === `${incident.title}none${open}`, 'inserted');
    await act(async () => {
      await db.incidents
        .findOne(incident.id)
        .incrementalPatch({ title: '已更新标题', status: 'closed' });
    });
    await waitFor(() => container.textContent === `已更新标题none${open - 1}`, 'patched');
  });
});

function NeedsDb() {
  const db = useDatabase();
  return <i>{db.name}</i>;
}

describe('DatabaseProvider', () => {
  it('shows loading, then the children with the open database', async () => {
    const db = await openDb();
    let resolveOpen: (db: FieldbookDatabase) => void = () => undefined;
    const open = () => new Promise<FieldbookDatabase>((r) => (resolveOpen = r));
    const { container } = mount(
      <I18nProvider>
        <DatabaseProvider open={open}>
          <NeedsDb />
        </DatabaseProvider>
      </I18nProvider>,
    );
    expect(container.textContent).toContain('正在打开本地数据库');
    await act(async () => {
      resolveOpen(db);
      await Promise.resolve();
    });
    await waitFor(() => container.textContent === db.name, 'children');
  });

  it('shows a clear error with the cause and retries on request', async () => {
    let attempts = 0;
    const db = await openDb();
    const open = () => {
      attempts++;
      return attempts === 1
        ? Promise.reject(new Error('IndexedDB quota exceeded'))
        : Promise.resolve(db);
    };
    const { container } = mount(
      <I18nProvider>
        <DatabaseProvider open={open}>
          <NeedsDb />
        </DatabaseProvider>
      </I18nProvider>,
    );
    await waitFor(() => container.textContent?.includes('无法打开本地数据库') === true, 'error');
    expect(container.textContent).toContain('IndexedDB quota exceeded');
    // antd spaces out two-character Chinese button labels ("重 试").
    const button = [...container.querySelectorAll('button')].find((b) =>
      /重\s*试/.test(b.textContent ?? ''),
    );
    expect(button).toBeDefined();
    act(() => button!.click());
    await waitFor(() => container.textContent === db.name, 'retry opens');
    expect(attempts).toBe(2);
  });

  it('throws a clear message when useDatabase is used outside the provider', () => {
    const errors: unknown[] = [];
    const onError = (e: ErrorEvent) => {
      errors.push(e.error);
      e.preventDefault();
    };
    window.addEventListener('error', onError);
    try {
      expect(() =>
        act(() => createRoot(document.createElement('div')).render(<NeedsDb />)),
      ).toThrow(/inside <DatabaseProvider>/);
    } finally {
      window.removeEventListener('error', onError);
    }
  });
});
