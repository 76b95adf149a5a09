/**
 * The pure parts of the Credentials and History views and of the exports:
 * filtering, virtualization range, selection, field-by-field comparison, Markdown and Mermaid,
 * the sign-count chart and the WebAuthn Signal API calls.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Ceremony, HistoryEntry } from '@api/types.ts';
import type { Field } from '@decode/types.ts';
import { DEFAULT_CONFIG } from '@api/config.ts';
import { translate } from '../../src/renderer/src/i18n/format.ts';
import { historyEn } from '../../src/renderer/src/i18n/history.en.ts';
import { historyJa } from '../../src/renderer/src/i18n/history.ja.ts';
import {
  authenticatorChoices,
  EMPTY_FILTER,
  filterHistory,
  isEmptyFilter,
  LOCAL_SITE,
  siteChoices,
  indexEntry,
  mergeEntries,
  NO_AUTHENTICATOR,
  toggleSelection,
  visibleRange,
} from '../../src/renderer/src/model/history.ts';
import { compareCeremonies, diffMaps, flattenJson, flattenTree } from '../../src/renderer/src/model/compare.ts';
import { exportFileName, toMarkdown, toMermaid } from '../../src/renderer/src/model/export.ts';
import { exchange, externalSite } from '../support/site.ts';
import { signalDeletion, signalSupport, signalUserDetails, signCountChart } from '../../src/renderer/src/model/credentials.ts';

const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate('en', key, params);

const AAGUID_A = 'aaaaaaaa-0000-4000-8000-000000000001';
const AAGUID_B = 'bbbbbbbb-0000-4000-8000-000000000002';

function entry(n: number, patch: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    kind: n % 2 ? 'authentication' : 'registration',
    createdAt: new Date(Date.UTC(2025, 0, 1, 0, 0, n)).toISOString(),
    verdict: 'verified',
    userName: `user-${n}`,
    credentialId: `cred${n}`,
    error: null,
    aaguid: AAGUID_A,
    fmt: 'none',
    authenticatorName: 'Key A',
    signCount: n,
    importedFrom: null,
    importedAt: null,
    siteOrigin: null,
    ...patch,
  };
}

describe('history filter', () => {
  const list = [
    entry(1),
    entry(2, {
      verdict: 'failed',
      error: { code: 'verification_failed', message: 'User verification was required', step: 'uv' },
      aaguid: AAGUID_B,
      authenticatorName: 'Key B',
    }),
    entry(3, {
      verdict: 'client-error',
      error: { code: 'client_error', message: 'NotAllowedError: timed out', step: 'client' },
      aaguid: null,
      authenticatorName: null,
      signCount: null,
      fmt: null,
    }),
    entry(4, { userName: 'Alice' }),
  ];
  const indexed = list.map(indexEntry);
  const ids = (f: Partial<typeof EMPTY_FILTER>) => filterHistory(indexed, { ...EMPTY_FILTER, ...f }).map((e) => e.userName);

  it('keeps everything, in order, with no filter', () => {
    expect(ids({})).toEqual(['user-1', 'user-2', 'user-3', 'Alice']);
  });
  it('filters by kind, verdict and authenticator (AAGUID, or none)', () => {
    expect(ids({ kind: 'registration' })).toEqual(['user-2', 'Alice']);
    expect(ids({ verdict: 'failed' })).toEqual(['user-2']);
    expect(ids({ authenticator: AAGUID_B })).toEqual(['user-2']);
    expect(ids({ authenticator: NO_AUTHENTICATOR })).toEqual(['user-3']);
    expect(ids({ kind: 'authentication', verdict: 'verified' })).toEqual(['user-1']);
  });
  it('matches free text case-insensitively over user, credential id, error and authenticator; every word must match', () => {
    expect(ids({ text: 'alice' })).toEqual(['Alice']);
    expect(ids({ text: 'notallowed' })).toEqual(['user-3']);
    expect(ids({ text: 'cred2' })).toEqual(['user-2']);
    expect(ids({ text: 'key b' })).toEqual(['user-2']);
    expect(ids({ text: 'uv required' })).toEqual(['user-2']);
    expect(ids({ text: '  ' })).toHaveLength(4);
    // A ceremony captured on another site (inspect) is found by the site's origin.
    const withSite = [...list, entry(5, { userName: 'shopper', siteOrigin: 'https://shop.example' })].map(indexEntry);
    expect(filterHistory(withSite, { ...EMPTY_FILTER, text: 'shop.example' }).map((e) => e.userName)).toEqual(['shopper']);
    // … and by the Where filter: this RP's own, or one inspected site.
    const more = [...withSite, indexEntry(entry(6, { userName: 'other', siteOrigin: 'https://other.example' }))];
    const where = (site: string) => filterHistory(more, { ...EMPTY_FILTER, site }).map((e) => e.userName);
    expect(where('https://shop.example')).toEqual(['shopper']);
    expect(where(LOCAL_SITE)).toEqual(list.map((e) => e.userName));
    expect(where(LOCAL_SITE)).not.toContain('shopper');
    expect(siteChoices(more.map((x) => x.entry))).toEqual([
      { value: LOCAL_SITE, count: list.length },
      { value: 'https://other.example', count: 1 },
      { value: 'https://shop.example', count: 1 },
    ]);
    expect(isEmptyFilter({ ...EMPTY_FILTER, site: LOCAL_SITE })).toBe(false);
    expect(ids({ text: 'nothing-like-this' })).toEqual([]);
  });
  it('lists the authenticators by use, with a choice for ceremonies without one', () => {
    expect(authenticatorChoices(list)).toEqual([
      { value: AAGUID_A, name: 'Key A', count: 2 },
      { value: NO_AUTHENTICATOR, name: null, count: 1 },
      { value: AAGUID_B, name: 'Key B', count: 1 },
    ]);
  });
  it('merges live updates by id, newest first', () => {
    const merged = mergeEntries([entry(3), entry(2), entry(1)], [entry(5), entry(2, { verdict: 'failed' })]);
    expect(merged.map((e) => e.signCount)).toEqual([5, 3, 2, 1]);
    expect(merged[2].verdict).toBe('failed');
  });
});

describe('virtualized list and selection', () => {
  it('renders only the rows in view plus the overscan', () => {
    expect(visibleRange(0, 460, 46, 10_000, 8)).toEqual([0, 18]);
    expect(visibleRange(46 * 5000, 460, 46, 10_000, 8)).toEqual([4992, 5018]);
    expect(visibleRange(46 * 9995, 460, 46, 10_000, 8)).toEqual([9987, 10_000]);
    expect(visibleRange(0, 460, 46, 0)).toEqual([0, 0]);
    expect(visibleRange(99_999, 460, 46, 3, 2)).toEqual([3, 3]);
  });
  it('toggles ids and keeps at most max', () => {
    expect(toggleSelection(['a'], 'b')).toEqual(['a', 'b']);
    expect(toggleSelection(['a', 'b'], 'a')).toEqual(['b']);
    expect(toggleSelection(['a', 'b'], 'c', 2)).toEqual(['b', 'c']);
  });
});

// ------------------------------------------------------------------ ceremonies for compare / export

const leaf = (path: string, value: unknown, display = String(value)): Field => ({
  key: path.split('.').pop()!,
  path,
  source: 'authenticatorData',
  value,
  display,
});

function authentication(signCount: number, uv: boolean, patch: Partial<Ceremony> = {}): Ceremony {
  const flags = { up: true, uv, be: false, bs: false, at: false, ed: false };
  return {
    id: `10000000-0000-4000-8000-${String(signCount).padStart(12, '0')}`,
    kind: 'authentication',
    createdAt: new Date(Date.UTC(2025, 0, 1, 0, 0, signCount)).toISOString(),
    config: structuredClone(DEFAULT_CONFIG),
    options: { challenge: `challenge${signCount}`, rpId: 'localhost', allowCredentials: [], userVerification: 'preferred' },
    response: {
      id: 'cred1',
      rawId: 'cred1',
      type: 'public-key',
      response: { clientDataJSON: 'e30', authenticatorData: 'AA', signature: 'AA' },
      clientExtensionResults: {},
    },
    clientError: null,
    verdict: 'verified',
    error: null,
    result: {
      credentialId: 'cred1',
      userName: 'alice',
      fmt: 'packed',
      aaguid: AAGUID_A,
      authenticatorName: 'Key A',
      alg: -7,
      signCount,
      previousSignCount: signCount - 1,
      flags,
      credentialDeviceType: 'singleDevice',
      clientExtensionResults: {},
    },
    dissection: {
      kind: 'authentication',
      summary: { fmt: null, aaguid: null, authenticatorName: null, credentialId: 'cred1', signCount, flags, alg: null, rpIdHash: 'x' },
      tree: [
        {
          ...leaf('authenticatorData', 'AA', 'authenticator data'),
          value: null,
          children: [
            leaf('authenticatorData.rpIdHash', 'x'),
            {
              ...leaf('authenticatorData.flags', uv ? 5 : 1, uv ? '0x05 (UP, UV)' : '0x01 (UP)'),
              children: [leaf('authenticatorData.flags.up', true), leaf('authenticatorData.flags.uv', uv)],
            },
            leaf('authenticatorData.signCount', signCount),
          ],
        },
      ],
      errors: [],
      sources: { authenticatorData: 'AA' },
      checks: [
        { id: 'challenge', spec: 'https://www.w3.org/TR/webauthn-3/#sctn-verifying-assertion', title: 'Challenge matches', status: 'pass' },
        {
          id: 'uv',
          spec: 'https://www.w3.org/TR/webauthn-3/#sctn-verifying-assertion',
          title: 'User verified',
          status: uv ? 'pass' : 'skip',
          expected: 'preferred',
          actual: uv,
        },
      ],
      secondOpinion: { verifier: '@simplewebauthn/server', verified: true },
      disagreement: null,
    },
    timings: { optionsAt: 1000, responseAt: 1450, verifiedAt: 1460 },
    userName: 'alice',
    credentialId: 'cred1',
    ...patch,
  };
}

describe('compare two ceremonies', () => {
  it('walks a field tree by path, numbering repeated paths', () => {
    const tree = [leaf('a', 1), leaf('a', 2), { ...leaf('b', null), value: { x: 1 }, children: [leaf('b.c', 3)] }];
    expect([...flattenTree(tree).keys()]).toEqual(['a', 'a#2', 'b', 'b.c']);
  });
  it('classifies same, changed, added and removed', () => {
    const rows = diffMaps(flattenJson({ a: 1, b: [1, 2], c: 'x' }), flattenJson({ a: 1, b: [1, 3, 4], d: true }));
    expect(rows).toEqual([
      { path: 'a', a: '1', b: '1', change: 'same' },
      { path: 'b[0]', a: '1', b: '1', change: 'same' },
      { path: 'b[1]', a: '2', b: '3', change: 'changed' },
      { path: 'c', a: 'x', change: 'removed' },
      { path: 'b[2]', b: '4', change: 'added' },
      { path: 'd', b: 'true', change: 'added' },
    ]);
  });
  it('shows the signCount and flags differences in the summary, the tree and the checks', () => {
    const sections = compareCeremonies(
      authentication(1, false),
      authentication(2, true, {
        options: {
          challenge: 'c',
          rpId: 'localhost',
          allowCredentials: [],
          userVerification: 'required',
          hints: ['security-key'],
        } as never,
      }),
    );
    const by = Object.fromEntries(sections.map((s) => [s.id, s]));
    const changed = (id: string) => by[id].rows.filter((r) => r.change !== 'same').map((r) => [r.path, r.a, r.b, r.change]);
    expect(changed('summary')).toEqual([
      ['flags.uv', 'false', 'true', 'changed'],
      ['signCount', '1', '2', 'changed'],
      ['previousSignCount', '0', '1', 'changed'],
    ]);
    expect(changed('dissection')).toEqual([
      ['authenticatorData.flags', '0x01 (UP)', '0x05 (UP, UV)', 'changed'],
      ['authenticatorData.flags.uv', 'false', 'true', 'changed'],
      ['authenticatorData.signCount', '1', '2', 'changed'],
    ]);
    expect(changed('checks')).toEqual([['uv', 'skip [false]', 'pass [true]', 'changed']]);
    expect(changed('options')).toEqual(
      [
        ['challenge', 'challenge1', 'c', 'changed'],
        ['userVerification', 'preferred', 'required', 'changed'],
        ['allowCredentials', '[]', '[]', 'same'],
        ['hints[0]', undefined, 'security-key', 'added'],
      ].filter((r) => r[3] !== 'same'),
    );
    expect(by.config.differences).toBe(0);
  });
});

describe('exports', () => {
  it('names files by kind, time and id, or by count for a selection', () => {
    const c = authentication(7, true);
    expect(exportFileName([c], 'json')).toBe('ceremony-authentication-20250101-000007-10000000.json');
    expect(exportFileName([c, c], 'markdown', new Date(Date.UTC(2025, 5, 2, 3, 4, 5)))).toBe('ceremonies-2-20250602-030405.md');
    expect(exportFileName([c], 'mermaid')).toMatch(/\.mmd$/);
  });

  it('draws a verified sign-in as a full sequence with times', () => {
    const m = toMermaid(authentication(7, true), t);
    expect(m.split('\n').slice(0, 6)).toEqual([
      'sequenceDiagram',
      '  autonumber',
      '  participant U as User',
      '  participant A as Authenticator',
      '  participant C as Client (browser / OS)',
      '  participant RP as Relying Party',
    ]);
    expect(m).toContain('  C->>RP: +0 ms POST /api/authentication/options\n');
    expect(m).toContain('  C->>A: navigator.credentials.get()\n');
    expect(m).toContain('  U-->>A: gesture (UP=1, UV=1)\n');
    expect(m).toContain('  A-->>C: assertion (signCount 7)\n');
    expect(m).toContain('  C->>RP: +450 ms POST /api/authentication/verify\n');
    expect(m).toContain('  RP->>RP: +460 ms verify (WebAuthn L3 §7.2)\n');
    expect(m).toContain('  RP-->>C: +460 ms verified\n');
  });

  it('draws a ceremony captured on another site with the page and its server, and the requests seen', () => {
    const c = authentication(3, false, {
      verdict: 'failed',
      result: null,
      error: { code: 'verification_failed', message: 'bad signature', step: 'authentication.signature' },
      site: externalSite({
        url: 'https://shop.example/login',
        server: {
          options: null,
          credential: exchange({
            url: 'https://shop.example/api/login?next=%2F',
            responseBody: '{"ok":true}',
            startedAt: Date.parse('2025-01-01T00:00:03.000Z') + 500,
            finishedAt: Date.parse('2025-01-01T00:00:03.000Z') + 530,
          }),
        },
        disagreement: { server: 'accepted', status: 200, checkId: 'authentication.signature' },
      }),
    });
    c.dissection!.checks[1] = { ...c.dissection!.checks[1], status: 'fail', message: 'The signature does not verify' };
    const m = toMermaid(c, t);
    expect(m).toContain('  participant P as Page (the site’s script)\n  participant S as Site server\n');
    expect(m).not.toContain('participant RP');
    expect(m).toContain('  P->>C: +0 ms navigator.credentials.get(options)\n');
    expect(m).toContain('POST /api/login?next=%2F\n');
    expect(m).toContain('  Note over S: Stopped at:');
    expect(m).toMatch(/ {2}S-->>P: \+\d+ ms HTTP 200\n {2}Note over S: disagrees with our checks\n/);
  });

  it('stops a client error on the create()/get() arrow', () => {
    const c = authentication(1, true, {
      kind: 'registration',
      verdict: 'client-error',
      response: null,
      result: null,
      dissection: null,
      clientError: { name: 'NotAllowedError', message: 'The operation either timed out or was not allowed; see #1' },
      error: { code: 'client_error', message: 'NotAllowedError: ...', step: 'client' },
    });
    const m = toMermaid(c, t);
    expect(m).toContain(
      '  C-xA: +450 ms navigator.credentials.create() ✗ NotAllowedError: The operation either timed out or was not allowed, see no. 1\n',
    );
    expect(m).toContain('  Note over C,A: Stopped: the client call failed (NotAllowedError)');
    expect(m).not.toContain('POST /api/registration/verify');
    expect(m).not.toContain('U-->>A');
  });

  it('stops a failed check on the RP with the check named', () => {
    const c = authentication(1, false, {
      verdict: 'failed',
      result: null,
      error: { code: 'verification_failed', message: 'UV required', step: 'uv' },
    });
    c.dissection!.checks[1] = { ...c.dissection!.checks[1], status: 'fail', message: 'User verification was required but UV=0' };
    const m = toMermaid(c, t);
    expect(m).toContain('  RP-xRP: +460 ms check uv failed: User verification was required but UV=0\n');
    expect(m).toContain('  Note over RP: Stopped at: User verified\n');
    expect(m).toContain('  RP--xC: +460 ms verification_failed\n');
  });

  it('writes a Markdown report with verdict, facts, sequence, checks table, options and response', () => {
    const md = toMarkdown([authentication(7, true)], t, { summary: () => 'You signed in with a passkey.' });
    const lines = md.split('\n');
    expect(lines[0]).toBe('# Passkey Explorer report: Sign-in — verified');
    expect(lines).toContain('- **Verdict**: **verified**');
    expect(lines).toContain(`- **Authenticator**: Key A (AAGUID \`${AAGUID_A}\`)`);
    expect(lines).toContain('- **Flags**: UP=1 UV=1 BE=0 BS=0 AT=0 ED=0');
    expect(lines).toContain('- **Sign count**: 7 (previously 6)');
    expect(lines).toContain('You signed in with a passkey.');
    expect(lines).toContain('```mermaid');
    expect(lines).toContain('| # | Check | Status | Expected | Actual | Spec |');
    expect(lines).toContain(
      '| 2 | uv: User verified | pass | preferred | true | [§](https://www.w3.org/TR/webauthn-3/#sctn-verifying-assertion) |',
    );
    expect(md).toContain('## Options\n\n```json\n{\n  "challenge": "challenge7"');
    expect(md).toContain('## Response\n\n```json\n{\n  "id": "cred1"');
  });

  it('reports a selection with an index table and a section per ceremony', () => {
    const md = toMarkdown(
      [authentication(1, true), authentication(2, false, { verdict: 'failed', error: { code: 'x', message: 'a | b', step: 'uv' } })],
      t,
      { now: new Date(0) },
    );
    expect(md.startsWith('# Passkey Explorer report\n\n2 ceremonies, exported 1970-01-01T00:00:00.000Z.')).toBe(true);
    expect(md).toContain('| 2 | 2025-01-01T00:00:02.000Z | authentication | failed | alice | uv: a \\| b |');
    expect(md.match(/^## Sign-in — /gm)).toHaveLength(2);
  });
});

describe('credentials', () => {
  it('places the sign-count history and spots regressions and counters that stay 0', () => {
    const pts = [0, 5, 3, 9].map((signCount, i) => ({ ceremonyId: `c${i}`, signCount, at: `2025-01-0${i + 1}T00:00:00Z` }));
    const chart = signCountChart(pts, 100, 50, 5);
    expect(chart.points.map((p) => [p.x, p.y, p.regression])).toEqual([
      [5, 45, false],
      [35, 22.8, false],
      [65, 31.7, true],
      [95, 5, false],
    ]);
    expect(chart.path).toBe('M5 45 L35 22.8 L65 31.7 L95 5');
    expect([chart.min, chart.max, chart.allZero]).toEqual([0, 9, false]);
    const zero = signCountChart(
      [
        { ceremonyId: 'a', signCount: 0, at: '' },
        { ceremonyId: 'b', signCount: 0, at: '' },
      ],
      100,
      50,
    );
    expect(zero.allZero).toBe(true);
    expect(zero.points.map((p) => p.y)).toEqual([25, 25]);
    expect(signCountChart([]).path).toBe('');
  });

  it('detects the Signal API methods', () => {
    expect(signalSupport(undefined)).toEqual({ unknownCredential: false, allAcceptedCredentials: false, currentUserDetails: false });
    expect(signalSupport({ signalUnknownCredential: () => Promise.resolve() })).toEqual({
      unknownCredential: true,
      allAcceptedCredentials: false,
      currentUserDetails: false,
    });
  });

  it('signals the deletion with both methods where they exist, and records refusals', async () => {
    const signalUnknownCredential = vi.fn(async () => {});
    const signalAllAcceptedCredentials = vi.fn(async () => {
      throw Object.assign(new Error('not now'), { name: 'NotAllowedError' });
    });
    const pkc = { signalUnknownCredential, signalAllAcceptedCredentials };
    const out = await signalDeletion(pkc, { rpId: 'localhost', credentialId: 'gone', userId: 'dXNlcg', remainingIds: ['kept'] });
    expect(signalUnknownCredential).toHaveBeenCalledWith({ rpId: 'localhost', credentialId: 'gone' });
    expect(signalAllAcceptedCredentials).toHaveBeenCalledWith({ rpId: 'localhost', userId: 'dXNlcg', allAcceptedCredentialIds: ['kept'] });
    expect(out.calls).toEqual([
      { method: 'signalUnknownCredential', ok: true },
      { method: 'signalAllAcceptedCredentials', ok: false, error: 'NotAllowedError: not now' },
    ]);
    const none = await signalDeletion({}, { rpId: 'localhost', credentialId: 'gone', userId: 'u', remainingIds: [] });
    expect(none).toEqual({ support: { unknownCredential: false, allAcceptedCredentials: false, currentUserDetails: false }, calls: [] });
  });

  it('signals the user’s current name and display name (signalCurrentUserDetails), and says when the browser lacks it', async () => {
    const signalCurrentUserDetails = vi.fn(async () => {});
    const args = { rpId: 'localhost', userId: 'dXNlcg', name: 'alice', displayName: 'Alice A.' };
    expect(await signalUserDetails({ signalCurrentUserDetails }, args)).toEqual({ ok: true });
    expect(signalCurrentUserDetails).toHaveBeenCalledWith(args);
    expect(await signalUserDetails({}, args)).toEqual({ ok: false, error: 'unsupported' });
    const refusing = { signalCurrentUserDetails: async () => Promise.reject(Object.assign(new Error('no'), { name: 'SecurityError' })) };
    expect(await signalUserDetails(refusing, args)).toEqual({ ok: false, error: 'SecurityError: no' });
  });
});

describe('messages', () => {
  it('has every history message in Japanese too, none empty or untranslated placeholders', () => {
    for (const key of Object.keys(historyEn) as (keyof typeof historyEn)[]) {
      expect(historyJa[key], key).toBeTruthy();
      const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(placeholders(historyJa[key]), key).toEqual(placeholders(historyEn[key]));
    }
  });
});
