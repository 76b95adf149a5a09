/**
 * The dissector's contracts (see ../shared/DESIGN.md, "Contracts").
 *
 * Everything in src/decode is pure and isomorphic: Uint8Array (never Buffer), WebCrypto
 * (globalThis.crypto.subtle), no I/O, no Node-only or DOM-only API.
 */

/** One node of the dissection. Every byte of every source buffer is covered by exactly one leaf. */
export interface Field {
  key: string;
  /** Dotted path from the root: 'attestationObject.authData.flags'. */
  path: string;
  /** Which buffer `range` points into: 'attestationObject', 'clientDataJSON', 'authenticatorData', ... */
  source: string;
  /** [start, end) byte offsets in `source`. */
  range?: [number, number];
  /** JSON-safe decoded value (bytes as base64url strings, bigints as decimal strings). */
  value: unknown;
  /** Short human form: '0x45 (UP, UV, AT)'. */
  display: string;
  /** Message id of a plain-language explanation (catalogs in en and ja). */
  explain?: string;
  /** Link into WebAuthn L3 / CTAP 2.2 / RFC 8152 / RFC 8949 / TPM 2.0 / RFC 5280. */
  spec?: string;
  severity?: 'info' | 'warn' | 'error';
  children?: Field[];
  /**
   * Set on a field that is one bit of the single byte `range` (0 = least significant), e.g. the UP flag.
   * Bit fields subdivide their parent's byte: for byte coverage, a field whose children are all bit
   * fields counts as the leaf.
   */
  bit?: number;
}

/** One verification step, in the order of WebAuthn L3 §7.1 / §7.2. */
export interface Check {
  id: string;
  spec: string;
  title: string;
  expected?: unknown;
  actual?: unknown;
  status: 'pass' | 'fail' | 'warn' | 'skip';
  /** Why it failed / warned / was skipped, in words: what was expected and what came. */
  message?: string;
  /**
   * Message id of a plain-language explanation of what this step protects against and why it matters
   * (for learners), in the catalogs of src/decode/messages (en, ja).
   */
  explain?: string;
  /** Message id of the title template; `title` is its English rendering with `params`. */
  titleId?: string;
  /** Message id of the message template; `message` is its English rendering with `params`. */
  messageId?: string;
  /** Values substituted for `{name}` in the title and message templates. */
  params?: Record<string, string | number | boolean | null>;
  /**
   * Field paths (Field.path) of the dissection this step examined, most specific first: the inspector
   * selects the first one its tree has.
   */
  fields?: string[];
}

/** A located decoding error: bad input is data, not a crash. */
export interface DecodeError {
  code: string;
  message: string;
  /** Field path where decoding stopped, e.g. 'attestationObject.authData.attestedCredentialData'. */
  path: string;
  source: string;
  /** Byte offset in `source` where the problem was found. */
  offset: number;
}

export type MessageKind =
  | 'registration'
  | 'authentication'
  | 'attestationObject'
  | 'authenticatorData'
  | 'clientDataJSON'
  | 'coseKey'
  /** Options pasted on their own: what the RP asked create() / get() for. */
  | 'creationOptions'
  | 'requestOptions'
  | 'unknown';

/** Stable keys: tools and tests outside the project read them (DESIGN.md, CLI JSON). */
export interface Summary {
  fmt: string | null;
  aaguid: string | null;
  authenticatorName: string | null;
  credentialId: string | null;
  signCount: number | null;
  flags: { up: boolean; uv: boolean; be: boolean; bs: boolean; at: boolean; ed: boolean } | null;
  alg: number | null;
  rpIdHash: string | null;
}

export interface Dissection {
  kind: MessageKind;
  summary: Summary;
  tree: Field[];
  errors: DecodeError[];
  /** The raw buffers the tree's ranges point into, by source name. */
  sources: Record<string, Uint8Array>;
}

/**
 * A decoded CBOR data item with its byte range in the source buffer (RFC 8949).
 * `start..headerEnd` is the initial byte plus its argument; `headerEnd..end` is the content.
 */
export type CborNode = CborNodeBase &
  (
    | { type: 'uint' | 'nint'; value: number | bigint }
    | { type: 'bytes'; value: Uint8Array; chunks?: CborNode[] }
    | { type: 'text'; value: string; chunks?: CborNode[] }
    | { type: 'array'; items: CborNode[] }
    | { type: 'map'; entries: { key: CborNode; value: CborNode }[] }
    /** `item` is missing when the input ends inside the tag (a partial node). */
    | { type: 'tag'; tag: number | bigint; item?: CborNode }
    | { type: 'simple'; value: boolean | null | undefined | number }
    | { type: 'float'; value: number }
  );

interface CborNodeBase {
  /** RFC 8949 major type 0..7. */
  major: number;
  start: number;
  headerEnd: number;
  end: number;
  /** True for indefinite-length items (not allowed in CTAP2 canonical CBOR). */
  indefinite?: boolean;
  /** Non-canonical encoding notes (RFC 8949 §4.2 / CTAP2 §8 canonical CBOR), if any. */
  nonCanonical?: string[];
  /** True when decoding stopped inside this item (a partial tree); `end` is where the last complete child ended. */
  incomplete?: boolean;
  /** The count a definite-length array or map header declares (items / entries), kept when fewer were decoded. */
  declared?: number;
}
