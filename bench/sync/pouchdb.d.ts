// The PouchDB packages ship without types; these are the few calls the reference benchmark
// makes (https://pouchdb.com/api.html).
declare module 'pouchdb-core' {
  interface PouchDocument {
    _id: string;
    _rev?: string;
    [field: string]: unknown;
  }
  interface ReplicationResult {
    ok: boolean;
    docs_read: number;
    docs_written: number;
    errors: unknown[];
  }
  interface ReplicationOptions {
    batch_size?: number;
    batches_limit?: number;
  }
  interface PouchDatabase {
    bulkDocs(docs: PouchDocument[]): Promise<{ ok?: boolean; error?: string; id?: string }[]>;
    info(): Promise<{ doc_count: number; update_seq: number | string }>;
    close(): Promise<void>;
    destroy(): Promise<void>;
  }
  interface PouchStatic {
    new (name: string, options?: { adapter?: string }): PouchDatabase;
    plugin(plugin: unknown): PouchStatic;
    defaults(options: { adapter?: string }): PouchStatic;
    replicate(
      source: PouchDatabase,
      target: PouchDatabase,
      options?: ReplicationOptions,
    ): Promise<ReplicationResult>;
  }
  const PouchDB: PouchStatic;
  export default PouchDB;
  export type { PouchDatabase, PouchDocument, PouchStatic, ReplicationResult };
}

declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export default plugin;
}

declare module 'pouchdb-adapter-http' {
  const plugin: unknown;
  export default plugin;
}

declare module 'pouchdb-replication' {
  const plugin: unknown;
  export default plugin;
}

declare module 'express-pouchdb' {
  import type { Server } from 'node:http';
  import type { PouchStatic } from 'pouchdb-core';
  interface ExpressPouchApp {
    listen(port: number, host: string, callback: () => void): Server;
  }
  export default function expressPouchDB(
    pouch: PouchStatic,
    options?: { mode?: 'fullCouchDB' | 'minimumForPouchDB' | 'custom'; inMemoryConfig?: boolean },
  ): ExpressPouchApp;
}
