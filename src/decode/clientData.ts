/**
 * clientDataJSON (WebAuthn L3 §5.8.1 CollectedClientData): type, challenge (text and bytes), origin,
 * crossOrigin, topOrigin, tokenBinding (L2) and any other member, in the order sent, with every byte
 * (punctuation and whitespace included) covered by a leaf.
 *
 * Spec: https://www.w3.org/TR/webauthn-3/#dictdef-collectedclientdata
 */
import type { DecodeError, Field } from './types';
import { parseJson, jsonField, memberField, fillGaps, type JsonNode } from './json';
import { decodeBase64Any, toHex, toBase64Url } from './bytes';
import { unparsedField } from './cbor/field.ts';
import { WEBAUTHN, WEBAUTHN_L2 } from './spec.ts';

/** The members the dissector knows, as the verification steps need them. */
export interface ClientData {
  type?: unknown;
  challenge?: unknown;
  origin?: unknown;
  crossOrigin?: unknown;
  topOrigin?: unknown;
  tokenBinding?: unknown;
  /** The challenge decoded from base64url, when it is valid base64url. */
  challengeBytes?: Uint8Array;
  /** All members (JSON.parse semantics: the last duplicate wins). */
  all: Record<string, unknown>;
  /** Member names in the order sent. */
  order: string[];
  duplicates: string[];
}

const KNOWN: Record<string, { explain: string; spec: string }> = {
  type: { explain: 'clientData.type', spec: `${WEBAUTHN}#dom-collectedclientdata-type` },
  challenge: { explain: 'clientData.challenge', spec: `${WEBAUTHN}#dom-collectedclientdata-challenge` },
  origin: { explain: 'clientData.origin', spec: `${WEBAUTHN}#dom-collectedclientdata-origin` },
  crossOrigin: { explain: 'clientData.crossOrigin', spec: `${WEBAUTHN}#dom-collectedclientdata-crossorigin` },
  topOrigin: { explain: 'clientData.topOrigin', spec: `${WEBAUTHN}#dom-collectedclientdata-toporigin` },
  tokenBinding: { explain: 'clientData.tokenBinding', spec: `${WEBAUTHN_L2}#dom-collectedclientdata-tokenbinding` },
};

/** Valid TokenBindingStatus values (WebAuthn L2 §5.8.1). */
export const TOKEN_BINDING_STATUSES = ['present', 'supported'];

/**
 * Dissects clientDataJSON bytes into a Field tree (source `source`, default 'clientDataJSON') and the
 * decoded {@link ClientData}. Never throws; malformed JSON yields a partial tree, an 'unparsed' leaf and
 * a located error.
 */
export function dissectClientData(
  bytes: Uint8Array,
  opts: { source?: string; path?: string } = {},
): { field: Field; data: ClientData | null; errors: DecodeError[] } {
  const source = opts.source ?? 'clientDataJSON';
  const path = opts.path ?? 'clientDataJSON';
  const r = parseJson(bytes, { source, path });
  const errors = [...r.errors];
  const root: Field = {
    key: 'clientDataJSON',
    path,
    source,
    range: [0, bytes.length],
    value: null,
    display: `${bytes.length} bytes of JSON`,
    explain: 'clientData',
    spec: `${WEBAUTHN}#dom-authenticatorresponse-clientdatajson`,
  };
  const node = r.node;
  if (!node) {
    root.severity = 'error';
    root.children = bytes.length ? [unparsedField(bytes, 0, bytes.length, path, source, errors[0]?.message ?? 'not JSON')] : [];
    if (!bytes.length)
      errors.push({ code: 'clientdata-empty', message: 'clientDataJSON is empty; expected a JSON object', path, source, offset: 0 });
    return { field: root, data: null, errors };
  }
  if (node.type !== 'object') {
    errors.push({
      code: 'clientdata-not-object',
      message: `clientDataJSON must be a JSON object, got ${node.type}`,
      path,
      source,
      offset: node.start,
    });
    const f = jsonField(bytes, node, { key: 'value', path, source });
    root.children = fillGaps(bytes, [f], 0, bytes.length, path, source);
    root.severity = 'error';
    return { field: root, data: null, errors };
  }
  const data: ClientData = { all: {}, order: [], duplicates: node.duplicates ?? [] };
  const kids: Field[] = [];
  for (const m of node.members) {
    const name = m.key.value;
    const dup = data.duplicates.includes(name);
    const f = memberField(bytes, m, path, source, dup);
    data.order.push(name);
    const known = KNOWN[name];
    if (known) {
      f.explain = known.explain;
      f.spec = known.spec;
    } else {
      f.explain = 'clientData.unknownKey';
      f.spec = `${WEBAUTHN}#clientdatajson-serialization`;
      f.severity ??= 'info';
      f.display += ' (member not defined by WebAuthn L3)';
    }
    annotate(f, name, m.value, data);
    data.all[name] = f.value;
    kids.push(f);
  }
  root.value = data.all;
  root.children = fillGaps(bytes, kids, 0, bytes.length, path, source);
  if (node.incomplete || r.trailing) {
    const from = r.trailing ? r.trailing[0] : node.end;
    // replace the trailing syntax leaf by an 'unparsed' error leaf
    root.children = fillGaps(bytes, kids, 0, from, path, source);
    root.children.push(unparsedField(bytes, from, bytes.length, path, source, errors[0]?.message ?? 'not decoded'));
    root.severity = 'error';
  }
  const order = data.order.slice(0, 3).join(',');
  if (order !== 'type,challenge,origin') {
    root.display += ` (member order ${data.order.join(', ')}; browsers serialize type, challenge, origin first)`;
  } else {
    root.display = `${String(data.type)} from ${String(data.origin)}`;
  }
  for (const want of ['type', 'challenge', 'origin']) {
    if (!(want in data.all)) {
      errors.push({
        code: 'clientdata-missing-member',
        message: `clientDataJSON has no "${want}" member`,
        path: `${path}.${want}`,
        source,
        offset: node.start,
      });
    }
  }
  return { field: root, data, errors };
}

function annotate(f: Field, name: string, v: JsonNode, data: ClientData) {
  const value = f.value;
  const mark = (sev: 'warn' | 'error', msg: string) => {
    f.severity = sev;
    f.display += ` [${msg}]`;
  };
  switch (name) {
    case 'type':
      data.type = value;
      if (typeof value !== 'string') mark('error', 'expected a string');
      else if (value !== 'webauthn.create' && value !== 'webauthn.get') mark('warn', 'not webauthn.create or webauthn.get');
      break;
    case 'challenge': {
      data.challenge = value;
      if (typeof value !== 'string') {
        mark('error', 'expected a base64url string');
        break;
      }
      const d = decodeBase64Any(value);
      if (d.ok) {
        data.challengeBytes = d.bytes;
        f.value = { text: value, base64url: toBase64Url(d.bytes), hex: toHex(d.bytes), byteLength: d.bytes.length };
        f.display = `${JSON.stringify(value.length > 48 ? `${value.slice(0, 45)}…` : value)} (${d.bytes.length} bytes)`;
        if (d.info.padded || d.info.alphabet === 'base64') mark('warn', 'not unpadded base64url');
        if (d.bytes.length < 16) mark('warn', `only ${d.bytes.length} bytes; challenges should be at least 16 random bytes`);
      } else {
        f.value = { text: value, base64url: null };
        mark('warn', `not base64url: ${d.message}`);
      }
      break;
    }
    case 'origin':
      data.origin = value;
      if (typeof value !== 'string') mark('error', 'expected a string');
      break;
    case 'crossOrigin':
      data.crossOrigin = value;
      if (typeof value !== 'boolean') mark('error', 'expected a boolean');
      else if (value) f.display += ' (created/used in a cross-origin iframe)';
      break;
    case 'topOrigin':
      data.topOrigin = value;
      if (typeof value !== 'string') mark('error', 'expected a string');
      break;
    case 'tokenBinding': {
      data.tokenBinding = value;
      if (v.type !== 'object') {
        mark('warn', 'expected an object {status, id}; some U2F-era clients send a string');
        break;
      }
      const st = (value as Record<string, unknown>).status;
      if (typeof st !== 'string' || !TOKEN_BINDING_STATUSES.includes(st))
        mark('error', `status ${JSON.stringify(st)} is not "present" or "supported"`);
      for (const c of f.children ?? []) {
        if (c.key === 'status') c.explain = 'clientData.tokenBinding.status';
        if (c.key === 'id') c.explain = 'clientData.tokenBinding.id';
      }
      break;
    }
  }
}
