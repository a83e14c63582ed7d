/**
 * Workspace export and import for the app: the file format is workspace-archive.ts, the blobs
 * come from and go to the local blob store, the documents come from and go back to the
 * renderer (which owns the database and merges with the sync conflict handlers).
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import type {
  DesktopApi,
  WorkspaceDocuments,
  WorkspaceExportInput,
  WorkspaceExportResult,
  WorkspaceImportInput,
  WorkspaceImportResult,
} from '../../src-shared/ipc';
import {
  checkWorkspaceDocuments,
  currentSchemaVersions,
  isCollectionName,
  isDeleted,
  migrateWorkspaceDocuments,
  NewerSchemaError,
} from '../../src-shared/db/workspace-transfer';
import type { BaseDoc } from '../../src-shared/db/types';
import { referencedBlobs } from '../../src-shared/sync/protocol';
import { writeFileAtomic } from './atomic-file';
import type { BlobStore } from './blob-store';
import { openWorkspace, sealWorkspace, WorkspaceFileError } from './workspace-archive';
import type { ScryptParams } from './workspace-archive';

/** Largest workspace file read (Node buffers the whole file; the app keeps it in memory). */
export const MAX_WORKSPACE_FILE_BYTES = 1536 * 1024 * 1024;

export interface WorkspaceFilesShell {
  /** Asks where to save the file; the absolute path chosen, or null when cancelled. */
  chooseSavePath(suggestedName: string): Promise<string | null>;
  /** Asks which file to open; the absolute path chosen, or null when cancelled. */
  chooseOpenPath(): Promise<string | null>;
}

export interface WorkspaceServiceOptions {
  files: WorkspaceFilesShell;
  blobStore: Pick<BlobStore, 'get' | 'put'>;
  appVersion: string;
  /** Tests lower the key derivation cost. */
  scrypt?: ScryptParams;
}

function absolute(chosen: string, dialog: string): string {
  if (!isAbsolute(chosen))
    throw new Error(`the ${dialog} dialog returned a relative path: ${chosen}`);
  return resolve(chosen);
}

export function createWorkspaceService(options: WorkspaceServiceOptions): DesktopApi['workspace'] {
  return {
    async exportFile(input: WorkspaceExportInput): Promise<WorkspaceExportResult | null> {
      const chosen = await options.files.chooseSavePath(input.suggestedName);
      if (chosen === null) return null;
      const target = absolute(chosen, 'save');
      const wanted = new Set<string>();
      let documents = 0;
      let deleted = 0;
      for (const docs of Object.values(input.documents)) {
        documents += docs.length;
        for (const doc of docs) {
          // A deleted document's files are not carried: nobody can open them any more.
          if (isDeleted(doc)) deleted++;
          else referencedBlobs(doc, wanted);
        }
      }
      const blobs = new Map<string, Uint8Array>();
      const missingBlobs: string[] = [];
      for (const sha256 of [...wanted].sort()) {
        const bytes = await options.blobStore.get(sha256);
        if (bytes === null) missingBlobs.push(sha256);
        else blobs.set(sha256, bytes);
      }
      const versions = currentSchemaVersions();
      const schemaVersions: Record<string, number> = {};
      for (const name of Object.keys(input.documents)) {
        if (isCollectionName(name)) schemaVersions[name] = versions[name];
      }
      const bytes = await sealWorkspace({
        password: input.password,
        scope: input.scope,
        documents: input.documents,
        schemaVersions,
        blobs,
        appVersion: options.appVersion,
        ...(options.scrypt ? { scrypt: options.scrypt } : {}),
      });
      await writeFileAtomic(target, bytes, dirname(target), 0o600);
      return {
        path: target,
        bytes: bytes.byteLength,
        documents,
        deleted,
        blobs: blobs.size,
        missingBlobs,
      };
    },

    async importFile(input: WorkspaceImportInput): Promise<WorkspaceImportResult | null> {
      const chosen = await options.files.chooseOpenPath();
      if (chosen === null) return null;
      const path = absolute(chosen, 'open');
      const name = basename(path);
      const info = await stat(path);
      if (!info.isFile()) throw new Error(`${path} is not a file`);
      if (info.size > MAX_WORKSPACE_FILE_BYTES) {
        throw new Error(
          `the file is ${info.size} bytes; at most ${MAX_WORKSPACE_FILE_BYTES} are read`,
        );
      }
      try {
        const content = await openWorkspace(await readFile(path), input.password);
        const documents: WorkspaceDocuments = {};
        for (const [collection, docs] of Object.entries(content.documents)) {
          if (!isCollectionName(collection) || !Array.isArray(docs)) {
            throw new WorkspaceFileError('invalid_content', `unknown collection ${collection}`);
          }
          const from = content.manifest.schemaVersions?.[collection];
          documents[collection] = (await migrateWorkspaceDocuments(
            collection,
            typeof from === 'number' ? from : -1,
            docs,
          )) as BaseDoc[];
        }
        const problems = checkWorkspaceDocuments(documents, 5);
        if (problems.length > 0) {
          const detail = problems
            .map((p) => `${p.collection}/${p.documentId || '?'}: ${p.detail}`)
            .join('; ');
          throw new WorkspaceFileError('invalid_content', `documents do not match: ${detail}`);
        }
        // Only now, with every byte authenticated and every document valid, is anything stored.
        for (const [, bytes] of content.blobs) {
          await options.blobStore.put(bytes, 'workspace-import', 'application/octet-stream');
        }
        return { ok: true, name, manifest: content.manifest, documents, blobs: content.blobs.size };
      } catch (error) {
        if (error instanceof WorkspaceFileError) {
          return { ok: false, name, code: error.code, message: error.message };
        }
        if (error instanceof NewerSchemaError) {
          return { ok: false, name, code: 'newer_schema', message: error.message };
        }
        if (error instanceof RangeError) {
          return { ok: false, name, code: 'invalid_content', message: error.message };
        }
        throw error;
      }
    },
  };
}
