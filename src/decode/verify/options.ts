/**
 * A review of creation and request options (what an RP's server sent for create() / get()), as checks:
 * what the browser will refuse (a TypeError or SecurityError before any authenticator is asked), what
 * it will silently ignore (an unknown enum value, transport, hint or extension: the RP then does not
 * get what it asked for), and what the spec asks of the RP (a challenge of at least 16 random bytes, a
 * user handle that identifies no one). One check per member present, plus the required ones.
 *
 * The rules are the client's algorithms of WebAuthn L3 §5.1.3 / §5.1.4 and the dictionaries of §5.4,
 * §5.5 and §5.8: members typed DOMString whose value "SHOULD be a member of" an enumeration are ignored
 * when unknown ("client platforms MUST ignore unknown values"), so a misspelt "require" is the default.
 */
import type { Check, Dissection } from '../types';
import { decodeBase64Any, toUtf8 } from '../bytes';
import { algName } from '../cose/algorithms.ts';
import { jsonPathSegment } from '../json';
import { T, type CheckText } from '../messages/checkText';
import { Checks } from '../checks.ts';
import { WEBAUTHN } from '../spec.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

const CREATE = `${WEBAUTHN}#dictdef-publickeycredentialcreationoptions`;
const REQUEST = `${WEBAUTHN}#dictdef-publickeycredentialrequestoptions`;

const RESIDENT_KEY = ['discouraged', 'preferred', 'required'];
const USER_VERIFICATION = ['required', 'preferred', 'discouraged'];
const ATTACHMENT = ['platform', 'cross-platform'];
const ATTESTATION = ['none', 'indirect', 'direct', 'enterprise'];
const HINTS = ['security-key', 'client-device', 'hybrid'];
const TRANSPORTS = ['usb', 'nfc', 'ble', 'smart-card', 'hybrid', 'internal'];

/** Client extension identifiers of WebAuthn L3 §10 and CTAP 2.2's WebAuthn-facing ones, by ceremony. */
const EXTENSIONS_CREATE = [
  'appidExclude',
  'credProps',
  'largeBlob',
  'prf',
  'credentialProtectionPolicy',
  'enforceCredentialProtectionPolicy',
  'credBlob',
  'minPinLength',
  'hmacCreateSecret',
  'payment',
  'remoteDesktopClientOverride',
];
const EXTENSIONS_GET = ['appid', 'largeBlob', 'prf', 'getCredBlob', 'hmacGetSecret', 'payment', 'remoteDesktopClientOverride'];
/** Identifiers once in WebAuthn (L1/L2 drafts) and removed since. */
const EXTENSIONS_REMOVED = [
  'uvm',
  'devicePubKey',
  'supplementalPubKeys',
  'txAuthSimple',
  'txAuthGeneric',
  'authnSel',
  'exts',
  'uvi',
  'loc',
  'biometricPerfBounds',
];

/**
 * The options JSON a dissection was made of: its text parsed again (the tree leaves out the values of
 * large containers), or the root field's value when the text is not at hand (a stored dissection).
 */
function optionsJson(d: Dissection): unknown {
  const text = d.sources.credential;
  if (text instanceof Uint8Array) {
    try {
      return JSON.parse(new TextDecoder().decode(text)) as unknown;
    } catch {
      // not the JSON text after all: the tree's value below
    }
  }
  return d.tree.find((f) => f.path === 'credential')?.value;
}

/** The options object of a pasted options JSON (a `publicKey` wrapper unwrapped) and its field path. */
function optionsRoot(json: unknown): { o: Obj; base: string } {
  if (isObj(json) && isObj(json.publicKey)) return { o: json.publicKey, base: 'credential.publicKey' };
  return { o: isObj(json) ? json : {}, base: 'credential' };
}

/** A value from the options as it goes into a message or `actual`: short (a hostile paste may hold a megabyte in one member). */
function brief(v: unknown): string {
  const t = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  return t.length > 80 ? `${t.slice(0, 77)}…` : t;
}
/** The first few of a list, for a message: "a, b, c and 12 more". */
function few(xs: string[]): string {
  const shown = xs.slice(0, 5).map(brief).join(', ');
  return xs.length > 5 ? `${shown} (+${xs.length - 5})` : shown;
}

/** What a bytes member is, when it is not base64url text: the usual serialization mistakes, named. */
function bytesProblem(
  v: unknown,
  member: string,
): { text: CheckText; bytes?: undefined } | { text?: undefined; bytes: Uint8Array; padded: boolean } {
  if (v === undefined) return { text: T('check.options.bytes.missing', { member }) };
  if (isObj(v) && v.type === 'Buffer' && Array.isArray(v.data)) return { text: T('check.options.bytes.buffer', { member }) };
  if (isObj(v) && Object.keys(v).length > 0 && Object.keys(v).every((k, i) => k === String(i)))
    return { text: T('check.options.bytes.typedArray', { member }) };
  if (Array.isArray(v)) return { text: T('check.options.bytes.array', { member, n: v.length }) };
  if (typeof v !== 'string') return { text: T('check.options.bytes.notString', { member, type: v === null ? 'null' : typeof v }) };
  const d = decodeBase64Any(v);
  if (!d.ok) return { text: T('check.options.bytes.notBase64url', { member }) };
  return { bytes: d.bytes, padded: /[+/=]/.test(v) };
}

/** Why `id` cannot be an RP ID (a host name), or null when it can. */
function rpIdProblem(value: unknown, member: string): CheckText | null {
  if (typeof value !== 'string') return T('check.options.rpId.notString', { member });
  const id = value;
  const host = (() => {
    try {
      return new URL(id.includes('://') ? id : `https://${id}`).hostname;
    } catch {
      return '';
    }
  })();
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[')) return T('check.options.rpId.ip', { member, id: brief(id) });
  if (id === '' || id !== host) return T('check.options.rpId.notDomain', { member, id: brief(id), host: brief(host || 'example.com') });
  return null;
}

/**
 * The review of the options a dissection of kind creationOptions or requestOptions holds (its root
 * field's value: the JSON as pasted, or inside base64); no checks for any other kind.
 */
export function reviewOptions(d: Dissection): Check[] {
  if (d.kind !== 'creationOptions' && d.kind !== 'requestOptions') return [];
  const create = d.kind === 'creationOptions';
  const { o, base } = optionsRoot(optionsJson(d));
  const at = (...names: (string | number)[]) => base + names.map((n) => (typeof n === 'number' ? `[${n}]` : jsonPathSegment(n))).join('');
  const ck = new Checks('options', create ? CREATE : REQUEST);

  // challenge (§5.4 / §5.5; §13.4.3: at least 16 random bytes)
  {
    const p = bytesProblem(o.challenge, 'challenge');
    const title = T('check.options.challenge.title');
    const d = {
      explain: 'check.options.challenge.explain',
      fields: [at('challenge')],
      spec: `${WEBAUTHN}#sctn-cryptographic-challenges`,
    } as const;
    if (p.text) ck.fail('challenge', title, { ...d, message: p.text });
    else if (p.bytes.length < 16)
      ck.warn('challenge', title, {
        ...d,
        expected: '>= 16 bytes',
        actual: p.bytes.length,
        message: T('check.options.challenge.short', { n: p.bytes.length }),
      });
    else if (p.padded)
      ck.warn('challenge', title, { ...d, actual: p.bytes.length, message: T('check.options.bytes.spelling', { member: 'challenge' }) });
    else ck.pass('challenge', title, { ...d, expected: '>= 16 bytes', actual: p.bytes.length });
  }

  if (create) {
    rpCheck(ck, o, at);
    userCheck(ck, o, at);
    algorithmsCheck(ck, o, at);
    selectionCheck(ck, o, at);
    if (o.attestation !== undefined)
      enumCheck(ck, {
        member: 'attestation',
        value: o.attestation,
        allowed: ATTESTATION,
        dflt: 'none',
        field: at('attestation'),
        spec: `${WEBAUTHN}#dom-publickeycredentialcreationoptions-attestation`,
        sec: '§5.4',
      });
  } else {
    if (o.rpId !== undefined) {
      const title = T('check.options.rpId.title');
      const dd = {
        explain: 'check.options.rpId.explain',
        fields: [at('rpId')],
        spec: `${WEBAUTHN}#dom-publickeycredentialrequestoptions-rpid`,
      } as const;
      const problem = rpIdProblem(o.rpId, 'rpId');
      if (problem) ck.fail('rpId', title, { ...dd, actual: brief(o.rpId), message: problem });
      else ck.pass('rpId', title, { ...dd, actual: o.rpId });
    }
    if (o.userVerification !== undefined)
      enumCheck(ck, {
        member: 'userVerification',
        value: o.userVerification,
        allowed: USER_VERIFICATION,
        dflt: 'preferred',
        field: at('userVerification'),
        spec: `${WEBAUTHN}#dom-publickeycredentialrequestoptions-userverification`,
        sec: '§5.5',
      });
  }
  const list = create ? 'excludeCredentials' : 'allowCredentials';
  if (o[list] !== undefined) descriptorsCheck(ck, list, o[list], at);
  if (o.timeout !== undefined) timeoutCheck(ck, o.timeout, at('timeout'));
  if (o.hints !== undefined) hintsCheck(ck, o.hints, at('hints'));
  if (o.extensions !== undefined) extensionsCheck(ck, o.extensions, create, at);
  return ck.list;
}

type At = (...names: (string | number)[]) => string;

function rpCheck(ck: Checks, o: Obj, at: At): void {
  const title = T('check.options.rp.title');
  const d = { explain: 'check.options.rp.explain', fields: [at('rp')], spec: `${WEBAUTHN}#dictdef-publickeycredentialrpentity` } as const;
  const rp = o.rp;
  if (!isObj(rp)) return void ck.fail('rp', title, { ...d, fields: [at()], message: T('check.options.rp.missing') });
  if (typeof rp.name !== 'string')
    return void ck.fail('rp', title, { ...d, message: T('check.options.member.missing', { member: 'rp.name' }) });
  if (rp.id === undefined) return void ck.pass('rp', title, { ...d, message: T('check.options.rp.noId') });
  const problem = rpIdProblem(rp.id, 'rp.id');
  if (problem) ck.fail('rp', title, { ...d, fields: [at('rp', 'id')], actual: brief(rp.id), message: problem });
  else ck.pass('rp', title, { ...d, actual: rp.id });
}

function userCheck(ck: Checks, o: Obj, at: At): void {
  const title = T('check.options.user.title');
  const d = {
    explain: 'check.options.user.explain',
    fields: [at('user')],
    spec: `${WEBAUTHN}#dictdef-publickeycredentialuserentity`,
  } as const;
  const user = o.user;
  if (!isObj(user)) return void ck.fail('user', title, { ...d, fields: [at()], message: T('check.options.user.missing') });
  const p = bytesProblem(user.id, 'user.id');
  const idField = { fields: [user.id === undefined ? at('user') : at('user', 'id')] };
  if (p.text) return void ck.fail('user', title, { ...d, ...idField, message: p.text });
  if (p.bytes.length < 1 || p.bytes.length > 64)
    return void ck.fail('user', title, {
      ...d,
      ...idField,
      expected: '1..64 bytes',
      actual: p.bytes.length,
      message: T('check.options.user.idLength', { n: p.bytes.length }),
    });
  for (const m of ['name', 'displayName'] as const)
    if (typeof user[m] !== 'string')
      return void ck.fail('user', title, {
        ...d,
        fields: [at('user')],
        message: T('check.options.member.missing', { member: `user.${m}` }),
      });
  const text = toUtf8(p.bytes);
  const readable = /^[\x20-\x7e]+$/.test(text);
  const names = [user.name, user.displayName].map((x) => String(x).trim().toLowerCase());
  if (readable && names.includes(text.trim().toLowerCase()))
    return void ck.fail('user', title, { ...d, ...idField, actual: text, message: T('check.options.user.idIsName', { text }) });
  if (readable && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text))
    return void ck.fail('user', title, { ...d, ...idField, actual: text, message: T('check.options.user.idIsEmail', { text }) });
  if (readable)
    return void ck.warn('user', title, { ...d, ...idField, actual: text, message: T('check.options.user.idReadable', { text }) });
  if (p.padded)
    return void ck.warn('user', title, {
      ...d,
      ...idField,
      actual: p.bytes.length,
      message: T('check.options.bytes.spelling', { member: 'user.id' }),
    });
  ck.pass('user', title, { ...d, expected: '1..64 bytes', actual: p.bytes.length });
}

function algorithmsCheck(ck: Checks, o: Obj, at: At): void {
  const title = T('check.options.algorithms.title');
  const d = {
    explain: 'check.options.algorithms.explain',
    fields: [at('pubKeyCredParams')],
    spec: `${WEBAUTHN}#dom-publickeycredentialcreationoptions-pubkeycredparams`,
  } as const;
  const params = o.pubKeyCredParams;
  if (!Array.isArray(params))
    return void ck.fail('algorithms', title, {
      ...d,
      fields: [params === undefined ? at() : at('pubKeyCredParams')],
      message: T('check.options.algorithms.missing'),
    });
  if (params.length === 0) return void ck.warn('algorithms', title, { ...d, actual: [], message: T('check.options.algorithms.empty') });
  const usable: number[] = [];
  const ignored: string[] = [];
  params.forEach((p, i) => {
    if (!isObj(p) || p.type !== 'public-key' || typeof p.alg !== 'number' || !Number.isInteger(p.alg)) ignored.push(`[${i}]`);
    else usable.push(p.alg);
  });
  const names = usable.slice(0, 20).map((a) => algName(a));
  if (!usable.length)
    return void ck.fail('algorithms', title, { ...d, actual: brief(params), message: T('check.options.algorithms.noneUsable') });
  if (ignored.length)
    return void ck.warn('algorithms', title, {
      ...d,
      actual: names,
      message: T('check.options.algorithms.ignored', { entries: few(ignored) }),
    });
  const unknown = usable.filter((a) => algName(a).startsWith('unknown'));
  if (unknown.length)
    return void ck.warn('algorithms', title, {
      ...d,
      actual: names,
      message: T('check.options.algorithms.unknown', { algs: few(unknown.map(String)) }),
    });
  if (!usable.includes(-7))
    return void ck.warn('algorithms', title, { ...d, actual: names, message: T('check.options.algorithms.noEs256') });
  ck.pass('algorithms', title, { ...d, actual: names });
}

/** A member whose value should be one of `allowed` and is ignored (the default `dflt` applies) otherwise. */
interface EnumMember {
  member: string;
  value: unknown;
  /** The values the spec's enumeration has. */
  allowed: string[];
  /** What applies when the value is ignored. */
  dflt: string;
  field: string;
  spec: string;
  sec: string;
}

function enumCheck(ck: Checks, { member, value, allowed, dflt, field, spec, sec }: EnumMember): void {
  const title = T('check.options.enum.title', { sec, member });
  const d = { explain: 'check.options.enum.explain', fields: [field], spec } as const;
  if (typeof value === 'string' && allowed.includes(value)) return void ck.pass(member, title, { ...d, actual: value });
  ck.warn(member, title, {
    ...d,
    expected: allowed,
    actual: brief(value),
    message: T('check.options.enum.unknown', {
      member,
      value: brief(value),
      allowed: allowed.join(', '),
      effective: dflt,
    }),
  });
}

function selectionCheck(ck: Checks, o: Obj, at: At): void {
  const sel = o.authenticatorSelection;
  if (sel === undefined) return;
  const spec = `${WEBAUTHN}#dictdef-authenticatorselectioncriteria`;
  if (!isObj(sel)) {
    ck.warn('authenticatorSelection', T('check.options.enum.title', { sec: '§5.4.4', member: 'authenticatorSelection' }), {
      explain: 'check.options.enum.explain',
      fields: [at('authenticatorSelection')],
      spec,
      message: T('check.options.selection.notObject'),
    });
    return;
  }
  const rrk = sel.requireResidentKey;
  const rkDefault = rrk === true ? 'required' : 'discouraged';
  if (sel.residentKey !== undefined)
    enumCheck(ck, {
      member: 'residentKey',
      value: sel.residentKey,
      allowed: RESIDENT_KEY,
      dflt: rkDefault,
      field: at('authenticatorSelection', 'residentKey'),
      spec,
      sec: '§5.4.4',
    });
  if (sel.userVerification !== undefined)
    enumCheck(ck, {
      member: 'userVerification',
      value: sel.userVerification,
      allowed: USER_VERIFICATION,
      dflt: 'preferred',
      field: at('authenticatorSelection', 'userVerification'),
      spec,
      sec: '§5.4.4',
    });
  if (sel.authenticatorAttachment !== undefined)
    enumCheck(ck, {
      member: 'authenticatorAttachment',
      value: sel.authenticatorAttachment,
      allowed: ATTACHMENT,
      dflt: 'any',
      field: at('authenticatorSelection', 'authenticatorAttachment'),
      spec,
      sec: '§5.4.4',
    });
  const rk = str(sel.residentKey);
  if (rrk !== undefined && rk !== undefined && RESIDENT_KEY.includes(rk) && (rrk === true) !== (rk === 'required'))
    ck.warn('requireResidentKey', T('check.options.requireResidentKey.title'), {
      explain: 'check.options.requireResidentKey.explain',
      fields: [at('authenticatorSelection', 'requireResidentKey'), at('authenticatorSelection', 'residentKey')],
      spec: `${WEBAUTHN}#dom-authenticatorselectioncriteria-requireresidentkey`,
      expected: rk === 'required',
      actual: rrk,
      message: T('check.options.requireResidentKey.conflict', { rrk: String(rrk), rk }),
    });
}

function descriptorsCheck(ck: Checks, list: 'excludeCredentials' | 'allowCredentials', v: unknown, at: At): void {
  const title = T('check.options.credentials.title', { list });
  const d = {
    explain: 'check.options.credentials.explain',
    fields: [at(list)],
    spec: `${WEBAUTHN}#dictdef-publickeycredentialdescriptor`,
  } as const;
  if (!Array.isArray(v)) return void ck.fail(list, title, { ...d, message: T('check.options.credentials.notList', { list }) });
  const unknownType: string[] = [];
  const transports = new Set<string>();
  for (let i = 0; i < v.length; i++) {
    const c: unknown = v[i];
    if (!isObj(c)) {
      unknownType.push(`[${i}]`);
      continue;
    }
    const p = bytesProblem(c.id, `${list}[${i}].id`);
    if (p.text) return void ck.fail(list, title, { ...d, fields: [at(list, i, 'id')], message: p.text });
    if (c.type !== 'public-key') unknownType.push(`[${i}]`);
    if (Array.isArray(c.transports))
      for (const t of c.transports) if (typeof t !== 'string' || !TRANSPORTS.includes(t)) transports.add(String(t));
  }
  const actual = v.length;
  if (unknownType.length)
    return void ck.warn(list, title, {
      ...d,
      actual,
      message: T('check.options.credentials.unknownType', { list, entries: few(unknownType) }),
    });
  if (transports.has('cable')) return void ck.warn(list, title, { ...d, actual, message: T('check.options.credentials.cable', { list }) });
  if (transports.size)
    return void ck.warn(list, title, {
      ...d,
      actual,
      message: T('check.options.credentials.unknownTransport', {
        list,
        values: few([...transports]),
        allowed: TRANSPORTS.join(', '),
      }),
    });
  ck.pass(list, title, {
    ...d,
    actual,
    ...(actual === 0 && list === 'allowCredentials' ? { message: T('check.options.credentials.discoverable') } : {}),
  });
}

function timeoutCheck(ck: Checks, v: unknown, field: string): void {
  const title = T('check.options.timeout.title');
  const d = { explain: 'check.options.timeout.explain', fields: [field], spec: `${WEBAUTHN}#sctn-timeout-recommended-range` } as const;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
    return void ck.warn('timeout', title, {
      ...d,
      actual: brief(v),
      message: T('check.options.timeout.notNumber', { value: brief(v) }),
    });
  if (v < 30_000)
    return void ck.warn('timeout', title, {
      ...d,
      expected: '300000..600000',
      actual: v,
      message: T('check.options.timeout.short', { ms: v, s: v / 1000 }),
    });
  ck.pass('timeout', title, { ...d, expected: '300000..600000', actual: v });
}

function hintsCheck(ck: Checks, v: unknown, field: string): void {
  const title = T('check.options.hints.title');
  const d = { explain: 'check.options.hints.explain', fields: [field], spec: `${WEBAUTHN}#enumdef-publickeycredentialhint` } as const;
  const values = Array.isArray(v) ? v : [v];
  const unknown = values.filter((h) => typeof h !== 'string' || !HINTS.includes(h)).map((h) => brief(h));
  if (!Array.isArray(v) || unknown.length)
    return void ck.warn('hints', title, {
      ...d,
      expected: HINTS,
      actual: Array.isArray(v) ? v.slice(0, 10).map(brief) : brief(v),
      message: T('check.options.hints.unknown', { values: few(unknown) || brief(v), allowed: HINTS.join(', ') }),
    });
  ck.pass('hints', title, { ...d, actual: v.slice(0, 10) });
}

function extensionsCheck(ck: Checks, v: unknown, create: boolean, at: At): void {
  const title = T('check.options.extensions.title');
  const d = { explain: 'check.options.extensions.explain', fields: [at('extensions')], spec: `${WEBAUTHN}#sctn-extensions` } as const;
  if (!isObj(v)) return void ck.warn('extensions', title, { ...d, actual: brief(v), message: T('check.options.extensions.notObject') });
  const names = Object.keys(v);
  const mine = create ? EXTENSIONS_CREATE : EXTENSIONS_GET;
  const other = create ? EXTENSIONS_GET : EXTENSIONS_CREATE;
  const pick = (f: (n: string) => boolean) => names.filter(f);
  const notes: CheckText[] = [];
  if (names.includes('credProtect')) notes.push(T('check.options.extensions.credProtect'));
  const removed = pick((n) => EXTENSIONS_REMOVED.includes(n));
  if (removed.length) notes.push(T('check.options.extensions.removed', { names: few(removed) }));
  const wrong = pick((n) => !mine.includes(n) && other.includes(n));
  if (wrong.length)
    notes.push(T(create ? 'check.options.extensions.getOnly' : 'check.options.extensions.createOnly', { names: few(wrong) }));
  const unknown = pick((n) => !mine.includes(n) && !other.includes(n) && !EXTENSIONS_REMOVED.includes(n) && n !== 'credProtect');
  if (unknown.length) notes.push(T('check.options.extensions.unknown', { names: few(unknown) }));
  if (notes.length) return void ck.warn('extensions', title, { ...d, actual: names.slice(0, 20).map(brief), message: notes[0] });
  ck.pass('extensions', title, { ...d, actual: names.slice(0, 20).map(brief) });
}
