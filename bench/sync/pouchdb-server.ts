/**
 * The reference server of the sync benchmark: express-pouchdb (the CouchDB replication protocol
 * as implemented by PouchDB Server) over PouchDB's in-memory adapter, on 127.0.0.1. Run as its
 * own process, like `fieldbook server` in the benchmark, and prints `listening on <url>`.
 *
 *   node --import tsx bench/sync/pouchdb-server.ts <port>
 */
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb-core';
import memoryAdapter from 'pouchdb-adapter-memory';

const port = Number(process.argv[2] ?? 0);
const MemoryPouch = PouchDB.plugin(memoryAdapter).defaults({ adapter: 'memory' });
// minimumForPouchDB: only the routes replication needs; inMemoryConfig: no config file on disk.
const app = expressPouchDB(MemoryPouch, { mode: 'minimumForPouchDB', inMemoryConfig: true });
const server = app.listen(port, '127.0.0.1', () => {
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  process.stderr.write(`listening on http://127.0.0.1:${actual}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
