/**
 * Creation and request options pasted on their own (what the RP asked for): the JSON serialization
 * (PublicKeyCredentialCreationOptionsJSON / RequestOptionsJSON, or a `{ publicKey: … }` wrapper) read
 * member by member — the challenge and user.id as the bytes they carry, each algorithm named, each
 * listed credential id's length, the timeout in seconds — with what the spec asks of them marked
 * (a challenge of at least 16 bytes, a user.id of at most 64).
 */
import type { DecodeError, Field } from './types';
import { decodeBase64Any, nBytes, toUtf8 } from './bytes';
import { algName } from './cose/algorithms.ts';
import { jsonGetLast, jsonPathSegment, type JsonNode } from './json';
import { WEBAUTHN } from './spec.ts';

export type OptionsKind = 'creationOptions' | 'requestOptions';

/** The options object (a `publicKey` wrapper unwrapped) and its kind, or null when the JSON is not options. */
export function optionsOf(node: JsonNode, path: string): { node: JsonNode; path: string; kind: OptionsKind } | null {
  let o = node;
  let p = path;
  const wrapped = jsonGetLast(node, 'publicKey');
  if (wrapped?.type === 'object') {
    o = wrapped;
    p = `${path}.publicKey`;
  }
  // A challenge that is not text (a serialized Buffer or Uint8Array: a common server bug) still makes
  // options of the object that has the other members: the review then names the challenge's problem.
  if (o.type !== 'object') return null;
  const challenge = jsonGetLast(o, 'challenge');
  if (!challenge) return null;
  if (jsonGetLast(o, 'response') || jsonGetLast(o, 'type') || jsonGetLast(o, 'clientDataJSON')) return null;
  // Members only creation options have (rp and user are required there; one of them may be what is wrong).
  if (['rp', 'user', 'pubKeyCredParams', 'excludeCredentials', 'authenticatorSelection', 'attestation'].some((k) => jsonGetLast(o, k)))
    return { node: o, path: p, kind: 'creationOptions' };
  const requestish = ['rpId', 'allowCredentials', 'userVerification', 'timeout', 'extensions', 'hints'].some((k) => jsonGetLast(o, k));
  if (challenge.type !== 'string' && !requestish) return null;
  return requestish || o.members.length === 1 ? { node: o, path: p, kind: 'requestOptions' } : null;
}

/** Annotates the option members in `tree` (display, explanation, severity); returns the problems found. */
export function annotateOptions(root: Field, o: { node: JsonNode; path: string; kind: OptionsKind }, source: string): DecodeError[] {
  const errors: DecodeError[] = [];
  // Fields by path, indexed once: a list of thousands of entries is annotated in one pass, not one tree walk each.
  const byPath = new Map<string, Field>();
  const index = (f: Field) => {
    byPath.set(f.path, f);
    for (const c of f.children ?? []) index(c);
  };
  index(root);
  const at = (rel: string) => byPath.get(`${o.path}${rel}`);
  const member = (n: JsonNode, name: string) => jsonGetLast(n, name);
  const problem = (f: Field | undefined, code: string, message: string, severity: 'error' | 'warn' = 'error') => {
    if (f) f.severity = severity;
    if (severity === 'error') errors.push({ code, message, path: f?.path ?? o.path, source, offset: f?.range?.[0] ?? 0 });
  };
  const bytesOf = (rel: string, n: JsonNode | undefined, what: string, check?: (b: Uint8Array, f: Field | undefined) => void) => {
    const f = at(rel);
    if (!n || n.type !== 'string' || !f) return;
    const d = decodeBase64Any(n.value);
    if (!d.ok) return problem(f, 'options-not-base64url', `${what} is not base64url: ${d.message}`);
    const text = toUtf8(d.bytes);
    const printable = /^[\x20-\x7e]*$/.test(text) && d.bytes.length > 0;
    f.display = `${what}: ${nBytes(d.bytes.length)}${printable ? ` (text "${text}")` : ''}`;
    check?.(d.bytes, f);
  };

  bytesOf(jsonPathSegment('challenge'), member(o.node, 'challenge'), 'challenge', (b, f) => {
    if (b.length < 16)
      problem(f, 'options-short-challenge', `the challenge is ${nBytes(b.length)}; WebAuthn §13.4.3 asks for at least 16 random bytes`);
  });
  const timeout = member(o.node, 'timeout');
  const tf = at(jsonPathSegment('timeout'));
  if (timeout?.type === 'number' && tf)
    tf.display = `${timeout.value} ms (${Number(timeout.value) / 1000} s): a hint, the browser may change it`;

  if (o.kind === 'creationOptions') {
    const user = member(o.node, 'user');
    if (user?.type === 'object')
      bytesOf('.user.id', member(user, 'id'), 'user handle', (b, f) => {
        if (b.length > 64) problem(f, 'options-long-user-id', `user.id is ${nBytes(b.length)}; WebAuthn allows at most 64`);
        if (b.length === 0) problem(f, 'options-empty-user-id', 'user.id is empty; WebAuthn requires 1 to 64 bytes');
      });
    const rp = member(o.node, 'rp');
    const rpId = rp?.type === 'object' ? member(rp, 'id') : undefined;
    const rf = at('.rp');
    if (rf && rp?.type === 'object') rf.display = rpId?.type === 'string' ? `RP ID "${rpId.value}"` : 'no RP ID: the page’s domain is used';
    const params = member(o.node, 'pubKeyCredParams');
    if (params?.type === 'array') {
      const names: string[] = [];
      params.items.forEach((it, i) => {
        const alg = it.type === 'object' ? member(it, 'alg') : undefined;
        const f = at(`.pubKeyCredParams[${i}].alg`);
        if (alg?.type === 'number' && f) {
          f.display = `${alg.value} (${algName(Number(alg.value))})`;
          names.push(algName(Number(alg.value)));
        }
      });
      const pf = at('.pubKeyCredParams');
      if (pf)
        pf.display = names.length
          ? `${names.length} algorithm${names.length === 1 ? '' : 's'}, preferred first: ${names.join(', ')}`
          : 'no algorithm';
      if (!names.length)
        problem(pf, 'options-no-algorithms', 'pubKeyCredParams lists no algorithm: the browser then offers ES256 and RS256', 'warn');
    }
  }
  for (const list of o.kind === 'creationOptions' ? ['excludeCredentials'] : ['allowCredentials']) {
    const arr = member(o.node, list);
    if (arr?.type !== 'array') continue;
    arr.items.forEach((it, i) => {
      if (it.type === 'object') bytesOf(`.${list}[${i}].id`, member(it, 'id'), 'credential id');
    });
    const lf = at(`${jsonPathSegment(list)}`);
    if (lf)
      lf.display =
        arr.items.length === 0
          ? o.kind === 'requestOptions'
            ? 'empty: a discoverable sign-in (the authenticator offers its passkeys for this RP)'
            : 'empty'
          : `${arr.items.length} credential${arr.items.length === 1 ? '' : 's'}`;
  }
  const top = at('');
  if (top)
    top.display =
      o.kind === 'creationOptions' ? 'creation options (what the RP asked create() for)' : 'request options (what the RP asked get() for)';
  // What each member is for (the root's explanation is of a PublicKeyCredential otherwise).
  const explain = (rel: string, id: string, anchor: string) => {
    const f = at(rel);
    if (!f) return;
    f.explain = id;
    f.spec = `${WEBAUTHN}#${anchor}`;
  };
  const dict = o.kind === 'creationOptions' ? 'publickeycredentialcreationoptions' : 'publickeycredentialrequestoptions';
  explain('', o.kind === 'creationOptions' ? 'options.creation' : 'options.request', `dictdef-${dict}`);
  // A { publicKey: … } wrapper is the options too.
  root.explain = at('')?.explain ?? root.explain;
  root.spec = at('')?.spec ?? root.spec;
  explain('.challenge', 'options.challenge', `dom-${dict}-challenge`);
  explain('.timeout', 'options.timeout', `dom-${dict}-timeout`);
  explain('.hints', 'options.hints', `dom-${dict}-hints`);
  explain('.extensions', 'options.extensions', `dom-${dict}-extensions`);
  if (o.kind === 'creationOptions') {
    explain('.rp', 'options.rp', 'dom-publickeycredentialcreationoptions-rp');
    explain('.user', 'options.user', 'dom-publickeycredentialcreationoptions-user');
    explain('.user.id', 'options.user.id', 'dom-publickeycredentialuserentity-id');
    explain('.pubKeyCredParams', 'options.pubKeyCredParams', 'dom-publickeycredentialcreationoptions-pubkeycredparams');
    explain('.authenticatorSelection', 'options.authenticatorSelection', 'dom-publickeycredentialcreationoptions-authenticatorselection');
    explain('.attestation', 'options.attestation', 'dom-publickeycredentialcreationoptions-attestation');
    explain('.excludeCredentials', 'options.credentials', 'dom-publickeycredentialcreationoptions-excludecredentials');
  } else {
    explain('.rpId', 'options.rpId', 'dom-publickeycredentialrequestoptions-rpid');
    explain('.userVerification', 'options.userVerification', 'dom-publickeycredentialrequestoptions-userverification');
    explain('.allowCredentials', 'options.credentials', 'dom-publickeycredentialrequestoptions-allowcredentials');
  }
  return errors;
}
