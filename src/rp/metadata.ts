/**
 * AAGUID -> authenticator name (and icon), from two sources, cached on disk in the data directory:
 * - the FIDO Metadata Service BLOB (verified JWS; parsed by src/decode/trust/mds.ts), and
 * - a community AAGUID list, loaded at run time from its published URL or a file the user picks.
 *   No copy of that list ships with the app: it carries no licence.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { parseMdsBlob, type MdsEntry, type MetadataLookup } from '@decode/trust/mds.ts';
import { MDS_ROOT } from '@decode/trust/roots.ts';
import type { AuthenticatorInfo, MdsStatus, MetadataAutoResult, MetadataAutoStatus, MetadataStatus, SourceStatus } from '@api/types.ts';

export type { AuthenticatorInfo, MdsStatus, MetadataStatus, SourceStatus };

export const COMMUNITY_AAGUIDS_URL = 'https://raw.githubusercontent.com/passkeydeveloper/passkey-authenticator-aaguids/main/combined.json';
const FIDO_MDS_URL = 'https://mds3.fidoalliance.org/';

/** Largest list or BLOB accepted (the published lists with icons are a few MiB). */
import { MAX_METADATA_BYTES } from '@api/schemas.ts';
const FETCH_TIMEOUT_MS = 20_000;

const AAGUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ZERO_AAGUID = '00000000-0000-0000-0000-000000000000';

export class MetadataError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Parses a community AAGUID list: `{ "<aaguid>": "name" }` or the published shape
 * `{ "<aaguid>": { "name": "...", "icon_light": "data:...", "icon_dark": "data:..." } }`.
 * Entries with a malformed AAGUID or no name are dropped; anything but an object is refused.
 */
export function parseCommunityList(text: string): Map<string, AuthenticatorInfo> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    // Not the parser's message: it quotes the text it choked on, which is the fetched content.
    const at = /position (\d+)/.exec((e as Error).message)?.[1];
    throw new MetadataError('aaguids_malformed', `The AAGUID list is not JSON${at ? ` (the syntax breaks at character ${at})` : ''}.`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new MetadataError('aaguids_malformed', 'The AAGUID list must be a JSON object keyed by AAGUID.');
  }
  const out = new Map<string, AuthenticatorInfo>();
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const aaguid = key.toLowerCase();
    if (!AAGUID.test(aaguid)) continue;
    const v = typeof value === 'string' ? { name: value } : (value as Record<string, unknown> | null);
    if (!v || typeof v !== 'object' || typeof v.name !== 'string' || !v.name.trim()) continue;
    const icon = (x: unknown) => (typeof x === 'string' && /^data:image\/(png|svg\+xml|jpeg|webp);base64,/.test(x) ? x : undefined);
    out.set(aaguid, {
      aaguid,
      name: v.name.trim().slice(0, 200),
      iconLight: icon(v.icon_light),
      iconDark: icon(v.icon_dark),
      source: 'community',
    });
  }
  if (out.size === 0) throw new MetadataError('aaguids_empty', 'The AAGUID list has no valid entries.');
  return out;
}

/** Downloads `url` (https, or loopback http for local files and tests) with a timeout and a size cap. */
/** Redirects followed at most, each checked like the first address. */
const MAX_REDIRECTS = 5;

/** The address, when it is one this app fetches: https, or http on the loopback (a local mirror). */
function fetchableUrl(url: string, base?: URL): URL {
  let u: URL;
  try {
    u = new URL(url, base);
  } catch {
    throw new MetadataError('url_invalid', `Not a URL: ${url.slice(0, 200)}`);
  }
  const loopback = u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
  if (u.protocol !== 'https:' && !loopback) {
    throw new MetadataError('url_invalid', `Only https:// addresses (or http://localhost) are fetched, not ${u.protocol}//${u.host}.`);
  }
  return u;
}

async function fetchLimited(url: string, fetchImpl: typeof fetch = fetch): Promise<string> {
  let u = fetchableUrl(url);
  let res: Response;
  // Redirects by hand: every hop must pass the rule the first address passed (a redirect to
  // http://169.254.169.254/ or file: is refused as the address itself would be).
  for (let hop = 0; ; hop++) {
    try {
      res = await fetchImpl(u, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'manual' });
    } catch (e) {
      throw new MetadataError('fetch_failed', `Could not download ${u.href}: ${(e as Error).message}`);
    }
    if (res.status < 300 || res.status > 399 || res.status === 304) break;
    const location = res.headers.get('location');
    await res.body?.cancel();
    if (!location) throw new MetadataError('fetch_failed', `Downloading ${u.href} answered HTTP ${res.status} without a Location.`);
    if (hop >= MAX_REDIRECTS)
      throw new MetadataError('fetch_failed', `Downloading ${url} was redirected more than ${MAX_REDIRECTS} times.`);
    try {
      u = fetchableUrl(location, u);
    } catch (e) {
      throw new MetadataError(
        'url_invalid',
        `Downloading ${u.href} was redirected to an address that is not fetched: ${(e as Error).message}`,
      );
    }
  }
  if (!res.ok) throw new MetadataError('fetch_failed', `Downloading ${u.href} answered HTTP ${res.status}.`);
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > MAX_METADATA_BYTES)
    throw new MetadataError('too_large', `${url} is ${declared} bytes; the limit is ${MAX_METADATA_BYTES}.`);
  const reader = res.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_METADATA_BYTES) {
      await reader.cancel();
      throw new MetadataError('too_large', `${url} is larger than ${MAX_METADATA_BYTES} bytes.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

interface CacheFile {
  origin: string;
  fetchedAt: string;
  text: string;
}

/** AAGUID lookups over the cached sources. MDS entries win over community ones. */
export class MetadataService {
  private readonly dir: string;
  private community: { status: SourceStatus; entries: Map<string, AuthenticatorInfo> } | null = null;
  private mds: {
    status: MdsStatus;
    entries: Map<string, AuthenticatorInfo>;
    statements: Map<string, MdsEntry>;
  } | null = null;
  private mdsError: string | undefined;
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => number;
  private readonly mdsRoots: string[];
  private auto: MetadataAutoStatus = { enabled: true, state: 'off' };
  /** Counts the installs of each source (a download in flight does not overwrite a newer one). */
  private readonly generation = { community: 0, mds: 0 };
  private autoRun: Promise<void> | null = null;

  constructor(dataDir: string, opts: { fetch?: typeof fetch; now?: () => number; mdsRoots?: string[] } = {}) {
    this.dir = join(dataDir, 'metadata');
    this.fetchImpl = opts.fetch ?? fetch;
    this.now = opts.now ?? Date.now;
    this.mdsRoots = opts.mdsRoots ?? [MDS_ROOT.pem];
    mkdirSync(this.dir, { recursive: true });
    this.loadCache();
    this.auto.enabled = this.readSettings().autoDownload;
  }

  private readSettings(): { autoDownload: boolean } {
    try {
      const v = JSON.parse(readFileSync(join(this.dir, 'settings.json'), 'utf8')) as { autoDownload?: unknown };
      return { autoDownload: v.autoDownload !== false };
    } catch {
      return { autoDownload: true };
    }
  }

  /** Turns the background download on or off (kept in the data directory); on starts one now. */
  setAutoDownload(enabled: boolean): MetadataAutoStatus {
    writeFileSync(join(this.dir, 'settings.json'), JSON.stringify({ autoDownload: enabled }));
    this.auto = { ...this.auto, enabled, ...(enabled ? {} : { state: 'off' as const }) };
    if (enabled) void this.autoDownload();
    return this.auto;
  }

  /**
   * The background download, at start and when a source is stale: the community list when there is
   * none or it is older than a week, the MDS BLOB when there is none or its nextUpdate has passed.
   * Offline, each source says so (its cache, if any, stays in use). One run at a time.
   */
  autoDownload(): Promise<void> {
    if (!this.auto.enabled) {
      this.auto = { enabled: false, state: 'off' };
      return Promise.resolve();
    }
    this.autoRun ??= (async () => {
      this.auto = { enabled: true, state: 'running' };
      const at = () => new Date(this.now()).toISOString();
      const run = async (due: boolean, download: () => Promise<unknown>): Promise<MetadataAutoResult> => {
        if (!due) return { result: 'fresh', at: at() };
        try {
          await download();
          return { result: 'downloaded', at: at() };
        } catch (e) {
          return { result: 'failed', message: e instanceof Error ? e.message : String(e), at: at() };
        }
      };
      const week = 7 * 86_400_000;
      const communityDue = !this.community || this.now() - Date.parse(this.community.status.fetchedAt) > week;
      const mdsDue = !this.mds || Date.parse(this.mds.status.nextUpdate) < this.now();
      // A source the user loads meanwhile wins: the download is dropped, not installed over it.
      const g = { ...this.generation };
      const community = run(communityDue, async () => {
        const text = await fetchLimited(COMMUNITY_AAGUIDS_URL, this.fetchImpl);
        if (this.generation.community === g.community) this.importCommunity(text, COMMUNITY_AAGUIDS_URL);
      });
      const mds = run(mdsDue, async () => {
        const text = await fetchLimited(FIDO_MDS_URL, this.fetchImpl);
        if (this.generation.mds === g.mds) await this.installDownloadedMds(text, FIDO_MDS_URL);
      });
      const [c, m] = await Promise.all([community, mds]);
      this.auto = { enabled: this.auto.enabled, state: 'done', community: c, mds: m };
      return;
    })().finally(() => {
      this.autoRun = null;
    });
    return this.autoRun;
  }

  private cachePath(name: 'community' | 'mds'): string {
    return join(this.dir, `${name}.json`);
  }

  private loadCache(): void {
    const file = this.cachePath('community');
    if (!existsSync(file)) return;
    try {
      const c = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
      const entries = parseCommunityList(c.text);
      this.community = { status: { origin: c.origin, fetchedAt: c.fetchedAt, count: entries.size }, entries };
    } catch {
      // A damaged cache is ignored; the next refresh replaces it.
      this.community = null;
    }
  }

  private writeCache(name: 'community' | 'mds', c: CacheFile): void {
    const file = this.cachePath(name);
    writeFileSync(`${file}.tmp`, JSON.stringify(c));
    renameSync(`${file}.tmp`, file);
  }

  /** Loads a community list from text (a file the user chose), validates it and caches it. */
  importCommunity(text: string, origin: string): SourceStatus {
    if (text.length > MAX_METADATA_BYTES) throw new MetadataError('too_large', `The list is larger than ${MAX_METADATA_BYTES} bytes.`);
    const entries = parseCommunityList(text);
    const status = { origin, fetchedAt: new Date(this.now()).toISOString(), count: entries.size };
    this.writeCache('community', { origin, fetchedAt: status.fetchedAt, text });
    this.community = { status, entries };
    this.generation.community++;
    return status;
  }

  /** Downloads the community list from its published URL (or another) and caches it. */
  async refreshCommunity(url = COMMUNITY_AAGUIDS_URL): Promise<SourceStatus> {
    return this.importCommunity(await fetchLimited(url, this.fetchImpl), url);
  }

  /**
   * Verifies a FIDO MDS BLOB (JWS signed by a chain to the GlobalSign Root CA - R3) and installs it.
   * A BLOB that does not verify is refused and the previous one stays.
   */
  async installMds(jwt: string, origin: string, opts: { cache?: boolean; fetchedAt?: string } = {}): Promise<MdsStatus> {
    const r = await parseMdsBlob(jwt.trim(), this.mdsRoots, new Date(this.now()));
    if (!r.ok) throw new MetadataError('mds_invalid', `The FIDO MDS BLOB was refused: ${r.reason}`);
    const entries = new Map<string, AuthenticatorInfo>();
    for (const [aaguid, e] of r.entries) {
      entries.set(aaguid, { aaguid, name: e.name, iconLight: e.icon, iconDark: e.icon, source: 'mds' });
    }
    const fetchedAt = opts.fetchedAt ?? new Date(this.now()).toISOString();
    const status = {
      origin,
      fetchedAt,
      count: entries.size,
      no: r.no,
      nextUpdate: r.nextUpdate,
      stale: r.stale,
      legalHeader: r.legalHeader,
    };
    if (opts.cache !== false) this.writeCache('mds', { origin, fetchedAt, text: jwt.trim() });
    this.mds = { status, entries, statements: r.entries };
    this.mdsError = undefined;
    this.generation.mds++;
    return status;
  }

  /** Downloads the MDS BLOB from the FIDO Alliance (or another URL), verifies and caches it. */
  async refreshMds(url = FIDO_MDS_URL): Promise<MdsStatus> {
    return this.installDownloadedMds(await fetchLimited(url, this.fetchImpl), url);
  }

  /** A downloaded BLOB is installed, or its refusal kept as the MDS error the status shows. */
  private async installDownloadedMds(text: string, url: string): Promise<MdsStatus> {
    try {
      return await this.installMds(text, url);
    } catch (e) {
      this.mdsError = (e as Error).message;
      throw e;
    }
  }

  /** Re-verifies the cached MDS BLOB (at start-up; the signature is checked every time it is loaded). */
  async init(): Promise<void> {
    const file = this.cachePath('mds');
    if (!existsSync(file)) return;
    try {
      const c = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
      await this.installMds(c.text, c.origin, { cache: false, fetchedAt: c.fetchedAt });
    } catch (e) {
      this.mdsError = `The cached FIDO MDS BLOB was not loaded: ${(e as Error).message}`;
    }
  }

  /** MDS statements by AAGUID, for attestation trust (roots, status reports). */
  mdsLookup(): MetadataLookup | undefined {
    return this.mds?.statements;
  }

  status(): MetadataStatus {
    return {
      community: this.community?.status ?? null,
      mds: this.mds?.status ?? null,
      auto: { ...this.auto },
      ...(this.mdsError ? { mdsError: this.mdsError } : {}),
    };
  }

  lookup(aaguid: string | null | undefined): AuthenticatorInfo | null {
    if (!aaguid) return null;
    const key = aaguid.toLowerCase();
    if (key === ZERO_AAGUID) return null;
    return this.mds?.entries.get(key) ?? this.community?.entries.get(key) ?? null;
  }

  name(aaguid: string | null | undefined): string | null {
    return this.lookup(aaguid)?.name ?? null;
  }
}
