/**
 * `passkey-explorer demo relay [--json]`: the phishing relay demo in the terminal, for a talk. A
 * throw-away RP and its look-alike on a second origin; a scripted victim signs in through the
 * look-alike with every method; per method, what the attacker got and the outcome the real RP gave.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EXPECTED_OUTCOMES, outcomeWords, type RelayDemo, type RelayDemoCase, type RelayLoot } from '@api/relay.ts';
import { runRelayDemo } from '../rp/auth/relayDemo.ts';
import { startRpServer } from '../rp/server.ts';

const HELP = `Usage: passkey-explorer demo relay [--json]

The phishing relay demo. Starts a throw-away relying party (its data in a temporary directory) and
a look-alike of it on a second origin that relays every request to it — the adversary in the middle
a phishing proxy is. A victim with a password and a passkey signs in through the look-alike with a
password, a magic link, an e-mail code and a passkey; the look-alike keeps what passes and uses it.

Per method it prints what the attacker got and the outcome: "takeover" (the real RP accepts a
session the attacker holds) or "refused at <check>" (the RP's failing verification step, or rpId
when the victim's browser refused before any authenticator signed).

  --json     one JSON document: { rp, lookAlike, victim, results: [{ case, method, lookAlike,
             got: [{ kind, value, note? }], outcome }] }
  -h, --help this help

The victim is scripted: an HTTP client sending what a browser on the look-alike sends, and the
software authenticator, whose client half writes the page's origin into clientDataJSON and checks
the RP ID against it as browsers do. The window's Sign-in methods tab runs the same demo in a real
browser. Exit status: 0 when every outcome is the expected one, 1 when one is not, 2 usage.
`;

const LABELS: Record<RelayDemoCase, string> = {
  password: 'password',
  'magic-link': 'magic link',
  'email-otp': 'e-mail code',
  passkey: 'passkey, relayed as it is',
  'passkey-rewritten': 'passkey, origin rewritten by the relay',
  'passkey-other-host': 'passkey, look-alike on another host',
};

const short = (v: string) => (v.length > 28 ? `${v.slice(0, 12)}…${v.slice(-8)}` : v);
function lootWords(g: RelayLoot): string {
  const value = g.kind === 'password' || g.kind === 'new-password' || g.kind === 'code' ? `"${g.value}"` : short(g.value);
  return `${g.kind} ${value}${g.note ? ` (${g.note})` : ''}`;
}

function formatRelayDemo(d: RelayDemo): string {
  const lines = [
    `Phishing relay demo: a look-alike at ${d.lookAlike[0]} (and ${d.lookAlike[1]}, another host) relays to the real RP at ${d.rp}.`,
    `Victim: ${d.victim}, with a password and a passkey.`,
    '',
  ];
  for (const r of d.results) {
    const o = r.outcome;
    lines.push(
      `${LABELS[r.case].padEnd(40)} ${outcomeWords(o)}${o.kind === 'refused' ? ` (by the ${o.by === 'rp' ? 'RP' : 'browser'})` : ''}`,
    );
    lines.push(`  look-alike: ${r.lookAlike}`);
    for (const g of r.got) lines.push(`  got: ${lootWords(g)}`);
    lines.push(`  ${o.kind === 'takeover' ? o.evidence : o.kind === 'refused' ? o.message : 'no outcome yet'}`, '');
  }
  return `${lines.join('\n')}`;
}

export async function demo(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (positionals.length !== 1 || positionals[0] !== 'relay') {
    process.stderr.write(`passkey-explorer demo: give the demo to run (relay)\n\n${HELP}`);
    return 2;
  }
  const dir = mkdtempSync(join(tmpdir(), 'pe-demo-relay-'));
  const server = await startRpServer({ dataDir: join(dir, 'data') });
  try {
    const d = await runRelayDemo(server);
    process.stdout.write(values.json ? `${JSON.stringify(d, null, 2)}\n` : `${formatRelayDemo(d)}\n`);
    return d.results.every((r) => outcomeWords(r.outcome) === EXPECTED_OUTCOMES[r.case]) ? 0 : 1;
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
