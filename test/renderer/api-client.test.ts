import { describe, expect, it } from 'vitest';
import { ApiRequestError, createApiClient, readPageToken, toApiError } from '../../src/renderer/src/api/client.ts';
import { parseRpEvent } from '../../src/renderer/src/api/events.ts';

interface Call {
  url: string;
  init: RequestInit;
}

function fakeFetch(respond: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const call = { url: String(input), init: init ?? {} };
    calls.push(call);
    return respond(call);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('API client', () => {
  it('GETs relative URLs without the token and parses JSON', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, [{ id: 'c1' }]));
    const api = createApiClient({ token: 'tok', fetch });
    expect(await api.ceremonies()).toEqual([{ id: 'c1' }]);
    expect(calls[0].url).toBe('/api/ceremonies?limit=200');
    expect(calls[0].init.method).toBe('GET');
    expect((calls[0].init.headers as Record<string, string>)['X-PE-Token']).toBeUndefined();
  });

  it('sends X-PE-Token and a JSON body on POST, and the token on DELETE', async () => {
    const { fetch, calls } = fakeFetch((c) =>
      c.init.method === 'DELETE' ? json(200, { deleted: true }) : json(200, { ceremonyId: 'x', options: {} }),
    );
    const api = createApiClient({ token: 'tok-123', fetch });
    const config = { userName: 'alice' } as never;
    await api.registrationOptions({ config });
    const h = calls[0].init.headers as Record<string, string>;
    expect(calls[0].url).toBe('/api/registration/options');
    expect(h['X-PE-Token']).toBe('tok-123');
    expect(h['Content-Type']).toBe('application/json');
    expect(JSON.parse(calls[0].init.body as string)).toEqual({ config: { userName: 'alice' } });

    expect(await api.deleteCredential('ab-_cd')).toEqual({ deleted: true });
    expect(calls[1].url).toBe('/api/credentials/ab-_cd');
    expect((calls[1].init.headers as Record<string, string>)['X-PE-Token']).toBe('tok-123');
  });

  it('turns a 4xx {error, message, step} into ApiRequestError', async () => {
    const { fetch } = fakeFetch(() => json(400, { error: 'uv_required', message: 'User verification was required', step: '§7.1 step 17' }));
    const api = createApiClient({ token: 't', fetch });
    const err = await api.registrationVerify({ ceremonyId: 'c' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiRequestError);
    const e = err as ApiRequestError;
    expect(e.status).toBe(400);
    expect(e.error).toBe('uv_required');
    expect(e.message).toBe('User verification was required');
    expect(e.step).toBe('§7.1 step 17');
    expect(toApiError(e)).toEqual({ error: 'uv_required', message: 'User verification was required', step: '§7.1 step 17', status: 400 });
  });

  it('gives a code and message for non-JSON errors, network failures and empty bodies', async () => {
    const html = createApiClient({ token: 't', fetch: fakeFetch(() => new Response('<h1>Forbidden</h1>', { status: 403 })).fetch });
    await expect(html.session()).rejects.toMatchObject({ status: 403, error: 'http_403', message: expect.stringContaining('Forbidden') });

    const down = createApiClient({
      token: 't',
      fetch: (async () => {
        throw new TypeError('Failed to fetch');
      }) as typeof fetch,
    });
    await expect(down.presets()).rejects.toMatchObject({
      status: 0,
      error: 'network',
      message: expect.stringContaining('Failed to fetch'),
    });

    const empty = createApiClient({ token: 't', fetch: fakeFetch(() => new Response('', { status: 200 })).fetch });
    await expect(empty.credentials()).rejects.toMatchObject({ error: 'bad_response' });
  });

  it('encodes path ids', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, {}));
    await createApiClient({ token: 't', fetch }).ceremony('a/b c');
    expect(calls[0].url).toBe('/api/ceremonies/a%2Fb%20c');
  });

  it('reads the token from <meta name="pe-token">', () => {
    const doc = {
      querySelector: (sel: string) =>
        sel === 'meta[name="pe-token"]' ? { getAttribute: (n: string) => (n === 'content' ? 'abc' : null) } : null,
    };
    expect(readPageToken(doc)).toBe('abc');
    expect(readPageToken({ querySelector: () => null })).toBe('');
    expect(readPageToken(undefined)).toBe('');
  });
});

describe('parseRpEvent', () => {
  it('accepts the two event types and ignores anything else', () => {
    expect(parseRpEvent('{"type":"credentials"}')).toEqual({ type: 'credentials' });
    const c = {
      id: 'x',
      kind: 'registration',
      createdAt: '2025-01-01T00:00:00Z',
      verdict: 'verified',
      userName: 'a',
      credentialId: null,
      error: null,
    };
    expect(parseRpEvent(JSON.stringify({ type: 'ceremony', ceremony: c }))).toEqual({ type: 'ceremony', ceremony: c });
    expect(parseRpEvent('{"type":"ceremony"}')).toBeNull();
    expect(parseRpEvent('not json')).toBeNull();
    expect(parseRpEvent('{"type":"other"}')).toBeNull();
  });
});
