import { describe, expect, it } from 'vitest';
import { en } from '../../src/renderer/src/i18n/en.ts';
import { ja } from '../../src/renderer/src/i18n/ja.ts';
import { pickLang, translate } from '../../src/renderer/src/i18n/format.ts';
import { renderTemplate as format } from '@decode/messages/i18n.ts';
import {
  ALGORITHMS,
  algorithmLabel,
  configsEqual,
  FALLBACK_CONFIG,
  move,
  orderedUniverse,
  selectedInOrder,
  withInitialPreset,
} from '../../src/renderer/src/model/config.ts';
import { ceremonyFacts, storageOf, upsertSummary } from '../../src/renderer/src/model/ceremony.ts';
import type { Ceremony, CeremonySummary, Preset } from '@api/types.ts';

describe('the initial preset', () => {
  const preset = (id: string, userName: string): Preset => ({ id, name: id, description: '', config: { ...FALLBACK_CONFIG, userName } });
  const presets = [preset('passkey', 'p'), preset('default', 'd')];

  it('starts from the RP default preset when none is chosen yet', () => {
    const next = withInitialPreset({ presetId: null, config: FALLBACK_CONFIG }, presets);
    expect(next.presetId).toBe('default');
    expect(next.config.userName).toBe('d');
    expect(next.config).not.toBe(presets[1].config); // a copy: editing it leaves the preset as it is
  });
  it('keeps a preset chosen (and edited) before the presets answer was applied', () => {
    const chosen = { presetId: 'passkey', config: { ...FALLBACK_CONFIG, userName: 'frank' } };
    expect(withInitialPreset(chosen, presets)).toBe(chosen);
  });
  it('falls back to a preset named default, then to the first, and to nothing without presets', () => {
    const none = { presetId: null, config: FALLBACK_CONFIG };
    expect(withInitialPreset(none, [preset('a', 'a'), preset('my-default', 'm')]).presetId).toBe('my-default');
    expect(withInitialPreset(none, [preset('a', 'a'), preset('b', 'b')]).presetId).toBe('a');
    expect(withInitialPreset(none, [])).toBe(none);
  });
});

describe('ordered lists', () => {
  it('orderedUniverse puts the selection first in its order, then the rest', () => {
    expect(orderedUniverse([-257, -7], [-7, -8, -257, -35])).toEqual([-257, -7, -8, -35]);
    expect(orderedUniverse([], ['a', 'b'])).toEqual(['a', 'b']);
    expect(orderedUniverse(['b', 'b'], ['a', 'b'])).toEqual(['b', 'a']);
  });
  it('move swaps neighbours and ignores moves past the ends', () => {
    expect(move([1, 2, 3], 2, -1)).toEqual([2, 1, 3]);
    expect(move([1, 2, 3], 2, 1)).toEqual([1, 3, 2]);
    expect(move([1, 2, 3], 1, -1)).toEqual([1, 2, 3]);
    expect(move([1, 2, 3], 3, 1)).toEqual([1, 2, 3]);
    expect(move([1, 2, 3], 9, 1)).toEqual([1, 2, 3]);
  });
  it('selectedInOrder keeps the order list’s order', () => {
    expect(selectedInOrder([3, 1, 2], new Set([2, 3]))).toEqual([3, 2]);
  });
});

describe('algorithms', () => {
  it('lists every COSE algorithm @simplewebauthn/server v14 knows, once', async () => {
    const { COSEALG } = await import('@simplewebauthn/server/helpers');
    const serverIds = Object.values(COSEALG)
      .filter((v): v is number => typeof v === 'number')
      .sort((a, b) => a - b);
    const ours = ALGORITHMS.map((a) => a.id).sort((a, b) => a - b);
    expect(ours).toEqual(serverIds);
    expect(new Set(ours).size).toBe(ours.length);
    expect(algorithmLabel(-7)).toBe('ES256 (-7)');
    expect(algorithmLabel(-999)).toBe('COSE -999');
    expect(algorithmLabel(null)).toBe('—');
  });
});

describe('config', () => {
  it('compares configs regardless of key order', () => {
    const reordered = JSON.parse(JSON.stringify({ ...FALLBACK_CONFIG, rpName: FALLBACK_CONFIG.rpName })) as typeof FALLBACK_CONFIG;
    const shuffled = Object.fromEntries(Object.entries(reordered).reverse()) as typeof FALLBACK_CONFIG;
    expect(configsEqual(FALLBACK_CONFIG, shuffled)).toBe(true);
    expect(configsEqual(FALLBACK_CONFIG, { ...FALLBACK_CONFIG, pubKeyCredParams: [-7, -8, -257] })).toBe(false);
  });
});

describe('ceremony facts', () => {
  const base: Ceremony = {
    id: 'c1',
    kind: 'registration',
    createdAt: '2025-01-01T00:00:00.000Z',
    config: FALLBACK_CONFIG,
    options: { challenge: 'AA' } as Ceremony['options'],
    response: null,
    clientError: null,
    verdict: 'failed',
    error: { code: 'uv_required', message: 'UV required', step: '7.1.17' },
    result: null,
    timings: { optionsAt: 1 },
    userName: 'alice',
    credentialId: null,
  };
  it('storage from BE/BS', () => {
    expect(storageOf(true, true)).toBe('synced');
    expect(storageOf(true, false)).toBe('eligible');
    expect(storageOf(false, false)).toBe('device-bound');
  });
  it('uses the RP result when present', () => {
    const flags = { up: true, uv: true, be: false, bs: false, at: true, ed: false };
    const f = ceremonyFacts({
      ...base,
      verdict: 'verified',
      error: null,
      result: {
        credentialId: 'id1',
        userName: 'alice',
        fmt: 'packed',
        aaguid: 'a-a',
        alg: -7,
        signCount: 0,
        flags,
        credentialDeviceType: 'singleDevice',
        clientExtensionResults: {},
      },
    });
    expect(f).toMatchObject({ accepted: true, credentialId: 'id1', fmt: 'packed', signCount: 0, alg: -7, storage: 'device-bound', flags });
  });
  it('falls back to the dissection summary for a rejected response', () => {
    const flags = { up: true, uv: false, be: true, bs: true, at: true, ed: false };
    const f = ceremonyFacts({
      ...base,
      dissection: {
        kind: 'registration',
        summary: {
          fmt: 'none',
          aaguid: null,
          authenticatorName: 'Virtual',
          credentialId: 'id2',
          signCount: 3,
          flags,
          alg: -8,
          rpIdHash: null,
        },
        tree: [],
        errors: [],
        sources: {},
        checks: [],
        secondOpinion: { verifier: '@simplewebauthn/server', verified: false, error: 'x' },
        disagreement: null,
      },
    });
    expect(f).toMatchObject({
      accepted: false,
      credentialId: 'id2',
      fmt: 'none',
      signCount: 3,
      storage: 'synced',
      authenticatorName: 'Virtual',
    });
  });
  it('upsertSummary replaces by id and keeps newest first, bounded', () => {
    const s = (id: string, t: string): CeremonySummary => ({
      id,
      kind: 'registration',
      createdAt: t,
      verdict: 'verified',
      userName: null,
      credentialId: null,
      error: null,
    });
    const list = [s('b', '2025-01-02'), s('a', '2025-01-01')];
    expect(upsertSummary(list, s('c', '2025-01-03')).map((x) => x.id)).toEqual(['c', 'b', 'a']);
    expect(upsertSummary(list, { ...s('a', '2025-01-01'), verdict: 'failed' }).map((x) => x.verdict)).toEqual(['verified', 'failed']);
    expect(upsertSummary(list, s('c', '2025-01-03'), 2).map((x) => x.id)).toEqual(['c', 'b']);
  });
});

describe('i18n', () => {
  it('ja has every en key, none empty, and the same placeholders', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)(?:\|[^|{}]*\|[^|{}]*)?\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(ja[key], key).toBeTruthy();
      expect(placeholders(ja[key]), key).toEqual(placeholders(en[key]));
    }
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
  });
  it('formats placeholders and picks the language', () => {
    expect(format('{n} stored', { n: 3 })).toBe('3 stored');
    expect(format('{missing}', {})).toBe('{missing}');
    expect(translate('ja', 'credentials.count', { n: 2 })).toBe('2 件');
    expect(pickLang(['ja-JP', 'en'])).toBe('ja');
    expect(pickLang(['fr-FR'])).toBe('en');
  });
});

describe('plural nouns in templates', () => {
  it('{n|byte|bytes}: "1 byte", "5 bytes"; other placeholders as before', async () => {
    const { renderTemplate } = await import('@decode/messages/i18n.ts');
    expect(renderTemplate('{source} — {n|byte|bytes}', { source: 'authData', n: 1 })).toBe('authData — 1 byte');
    expect(renderTemplate('{n|byte|bytes}', { n: 5 })).toBe('5 bytes');
    expect(renderTemplate('{n|byte|bytes}', {})).toBe('{n|byte|bytes}');
    const { nBytes } = await import('@decode/bytes.ts');
    expect([nBytes(0), nBytes(1), nBytes(2)]).toEqual(['0 bytes', '1 byte', '2 bytes']);
  });
});
