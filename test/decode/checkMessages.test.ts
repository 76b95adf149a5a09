/**
 * Check catalogs (src/decode/messages/checks.{en,ja}.ts): every check a verifier emits carries a titleId,
 * an explain id and (with a message) a messageId + params that resolve in English and Japanese, and the
 * English templates rendered with the params give exactly the check's `title` and `message` (the strings
 * the CLI, the API and older tests read). The runs cover every vector (registration and authentication,
 * passing and failing) plus wrong expectations and mutated responses (./checkScenarios.helpers.ts).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dissect } from '@decode/index';
import { verifyAuthentication, verifyRegistration } from '@decode/verify/index';
import { checkExplanation, checkMessage, checkTitle, en, explain, ja, renderTemplate } from '@decode/messages/index';
import { checkMessagesEn } from '@decode/messages/checks.en';
import { checkMessagesJa } from '@decode/messages/checks.ja';
import { PLACEHOLDER } from '@decode/messages/i18n';
import type { Check } from '@decode/types';
import { checkRuns, type Run } from './checkScenarios.helpers';
import { GOOD_CREATE, GOOD_GET, OPTIONS_SCENARIOS, review } from './optionsReview.helpers.ts';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
const placeholders = (t: string) => [...new Set([...t.matchAll(PLACEHOLDER)].map((m) => m[1]))].sort();

/**
 * Message ids no run reaches, each for a reason: branches that cannot run (the caller or the dissector
 * stops earlier, a helper never throws), or that need a certificate or key description no vector has
 * (certificates cannot be edited without re-signing them).
 */
/** Source files outside src/decode that state checks with the catalog (the related-origins check of an inspected site). */
const RP_CHECK_SOURCES = [join(import.meta.dirname, '..', '..', 'src', 'rp', 'inspect', 'relatedOrigins.ts')];

const NOT_REACHED: Record<string, string> = {
  'check.registration.attestation.crashed': "verifyAttestation catches its verifiers' errors and never throws",
  'check.attestation.internal.title':
    'the last line of defence when a format verifier throws: none does on any scenario (a statement without attested credential data is not verified at all)',
  'check.attestation.internal.explain': 'as check.attestation.internal.title',
  'check.attestation.internal.crashed': 'as check.attestation.internal.title',
  'check.attestation.fmt.unsupported': 'registration.fmt reports an unknown format; verifyAttestation is only called for supported ones',
  'check.attestation.trust.notVerified': 'registration.fmt reports an unknown format; verifyAttestation is only called for supported ones',
  'check.attestation.none.syntax.notMap':
    'the attestation object decoder reports an attStmt that is not a map and hands none to the verifier',
  'check.attestation.credentialKey.missing': 'credentialKey() gives a problem whenever it gives no COSE key',
  'check.attestation.credentialKey.notCose':
    'the dissector only passes on a credential public key that is a CBOR map, and decodeCoseKey gives a key for every map',
  'check.attestation.packed.selfAlg.mismatch.notCose':
    'the dissector only passes on a credential public key that is a CBOR map, and decodeCoseKey gives a key for every map',
  'check.attestation.aaguidExtension.critical': 'no vector certificate has a critical id-fido-gen-ce-aaguid extension',
  'check.attestation.aaguidExtension.malformed': 'no vector certificate has a malformed id-fido-gen-ce-aaguid extension',
  'check.attestation.android-key.attestationChallenge.malformed': 'no vector has a malformed Android key description',
  'check.attestation.android-key.allApplications.present': 'no vector key description has allApplications',
  'check.attestation.android-key.allApplications.presentBoth': 'no vector key description has allApplications',
  'check.attestation.android-key.origin.invalid': 'no vector key description has an imported key',
  'check.attestation.android-key.purpose.invalid': 'no vector key description allows other purposes than signing',
  'check.attestation.apple.nonce.malformed': 'no vector has a malformed Apple nonce extension',
  'check.authData.uv.policyMismatch':
    'the vectors carry no RP policy apart from their options; test/rp/softHarness.test.ts reaches it (UV preferred asked, required enforced)',
  'check.authentication.signature.rawPoint':
    'no vector stores a raw EC point as the credential key; test/decode/policy.test.ts does (a U2F-era record)',
  'check.attestation.certificate.noBasicConstraints':
    'every vector attestation certificate has Basic Constraints; test/decode/policy.test.ts makes one without it with the test PKI',
  'check.attestation.tpm.certificate.notes.sanNotCritical': 'every vector AIK certificate marks its Subject Alternative Name critical',
  'check.attestation.tpm.certificate.notes.both': 'every vector AIK certificate marks its Subject Alternative Name critical',
};

let runs: Run[];
let all: { what: string; c: Check }[];

beforeAll(async () => {
  runs = await checkRuns({ dissect, verifyRegistration, verifyAuthentication });
  all = runs.flatMap((r) => r.checks.map((c) => ({ what: r.what, c })));
  // The options review's checks, over its scenario table (options as RP servers get them wrong).
  for (const x of [GOOD_CREATE, GOOD_GET, ...OPTIONS_SCENARIOS.map((o) => o.options)])
    all.push(...review(x).map((c) => ({ what: 'options review', c })));
}, 300_000);

describe('check catalogs', () => {
  it('en and ja have the same ids and the same {placeholders} per id; ja is Japanese', () => {
    expect(Object.keys(checkMessagesJa).sort()).toEqual(Object.keys(checkMessagesEn).sort());
    for (const [id, text] of Object.entries(checkMessagesEn)) {
      const jaText = (checkMessagesJa as Record<string, string>)[id];
      expect(placeholders(jaText), id).toEqual(placeholders(text));
      expect(jaText, id).toMatch(JAPANESE);
      expect(jaText, id).not.toBe(text);
      expect(text.trim().length, id).toBeGreaterThan(10);
      expect(id, id).toMatch(/^check\.[A-Za-z0-9.-]+$/);
    }
  });

  it('are merged into the exported catalogs, without an id of the field catalogs', () => {
    for (const id of Object.keys(checkMessagesEn)) {
      expect(en[id], id).toBe((checkMessagesEn as Record<string, string>)[id]);
      expect(ja[id], id).toBe((checkMessagesJa as Record<string, string>)[id]);
    }
  });

  it('has no unused ids, and every id the verifiers name exists', () => {
    const root = join(import.meta.dirname, '..', '..', 'src', 'decode');
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.startsWith('messages'));
    // Checks stated outside the dissector: those of inspected sites (related origins).
    const source = [...files.map((f) => join(root, f)), ...RP_CHECK_SOURCES].map((f) => readFileSync(f, 'utf8')).join('\n');
    const named = new Set([...source.matchAll(/'(check\.[A-Za-z0-9.-]+)'/g)].map((m) => m[1]));
    // ids built from a template literal in the source (`check.clientData.${k}.explain`)
    for (const k of ['type', 'challenge', 'origin'])
      if (source.includes('`check.clientData.${k}.explain`')) named.add(`check.clientData.${k}.explain`);
    expect([...named].filter((id) => !own(checkMessagesEn, id))).toEqual([]);
    expect(Object.keys(checkMessagesEn).filter((id) => !named.has(id))).toEqual([]);
  });

  it('renders {name} from params once, leaving unknown placeholders and literal braces alone', () => {
    expect(renderTemplate('a {x} b {y} {z} { alg, sig } {fmt, attStmt}', { x: '{y}', y: 2, z: null })).toBe(
      'a {y} b 2 null { alg, sig } {fmt, attStmt}',
    );
    expect(renderTemplate('{missing} stays', { x: 1 })).toBe('{missing} stays');
    expect(renderTemplate('no params {x}')).toBe('no params {x}');
  });
});

describe('every check the verifiers emit over the vectors and their variants', () => {
  it('reaches many runs and checks, failing ones included', () => {
    expect(runs.length).toBeGreaterThan(2000);
    expect(all.length).toBeGreaterThan(30000);
    const statuses = new Set(all.map(({ c }) => c.status));
    expect([...statuses].sort()).toEqual(['fail', 'pass', 'skip', 'warn']);
  });

  it('has a titleId and an explain id, and a messageId when it has a message (always when it is not a pass), all in en and ja', () => {
    const bad = new Map<string, string>();
    for (const { what, c } of all) {
      const where = `${c.id} (${what})`;
      if (!c.titleId || !own(checkMessagesEn, c.titleId)) bad.set(`titleId ${c.id} ${c.titleId}`, where);
      if (!c.explain || !own(checkMessagesEn, c.explain) || !c.explain.endsWith('.explain')) bad.set(`explain ${c.id} ${c.explain}`, where);
      if (c.message !== undefined && (!c.messageId || !own(checkMessagesEn, c.messageId)))
        bad.set(`messageId ${c.id} ${c.messageId}`, where);
      if (c.status !== 'pass' && !c.messageId) bad.set(`non-pass without messageId ${c.id}`, where);
      for (const id of [c.titleId, c.explain, c.messageId]) {
        if (id && !(own(checkMessagesJa, id) && JAPANESE.test(explain(id, 'ja')!))) bad.set(`ja ${id}`, where);
      }
      for (const [k, v] of Object.entries(c.params ?? {})) {
        if (!(v === null || ['string', 'number', 'boolean'].includes(typeof v))) bad.set(`param ${c.id}.${k} is ${typeof v}`, where);
      }
    }
    expect(Object.fromEntries(bad)).toEqual({});
  });

  it('re-rendered in English from its ids and params, equals its title and message', () => {
    const bad: string[] = [];
    for (const { what, c } of all) {
      const title = renderTemplate((checkMessagesEn as Record<string, string>)[c.titleId!], c.params);
      const message = c.messageId ? renderTemplate((checkMessagesEn as Record<string, string>)[c.messageId], c.params) : undefined;
      if (title !== c.title) bad.push(`${what} ${c.id} title: ${JSON.stringify(title)} != ${JSON.stringify(c.title)}`);
      if (message !== c.message) bad.push(`${what} ${c.id} message: ${JSON.stringify(message)} != ${JSON.stringify(c.message)}`);
      if (checkTitle(c, 'en') !== c.title || checkMessage(c, 'en') !== c.message) bad.push(`${what} ${c.id}: checkTitle/checkMessage en`);
    }
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it('renders in Japanese with every placeholder filled, and explains itself in both languages', () => {
    const bad: string[] = [];
    for (const { what, c } of all) {
      const t = checkTitle(c, 'ja');
      const m = checkMessage(c, 'ja');
      const jaOf = (id: string) => (checkMessagesJa as Record<string, string>)[id];
      for (const [kind, text, id] of [
        ['title', t, c.titleId],
        ['message', m, c.messageId],
      ] as const) {
        if (!id) continue;
        // every placeholder of the template is replaced (values may contain braces of their own)
        for (const name of placeholders(jaOf(id))) if (!own(c.params ?? {}, name)) bad.push(`${what} ${c.id} ${kind}: no param ${name}`);
        if (!text || !JAPANESE.test(text)) bad.push(`${what} ${c.id} ${kind} not Japanese: ${text}`);
      }
      if (checkExplanation(c, 'en') !== en[c.explain!] || checkExplanation(c, 'ja') !== ja[c.explain!])
        bad.push(`${what} ${c.id}: checkExplanation`);
    }
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it('uses every catalog id except the listed unreachable ones', () => {
    const used = new Set(all.flatMap(({ c }) => [c.titleId, c.explain, c.messageId].filter((x): x is string => !!x)));
    // Ids the RP's own checks name are emitted by them, not by the verifiers (test/rp/relatedOrigins.test.ts).
    const rp = RP_CHECK_SOURCES.map((f) => readFileSync(f, 'utf8')).join('\n');
    const unused = Object.keys(checkMessagesEn)
      .filter((id) => !used.has(id) && !rp.includes(`'${id}'`))
      .sort();
    expect(unused).toEqual(Object.keys(NOT_REACHED).sort());
  });
});

describe('checkTitle / checkMessage / checkExplanation', () => {
  const c: Check = {
    id: 'authentication.signCount',
    spec: 'https://www.w3.org/TR/webauthn-3/#sctn-verifying-assertion',
    status: 'fail',
    title: '§7.2: signCount is greater than the stored counter (or both are 0)',
    message:
      'Response counter value 3 was lower than or equal to the stored counter value 5: a possible cloned authenticator or replayed assertion',
    titleId: 'check.authentication.signCount.title',
    messageId: 'check.authentication.signCount.notIncreased',
    explain: 'check.authentication.signCount.explain',
    params: { got: 3, stored: 5 },
  };
  it('render the templates in the asked language', () => {
    expect(checkTitle(c, 'en')).toBe(c.title);
    expect(checkMessage(c, 'en')).toBe(c.message);
    expect(checkTitle(c, 'ja')).toBe('§7.2: signCount が保存済みのカウンターより大きいこと（または両方が 0）');
    expect(checkMessage(c, 'ja')).toBe(
      '応答のカウンター値 3 が保存済みのカウンター値 5 以下です。認証器の複製、またはアサーションの再送の可能性があります',
    );
    expect(checkExplanation(c, 'ja')).toBe(ja['check.authentication.signCount.explain']);
    expect(checkExplanation(c)).toBe(en['check.authentication.signCount.explain']);
  });
  it('fall back to the English strings when a check carries no ids (older records) or unknown ones', () => {
    const bare: Check = { id: c.id, spec: c.spec, status: 'fail', title: c.title, message: c.message };
    expect(checkTitle(bare, 'ja')).toBe(c.title);
    expect(checkMessage(bare, 'ja')).toBe(c.message);
    expect(checkExplanation(bare, 'ja')).toBeUndefined();
    const unknown: Check = { ...c, titleId: 'check.no.such', messageId: 'constructor', explain: 'nope' };
    expect(checkTitle(unknown, 'ja')).toBe(c.title);
    expect(checkMessage(unknown, 'ja')).toBe(c.message);
    expect(checkExplanation(unknown, 'ja')).toBeUndefined();
    expect(checkMessage({ ...bare, message: undefined }, 'ja')).toBeUndefined();
  });
});
