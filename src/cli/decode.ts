import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { dissect } from '@decode/index.ts';
import { reviewOptions } from '@decode/verify/index.ts';
import { parseCommunityList } from '../rp/metadata.ts';
import { decodeJson, formatChecks, formatErrors, formatSummary, formatTree } from './format.ts';
import { readInput } from './input.ts';

const DECODE_HELP = `Usage: passkey-explorer decode <file|-> [--json] [--rp-id ID]... [--aaguids FILE] [--no-ranges]

Dissects a WebAuthn message byte by byte: a registration or authentication response (the WebAuthn
JSON serialization, or a ceremony case holding one: its response is decoded), or one part on its own (attestationObject, authenticatorData, clientDataJSON,
COSE key) as bytes, base64url, base64 or hex. Creation and request options (what a server sent for
create() / get()) are decoded and reviewed: what the browser refuses, what it silently ignores.

Options:
  --json          print { kind, summary, tree, errors } (summary keys are stable), and review for options
  --rp-id ID      an RP ID to match authData.rpIdHash against (repeatable)
  --aaguids FILE  an AAGUID -> name list (JSON object) to name the authenticator
  --no-ranges     leave byte ranges out of the text tree
  -h, --help      this help

Exit status: 0 decoded, 1 decoded with errors (a partial tree is printed) or options the review fails, 2 usage.
`;

export async function decode(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      'rp-id': { type: 'string', multiple: true },
      aaguids: { type: 'string' },
      'no-ranges': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
  });
  if (values.help) {
    process.stdout.write(DECODE_HELP);
    return 0;
  }
  if (positionals.length !== 1) {
    process.stderr.write(`passkey-explorer decode: give one file, or - for standard input\n\n${DECODE_HELP}`);
    return 2;
  }
  const names = values.aaguids ? parseCommunityList(readFileSync(values.aaguids, 'utf8')) : null;
  const input = await readInput(positionals[0]);
  const ofCase = typeof input === 'string' ? caseKind(input) : null;
  // A ceremony case (the shared vectors' format): its response is what is decoded, and the output says so.
  const note = ofCase ? `decoding the response of a ${ofCase} case (its expected values are for verify)` : null;
  if (note && values.json) process.stderr.write(`note: ${note}\n`);
  const d = dissect(input, {
    rpIds: values['rp-id'],
    aaguidNames: names ? (aaguid) => names.get(aaguid)?.name ?? null : undefined,
  });
  const review = reviewOptions(d);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ ...decodeJson(d), ...(review.length ? { review } : {}) }, null, 2)}\n`);
  } else {
    const parts = [
      ...(note ? [`note: ${note}`, ''] : []),
      formatSummary(d.kind, d.summary),
      '',
      formatTree(d.tree, { ranges: !values['no-ranges'] }),
    ];
    if (d.errors.length) parts.push('', formatErrors(d.errors));
    if (review.length) parts.push('', 'review of the options (what the browser refuses or ignores):', formatChecks(review));
    process.stdout.write(`${parts.join('\n')}\n`);
  }
  return d.errors.length || review.some((c) => c.status === 'fail') ? 1 : 0;
}

/** The ceremony of a case file ({ ceremony?, response: PublicKeyCredentialJSON, expected }), or null when the JSON is not one. */
function caseKind(text: string): string | null {
  try {
    const v = JSON.parse(text) as Record<string, any>;
    if (!v || typeof v !== 'object' || typeof v.response !== 'object' || typeof v.response?.response !== 'object') return null;
    if (!v.expected && !v.ceremony) return null;
    return typeof v.ceremony === 'string' ? v.ceremony : v.response.response.attestationObject ? 'registration' : 'authentication';
  } catch {
    return null;
  }
}
