/**
 * `passkey-explorer soft`: the software authenticator by hand. Answers any RP's creation or request
 * options (JSON from a file or stdin) with a real response — or a named forgery — on stdout, its
 * state (options, test CA, credentials with their keys and counters) saved in a file between calls,
 * so a person can make responses for their own server, its tests or a curl command.
 */
import { FORGERIES } from '@api/harness.ts';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SOFT_FORMATS, SoftClientError, SoftwareAuthenticator, type Forgery, type SoftFormat } from '../rp/soft/authenticator.ts';
import { loadSoftFile } from '../rp/soft/file.ts';

const HELP = `Usage: passkey-explorer soft create|get|list --state FILE [--options FILE] [--origin ORIGIN]
                              [--forgery NAME] [--format FORMAT] [--no-uv] [--no-resident-keys] [--synced]
                              [--trust-ca-out FILE]

The software authenticator: answers a relying party's options with a real, verifiable response (or
a named forgery), printed as JSON (the browser's toJSON() form, what an RP's verify endpoint takes).
Its state — options, its test CA, every credential with its key and counter — is kept in FILE: a new
file starts a new authenticator with the options given; an existing one is loaded and saved again.

  create           answer creation options (PublicKeyCredentialCreationOptionsJSON; a
                   { publicKey } wrapper or a FIDO conformance options answer also do)
  get              answer request options (PublicKeyCredentialRequestOptionsJSON)
  list             print the credentials the state file holds
  --state FILE     the authenticator's state (created when missing)
  --options FILE   the options (default: standard input)
  --origin O       the origin in clientDataJSON (default: https:// + the RP ID)
  --forgery NAME   make this response lie: ${FORGERIES.join(', ')}
  --format F       new authenticator: the attestation format when asked for one (${SOFT_FORMATS.join(', ')}; default packed)
  --no-uv          new authenticator: it cannot verify the user
  --no-resident-keys  new authenticator: it cannot store discoverable credentials
  --synced         new authenticator: backup eligible and backed up, counters always 0 (a synced passkey)
  --trust-ca-out F write the test CA's root (PEM), for the RP to trust its attestation chains

Exit status: 0 a response was printed, 1 the authenticator refused (the DOMException's name, as a
browser would throw it), 2 usage or an unreadable file.
`;

export async function soft(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      state: { type: 'string' },
      options: { type: 'string' },
      origin: { type: 'string' },
      forgery: { type: 'string' },
      format: { type: 'string' },
      'no-uv': { type: 'boolean', default: false },
      'no-resident-keys': { type: 'boolean', default: false },
      synced: { type: 'boolean', default: false },
      'trust-ca-out': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const usage = (m: string) => {
    process.stderr.write(`passkey-explorer soft: ${m}\n\n${HELP}`);
    return 2;
  };
  const [action] = positionals;
  if (positionals.length !== 1 || !['create', 'get', 'list'].includes(action)) return usage('give one of create, get, list');
  if (!values.state) return usage('--state FILE is needed (the authenticator lives in it)');
  if (values.forgery && !(FORGERIES as readonly string[]).includes(values.forgery)) return usage(`unknown forgery "${values.forgery}"`);
  if (values.format && !(SOFT_FORMATS as readonly string[]).includes(values.format)) return usage(`unknown format "${values.format}"`);
  if (values.origin && !/^https?:\/\/[^/]+$/.test(values.origin))
    return usage(`--origin is an origin like https://example.com (got "${values.origin}")`);

  let auth: SoftwareAuthenticator;
  if (existsSync(values.state)) {
    if (values.format || values['no-uv'] || values['no-resident-keys'] || values.synced)
      return usage(`${values.state} exists: its options are its own (--format, --no-uv, --no-resident-keys, --synced make a new one)`);
    const loaded = loadSoftFile(readFileSync(values.state, 'utf8'));
    if (!loaded.ok) return usage(`${values.state} is not a software authenticator's state: ${loaded.problems.join('; ')}`);
    auth = loaded.authenticator;
  } else
    auth = new SoftwareAuthenticator({
      ...(values.format ? { format: values.format as SoftFormat } : {}),
      userVerification: !values['no-uv'],
      residentKeys: !values['no-resident-keys'],
      ...(values.synced ? { backupEligible: true, backupState: true, signCount: 'zero' as const } : {}),
    });
  const save = async () => writeFileSync(values.state!, `${JSON.stringify(await auth.save(), null, 2)}\n`);
  if (values['trust-ca-out']) writeFileSync(values['trust-ca-out'], await auth.trustAnchor());

  if (action === 'list') {
    for (const c of auth.list())
      process.stdout.write(
        `${c.id}  rpId ${c.rpId}  ${c.userName ?? '(no name)'}  ${c.discoverable ? 'discoverable' : 'server-side'}  signCount ${c.signCount}\n`,
      );
    await save();
    return 0;
  }

  let text: string;
  try {
    text = readFileSync(values.options ?? 0, 'utf8');
  } catch (e) {
    return usage(`--options ${values.options ?? '(stdin)'}: ${e instanceof Error ? e.message : String(e)}`);
  }
  let options: Record<string, any>;
  try {
    options = JSON.parse(text) as Record<string, any>;
  } catch (e) {
    return usage(`the options are not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (options && typeof options === 'object' && options.publicKey && typeof options.publicKey === 'object') options = options.publicKey;
  if (!options || typeof options !== 'object' || typeof options.challenge !== 'string')
    return usage('the options need a challenge (base64url): creation or request options as JSON');
  if (action === 'create' && (!options.rp || !options.user?.id))
    return usage('creation options need rp and user.id (is this request options? use get)');
  const rpId = action === 'create' ? (options.rp?.id as string | undefined) : (options.rpId as string | undefined);
  const origin = values.origin ?? (rpId ? `https://${rpId}` : null);
  if (!origin) return usage('the options name no RP ID: give --origin');
  try {
    const ctx = { origin, ...(values.forgery ? { forgery: values.forgery as Forgery } : {}) };
    const response = action === 'create' ? await auth.create(options as never, ctx) : await auth.get(options as never, ctx);
    await save();
    process.stdout.write(`${JSON.stringify(response, null, 2)}\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof SoftClientError)) throw e;
    process.stderr.write(`${e.name}: ${e.message}\n`);
    return 1;
  }
}
