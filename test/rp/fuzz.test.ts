/**
 * The API under 10,000 malformed requests across every route of every endpoint table: random
 * shapes, wrong types, huge strings, deep nesting, broken JSON, broken base64url, junk paths and
 * methods, and — against open ceremonies, so the decoder really runs — responses whose
 * attestationObject, authenticatorData, clientDataJSON and signature are hostile CBOR, DER or
 * bytes. Nothing may answer 5xx, hang, leak a stack, fetch a refused address or grow memory without bound.
 *
 * Seeded (FC_SEED, like the property tests), so a run is reproducible; loopback only.
 */
import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EndpointDef } from '@api/endpoint.ts';
import { ENDPOINT_TABLES } from '@api/endpoints.ts';
import { DEFAULT_CONFIG } from '@api/config.ts';
import { SoftAuthenticator } from '../support/softAuthenticator.ts';
import { startTestServer } from '../support/rpServer.ts';

const REQUESTS = 10_000;
const PARALLEL = 8;
/** A request not answered within this is a hang. */
const HANG_MS = 10_000;

const ROUTES: EndpointDef[] = Object.values(ENDPOINT_TABLES).flatMap((t) => Object.values(t) as EndpointDef[]);

/** mulberry32: small, fast, seeded. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const chance = (p: number) => next() < p;
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)));
  return { next, int, pick, chance, bytes };
}
const SEED = Number(process.env.FC_SEED ?? 20_261_202);

const KEYS = [
  'config',
  'ceremonyId',
  'response',
  'clientError',
  'id',
  'rawId',
  'type',
  'clientDataJSON',
  'attestationObject',
  'authenticatorData',
  'signature',
  'userHandle',
  'transports',
  'clientExtensionResults',
  'ids',
  'format',
  'ceremonies',
  'autoDownload',
  'url',
  'pem',
  'name',
  'credentialId',
  'userName',
  'timeout',
  'name',
  'message',
  'clientMs',
  'optionsMs',
  '__proto__',
  'constructor',
  '',
];

const STRINGS = [
  '',
  'a',
  '\u0000',
  '\ud800',
  '💥'.repeat(50),
  '../../etc/passwd',
  '%zz',
  'AAAA',
  'AAAA=',
  'A',
  '!!!!',
  '-_-_',
  'null',
  '1e309',
  '<script>alert(1)</script>',
  'http://169.254.169.254/',
  'file:///etc/passwd',
  '00000000-0000-4000-8000-000000000000',
];

let stop: () => Promise<void>;
let port: number;
let token: string;
let origin: string;
let dataDir: string;
const fetched: string[] = [];
const agent = new Agent({ keepAlive: true, maxSockets: PARALLEL });

interface Answer {
  status: number;
  text: string;
  ms: number;
  type: string;
}

function send(method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<Answer> {
  const started = performance.now();
  return new Promise((ok, fail) => {
    const h: Record<string, string> = { Host: `localhost:${port}`, 'X-PE-Token': token, ...headers };
    if (body !== undefined) {
      h['Content-Type'] ??= 'application/json';
      h['Content-Length'] = String(Buffer.byteLength(body));
    }
    const req = request({ host: '127.0.0.1', port, method, path, headers: h, agent }, (res) => {
      // An event stream that opened is an answer: it is closed at once.
      if (String(res.headers['content-type']).startsWith('text/event-stream')) {
        res.destroy();
        return ok({ status: res.statusCode ?? 0, text: '', ms: performance.now() - started, type: 'text/event-stream' });
      }
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        ok({
          status: res.statusCode ?? 0,
          text: Buffer.concat(chunks).toString('utf8'),
          ms: performance.now() - started,
          type: String(res.headers['content-type'] ?? ''),
        }),
      );
      res.on('error', fail);
    });
    req.setTimeout(HANG_MS, () => {
      req.destroy();
      fail(new Error(`hang: ${method} ${path.slice(0, 80)} got no answer in ${HANG_MS} ms`));
    });
    req.on('error', fail);
    req.end(body);
  });
}

const soft = new SoftAuthenticator();
/** A real registration and sign-in response, whose parts the fuzzer breaks. */
let realRegistration: any;
let realAuthentication: any;

beforeAll(async () => {
  const t = await startTestServer('pe-fuzz-', {
    fetch: async (url) => {
      fetched.push(String(url));
      throw new Error('no network in this test');
    },
  });
  stop = t.stop;
  ({ port, token, origin, dataDir } = t.server);
  const o = JSON.parse((await send('POST', '/api/registration/options', JSON.stringify({ config: DEFAULT_CONFIG }))).text);
  realRegistration = soft.register(o.options, { origin });
  const v = await send('POST', '/api/registration/verify', JSON.stringify({ ceremonyId: o.ceremonyId, response: realRegistration }));
  expect(v.status, v.text).toBe(200);
  const a = JSON.parse((await send('POST', '/api/authentication/options', JSON.stringify({ config: DEFAULT_CONFIG }))).text);
  realAuthentication = soft.assert(a.options, { origin });
});
afterAll(async () => {
  agent.destroy();
  await stop();
});

/** Percent-encodes what a client could send (a lone surrogate cannot be encoded: it becomes U+FFFD). */
const enc = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '\ufffd'));
  }
};

const BROKEN_JSON = [
  '',
  '{',
  '{"a":',
  '[1,2',
  '{"a":1}garbage',
  '\ufeff{}',
  'nul',
  '{"a":1,"a":2}',
  '"\\ud800"',
  '{"a":01}',
  '[' + ','.repeat(100) + ']',
];

/**
 * One worker's generator, on its own seeded stream: the requests a worker sends do not depend on how
 * the workers interleave, so a seed reproduces them.
 */
function fuzzer(R: ReturnType<typeof rng>) {
  function junkString(big = true): string {
    const r = R.int(5);
    switch (r === 1 && !big ? 0 : r) {
      case 0:
        return R.pick(STRINGS);
      case 1:
        return 'x'.repeat(R.pick([1_000, 70_000, 300_000, 1_100_000]));
      case 2:
        return R.bytes(R.int(64)).toString('base64url') + R.pick(['', '=', '==', '*', ' ', '\n']);
      case 3:
        return String.fromCharCode(...Array.from({ length: R.int(40) }, () => R.int(0xffff)));
      default:
        return R.bytes(R.int(32)).toString('hex');
    }
  }

  function junkValue(depth = 0): unknown {
    const r = R.int(depth > 4 ? 6 : 9);
    switch (r) {
      case 0:
        return null;
      case 1:
        return R.chance(0.5);
      case 2:
        return R.pick([0, -1, 1.5, 2 ** 53 + 1, 1e308, -1e308, 4_294_967_296]);
      case 3:
      case 4:
      case 5:
        // Huge strings only near the top: a body holds at most a few of them.
        return junkString(depth < 2);
      case 6:
        // A long array only at the top, of small leaves: sizes must not multiply down the levels.
        if (depth === 0 && R.chance(0.1)) return Array.from({ length: 5_000 }, () => R.int(256));
        return Array.from({ length: R.int(5) }, () => junkValue(depth + 1));
      case 7: {
        const o: Record<string, unknown> = {};
        // defineProperty, so "__proto__" becomes a key of the JSON rather than the object's prototype.
        for (let i = R.int(6); i > 0; i--) {
          Object.defineProperty(o, R.pick(KEYS), { value: junkValue(depth + 1), enumerable: true, writable: true, configurable: true });
        }
        return o;
      }
      default:
        return nested(R.pick([50, 255, 300, 2_000]));
    }
  }

  function nested(depth: number): unknown {
    let v: unknown = 1;
    for (let i = 0; i < depth; i++) v = R.chance(0.5) ? [v] : { a: v };
    return v;
  }

  /** CBOR and DER that lie about their lengths, nest without end, or stop halfway. */
  function hostileBinary(real: Buffer): Buffer {
    switch (R.int(9)) {
      case 0:
        return R.bytes(R.int(300));
      case 1:
        return real.subarray(0, R.int(real.length));
      case 2: {
        const b = Buffer.from(real);
        for (let i = R.int(8) + 1; i > 0; i--) b[R.int(b.length)] = R.int(256);
        return b;
      }
      case 3:
        return Buffer.from([0x5b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00]); // byte string of 2^64-1
      case 4:
        return Buffer.alloc(R.pick([100, 5_000, 60_000]), 0x9f); // indefinite arrays, nested
      case 5:
        return Buffer.concat([Buffer.alloc(2_000, 0xd8).fill(Buffer.from([0xd8, 0x18])), Buffer.from([0x00])]); // tags in tags
      case 6:
        return Buffer.from([0xbb, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]); // map of 2^64-1 pairs
      case 7:
        return Buffer.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x02, 0x01, 0x00]); // DER SEQUENCE of 4 GiB
      default:
        return Buffer.concat([real, R.bytes(R.int(64))]); // trailing bytes
    }
  }

  function b64uOrJunk(b: Buffer): unknown {
    if (R.chance(0.1)) return junkValue(3);
    const s = b.toString('base64url');
    return R.chance(0.1) ? s.slice(0, -1) + R.pick(['=', '+', '/', '.', '']) : s;
  }

  /** A verify call against a freshly opened ceremony, with one or more parts of a real response broken. */
  async function hostileVerify(): Promise<Answer> {
    const kind = R.chance(0.5) ? 'registration' : 'authentication';
    const opened = await send('POST', `/api/${kind}/options`, JSON.stringify({ config: DEFAULT_CONFIG }));
    if (opened.status !== 200) return opened;
    const { ceremonyId } = JSON.parse(opened.text);
    const real = kind === 'registration' ? realRegistration : realAuthentication;
    const response = structuredClone(real);
    const parts = Object.keys(real.response);
    for (let i = R.int(3) + 1; i > 0; i--) {
      const part = R.pick(parts);
      const bytes = Buffer.from(String(real.response[part]), 'base64url');
      response.response[part] = b64uOrJunk(hostileBinary(bytes));
    }
    if (R.chance(0.2)) response.id = junkValue(2);
    if (R.chance(0.2)) response.rawId = b64uOrJunk(hostileBinary(Buffer.from(real.rawId, 'base64url')));
    if (R.chance(0.1)) response.clientExtensionResults = junkValue(1);
    return send('POST', `/api/${kind}/verify`, JSON.stringify({ ceremonyId, response }));
  }

  function junkPath(): string {
    const segments = Array.from({ length: R.int(5) + 1 }, () =>
      R.pick(['api', 'lab', '..', '%2e%2e', '%zz', '%00', 'x'.repeat(R.pick([1, 3_000])), enc(junkString().slice(0, 50))]),
    );
    return `/${segments.join('/')}${R.chance(0.2) ? `?${R.pick(['limit=-1', 'limit=1e99', 'a[b]=c', '%zz=1', 'q=' + 'x'.repeat(5_000)])}` : ''}`;
  }

  function routePath(e: EndpointDef): string {
    const fill = () => (R.chance(0.7) ? enc(junkString().slice(0, 2_000)) : R.pick(['AAAA', '00000000-0000-4000-8000-000000000000']));
    const path = e.path.replace(/:([A-Za-z]+)/g, fill);
    if (!R.chance(0.3)) return path;
    const query = Array.from(
      { length: R.int(4) + 1 },
      () =>
        `${R.pick(['limit', 'kind', 'verdict', 'q', 'before', 'offset', 'x'])}=${enc(String(JSON.stringify(junkValue(3))).slice(0, 500))}`,
    );
    return `${path}?${query.join('&')}`;
  }

  /** One malformed request, chosen at random. */
  async function one(): Promise<{ what: string; answer: Answer }> {
    const roll = R.next();
    if (roll < 0.25) return { what: 'hostile verify', answer: await hostileVerify() };
    const e = R.pick(ROUTES);
    if (roll < 0.6) {
      // The route's own method with a junk body, params and query.
      if (e.stream && e.method === 'GET') return { what: `${e.method} ${e.path}`, answer: await send('GET', routePath(e)) };
      const body = e.method === 'GET' ? undefined : JSON.stringify(junkValue());
      return { what: `${e.method} ${e.path} junk`, answer: await send(e.method, routePath(e), body) };
    }
    if (roll < 0.72) {
      const body = R.pick(BROKEN_JSON);
      return { what: `${e.path} broken JSON`, answer: await send(e.method === 'GET' ? 'POST' : e.method, routePath(e), body) };
    }
    if (roll < 0.82) {
      const method = R.pick(['PUT', 'PATCH', 'DELETE', 'POST', 'OPTIONS', 'HEAD', 'TRACE']);
      return { what: `${method} ${e.path}`, answer: await send(method, routePath(e), method === 'HEAD' ? undefined : '{}') };
    }
    if (roll < 0.92) {
      const method = R.pick(['GET', 'POST', 'DELETE']);
      return {
        what: `${method} junk path`,
        answer: await send(method, junkPath(), method === 'GET' ? undefined : JSON.stringify(junkValue(2))),
      };
    }
    // Wrong content types and encodings on a body route.
    const type = R.pick(['text/plain', 'application/json; charset=utf-16', 'application/cbor', 'application/json\u0000']);
    return {
      what: `${e.path} as ${type}`,
      answer: await send(e.method === 'GET' ? 'POST' : e.method, routePath(e), JSON.stringify(junkValue(2)), {
        'Content-Type': type.replace('\u0000', ''),
      }),
    };
  }

  return one;
}

describe('API fuzz', () => {
  it(`${REQUESTS.toLocaleString('en')} malformed requests: zero 5xx, zero hangs, no leaks, bounded memory`, async () => {
    const rssBefore = process.memoryUsage().rss;
    const statuses = new Map<number, number>();
    const codes = new Map<string, number>();
    const problems: string[] = [];
    let done = 0;
    let slowest = 0;
    let peakRss = rssBefore;
    const worker = async (index: number) => {
      const one = fuzzer(rng(SEED + index));
      for (let i = 0; i < REQUESTS / PARALLEL; i++) {
        done++;
        const { what, answer } = await one();
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        slowest = Math.max(slowest, answer.ms);
        if (answer.status >= 500) problems.push(`${answer.status} on ${what}: ${answer.text.slice(0, 200)}`);
        if (answer.status >= 400 && answer.type.startsWith('application/json') && !what.startsWith('HEAD ')) {
          try {
            const code = String(JSON.parse(answer.text).error);
            codes.set(code, (codes.get(code) ?? 0) + 1);
            if (code === 'request_failed') problems.push(`the catch-all answered ${what}: ${answer.text.slice(0, 300)}`);
          } catch {
            problems.push(`unparseable JSON error on ${what}`);
          }
        }
        // In an error: a stack frame, a source file or a path of this machine (the request's own text may
        // be echoed; GET /api/session names the data directory to the app on purpose).
        if (
          answer.status >= 400 &&
          (/\n\s+at |\.ts:\d+|node_modules/.test(answer.text) || answer.text.includes(dataDir) || answer.text.includes(process.cwd()))
        )
          problems.push(`a stack or path leaked on ${what}: ${answer.text.slice(0, 300)}`);
        if (done % 500 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, (_, i) => worker(i)));
    const growthMb = (peakRss - rssBefore) / 2 ** 20;
    console.log(
      `fuzz: ${done} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}, slowest ${Math.round(slowest)} ms, RSS +${growthMb.toFixed(0)} MB; ` +
        `top errors ${JSON.stringify([...codes].sort((a, b) => b[1] - a[1]).slice(0, 12))}`,
    );
    expect(problems.slice(0, 10)).toEqual([]);
    expect(done).toBeGreaterThanOrEqual(REQUESTS);
    // The decoder was reached, not only the validators: hostile responses were judged and recorded.
    expect((codes.get('invalid_request') ?? 0) + (codes.get('verification_failed') ?? 0)).toBeGreaterThan(0);
    expect(codes.has('request_failed'), 'a request reached the catch-all').toBe(false);
    expect(growthMb).toBeLessThan(768);
    // A junk body that happens to be a valid refresh fetches the default list (stubbed here); nothing
    // else, and never an address the download rule refuses (metadata link-local, file:, plain http).
    for (const url of fetched) expect(url).toMatch(/^(https:\/\/(?!169\.254\.)|http:\/\/(localhost|127\.0\.0\.1)[:/])/);
    // Still answering, and promptly.
    const after = await send('GET', '/api/session');
    expect(after.status).toBe(200);
  }, 240_000);
});
