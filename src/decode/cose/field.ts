/**
 * The field tree of a COSE_Key: each label named for its key type ('uint 2 (EC2)', 'nint -7 (ES256)'),
 * with its explanation and spec link.
 */
import type { CborNode, Field } from '../types';
import { cborField } from '../cbor/field.ts';
import { COSE_ML_DSA, WEBAUTHN, rfc } from '../spec.ts';
import { COSE_CRV, COSE_KTY, algName } from './algorithms.ts';
import { describeCoseKey, parseCoseKey, textLabelProblem } from './key.ts';

const RFC9052_KEY = rfc(9052, '7');
const RFC9053_EC2 = rfc(9053, '7.1.1');
const RFC9053_OKP = rfc(9053, '7.2');
const RFC8230_RSA = rfc(8230, '4');
const WEBAUTHN_CREDPUBKEY = `${WEBAUTHN}#credentialpublickey`;

const COMMON_LABELS: Record<number, string> = { 1: 'kty', 2: 'kid', 3: 'alg', 4: 'key_ops', 5: 'Base IV' };
const LABELS_BY_KTY: Record<number, Record<number, string>> = {
  2: { [-1]: 'crv', [-2]: 'x', [-3]: 'y', [-4]: 'd' },
  1: { [-1]: 'crv', [-2]: 'x', [-4]: 'd' },
  3: { [-1]: 'n', [-2]: 'e', [-3]: 'd', [-4]: 'p', [-5]: 'q', [-6]: 'dP', [-7]: 'dQ', [-8]: 'qInv' },
  7: { [-1]: 'pub', [-2]: 'priv' },
};

function labelName(label: number, kty: number | undefined): string | undefined {
  if (label > 0) return Object.prototype.hasOwnProperty.call(COMMON_LABELS, label) ? COMMON_LABELS[label] : undefined;
  if (kty === undefined || !Object.prototype.hasOwnProperty.call(LABELS_BY_KTY, kty)) return undefined;
  const m = LABELS_BY_KTY[kty];
  return Object.prototype.hasOwnProperty.call(m, label) ? m[label] : undefined;
}

const LABEL_EXPLAIN: Record<string, string> = {
  kty: 'cose.kty',
  alg: 'cose.alg',
  crv: 'cose.crv',
  x: 'cose.x',
  y: 'cose.y',
  n: 'cose.n',
  e: 'cose.e',
  pub: 'cose.pub',
  kid: 'cose.kid',
};

/**
 * The Field subtree of a COSE_Key: labels named (kty, alg, crv, x, y, n, e, pub), values annotated
 * ('uint 2 (EC2)', 'nint -7 (ES256)', 'uint 1 (P-256)'), and the whole key's value carrying
 * {@link CoseKeyInfo} (names, key size, JWK, PEM). Every byte of the key is covered by one leaf.
 */
export function coseKeyField(node: CborNode, opts: { key: string; path: string; source: string; explain?: string; spec?: string }): Field {
  const parsed = parseCoseKey(node);
  const kty = parsed.key?.kty;
  const f = cborField(node, {
    key: opts.key,
    path: opts.path,
    source: opts.source,
    explain: opts.explain ?? 'cose.key',
    spec: opts.spec ?? WEBAUTHN_CREDPUBKEY,
    keyName: (k, parentPath) =>
      parentPath === opts.path && (k.type === 'uint' || k.type === 'nint') && typeof k.value === 'number'
        ? labelName(k.value, kty)
        : undefined,
  });
  if (node.type === 'map') {
    for (const child of f.children ?? []) {
      const ex = LABEL_EXPLAIN[child.key];
      if (!ex) continue;
      child.explain = ex;
      const v = child.value;
      if (child.key === 'kty' && typeof v === 'number') child.display += ` (${COSE_KTY[v] ?? 'unknown'})`;
      if (child.key === 'alg' && typeof v === 'number') child.display += ` (${algName(v)})`;
      if (child.key === 'crv' && typeof v === 'number') child.display += ` (${COSE_CRV[v] ?? 'unknown'})`;
      child.spec =
        child.key === 'kty' || child.key === 'alg' || child.key === 'kid'
          ? RFC9052_KEY
          : kty === 3
            ? RFC8230_RSA
            : kty === 7
              ? COSE_ML_DSA
              : kty === 1
                ? RFC9053_OKP
                : RFC9053_EC2;
    }
  }
  if (node.type === 'map' && f.children?.length === node.entries.length)
    node.entries.forEach((e, i) => {
      if (e.key.type !== 'text') return;
      const child = f.children![i];
      child.severity = 'error';
      child.display += ` [${textLabelProblem(e.key.value)}]`;
    });
  if (parsed.key) {
    const info = describeCoseKey(parsed.key, parsed.problems);
    f.value = { ...info, cose: f.value };
    f.display = `COSE_Key ${info.kty}${info.crv ? ` ${info.crv}` : ''} ${info.algName}${info.keySize ? ` (${info.keySize}-bit)` : ''}`;
    if (parsed.problems.length) {
      f.display += ` [${parsed.problems.join('; ')}]`;
      f.severity = f.severity === 'error' ? 'error' : 'warn';
    }
  } else {
    f.display = `COSE_Key: ${parsed.problems.join('; ')}`;
    f.severity = 'error';
  }
  return f;
}
