import { describe, expect, it } from 'vitest';
import { ALL_IPC_CHANNELS, IPC_CHANNELS } from './contract';
import {
  IPC_ARGS_VALIDATORS,
  IpcPayloadError,
  MAX_BLOB_BYTES,
  isSha256Hex,
  parseBlobName,
  parseBlobPutInput,
  parseMimeType,
  parseServerUrl,
  parseSha256,
  parseSyncPullInput,
  parseSyncPushInput,
  parseSyncSignInInput,
  parseSyncWaitInput,
} from './validate';

const HASH = 'a'.repeat(64);

describe('channel names', () => {
  it('follow namespace:verb-noun and are unique', () => {
    for (const channel of ALL_IPC_CHANNELS) {
      expect(channel).toMatch(/^[a-z]+:[a-z]+(-[a-z]+)*$/);
    }
    expect(new Set(ALL_IPC_CHANNELS).size).toBe(ALL_IPC_CHANNELS.length);
  });

  it('has an argument validator for every channel and no other', () => {
    expect(Object.keys(IPC_ARGS_VALIDATORS).sort()).toEqual([...ALL_IPC_CHANNELS].sort());
  });
});

describe('sha256', () => {
  it('accepts 64 lowercase hex characters only', () => {
    expect(isSha256Hex(HASH)).toBe(true);
    expect(isSha256Hex('0123456789abcdef'.repeat(4))).toBe(true);
    expect(isSha256Hex('A'.repeat(64))).toBe(false);
    expect(isSha256Hex('a'.repeat(63))).toBe(false);
    expect(isSha256Hex('a'.repeat(65))).toBe(false);
    expect(isSha256Hex('g'.repeat(64))).toBe(false);
    expect(isSha256Hex(`../${'a'.repeat(61)}`)).toBe(false);
    expect(isSha256Hex(42)).toBe(false);
    expect(isSha256Hex(null)).toBe(false);
  });

  it('names the field in its error', () => {
    expect(() => parseSha256('nope')).toThrow(/sha256 must be a SHA-256 digest.*"nope"/);
    expect(() => parseSha256(undefined)).toThrow(IpcPayloadError);
  });
});

describe('blob names', () => {
  it('accepts ordinary file names, including Chinese ones', () => {
    expect(parseBlobName('photo.jpg')).toBe('photo.jpg');
    expect(parseBlobName('巡检 截图 (1).png')).toBe('巡检 截图 (1).png');
    expect(parseBlobName('x'.repeat(255))).toHaveLength(255);
  });

  it('rejects empty, long, path-like and control-character names', () => {
    expect(() => parseBlobName('')).toThrow(/empty/);
    expect(() => parseBlobName('x'.repeat(256))).toThrow(/at most 255/);
    expect(() => parseBlobName('../etc/passwd')).toThrow(/path separators/);
    expect(() => parseBlobName('C:\\Windows\\x')).toThrow(/path separators/);
    expect(() => parseBlobName('..')).toThrow(/"\.\."/);
    expect(() => parseBlobName('a\u0000b')).toThrow(/control characters/);
    expect(() => parseBlobName('a\nb')).toThrow(/control characters/);
    expect(() => parseBlobName(5)).toThrow(/must be a string, got number/);
  });
});

describe('mime types', () => {
  it('accepts type/subtype', () => {
    for (const t of ['image/jpeg', 'text/plain', 'application/vnd.ms-excel', 'image/svg+xml']) {
      expect(parseMimeType(t)).toBe(t);
    }
  });

  it('rejects anything else', () => {
    for (const t of [
      '',
      'image',
      'image/',
      '/jpeg',
      'text/plain; charset=utf-8',
      'a b/c',
      'x/y/z',
    ]) {
      expect(() => parseMimeType(t), t).toThrow(IpcPayloadError);
    }
  });
});

describe('blobs.put input', () => {
  it('returns a clean copy without extra properties', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const parsed = parseBlobPutInput({ bytes, name: 'a.txt', mimeType: 'text/plain', extra: 1 });
    expect(parsed).toEqual({ bytes, name: 'a.txt', mimeType: 'text/plain' });
    expect(Object.keys(parsed)).toEqual(['bytes', 'name', 'mimeType']);
  });

  it('rejects non-objects, wrong byte types and oversize blobs', () => {
    expect(() => parseBlobPutInput(null)).toThrow(/expects an object, got null/);
    expect(() => parseBlobPutInput([1])).toThrow(/got an array/);
    expect(() =>
      parseBlobPutInput({ bytes: [1, 2], name: 'a.txt', mimeType: 'text/plain' }),
    ).toThrow(/bytes must be a Uint8Array, got an array/);
    expect(() =>
      parseBlobPutInput({ bytes: new Uint16Array(2), name: 'a.txt', mimeType: 'text/plain' }),
    ).toThrow(/bytes must be a Uint8Array/);
    // A view over a large buffer is measured by its own length, not the buffer's.
    const big = new Uint8Array(new ArrayBuffer(MAX_BLOB_BYTES + 1));
    expect(() => parseBlobPutInput({ bytes: big, name: 'a', mimeType: 'a/b' })).toThrow(
      /at most 52428800 bytes/,
    );
    expect(
      parseBlobPutInput({ bytes: big.subarray(0, MAX_BLOB_BYTES), name: 'a', mimeType: 'a/b' })
        .bytes.byteLength,
    ).toBe(MAX_BLOB_BYTES);
  });
});

describe('argument lists', () => {
  it('checks arity per channel', () => {
    expect(IPC_ARGS_VALIDATORS[IPC_CHANNELS.appGetInfo]([])).toEqual([]);
    expect(() => IPC_ARGS_VALIDATORS[IPC_CHANNELS.appGetInfo]([1])).toThrow(
      /app.getInfo takes no arguments, got 1/,
    );
    expect(IPC_ARGS_VALIDATORS[IPC_CHANNELS.blobsHas]([HASH])).toEqual([HASH]);
    expect(() => IPC_ARGS_VALIDATORS[IPC_CHANNELS.blobsGet]([])).toThrow(/exactly one argument/);
    expect(() => IPC_ARGS_VALIDATORS[IPC_CHANNELS.blobsGet]([HASH, HASH])).toThrow(
      /exactly one argument, got 2/,
    );
    expect(() => IPC_ARGS_VALIDATORS[IPC_CHANNELS.blobsPut]([{}])).toThrow(/bytes must be/);
  });
});

describe('deliverables payloads', () => {
  const pdf = new TextEncoder().encode('%PDF-1.7\n');
  const sign = {
    bytes: pdf,
    reason: '故障报告签署',
    location: '上海',
    documentNumber: 'FB-FLT-20260304-0001',
    signerName: '张伟',
    extra: 'dropped',
  };

  it('accept a PDF to sign and drop extra fields', () => {
    const [parsed] = IPC_ARGS_VALIDATORS[IPC_CHANNELS.deliverablesSignPdf]([sign]);
    expect(parsed).toEqual({ ...sign, extra: undefined });
    expect(Object.keys(parsed)).not.toContain('extra');
  });

  it('refuse what is not a PDF, a bad document number, a path as a name, a relative path', () => {
    const signPdf = IPC_ARGS_VALIDATORS[IPC_CHANNELS.deliverablesSignPdf];
    expect(() => signPdf([{ ...sign, bytes: new Uint8Array([1, 2, 3]) }])).toThrow(/not a PDF/);
    expect(() => signPdf([{ ...sign, documentNumber: '../x' }])).toThrow(/not a document number/);
    expect(() => signPdf([{ ...sign, reason: '' }])).toThrow(/reason must not be empty/);
    const save = IPC_ARGS_VALIDATORS[IPC_CHANNELS.deliverablesSavePdf];
    expect(save([{ bytes: pdf, suggestedName: 'a.pdf' }])).toEqual([
      { bytes: pdf, suggestedName: 'a.pdf' },
    ]);
    expect(() => save([{ bytes: pdf, suggestedName: '../a.pdf' }])).toThrow(/path separators/);
    expect(() => save([{ bytes: pdf, suggestedName: 'a.exe' }])).toThrow(/end in .pdf/);
    const open = IPC_ARGS_VALIDATORS[IPC_CHANNELS.deliverablesOpenPdf];
    expect(open(['/home/u/a.pdf'])).toEqual(['/home/u/a.pdf']);
    expect(open(['C:\\Users\\u\\a.pdf'])).toEqual(['C:\\Users\\u\\a.pdf']);
    expect(() => open(['a.pdf'])).toThrow(/absolute path/);
    expect(() => IPC_ARGS_VALIDATORS[IPC_CHANNELS.deliverablesVerifyPdf](['%PDF-'])).toThrow(
      /Uint8Array/,
    );
  });
});

describe('sync payloads', () => {
  it('normalises server URLs and refuses anything but plain http(s)', () => {
    expect(parseServerUrl(' https://sync.example.com/ ')).toBe('https://sync.example.com');
    expect(parseServerUrl('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787');
    expect(parseServerUrl('https://h.example/fieldbook/')).toBe('https://h.example/fieldbook');
    for (const bad of [
      '',
      'sync.example.com',
      'ftp://h',
      'file:///etc',
      'https://u:p@h',
      'https://h/?a=1',
      'https://h/#x',
    ]) {
      expect(() => parseServerUrl(bad)).toThrow(IpcPayloadError);
    }
  });

  it('sign-in takes url, username and password, and drops anything else', () => {
    expect(
      parseSyncSignInInput({ serverUrl: 'http://h/', username: 'wang', password: 'p', token: 'x' }),
    ).toEqual({ serverUrl: 'http://h', username: 'wang', password: 'p' });
    expect(() =>
      parseSyncSignInInput({ serverUrl: 'http://h', username: '', password: 'p' }),
    ).toThrow('username must not be empty');
    expect(() => parseSyncSignInInput('x')).toThrow(/expects an object/);
  });

  it('pull and push name a replicated collection and respect the protocol limits', () => {
    expect(parseSyncPullInput({ collection: 'visits', checkpoint: null, limit: 50 })).toEqual({
      collection: 'visits',
      checkpoint: null,
      limit: 50,
    });
    expect(
      parseSyncPullInput({ collection: 'visits', checkpoint: { position: 'p', x: 1 }, limit: 1 }),
    ).toEqual({ collection: 'visits', checkpoint: { position: 'p' }, limit: 1 });
    expect(() => parseSyncPullInput({ collection: 'users', checkpoint: null, limit: 5 })).toThrow(
      /not a replicated collection/,
    );
    expect(() =>
      parseSyncPullInput({ collection: 'visits', checkpoint: null, limit: 1001 }),
    ).toThrow(/limit/);
    const doc = { id: 'V1', customerId: 'C1', _deleted: false };
    expect(parseSyncPushInput({ collection: 'visits', rows: [{ newDocumentState: doc }] })).toEqual(
      {
        collection: 'visits',
        rows: [{ assumedMasterState: null, newDocumentState: doc }],
      },
    );
    expect(() => parseSyncPushInput({ collection: 'visits', rows: [] })).toThrow(/1 to 1000/);
    expect(() =>
      parseSyncPushInput({ collection: 'visits', rows: [{ newDocumentState: { id: 3 } }] }),
    ).toThrow('rows[0].newDocumentState.id must be a string');
  });

  it('long polls take a cursor and a bounded timeout', () => {
    expect(parseSyncWaitInput({ cursor: null })).toEqual({ cursor: null });
    expect(parseSyncWaitInput({ cursor: 4, timeoutMs: 0 })).toEqual({ cursor: 4, timeoutMs: 0 });
    expect(() => parseSyncWaitInput({ cursor: -1 })).toThrow(/cursor/);
    expect(() => parseSyncWaitInput({ cursor: 1, timeoutMs: 120_000 })).toThrow(/timeoutMs/);
    expect(IPC_ARGS_VALIDATORS[IPC_CHANNELS.syncSignOut]([])).toEqual([]);
    expect(() => IPC_ARGS_VALIDATORS[IPC_CHANNELS.syncUploadBlob](['../x'])).toThrow(/SHA-256/);
  });
});
