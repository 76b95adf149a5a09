/**
 * Client extension results (WebAuthn L3 §9, getClientExtensionResults()): credProps.rk, prf (enabled,
 * results.first / results.second), largeBlob (supported, blob, written), appid, appidExclude,
 * hmacCreateSecret, credProtect-related outputs and unknown ones.
 *
 * These results only exist as JSON (no authenticator bytes), so their ranges point into the UTF-8 JSON
 * text they came in: inside a full response that is the 'response' source (see input.ts); on their own
 * they are serialized with JSON.stringify into the source 'clientExtensionResults'.
 *
 * Spec: https://www.w3.org/TR/webauthn-3/#sctn-extensions
 */
import type { DecodeError, Field } from './types';
import { parseJson, jsonField } from './json';
import { decodeBase64Any, fromUtf8 } from './bytes';
import { CTAP, WEBAUTHN } from './spec.ts';

const KNOWN: Record<string, { explain: string; spec: string }> = {
  credProps: { explain: 'clientExt.credProps', spec: `${WEBAUTHN}#sctn-authenticator-credential-properties-extension` },
  prf: { explain: 'clientExt.prf', spec: `${WEBAUTHN}#prf-extension` },
  largeBlob: { explain: 'clientExt.largeBlob', spec: `${WEBAUTHN}#sctn-large-blob-extension` },
  appid: { explain: 'clientExt.appid', spec: `${WEBAUTHN}#sctn-appid-extension` },
  appidExclude: { explain: 'clientExt.appidExclude', spec: `${WEBAUTHN}#sctn-appid-exclude-extension` },
  hmacCreateSecret: {
    explain: 'clientExt.hmacCreateSecret',
    spec: `${CTAP}#sctn-hmac-secret-extension`,
  },
  credentialProtectionPolicy: {
    explain: 'clientExt.credProtect',
    spec: `${CTAP}#sctn-credProtect-extension`,
  },
  enforceCredentialProtectionPolicy: {
    explain: 'clientExt.credProtect',
    spec: `${CTAP}#sctn-credProtect-extension`,
  },
  credBlob: {
    explain: 'clientExt.credBlob',
    spec: `${CTAP}#sctn-credBlob-extension`,
  },
  getCredBlob: {
    explain: 'clientExt.credBlob',
    spec: `${CTAP}#sctn-credBlob-extension`,
  },
  minPinLength: {
    explain: 'clientExt.minPinLength',
    spec: `${CTAP}#sctn-minpinlength-extension`,
  },
};

function find(f: Field, key: string): Field | undefined {
  return f.children?.find((c) => c.key === key && c.path.endsWith(`.${key}`));
}

function b64Note(c: Field | undefined, what: string) {
  if (!c) return;
  if (typeof c.value !== 'string') {
    c.severity = 'warn';
    c.display += ` [${what} should be base64url text]`;
    return;
  }
  const d = decodeBase64Any(c.value);
  if (d.ok) c.display += ` (${d.bytes.length} bytes)`;
  else {
    c.severity = 'warn';
    c.display += ` [not base64url: ${d.message}]`;
  }
}

function boolNote(c: Field | undefined, yes: string, no: string) {
  if (!c) return;
  if (typeof c.value !== 'boolean') {
    c.severity = 'warn';
    c.display += ' [expected a boolean]';
  } else c.display += ` (${c.value ? yes : no})`;
}

/**
 * Annotates, in place, a jsonField subtree of a clientExtensionResults object: explanations, spec links,
 * decoded lengths of base64url outputs, unknown extensions flagged 'info'.
 */
export function annotateClientExtensionResults(field: Field): void {
  field.explain = 'clientExtensionResults';
  field.spec = `${WEBAUTHN}#dom-publickeycredential-getclientextensionresults`;
  for (const c of field.children ?? []) {
    if (c.key === 'syntax') continue;
    const k = KNOWN[c.key];
    if (!k) {
      c.explain = 'clientExt.unknown';
      c.severity ??= 'info';
      c.display += ' (extension not known to this tool)';
      continue;
    }
    c.explain = k.explain;
    c.spec = k.spec;
    switch (c.key) {
      case 'credProps': {
        const rk = find(c, 'rk');
        if (rk) {
          rk.explain = 'clientExt.credProps.rk';
          boolNote(rk, 'a discoverable credential (passkey) was created', 'a non-discoverable credential was created');
        }
        break;
      }
      case 'prf': {
        const en = find(c, 'enabled');
        if (en) {
          en.explain = 'clientExt.prf.enabled';
          boolNote(en, 'PRF available for this credential', 'PRF not available');
        }
        const res = find(c, 'results');
        if (res) {
          res.explain = 'clientExt.prf.results';
          for (const k2 of ['first', 'second']) {
            const x = find(res, k2);
            if (x) {
              x.explain = `clientExt.prf.${k2}`;
              b64Note(x, k2);
            }
          }
        }
        break;
      }
      case 'largeBlob': {
        const s = find(c, 'supported');
        if (s) {
          s.explain = 'clientExt.largeBlob.supported';
          boolNote(s, 'the authenticator can store a large blob', 'no large-blob support');
        }
        const w = find(c, 'written');
        if (w) {
          w.explain = 'clientExt.largeBlob.written';
          boolNote(w, 'blob written', 'blob NOT written');
        }
        const b = find(c, 'blob');
        if (b) {
          b.explain = 'clientExt.largeBlob.blob';
          b64Note(b, 'blob');
        }
        break;
      }
      case 'appid':
      case 'appidExclude':
        boolNote(c, 'the FIDO U2F AppID was used', 'the AppID was not used');
        break;
      case 'hmacCreateSecret':
        boolNote(c, 'hmac-secret enabled', 'hmac-secret not enabled');
        break;
    }
  }
}

/**
 * Dissects client extension results on their own (an object or its JSON text). The source is
 * 'clientExtensionResults': the UTF-8 JSON text (JSON.stringify of an object; the text as given).
 */
export function dissectClientExtensionResults(input: unknown): { field: Field; bytes: Uint8Array; errors: DecodeError[] } {
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    try {
      text = JSON.stringify(input ?? {});
    } catch (e) {
      text = '{}';
      const bytes = fromUtf8(text);
      const r = parseJson(bytes, { source: 'clientExtensionResults', path: 'clientExtensionResults' });
      const field = jsonField(bytes, r.node!, {
        key: 'clientExtensionResults',
        path: 'clientExtensionResults',
        source: 'clientExtensionResults',
      });
      return {
        field,
        bytes,
        errors: [
          {
            code: 'client-extensions-not-json',
            message: `clientExtensionResults cannot be serialized as JSON: ${e instanceof Error ? e.message : String(e)}`,
            path: 'clientExtensionResults',
            source: 'clientExtensionResults',
            offset: 0,
          },
        ],
      };
    }
  }
  const bytes = fromUtf8(text);
  const r = parseJson(bytes, { source: 'clientExtensionResults', path: 'clientExtensionResults' });
  const errors = [...r.errors];
  const field: Field = r.node
    ? jsonField(bytes, r.node, { key: 'clientExtensionResults', path: 'clientExtensionResults', source: 'clientExtensionResults' })
    : {
        key: 'clientExtensionResults',
        path: 'clientExtensionResults',
        source: 'clientExtensionResults',
        range: [0, bytes.length],
        value: null,
        display: 'not JSON',
        severity: 'error',
      };
  if (r.node && r.node.type !== 'object') {
    errors.push({
      code: 'client-extensions-not-object',
      message: `clientExtensionResults must be a JSON object, got ${r.node.type}`,
      path: 'clientExtensionResults',
      source: 'clientExtensionResults',
      offset: r.node.start,
    });
    field.severity = 'error';
  }
  if (r.node?.type === 'object') annotateClientExtensionResults(field);
  return { field, bytes, errors };
}
