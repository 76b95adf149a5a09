/**
 * The Android key attestation certificate extension (1.3.6.1.4.1.11129.2.1.17, the KeyDescription of
 * https://source.android.com/docs/security/features/keystore/attestation#schema) as fields and as the
 * model the android-key format verifies (WebAuthn §8.4): the challenge, the authorization lists.
 */
import type { Field } from '../types.js';
import { type Asn1Node, type Asn1FieldCtx, TAG, content, isUniversal, readSmallInt, asn1Field, shortHex, tagName } from '../asn1.js';
import { toHex } from '../bytes.js';
import { inner, leaf, node, sub, type ExtDecoder } from '../x509/extension.ts';

export const ANDROID_KEY_DESCRIPTION_OID = '1.3.6.1.4.1.11129.2.1.17';
const ANDROID_KEY_SPEC = 'https://source.android.com/docs/security/features/keystore/attestation#schema';

interface AuthorizationList {
  /** Tag numbers present, in order. */
  tags: number[];
  purpose?: number[];
  algorithm?: number;
  keySize?: number;
  digest?: number[];
  ecCurve?: number;
  origin?: number;
  allApplications: boolean;
  creationDateTime?: number;
  osVersion?: number;
  osPatchLevel?: number;
}

export interface AndroidKeyDescription {
  attestationVersion: number | null;
  attestationSecurityLevel: number | null;
  keymasterVersion: number | null;
  keymasterSecurityLevel: number | null;
  attestationChallenge: Uint8Array;
  uniqueId: Uint8Array;
  softwareEnforced: AuthorizationList;
  teeEnforced: AuthorizationList;
}

const SECURITY_LEVEL = ['Software', 'TrustedEnvironment', 'StrongBox'];
const PURPOSE = ['ENCRYPT', 'DECRYPT', 'SIGN', 'VERIFY', 'DERIVE_KEY', 'WRAP_KEY', 'AGREE_KEY', 'ATTEST_KEY'];
const ORIGIN = ['GENERATED', 'DERIVED', 'IMPORTED', 'UNKNOWN', 'SECURELY_IMPORTED'];
const KM_ALGORITHM: Record<number, string> = { 1: 'RSA', 3: 'EC', 32: 'AES', 33: '3DES', 128: 'HMAC' };
const KM_DIGEST = ['NONE', 'MD5', 'SHA1', 'SHA-2-224', 'SHA-2-256', 'SHA-2-384', 'SHA-2-512'];
const KM_EC_CURVE = ['P-224', 'P-256', 'P-384', 'P-521', 'CURVE_25519'];

const AUTH_TAGS: Record<number, string> = {
  1: 'purpose',
  2: 'algorithm',
  3: 'keySize',
  4: 'blockMode',
  5: 'digest',
  6: 'padding',
  7: 'callerNonce',
  8: 'minMacLength',
  10: 'ecCurve',
  200: 'rsaPublicExponent',
  203: 'mgfDigest',
  303: 'rollbackResistance',
  305: 'earlyBootOnly',
  400: 'activeDateTime',
  401: 'originationExpireDateTime',
  402: 'usageExpireDateTime',
  405: 'usageCountLimit',
  503: 'noAuthRequired',
  504: 'userAuthType',
  505: 'authTimeout',
  506: 'allowWhileOnBody',
  507: 'trustedUserPresenceRequired',
  508: 'trustedConfirmationRequired',
  509: 'unlockedDeviceRequired',
  600: 'allApplications',
  601: 'applicationId',
  701: 'creationDateTime',
  702: 'origin',
  703: 'rollbackResistant',
  704: 'rootOfTrust',
  705: 'osVersion',
  706: 'osPatchLevel',
  709: 'attestationApplicationId',
  710: 'attestationIdBrand',
  711: 'attestationIdDevice',
  712: 'attestationIdProduct',
  713: 'attestationIdSerial',
  714: 'attestationIdImei',
  715: 'attestationIdMeid',
  716: 'attestationIdManufacturer',
  717: 'attestationIdModel',
  718: 'vendorPatchLevel',
  719: 'bootPatchLevel',
  720: 'deviceUniqueAttestation',
  723: 'attestationIdSecondImei',
  724: 'moduleHash',
};

function intSet(bytes: Uint8Array, n: Asn1Node | undefined): number[] | null {
  if (!n || !isUniversal(n, TAG.SET)) return null;
  const out: number[] = [];
  for (const c of n.children ?? []) {
    const v = isUniversal(c, TAG.INTEGER) ? readSmallInt(bytes, c) : null;
    if (v === null) return null;
    out.push(v);
  }
  return out;
}

function readAuthList(bytes: Uint8Array, n: Asn1Node, key: string, ctx: Asn1FieldCtx): { list: AuthorizationList; field: Field } {
  const list: AuthorizationList = { tags: [], allApplications: false };
  const kids: Field[] = [];
  for (const c of n.children ?? []) {
    const name = c.cls === 'context' ? (AUTH_TAGS[c.tag] ?? `tag${c.tag}`) : `unexpected`;
    const cctx = sub(ctx, name);
    if (c.cls !== 'context' || !c.constructed) {
      kids.push(asn1Field(bytes, c, name, cctx));
      continue;
    }
    list.tags.push(c.tag);
    const v = c.children?.[0];
    let display: string | null = null;
    let value: unknown = null;
    if (c.tag === 600) {
      list.allApplications = true;
      value = true;
      display = 'present (key usable by all applications)';
    } else if (c.tag === 1 || c.tag === 5) {
      const s = intSet(bytes, v);
      if (s) {
        if (c.tag === 1) list.purpose = s;
        else list.digest = s;
        value = s;
        display = s.map((x) => (c.tag === 1 ? PURPOSE[x] : KM_DIGEST[x]) ?? String(x)).join(', ');
      }
    } else if (v && (isUniversal(v, TAG.INTEGER) || isUniversal(v, TAG.ENUMERATED)) && c.children!.length === 1) {
      const x = readSmallInt(bytes, v);
      value = x;
      if (x !== null) {
        if (c.tag === 702) {
          list.origin = x;
          display = `${ORIGIN[x] ?? x} (${x})`;
        } else if (c.tag === 2) {
          list.algorithm = x;
          display = `${KM_ALGORITHM[x] ?? x} (${x})`;
        } else if (c.tag === 3) {
          list.keySize = x;
          display = `${x} bits`;
        } else if (c.tag === 10) {
          list.ecCurve = x;
          display = `${KM_EC_CURVE[x] ?? x} (${x})`;
        } else if (c.tag === 701 || c.tag === 400 || c.tag === 401 || c.tag === 402) {
          if (c.tag === 701) list.creationDateTime = x;
          display = `${new Date(x).toISOString()} (${x})`;
        } else {
          if (c.tag === 705) list.osVersion = x;
          if (c.tag === 706) list.osPatchLevel = x;
          display = String(x);
        }
      }
    } else if (v && isUniversal(v, TAG.NULL) && c.children!.length === 1) {
      value = true;
      display = 'present';
    } else if (v && isUniversal(v, TAG.OCTET_STRING) && c.children!.length === 1 && c.tag >= 710 && c.tag <= 723) {
      const s = new TextDecoder().decode(content(bytes, v));
      value = s;
      display = JSON.stringify(s);
    }
    if (display !== null) {
      kids.push(leaf(c, name, cctx, value, display, ANDROID_KEY_SPEC, c.tag === 600 ? 'warn' : undefined));
    } else {
      const f = asn1Field(bytes, c, name, cctx);
      f.spec = ANDROID_KEY_SPEC;
      kids.push(f);
    }
  }
  const summary = [
    list.purpose ? `purpose ${list.purpose.map((x) => PURPOSE[x] ?? x).join('/')}` : null,
    list.origin !== undefined ? `origin ${ORIGIN[list.origin] ?? list.origin}` : null,
    list.allApplications ? 'allApplications' : null,
    `${list.tags.length} tags`,
  ]
    .filter(Boolean)
    .join(', ');
  return { list, field: node(bytes, n, key, ctx, { tags: list.tags }, summary, kids, ANDROID_KEY_SPEC) };
}

export const decodeAndroidKeyDescription: ExtDecoder = (e) => {
  const n = inner(e);
  if (!n || !isUniversal(n, TAG.SEQUENCE)) return null;
  const { bytes } = e;
  const k = n.children ?? [];
  if (k.length < 8) {
    e.errors.push({
      code: 'x509.android-key-description',
      message: `KeyDescription: expected 8 elements, found ${k.length}`,
      path: e.ctx.path,
      source: e.ctx.source,
      offset: n.start,
    });
    return null;
  }
  const names = [
    'attestationVersion',
    'attestationSecurityLevel',
    'keymasterVersion',
    'keymasterSecurityLevel',
    'attestationChallenge',
    'uniqueId',
  ];
  const kids: Field[] = [];
  const ints: (number | null)[] = [];
  for (let i = 0; i < 6; i++) {
    const c = k[i];
    const cctx = sub(e.ctx, names[i]);
    if (i < 4) {
      const v = isUniversal(c, TAG.INTEGER) || isUniversal(c, TAG.ENUMERATED) ? readSmallInt(bytes, c) : null;
      ints.push(v);
      const disp = v === null ? `unexpected ${tagName(c)}` : i % 2 === 1 ? `${SECURITY_LEVEL[v] ?? v} (${v})` : String(v);
      kids.push(leaf(c, names[i], cctx, v, disp, ANDROID_KEY_SPEC, v === null ? 'error' : undefined));
    } else {
      const ok = isUniversal(c, TAG.OCTET_STRING);
      const b = content(bytes, c);
      kids.push(
        leaf(
          c,
          names[i],
          cctx,
          toHex(b),
          ok ? `${b.length} bytes${b.length ? `: ${shortHex(b, 32)}` : ''}` : `unexpected ${tagName(c)}`,
          ANDROID_KEY_SPEC,
          ok ? undefined : 'error',
        ),
      );
    }
  }
  const sw = readAuthList(bytes, k[6], 'softwareEnforced', sub(e.ctx, 'softwareEnforced'));
  const tee = readAuthList(bytes, k[7], 'teeEnforced', sub(e.ctx, 'teeEnforced'));
  kids.push(sw.field, tee.field);
  for (let i = 8; i < k.length; i++) kids.push(asn1Field(bytes, k[i], `extra${i}`, sub(e.ctx, `extra${i}`)));
  if (!isUniversal(k[4], TAG.OCTET_STRING)) return null;
  e.cert.androidKeyDescription = {
    attestationVersion: ints[0],
    attestationSecurityLevel: ints[1],
    keymasterVersion: ints[2],
    keymasterSecurityLevel: ints[3],
    attestationChallenge: content(bytes, k[4]),
    uniqueId: content(bytes, k[5]),
    softwareEnforced: sw.list,
    teeEnforced: tee.list,
  };
  return node(
    bytes,
    n,
    'keyDescription',
    e.ctx,
    { attestationVersion: ints[0], attestationSecurityLevel: ints[1] },
    `attestation v${ints[0]}, ${SECURITY_LEVEL[ints[1] ?? -1] ?? ints[1]}`,
    kids,
    ANDROID_KEY_SPEC,
  );
};
