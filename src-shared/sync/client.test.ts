import { describe, expect, it } from 'vitest';
import type { FetchLike } from './client';
import { pullPage, pushBatch, ServerSentEventParser, SyncHttpError } from './client';
import { PROTOCOL_VERSION, PROTOCOL_VERSION_HEADER } from './protocol';

describe('ServerSentEventParser', () => {
  it('parses events split at any point, with LF or CRLF, comments and multi-line data', () => {
    const text =
      ': keep-alive\n\nevent: resync\ndata: {}\n\r\nevent: documents\r\ndata: {"a":\r\ndata: 1}\r\n\r\n' +
      'data: plain\n\n';
    const expected = [
      { event: 'resync', data: '{}' },
      { event: 'documents', data: '{"a":\n1}' },
      { event: 'message', data: 'plain' },
    ];
    for (let size = 1; size <= text.length; size++) {
      const parser = new ServerSentEventParser();
      const events = [];
      for (let i = 0; i < text.length; i += size)
        events.push(...parser.push(text.slice(i, i + size)));
      expect(events, `chunks of ${size}`).toEqual(expected);
    }
  });
});

function fakeFetch(
  status: number,
  body: string,
  version = String(PROTOCOL_VERSION),
): FetchLike & { calls: unknown[] } {
  const calls: unknown[] = [];
  const fn = ((url, init) => {
    calls.push({ url, ...init });
    return Promise.resolve({
      status,
      headers: { get: (n: string) => (n === PROTOCOL_VERSION_HEADER ? version : null) },
      text: () => Promise.resolve(body),
    });
  }) as FetchLike & { calls: unknown[] };
  fn.calls = calls;
  return fn;
}

describe('pull and push calls', () => {
  it('sends the bearer token and the checkpoint position, and returns the page', async () => {
    const fetch = fakeFetch(
      200,
      '{"documents":[],"checkpoint":{"position":"c1.5.all"},"more":false}',
    );
    const page = await pullPage(
      { baseUrl: 'http://s', getToken: () => 'T', fetch },
      'sites',
      { position: 'c1.4.all' },
      50,
    );
    expect(page.checkpoint).toEqual({ position: 'c1.5.all' });
    expect(fetch.calls[0]).toMatchObject({
      url: 'http://s/api/v1/replication/sites/pull?checkpoint=c1.4.all&limit=50',
      method: 'GET',
      headers: { authorization: 'Bearer T' },
    });
  });

  it('turns an error body into a SyncHttpError with the code', async () => {
    const fetch = fakeFetch(
      403,
      '{"statusCode":403,"code":"forbidden","message":"outside your assignments"}',
    );
    const err = await pushBatch({ baseUrl: 'http://s', getToken: () => 'T', fetch }, 'sites', [])
      .then(() => null)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SyncHttpError);
    expect((err as SyncHttpError).code).toBe('forbidden');
    expect((err as SyncHttpError).retryable).toBe(false);
  });

  it('refuses to talk to a server of another protocol version', async () => {
    const fetch = fakeFetch(200, '{"conflicts":[]}', String(PROTOCOL_VERSION + 1));
    await expect(
      pushBatch({ baseUrl: 'http://s', getToken: () => 'T', fetch }, 'sites', []),
    ).rejects.toMatchObject({ code: 'protocol_mismatch' });
  });
});
