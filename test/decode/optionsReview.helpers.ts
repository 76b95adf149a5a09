/**
 * Creation and request options as RP servers really get them wrong, each with the check the review
 * should give it: a table read by test/decode/optionsReview.test.ts and, for the catalog coverage, by
 * test/decode/checkMessages.test.ts.
 */
import type { Check } from '@decode/types.ts';
import { dissect } from '@decode/index.ts';
import { reviewOptions } from '@decode/verify/index.ts';

const b64u = (b: Uint8Array | string) => Buffer.from(b).toString('base64url');
const bytes = (n: number, seed = 7) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

/** Options a careful RP sends: every check passes. */
export const GOOD_CREATE = {
  challenge: b64u(bytes(32)),
  rp: { name: 'Example', id: 'example.com' },
  user: { id: b64u(bytes(32, 3)), name: 'alice', displayName: 'Alice' },
  pubKeyCredParams: [
    { type: 'public-key', alg: -8 },
    { type: 'public-key', alg: -7 },
    { type: 'public-key', alg: -257 },
  ],
  timeout: 300_000,
  excludeCredentials: [{ type: 'public-key', id: b64u(bytes(16, 9)), transports: ['usb', 'hybrid'] }],
  authenticatorSelection: {
    residentKey: 'required',
    requireResidentKey: true,
    userVerification: 'required',
    authenticatorAttachment: 'platform',
  },
  attestation: 'none',
  hints: ['security-key'],
  extensions: { credProps: true, prf: {} },
};
export const GOOD_GET = {
  challenge: b64u(bytes(32)),
  rpId: 'example.com',
  allowCredentials: [],
  userVerification: 'required',
  timeout: 300_000,
  hints: ['client-device', 'hybrid'],
  extensions: { appid: 'https://example.com/appid.json' },
};

export interface OptionsScenario {
  what: string;
  options: unknown;
  /** The check this scenario is about: its id, status and message id (undefined: a pass without a message). */
  expect: { id: string; status: Check['status']; messageId?: string };
}

type Patch = Record<string, unknown>;
const create = (patch: Patch, wrap = false): unknown => {
  const o = { ...structuredClone(GOOD_CREATE), ...patch };
  for (const [k, v] of Object.entries(o)) if (v === undefined) delete (o as Patch)[k];
  return wrap ? { publicKey: o } : o;
};
const get = (patch: Patch): unknown => {
  const o = { ...structuredClone(GOOD_GET), ...patch };
  for (const [k, v] of Object.entries(o)) if (v === undefined) delete (o as Patch)[k];
  return o;
};
const user = (u: Patch) => ({ user: { ...GOOD_CREATE.user, ...u } });
const sel = (s: Patch) => ({ authenticatorSelection: { ...GOOD_CREATE.authenticatorSelection, ...s } });
const s = (what: string, options: unknown, id: string, status: Check['status'], messageId?: string): OptionsScenario => ({
  what,
  options,
  expect: { id: `options.${id}`, status, ...(messageId ? { messageId: `check.options.${messageId}` } : {}) },
});

export const OPTIONS_SCENARIOS: OptionsScenario[] = [
  // challenge
  s(
    'a Node.js Buffer serialized by JSON.stringify',
    create({ challenge: JSON.parse(JSON.stringify(Buffer.from(bytes(32)))) }),
    'challenge',
    'fail',
    'bytes.buffer',
  ),
  s(
    'a Uint8Array serialized by JSON.stringify',
    create({ challenge: JSON.parse(JSON.stringify(bytes(32))) }),
    'challenge',
    'fail',
    'bytes.typedArray',
  ),
  s('an array of byte values', get({ challenge: [...bytes(32)] }), 'challenge', 'fail', 'bytes.array'),
  s('a number', get({ challenge: 12345 }), 'challenge', 'fail', 'bytes.notString'),
  s('not base64url at all', create({ challenge: 'not base64!' }), 'challenge', 'fail', 'bytes.notBase64url'),
  s(
    'standard base64 with padding',
    create({ challenge: Buffer.from(bytes(32)).toString('base64') }),
    'challenge',
    'warn',
    'bytes.spelling',
  ),
  s('5 bytes', create({ challenge: b64u('short') }), 'challenge', 'warn', 'challenge.short'),
  s('wrapped in publicKey', create({}, true), 'challenge', 'pass'),
  // rp
  s('no rp', create({ rp: undefined }), 'rp', 'fail', 'rp.missing'),
  s('rp without a name', create({ rp: { id: 'example.com' } }), 'rp', 'fail', 'member.missing'),
  s('rp.id a URL', create({ rp: { name: 'Example', id: 'https://example.com' } }), 'rp', 'fail', 'rpId.notDomain'),
  s('rp.id with a port', create({ rp: { name: 'Example', id: 'localhost:8080' } }), 'rp', 'fail', 'rpId.notDomain'),
  s('rp.id an IP address', create({ rp: { name: 'Example', id: '127.0.0.1' } }), 'rp', 'fail', 'rpId.ip'),
  s('rp.id a number', create({ rp: { name: 'Example', id: 5 } }), 'rp', 'fail', 'rpId.notString'),
  s('no rp.id', create({ rp: { name: 'Example' } }), 'rp', 'pass', 'rp.noId'),
  // user
  s('no user', create({ user: undefined }), 'user', 'fail', 'user.missing'),
  s('user.id missing', create({ user: { name: 'alice', displayName: 'Alice' } }), 'user', 'fail', 'bytes.missing'),
  s('user.id of 65 bytes', create(user({ id: b64u(bytes(65)) })), 'user', 'fail', 'user.idLength'),
  s('user.id empty', create(user({ id: '' })), 'user', 'fail', 'user.idLength'),
  s('no displayName', create({ user: { id: GOOD_CREATE.user.id, name: 'alice' } }), 'user', 'fail', 'member.missing'),
  s('user.id is the user name', create(user({ id: b64u('alice') })), 'user', 'fail', 'user.idIsName'),
  s('user.id is an e-mail address', create(user({ id: b64u('bob@example.com') })), 'user', 'fail', 'user.idIsEmail'),
  s('user.id is a database id', create(user({ id: b64u('user-1234') })), 'user', 'warn', 'user.idReadable'),
  s('user.id padded', create(user({ id: Buffer.from(bytes(31, 200)).toString('base64') })), 'user', 'warn', 'bytes.spelling'),
  // pubKeyCredParams
  s('no pubKeyCredParams', create({ pubKeyCredParams: undefined }), 'algorithms', 'fail', 'algorithms.missing'),
  s('empty pubKeyCredParams', create({ pubKeyCredParams: [] }), 'algorithms', 'warn', 'algorithms.empty'),
  s('alg as a name', create({ pubKeyCredParams: [{ type: 'public-key', alg: 'ES256' }] }), 'algorithms', 'fail', 'algorithms.noneUsable'),
  s(
    'one entry without a type',
    create({
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }, { alg: -257 }],
    }),
    'algorithms',
    'warn',
    'algorithms.ignored',
  ),
  s(
    'an unknown algorithm',
    create({
      pubKeyCredParams: [
        { type: 'public-key', alg: -7 },
        { type: 'public-key', alg: -999 },
      ],
    }),
    'algorithms',
    'warn',
    'algorithms.unknown',
  ),
  s('RS256 only', create({ pubKeyCredParams: [{ type: 'public-key', alg: -257 }] }), 'algorithms', 'warn', 'algorithms.noEs256'),
  // authenticatorSelection, attestation
  s(
    'authenticatorSelection not an object',
    create({ authenticatorSelection: 'platform' }),
    'authenticatorSelection',
    'warn',
    'selection.notObject',
  ),
  s('residentKey "require"', create(sel({ residentKey: 'require', requireResidentKey: undefined })), 'residentKey', 'warn', 'enum.unknown'),
  s('userVerification "require"', create(sel({ userVerification: 'require' })), 'userVerification', 'warn', 'enum.unknown'),
  s(
    'authenticatorAttachment "cross_platform"',
    create(sel({ authenticatorAttachment: 'cross_platform' })),
    'authenticatorAttachment',
    'warn',
    'enum.unknown',
  ),
  s(
    'requireResidentKey false with residentKey required',
    create(sel({ residentKey: 'required', requireResidentKey: false })),
    'requireResidentKey',
    'warn',
    'requireResidentKey.conflict',
  ),
  s('attestation "full"', create({ attestation: 'full' }), 'attestation', 'warn', 'enum.unknown'),
  // credential lists
  s('excludeCredentials not a list', create({ excludeCredentials: {} }), 'excludeCredentials', 'fail', 'credentials.notList'),
  s(
    'an id that is a number',
    create({ excludeCredentials: [{ type: 'public-key', id: 42 }] }),
    'excludeCredentials',
    'fail',
    'bytes.notString',
  ),
  s(
    'a descriptor of another type',
    get({ allowCredentials: [{ type: 'password', id: b64u(bytes(16)) }] }),
    'allowCredentials',
    'warn',
    'credentials.unknownType',
  ),
  s(
    'transport "cable"',
    get({ allowCredentials: [{ type: 'public-key', id: b64u(bytes(16)), transports: ['cable'] }] }),
    'allowCredentials',
    'warn',
    'credentials.cable',
  ),
  s(
    'transport "bluetooth"',
    create({ excludeCredentials: [{ type: 'public-key', id: b64u(bytes(16)), transports: ['usb', 'bluetooth'] }] }),
    'excludeCredentials',
    'warn',
    'credentials.unknownTransport',
  ),
  s('an empty allow list', get({}), 'allowCredentials', 'pass', 'credentials.discoverable'),
  // request options' own
  s('rpId a URL', get({ rpId: 'https://example.com/login' }), 'rpId', 'fail', 'rpId.notDomain'),
  s('rpId not text', get({ rpId: true }), 'rpId', 'fail', 'rpId.notString'),
  s('get() userVerification "require"', get({ userVerification: 'require' }), 'userVerification', 'warn', 'enum.unknown'),
  // timeout, hints, extensions
  s('timeout as text', create({ timeout: '60000' }), 'timeout', 'warn', 'timeout.notNumber'),
  s('timeout of 5 s', get({ timeout: 5000 }), 'timeout', 'warn', 'timeout.short'),
  s('hint "phone"', get({ hints: ['phone'] }), 'hints', 'warn', 'hints.unknown'),
  s('extensions not an object', create({ extensions: [] }), 'extensions', 'warn', 'extensions.notObject'),
  s('credProtect under its CTAP name', create({ extensions: { credProtect: 2 } }), 'extensions', 'warn', 'extensions.credProtect'),
  s('uvm', create({ extensions: { uvm: true } }), 'extensions', 'warn', 'extensions.removed'),
  s('appid in create()', create({ extensions: { appid: 'https://example.com' } }), 'extensions', 'warn', 'extensions.getOnly'),
  s('credProps in get()', get({ extensions: { credProps: true } }), 'extensions', 'warn', 'extensions.createOnly'),
  s('a made-up extension', get({ extensions: { passkeyPlease: true } }), 'extensions', 'warn', 'extensions.unknown'),
];

/** The review of `options` as the window gives it: pasted as JSON, dissected, reviewed. */
export function review(options: unknown): Check[] {
  return reviewOptions(dissect(JSON.stringify(options)));
}
