import type { Store } from './store';
import type { BlobStore } from './services/blob-store';
import type { CertificateAuthority } from './services/certificate-authority';
import type { ChangeFeed } from './services/change-feed';
import type { ServerSecrets } from './services/server-secrets';
import type { TokenService } from './services/tokens';

/** What route modules share: one per server instance, no global state. */
export interface ServerContext {
  store: Store;
  tokens: TokenService;
  feed: ChangeFeed;
  blobs: BlobStore;
  /** Secret fields of documents, sealed at rest (server-secrets.ts). */
  secrets: ServerSecrets;
  /** The organisation's CA (loaded at start; its key is opened on first use). */
  ca: CertificateAuthority;
  heartbeatMs: number;
  now: () => number;
  /** Live streams, ended first on shutdown so the HTTP server can close. */
  streams: Set<{ end(): void }>;
}
