/**
 * The dissector's entry point: `dissect(input)` turns a registration or authentication response (the
 * WebAuthn JSON serialization, as object or text), or any single part of one (attestationObject,
 * authenticatorData, clientDataJSON, COSE key; bytes or base64url/base64/hex text), into the Field tree
 * of DESIGN.md with a stable `summary`, the source buffers and located errors. Never throws.
 *
 * Spec: https://www.w3.org/TR/webauthn-3/#iface-pkcredential (JSON serialization:
 * https://www.w3.org/TR/webauthn-3/#dom-publickeycredential-tojson)
 */
import { FIELD_BUDGET, withFieldBudget } from './budget';
import type { CborNode, DecodeError, Dissection, Field, MessageKind, Summary } from './types';
import { parseJson, jsonField, jsonGetLast, jsonPathSegment, findField, type JsonNode } from './json';
import { normalizeInput, decodeMemberBytes } from './input';
import { dissectClientData, type ClientData } from './clientData';
import { dissectAttestationObject, type AttestationObject } from './attestationObject';
import { dissectAuthenticatorData, flagsJson, type AuthenticatorData } from './authenticatorData';
import { dissectSignature, dissectUserHandle } from './assertion';
import { annotateClientExtensionResults } from './extensions';
import { parseCbor } from './cbor/parse.ts';
import { cborField, unparsedField } from './cbor/field.ts';
import { cborGet } from './cbor/value.ts';
import { coseKeyField } from './cose/field.ts';
import { parseEcdsaDerSignature } from './crypto/ecdsa.ts';
import { decodeCoseKey } from './cose/key.ts';
import { toBase64Url, toHex, equalBytes, fromUtf8, nBytes } from './bytes';
import { WEBAUTHN } from './spec.ts';
import { annotateOptions, optionsOf } from './options.ts';

export type { Field, Check, DecodeError, Dissection, Summary, CborNode, MessageKind } from './types';

export interface DissectOptions {
  /** RP IDs to test authData.rpIdHash against (the origin's host and its parent domains are always tried). */
  rpIds?: string[];
  /** AAGUID -> authenticator name (FIDO MDS / community list), for summary.authenticatorName. */
  aaguidNames?: Record<string, string> | ((aaguid: string) => string | null | undefined);
  /** The stored credential public key (COSE bytes or base64url) for an assertion: names the signature's alg. */
  credentialPublicKey?: Uint8Array | string;
}

/** Decoded internals that the verification steps need (kept out of the JSON-safe Dissection). */
export interface ParsedMessage {
  kind: MessageKind;
  clientData?: ClientData | null;
  clientDataJSON?: Uint8Array;
  attestation?: AttestationObject | null;
  authData?: AuthenticatorData | null;
  signature?: Uint8Array;
  userHandle?: Uint8Array | null;
  /** response.rawId (or id) decoded. */
  rawId?: Uint8Array;
  id?: string;
  /** response.rawId as it came (undefined when absent or not a string). */
  rawIdText?: string;
  /** The credential's `type` member: its text, undefined when absent, null when present but not a string. */
  credentialType?: string | null;
  clientExtensionResults?: unknown;
  transports?: unknown;
  /** The stored key given in options, if any. */
  coseKeyNode?: CborNode;
  /** Binary members of the JSON written otherwise than unpadded base64url (padding, the standard alphabet, hex): their paths. */
  misspelt?: string[];
}

const parsedCache = new WeakMap<Dissection, ParsedMessage>();

/** The decoded internals of a dissection made by {@link dissect}. */
export function getParsed(d: Dissection): ParsedMessage | undefined {
  return parsedCache.get(d);
}

const EMPTY_SUMMARY: Summary = {
  fmt: null,
  aaguid: null,
  authenticatorName: null,
  credentialId: null,
  signCount: null,
  flags: null,
  alg: null,
  rpIdHash: null,
};

/**
 * Dissects any accepted input (see module doc). Bytes of each decoded part are in `sources`, keyed by
 * the Field.source names: 'credential' (the JSON text of the response), 'clientDataJSON',
 * 'attestationObject', 'authenticatorData', 'signature', 'userHandle', 'coseKey', 'input'.
 */
export function dissect(input: unknown, options: DissectOptions = {}): Dissection {
  let d: { dissection: Dissection; parsed: ParsedMessage };
  try {
    d = withFieldBudget(FIELD_BUDGET, () => dissectInner(input, options));
  } catch (e) {
    // Defensive: a decoder bug must still not crash the caller.
    d = {
      dissection: {
        kind: 'unknown',
        summary: { ...EMPTY_SUMMARY },
        tree: [],
        errors: [
          {
            code: 'internal-error',
            message: `internal dissector error: ${e instanceof Error ? e.message : String(e)}`,
            path: 'input',
            source: 'input',
            offset: 0,
          },
        ],
        sources: {},
      },
      parsed: { kind: 'unknown' },
    };
  }
  for (const f of d.dissection.tree) {
    fillDefaults(f, undefined);
    boundValues(f);
  }
  parsedCache.set(d.dissection, d.parsed);
  return d.dissection;
}

function dissectInner(input: unknown, options: DissectOptions): { dissection: Dissection; parsed: ParsedMessage } {
  const n = normalizeInput(input);
  if (n.form === 'error') {
    if (typeof input === 'string' && !n.errors.some((e) => e.code === 'input-too-large')) {
      // Show the text itself as the 'input' source so the error's offset points into it.
      const bytes = fromUtf8(input);
      const errors = n.errors.map((e) => ({ ...e, offset: Math.min(e.offset, bytes.length) }));
      const tree: Field[] = bytes.length
        ? [
            {
              key: 'input',
              path: 'input',
              source: 'input',
              range: [0, bytes.length],
              value: input.length > 200 ? `${input.slice(0, 200)}…` : input,
              display: `${nBytes(bytes.length)} of text, not recognized`,
              severity: 'error',
              explain: 'common.unparsed',
            },
          ]
        : [];
      return {
        dissection: { kind: 'unknown', summary: { ...EMPTY_SUMMARY }, tree, errors, sources: { input: bytes } },
        parsed: { kind: 'unknown' },
      };
    }
    return {
      dissection: {
        kind: 'unknown',
        summary: { ...EMPTY_SUMMARY },
        tree: [],
        errors: n.errors.map((e) => ({ ...e, offset: 0 })),
        sources: {},
      },
      parsed: { kind: 'unknown' },
    };
  }
  if (n.form === 'json') return dissectJson(n.bytes, options);
  // binary: choose among base64 / hex readings the one that decodes as something known
  const candidates = [n.bytes, ...n.alternatives];
  let best: { dissection: Dissection; parsed: ParsedMessage } | undefined;
  for (const c of candidates) {
    const r = dissectBinary(c, options);
    if (!best || score(r.dissection) > score(best.dissection)) best = r;
  }
  return best!;
}

function score(d: Dissection): number {
  return (d.kind === 'unknown' ? 0 : 1000) - Math.min(d.errors.length, 999);
}

// ------------------------------------------------------------------ lone binary parts

function dissectBinary(bytes: Uint8Array, options: DissectOptions): { dissection: Dissection; parsed: ParsedMessage } {
  if (bytes.length && bytes[0] === 0x7b) {
    const j = dissectJson(bytes, options);
    if (j.dissection.kind !== 'unknown') return j;
  }
  const cb = parseCbor(bytes, { source: 'input', path: 'input' });
  const root = cb.node;
  if (root?.type === 'map') {
    const textKeys = root.entries.filter((e) => e.key.type === 'text').map((e) => (e.key as { value: string }).value);
    if (textKeys.includes('fmt') || textKeys.includes('authData') || textKeys.includes('attStmt')) {
      return attestationObjectOnly(bytes, options);
    }
    if (cborGet(root, 1) && (cborGet(root, 3) || cborGet(root, -1))) return coseKeyOnly(bytes);
  }
  if (bytes.length >= 37) {
    const ad = dissectAuthenticatorData(bytes, { rpIds: options.rpIds });
    if (!ad.errors.length) {
      return finish(
        'authenticatorData',
        [ad.field],
        ad.errors,
        { authenticatorData: bytes },
        { kind: 'authenticatorData', authData: ad.data },
        options,
      );
    }
  }
  if (root && !cb.errors.length && root.type === 'map') {
    // Some other CBOR map: show it generically.
    const f = cborField(root, { key: 'input', path: 'input', source: 'input', explain: 'input.cbor' });
    const tree = [f];
    if (cb.trailing) tree.push(unparsedField(bytes, cb.trailing[0], cb.trailing[1], 'input', 'input', 'trailing bytes'));
    return finish(
      'unknown',
      tree,
      [
        {
          code: 'input-not-recognized',
          message: 'the input is a CBOR map but neither an attestation object nor a COSE key',
          path: 'input',
          source: 'input',
          offset: 0,
        },
      ],
      { input: bytes },
      { kind: 'unknown' },
      options,
    );
  }
  if (bytes.length >= 37) {
    // Most likely authenticator data with problems: show the partial dissection.
    const ad = dissectAuthenticatorData(bytes, { rpIds: options.rpIds });
    return finish(
      'authenticatorData',
      [ad.field],
      ad.errors,
      { authenticatorData: bytes },
      { kind: 'authenticatorData', authData: ad.data },
      options,
    );
  }
  const errors: DecodeError[] = [
    bytes.length === 0
      ? { code: 'input-empty', message: 'the input is empty', path: 'input', source: 'input', offset: 0 }
      : {
          code: 'input-not-recognized',
          message: `${nBytes(bytes.length)} that are not an attestation object, authenticator data, clientDataJSON or COSE key`,
          path: 'input',
          source: 'input',
          offset: 0,
        },
  ];
  const tree: Field[] = bytes.length
    ? [
        {
          key: 'input',
          path: 'input',
          source: 'input',
          range: [0, bytes.length],
          value: toBase64Url(bytes),
          display: `${nBytes(bytes.length)}, not recognized`,
          severity: 'error',
          explain: 'common.unparsed',
        },
      ]
    : [];
  return finish('unknown', tree, errors, { input: bytes }, { kind: 'unknown' }, options);
}

function attestationObjectOnly(bytes: Uint8Array, options: DissectOptions) {
  const ao = dissectAttestationObject(bytes, { rpIds: options.rpIds });
  return finish(
    'attestationObject',
    [ao.field],
    ao.errors,
    { ...ao.sources, attestationObject: bytes },
    { kind: 'attestationObject', attestation: ao.data, authData: ao.data?.authData ?? null },
    options,
  );
}

function coseKeyOnly(bytes: Uint8Array) {
  const r = decodeCoseKey(bytes, 'coseKey', 'coseKey');
  const errors = [...r.errors];
  const tree: Field[] = [];
  if (r.node) {
    tree.push(coseKeyField(r.node, { key: 'coseKey', path: 'coseKey', source: 'coseKey' }));
    if (r.node.end < bytes.length)
      tree.push(unparsedField(bytes, r.node.end, bytes.length, 'coseKey', 'coseKey', 'bytes after the COSE key'));
  } else tree.push(unparsedField(bytes, 0, bytes.length, 'coseKey', 'coseKey', errors[0]?.message ?? 'not CBOR'));
  return finish('coseKey', tree, errors, { coseKey: bytes }, { kind: 'coseKey', coseKeyNode: r.node }, {}, r.key?.alg ?? null);
}

// ------------------------------------------------------------------ JSON: responses and clientDataJSON

function memberPath(parent: string, name: string) {
  return `${parent}${jsonPathSegment(name)}`;
}

function dissectJson(bytes: Uint8Array, options: DissectOptions): { dissection: Dissection; parsed: ParsedMessage } {
  const r = parseJson(bytes, { source: 'credential', path: 'credential' });
  const node = r.node;
  // A lone clientDataJSON
  if (
    node?.type === 'object' &&
    jsonGetLast(node, 'challenge') &&
    jsonGetLast(node, 'type') &&
    !jsonGetLast(node, 'response') &&
    !jsonGetLast(node, 'clientDataJSON')
  ) {
    const cd = dissectClientData(bytes);
    return finish(
      'clientDataJSON',
      [cd.field],
      cd.errors,
      { clientDataJSON: bytes },
      { kind: 'clientDataJSON', clientData: cd.data, clientDataJSON: bytes },
      options,
    );
  }
  const errors: DecodeError[] = [...r.errors];
  const credField: Field = node
    ? jsonField(bytes, node, { key: 'credential', path: 'credential', source: 'credential' })
    : { key: 'credential', path: 'credential', source: 'credential', range: [0, 0], value: null, display: 'not JSON', severity: 'error' };
  // Cover leading/trailing whitespace, BOM and anything after a syntax error.
  const outer: Field = {
    key: 'credential',
    path: 'credential',
    source: 'credential',
    range: [0, bytes.length],
    value: credField.value,
    display: credField.display,
    explain: 'credential',
    spec: `${WEBAUTHN}#dom-publickeycredential-tojson`,
    children: credField.children,
  };
  const start = node ? node.start : 0;
  const end = node ? node.end : 0;
  const kids: Field[] = [];
  if (start > 0)
    kids.push({
      key: 'syntax',
      path: 'credential#syntax@0',
      source: 'credential',
      range: [0, start],
      value: null,
      display: 'whitespace / byte order mark',
      explain: 'json.syntax',
    });
  if (node && node.type !== 'object' && node.type !== 'array') kids.push({ ...credField, key: 'value', path: 'credential#value' });
  else kids.push(...(credField.children ?? []));
  if (end < bytes.length) {
    if (r.errors.length) kids.push(unparsedField(bytes, end, bytes.length, 'credential', 'credential', r.errors[0].message));
    else
      kids.push({
        key: 'syntax',
        path: `credential#syntax@${end}`,
        source: 'credential',
        range: [end, bytes.length],
        value: null,
        display: 'whitespace',
        explain: 'json.syntax',
      });
  }
  outer.children = kids;
  if (r.errors.length) outer.severity = 'error';

  const sources: Record<string, Uint8Array> = { credential: bytes };
  const tree: Field[] = [outer];
  const parsed: ParsedMessage = { kind: 'unknown' };

  if (!node || node.type !== 'object') {
    if (node)
      errors.push({
        code: 'credential-not-object',
        message: `expected a JSON object (a WebAuthn response), got ${node.type}`,
        path: 'credential',
        source: 'credential',
        offset: node.start,
      });
    return finish('unknown', tree, errors, sources, parsed, options);
  }

  // Options on their own: what the RP asked for (./options.ts).
  const opts = optionsOf(node, 'credential');
  if (opts) {
    errors.push(...annotateOptions(outer, opts, 'credential'));
    return finish(opts.kind, tree, errors, sources, { kind: opts.kind }, options);
  }

  // Locate the credential object and its `response` member.
  let cred: JsonNode = node;
  let credPath = 'credential';
  const inner = jsonGetLast(node, 'response');
  if (inner?.type === 'object' && jsonGetLast(inner, 'response')?.type === 'object') {
    // a wrapper such as a test-vector case: { response: PublicKeyCredentialJSON }
    cred = inner;
    credPath = memberPath('credential', 'response');
  }
  let resp: JsonNode = cred;
  let respPath = credPath;
  const rr = jsonGetLast(cred, 'response');
  if (rr?.type === 'object') {
    resp = rr;
    respPath = memberPath(credPath, 'response');
  }
  const member = (obj: JsonNode, name: string) => jsonGetLast(obj, name);
  const cdjNode = member(resp, 'clientDataJSON');
  const aoNode = member(resp, 'attestationObject');
  const adNode = member(resp, 'authenticatorData');
  const sigNode = member(resp, 'signature');
  const uhNode = member(resp, 'userHandle');
  const kind: MessageKind = aoNode ? 'registration' : adNode || sigNode ? 'authentication' : 'unknown';
  parsed.kind = kind;
  if (kind === 'unknown') {
    errors.push({
      code: 'credential-not-recognized',
      message:
        'expected a WebAuthn response: an object with response.clientDataJSON and response.attestationObject (registration) or response.authenticatorData and response.signature (authentication)',
      path: credPath,
      source: 'credential',
      offset: cred.start,
    });
    return finish('unknown', tree, errors, sources, parsed, options);
  }

  /** Decodes a base64url member; annotates its field; records located errors. */
  const decodeMember = (vnode: JsonNode | undefined, name: string, required: boolean, hexDer = false): Uint8Array | undefined => {
    const p = memberPath(respPath, name);
    const f = findField(outer, p);
    if (!vnode) {
      if (required)
        errors.push({ code: 'member-missing', message: `response.${name} is missing`, path: p, source: 'credential', offset: resp.start });
      return undefined;
    }
    if (vnode.type === 'null' && !required) return undefined;
    if (vnode.type !== 'string') {
      errors.push({
        code: 'member-not-string',
        message: `response.${name} must be a base64url string, got ${vnode.type}`,
        path: p,
        source: 'credential',
        offset: vnode.start,
      });
      if (f) f.severity = 'error';
      return undefined;
    }
    const dec = decodeMemberBytes(
      vnode.value,
      hexDer
        ? { hexDerFallback: (hex, b64) => !('error' in parseEcdsaDerSignature(hex)) && (!b64 || 'error' in parseEcdsaDerSignature(b64)) }
        : {},
    );
    if (!dec.ok) {
      errors.push({
        code: 'member-not-base64url',
        message: `response.${name} is not base64url: ${dec.message}`,
        path: p,
        source: 'credential',
        offset: Math.min(vnode.start + 1 + dec.index, vnode.end - 1),
      });
      if (f) {
        f.severity = 'error';
        f.display += ` [not base64url: ${dec.message}]`;
      }
      return undefined;
    }
    if (dec.note) (parsed.misspelt ??= []).push(p);
    if (f) {
      f.explain = `credential.${name}`;
      f.display = `${dec.note?.startsWith('hex') ? 'hex' : 'base64url'}, ${nBytes(dec.bytes.length)} (decoded below as ${name})`;
      if (dec.note) {
        f.severity ??= 'info';
        f.display += ` [${dec.note}]`;
      }
    }
    return dec.bytes;
  };

  // Credential-level members
  annotateCredential(outer, cred, credPath, resp, respPath);
  const ext = member(cred, 'clientExtensionResults');
  if (ext) {
    const ef = findField(outer, memberPath(credPath, 'clientExtensionResults'));
    if (ef && ext.type === 'object') annotateClientExtensionResults(ef);
    parsed.clientExtensionResults = ext.type === 'object' ? ef?.value : undefined;
  }
  const typeNode = member(cred, 'type');
  parsed.credentialType = typeNode === undefined ? undefined : typeNode.type === 'string' ? typeNode.value : null;
  const rawIdNode = member(cred, 'rawId') ?? member(cred, 'id');
  if (rawIdNode?.type === 'string') {
    const dec = decodeMemberBytes(rawIdNode.value);
    if (dec.ok) parsed.rawId = dec.bytes;
    if (dec.ok && dec.note && member(cred, 'rawId')) (parsed.misspelt ??= []).push(memberPath(credPath, 'rawId'));
  }
  const idNode = member(cred, 'id');
  if (idNode?.type === 'string') parsed.id = idNode.value;
  const rawText = member(cred, 'rawId');
  if (rawText?.type === 'string') parsed.rawIdText = rawText.value;
  const transports = member(resp, 'transports');
  if (transports) parsed.transports = findField(outer, memberPath(respPath, 'transports'))?.value;

  // clientDataJSON
  const cdj = decodeMember(cdjNode, 'clientDataJSON', true);
  let rpIds = [...(options.rpIds ?? [])];
  if (cdj) {
    sources.clientDataJSON = cdj;
    const cd = dissectClientData(cdj);
    tree.push(cd.field);
    errors.push(...cd.errors);
    parsed.clientData = cd.data;
    parsed.clientDataJSON = cdj;
    if (typeof cd.data?.origin === 'string') rpIds = [...rpIds, ...rpIdCandidates(cd.data.origin)];
  }
  rpIds = [...new Set(rpIds)];

  if (kind === 'registration') {
    const ao = decodeMember(aoNode, 'attestationObject', true);
    if (ao) {
      sources.attestationObject = ao;
      const a = dissectAttestationObject(ao, { rpIds });
      if (a.sources) Object.assign(sources, a.sources);
      tree.push(a.field);
      errors.push(...a.errors);
      parsed.attestation = a.data;
      parsed.authData = a.data?.authData ?? null;
    }
    // L3 convenience members: authenticatorData, publicKeyAlgorithm must agree with the attestation object.
    if (adNode?.type === 'string' && parsed.authData) {
      const dec = decodeMemberBytes(adNode.value);
      const f = findField(outer, memberPath(respPath, 'authenticatorData'));
      if (f) {
        f.explain = 'credential.authenticatorData';
        const same = dec.ok && equalBytes(dec.bytes, parsed.authData.bytes);
        f.display = same ? 'base64url, the same bytes as attestationObject.authData' : '[differs from attestationObject.authData]';
        if (!same) f.severity = 'warn';
      }
    }
    const pka = member(resp, 'publicKeyAlgorithm');
    const keyAlg = parsed.authData?.attestedCredentialData?.coseKey?.alg;
    if (pka) {
      const f = findField(outer, memberPath(respPath, 'publicKeyAlgorithm'));
      if (f) {
        f.explain = 'credential.publicKeyAlgorithm';
        if (pka.type === 'number' && keyAlg !== undefined && pka.value !== keyAlg) {
          f.severity = 'warn';
          f.display += ` [differs from the credential public key's alg ${keyAlg}]`;
        }
      }
    }
    const pk = member(resp, 'publicKey');
    if (pk) {
      const f = findField(outer, memberPath(respPath, 'publicKey'));
      if (f) f.explain = 'credential.publicKey';
    }
    // id vs authData credential id (informational: some libraries' fixtures use placeholders)
    const acd = parsed.authData?.attestedCredentialData;
    if (acd && parsed.rawId && !equalBytes(parsed.rawId, acd.credentialId)) {
      const f = findField(outer, memberPath(credPath, member(cred, 'rawId') ? 'rawId' : 'id'));
      if (f) {
        f.severity = 'warn';
        f.display += ' [differs from the credential ID in authData]';
      }
    }
  } else {
    const ad = decodeMember(adNode, 'authenticatorData', true);
    let keyAlg: number | undefined;
    if (options.credentialPublicKey) {
      const kb =
        typeof options.credentialPublicKey === 'string'
          ? decodeMemberBytes(options.credentialPublicKey)
          : { ok: true as const, bytes: options.credentialPublicKey };
      if (kb.ok) {
        const k = decodeCoseKey(kb.bytes);
        keyAlg = k.key?.alg;
        parsed.coseKeyNode = k.node;
      }
    }
    if (ad) {
      sources.authenticatorData = ad;
      const a = dissectAuthenticatorData(ad, { source: 'authenticatorData', path: 'authenticatorData', rpIds, ceremony: 'authentication' });
      a.field.key = 'authenticatorData';
      tree.push(a.field);
      errors.push(...a.errors);
      parsed.authData = a.data;
    }
    const sig = decodeMember(sigNode, 'signature', true, true);
    if (sig) {
      sources.signature = sig;
      parsed.signature = sig;
      const s = dissectSignature(sig, { alg: keyAlg });
      tree.push(s.field);
      // A signature that does not match the stored key's algorithm is a verification matter, not a decoding error.
      if (keyAlg === undefined) errors.push(...s.errors);
    }
    const uh = decodeMember(uhNode, 'userHandle', false);
    parsed.userHandle = uh ?? null;
    if (uh && uh.length) {
      sources.userHandle = uh;
      tree.push(dissectUserHandle(uh));
    }
    return finish(kind, tree, errors, sources, parsed, options, keyAlg ?? null);
  }
  return finish(kind, tree, errors, sources, parsed, options);
}

function annotateCredential(outer: Field, cred: JsonNode, credPath: string, resp: JsonNode, respPath: string) {
  const set = (path: string, explain: string, spec: string, check?: (f: Field) => void) => {
    const f = findField(outer, path);
    if (!f) return;
    f.explain = explain;
    f.spec = spec;
    check?.(f);
  };
  set(memberPath(credPath, 'id'), 'credential.id', `${WEBAUTHN}#dom-credential-id`);
  set(memberPath(credPath, 'rawId'), 'credential.rawId', `${WEBAUTHN}#dom-publickeycredential-rawid`, (f) => {
    const id = jsonGetLast(cred, 'id');
    const raw = jsonGetLast(cred, 'rawId');
    if (id?.type === 'string' && raw?.type === 'string' && id.value !== raw.value) {
      const a = decodeMemberBytes(id.value);
      const b = decodeMemberBytes(raw.value);
      if (!(a.ok && b.ok && equalBytes(a.bytes, b.bytes))) {
        f.severity = 'warn';
        f.display += ' [differs from id]';
      }
    }
  });
  set(memberPath(credPath, 'type'), 'credential.type', `${WEBAUTHN}#dom-credential-type`, (f) => {
    if (f.value !== 'public-key') {
      f.severity = 'warn';
      f.display += ' [expected "public-key"]';
    }
  });
  set(
    memberPath(credPath, 'authenticatorAttachment'),
    'credential.authenticatorAttachment',
    `${WEBAUTHN}#dom-publickeycredential-authenticatorattachment`,
  );
  set(memberPath(credPath, 'response'), 'credential.response', `${WEBAUTHN}#authenticatorresponse`);
  set(memberPath(respPath, 'transports'), 'credential.transports', `${WEBAUTHN}#dom-authenticatorattestationresponse-gettransports`);
  void resp;
}

/** The origin's host and its parent domains (candidate RP IDs; an RP ID is a registrable suffix of the origin's host). */
export function rpIdCandidates(origin: string): string[] {
  let host: string;
  try {
    const u = new URL(origin);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return [];
    host = u.hostname;
  } catch {
    return [];
  }
  if (!host || /^\[|^\d+\.\d+\.\d+\.\d+$/.test(host)) return host ? [host] : [];
  const labels = host.split('.');
  const out: string[] = [];
  for (let i = 0; i < labels.length; i++) {
    if (i > 0 && i === labels.length - 1) break; // never a bare TLD
    out.push(labels.slice(i).join('.'));
  }
  return out;
}

function finish(
  kind: MessageKind,
  tree: Field[],
  errors: DecodeError[],
  sources: Record<string, Uint8Array>,
  parsed: ParsedMessage,
  options: DissectOptions,
  alg: number | null = null,
): { dissection: Dissection; parsed: ParsedMessage } {
  const summary: Summary = { ...EMPTY_SUMMARY };
  const ad = parsed.authData;
  if (parsed.attestation?.fmt !== undefined) summary.fmt = parsed.attestation.fmt;
  if (ad) {
    summary.signCount = ad.signCount;
    summary.flags = flagsJson(ad.flags);
    summary.rpIdHash = toHex(ad.rpIdHash);
    const acd = ad.attestedCredentialData;
    if (acd) {
      summary.aaguid = acd.aaguidText;
      summary.credentialId = toBase64Url(acd.credentialId);
      summary.alg = acd.coseKey?.alg ?? null;
    }
  }
  if (summary.credentialId === null && parsed.rawId) summary.credentialId = toBase64Url(parsed.rawId);
  if (summary.alg === null && alg !== null) summary.alg = alg;
  if (summary.aaguid && options.aaguidNames) {
    const n = typeof options.aaguidNames === 'function' ? options.aaguidNames(summary.aaguid) : options.aaguidNames[summary.aaguid];
    summary.authenticatorName = n ?? null;
  }
  return { dissection: { kind, summary, tree, errors, sources }, parsed };
}

/** Every field gets an explanation id and a spec link: its own, or else its parent's. */
/** A container's value larger than this is left to its children (each level would otherwise copy it again). */
const MAX_CONTAINER_VALUE = 16 * 1024;
/** A leaf's value larger than this is not copied into the tree (its bytes stay in the sources, for the hex view). */
const MAX_LEAF_VALUE = 64 * 1024;

/**
 * Bounds the tree to a small multiple of the input: every field's JSON value repeats what its
 * children hold, so a large message nested n deep would be stored n times over. Returns the
 * estimated JSON size of `f`'s value.
 */
function boundValues(f: Field): number {
  if (f.children?.length) {
    const size = f.children.reduce((n, c) => n + boundValues(c), 0);
    if (size > MAX_CONTAINER_VALUE) f.value = null;
    return size;
  }
  const size =
    typeof f.value === 'string' ? f.value.length : f.value === null || typeof f.value !== 'object' ? 16 : JSON.stringify(f.value).length;
  if (size > MAX_LEAF_VALUE) f.value = null;
  return size;
}

function fillDefaults(f: Field, parent: Field | undefined) {
  if (!f.explain) f.explain = parent?.explain ?? 'common.field';
  if (!f.spec) f.spec = parent?.spec ?? WEBAUTHN;
  for (const c of f.children ?? []) fillDefaults(c, f);
}
