/**
 * The attestation object (WebAuthn L3 §6.5): a CBOR map {fmt, attStmt, authData}. fmt is shown as text,
 * attStmt is handed to the per-format registry (attestation/index), authData is dissected in place (its
 * ranges point into the attestation object). Trailing bytes and non-canonical CBOR are flagged.
 *
 * Spec: https://www.w3.org/TR/webauthn-3/#sctn-attestation
 */
import { nBytes } from './bytes.ts';
import type { CborNode, DecodeError, Field } from './types';
import { parseCbor } from './cbor/parse.ts';
import { cborBreakField, cborField, cborEntryField, cborKeyLeaf, cborHeaderField, unparsedField } from './cbor/field.ts';
import { cborDisplay } from './cbor/value.ts';
import { keyLabel, pathSegment } from './cbor/parse.ts';
import { dissectAuthenticatorData, type AuthenticatorData } from './authenticatorData';
import { dissectAttStmt } from './attestation/index';
import { WEBAUTHN } from './spec.ts';

const SPEC_ATTESTATION_OBJECT = `${WEBAUTHN}#sctn-attestation`;

export interface AttestationObject {
  fmt?: string;
  attStmt?: CborNode;
  authData?: AuthenticatorData;
  /** [start, end) of the authData byte string's content in the attestation object. */
  authDataRange?: [number, number];
  root: CborNode;
}

/**
 * Dissects attestation object bytes. Never throws; malformed CBOR yields the partial tree, an
 * 'unparsed' leaf and located errors.
 */
export function dissectAttestationObject(
  bytes: Uint8Array,
  opts: { source?: string; path?: string; rpIds?: string[] } = {},
): { field: Field; data: AttestationObject | null; errors: DecodeError[]; sources?: Record<string, Uint8Array> } {
  const source = opts.source ?? 'attestationObject';
  let extraSources: Record<string, Uint8Array> | undefined;
  const path = opts.path ?? 'attestationObject';
  const errors: DecodeError[] = [];
  const root: Field = {
    key: 'attestationObject',
    path,
    source,
    range: [0, bytes.length],
    value: null,
    display: `${bytes.length} bytes of CBOR`,
    explain: 'attestationObject',
    spec: SPEC_ATTESTATION_OBJECT,
  };
  if (bytes.length === 0) {
    errors.push({
      code: 'attestation-object-empty',
      message: 'attestationObject is empty; expected a CBOR map {fmt, attStmt, authData}',
      path,
      source,
      offset: 0,
    });
    root.children = [];
    root.severity = 'error';
    return { field: root, data: null, errors };
  }
  const r = parseCbor(bytes, { source, path });
  errors.push(...r.errors);
  const node = r.node;
  if (!node) {
    root.children = [unparsedField(bytes, 0, bytes.length, path, source, r.errors[0]?.message ?? 'not CBOR')];
    root.severity = 'error';
    return { field: root, data: null, errors };
  }
  if (node.type !== 'map') {
    errors.push({
      code: 'attestation-object-not-map',
      message: `attestationObject must be a CBOR map, got ${cborDisplay(node)}`,
      path,
      source,
      offset: node.start,
    });
    root.children = [cborField(node, { key: 'value', path, source })];
    if (node.end < bytes.length)
      root.children.push(unparsedField(bytes, node.end, bytes.length, path, source, 'not part of the decoded item'));
    root.severity = 'error';
    return { field: root, data: null, errors };
  }

  const data: AttestationObject = { root: node };
  const fmtNode = node.entries.find((e) => e.key.type === 'text' && e.key.value === 'fmt')?.value;
  const fmt = fmtNode?.type === 'text' ? fmtNode.value : undefined;
  if (fmt !== undefined) data.fmt = fmt;
  const children: Field[] = [cborHeaderField(node, path, source)];
  const seen = new Set<string>();

  for (const e of node.entries) {
    const name = e.key.type === 'text' ? e.key.value : undefined;
    const dup = name !== undefined && seen.has(name);
    if (name !== undefined) seen.add(name);
    if (name === undefined || !MEMBERS.has(name)) {
      // Flagged, not expanded: nothing reads it, and a hostile one can be large (one leaf covers its bytes).
      children.push(unknownMember(e, path, source));
      continue;
    }
    if (name === 'authData' && e.value.type === 'bytes' && !e.value.indefinite && !dup) {
      const p = `${path}.authData`;
      const ad = dissectAuthenticatorData(bytes, {
        source,
        path: p,
        offset: e.value.headerEnd,
        end: e.value.end,
        rpIds: opts.rpIds,
        ceremony: 'registration',
      });
      errors.push(...ad.errors);
      if (ad.data) data.authData = ad.data;
      data.authDataRange = [e.value.headerEnd, e.value.end];
      const header = cborHeaderField(e.value, p, source);
      const entry: Field = {
        key: 'authData',
        path: p,
        source,
        range: [e.key.start, e.value.end],
        value: ad.field.value,
        display: `${cborDisplay(e.value).split(' ')[0]}: ${ad.field.display}`,
        explain: 'authData',
        spec: ad.field.spec,
        children: [cborKeyLeaf(e.key, p, source), header, ...(ad.field.children ?? [])],
      };
      if (ad.field.severity) entry.severity = ad.field.severity;
      if (e.value.nonCanonical?.length) {
        entry.severity ??= 'warn';
        entry.display += ` [non-canonical: ${e.value.nonCanonical.join('; ')}]`;
      }
      children.push(entry);
      continue;
    }
    if (name === 'attStmt' && e.value.type === 'map' && !e.value.incomplete && !dup) {
      const p = `${path}.attStmt`;
      let sub: { fields: Field[]; errors: DecodeError[]; sources?: Record<string, Uint8Array> };
      try {
        sub = dissectAttStmt(fmt ?? '', e.value, { source, path: p, bytes });
      } catch (err) {
        // The registry must not throw; if it does, fall back to the generic view and say so.
        sub = {
          fields: [cborField(e.value, { key: 'attStmt', path: p, source })],
          errors: [
            {
              code: 'attstmt-dissector-crashed',
              message: `the ${fmt} statement dissector failed: ${err instanceof Error ? err.message : String(err)}`,
              path: p,
              source,
              offset: e.value.start,
            },
          ],
        };
      }
      data.attStmt = e.value;
      errors.push(...sub.errors);
      if (sub.sources) extraSources = { ...extraSources, ...sub.sources };
      const entry: Field = {
        key: 'attStmt',
        path: p,
        source,
        range: [e.key.start, e.value.end],
        value: sub.fields.length === 1 ? sub.fields[0].value : sub.fields.map((f) => f.value),
        display: `${cborDisplay(e.value)}: ${fmt ?? '?'} attestation statement${e.value.entries.length ? ` (${e.value.entries.map((x) => keyLabel(x.key)).join(', ')})` : ' (empty)'}`,
        explain: 'attStmt',
        spec: `${WEBAUTHN}#attestation-statement`,
        children: [cborKeyLeaf(e.key, p, source), ...sub.fields],
      };
      if (sub.errors.length) entry.severity = 'error';
      children.push(entry);
      continue;
    }
    const f = cborEntryField(e, path, source);
    if (name === 'fmt') {
      f.explain = 'fmt';
      f.spec = `${WEBAUTHN}#sctn-defined-attestation-formats`;
      if (e.value.type !== 'text') {
        f.severity = 'error';
        errors.push({
          code: 'fmt-not-text',
          message: `fmt must be a text string, got ${cborDisplay(e.value)}`,
          path: f.path,
          source,
          offset: e.value.start,
        });
      } else if (!KNOWN_FORMATS.includes(e.value.value)) {
        f.severity ??= 'warn';
        f.display += ' (not a format registered in WebAuthn L3 §8)';
      }
    } else if (name === 'authData' || name === 'attStmt') {
      f.severity = 'error';
      const why = dup
        ? 'duplicate key'
        : name === 'authData'
          ? `authData must be a definite-length byte string, got ${cborDisplay(e.value)}`
          : `attStmt must be a map, got ${cborDisplay(e.value)}`;
      f.display += ` [${why}]`;
      errors.push({
        code: dup ? 'attestation-object-duplicate-key' : `${name}-bad-type`,
        message: why,
        path: f.path,
        source,
        offset: e.value.start,
      });
    }
    children.push(f);
  }
  if (node.indefinite && !node.incomplete) children.push(cborBreakField(node, path, source));
  if (node.nonCanonical?.length) {
    children[0].severity = 'warn';
    children[0].display += ` [non-canonical: ${node.nonCanonical.join('; ')}]`;
  }
  if (node.incomplete) {
    root.severity = 'error';
    children.push(unparsedField(bytes, node.end, bytes.length, path, source, r.errors[0]?.message ?? 'not decoded'));
  } else if (r.trailing) {
    errors.push({
      code: 'trailing-bytes',
      message: `${nBytes(r.trailing[1] - r.trailing[0])} after the attestation object's CBOR map, starting at offset ${r.trailing[0]}`,
      path,
      source,
      offset: r.trailing[0],
    });
    children.push(unparsedField(bytes, r.trailing[0], r.trailing[1], path, source, 'trailing bytes after the CBOR map'));
    root.severity = 'error';
  }
  if (!node.incomplete) {
    for (const want of ['fmt', 'attStmt', 'authData']) {
      if (!seen.has(want)) {
        errors.push({
          code: 'attestation-object-missing-key',
          message: `attestationObject has no "${want}" member`,
          path: `${path}.${want}`,
          source,
          offset: node.start,
        });
        root.severity = 'error';
      }
    }
  }
  root.children = children;
  root.value = { fmt: fmt ?? null, keys: node.entries.map((e) => keyLabel(e.key)) };
  root.display = `${cborDisplay(node)}: fmt ${fmt ? JSON.stringify(fmt) : '(missing)'}`;
  return extraSources ? { field: root, data, errors, sources: extraSources } : { field: root, data, errors };
}

/** Attestation statement formats of WebAuthn L3 §8 (IANA "WebAuthn Attestation Statement Format Identifiers"). */
const KNOWN_FORMATS = ['packed', 'tpm', 'android-key', 'android-safetynet', 'fido-u2f', 'apple', 'none', 'compound'];

const MEMBERS = new Set(['fmt', 'attStmt', 'authData']);

/** A member the attestation object does not define: its key, and its value as one leaf (not expanded, value not copied). */
function unknownMember(e: { key: CborNode; value: CborNode }, parentPath: string, source: string): Field {
  const label = keyLabel(e.key);
  const path = `${parentPath}${pathSegment(label, e.key)}`;
  const value: Field = {
    key: 'value',
    path: `${path}#value`,
    source,
    range: [e.value.start, e.value.end],
    value: null,
    display: `${cborDisplay(e.value)}: not expanded (${nBytes(e.value.end - e.value.start)})`,
    severity: 'warn',
  };
  return {
    key: label,
    path,
    source,
    range: [e.key.start, e.value.end],
    value: null,
    display: `${cborDisplay(e.value)} (not a member of the attestation object: not expanded)`,
    severity: 'warn',
    explain: 'attestationObject.unknownKey',
    children: [cborKeyLeaf(e.key, path, source), value],
  };
}
