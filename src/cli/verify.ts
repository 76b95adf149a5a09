import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { expectationsFromCase, type VectorCaseLike } from '@decode/verify/index.ts';
import { analyzeAuthentication, analyzeRegistration, type Analysis } from '../rp/analyze.ts';
import { formatChecks, formatErrors, formatSummary } from './format.ts';

const VERIFY_HELP = `Usage: passkey-explorer verify <case.json> [--json] [--root FILE]... [--time ISO] [--no-bundled-roots]

Verifies one ceremony offline, step by step (WebAuthn L3 §7.1 / §7.2), and asks
@simplewebauthn/server for a second opinion. The case is a JSON file in the format of the
shared test vectors:
  { ceremony: "registration" | "authentication",
    response: <RegistrationResponseJSON | AuthenticationResponseJSON>,
    expected: { challenge, origin, rpID, options? },
    credential?: { id, publicKey (COSE, base64url), counter },      (authentication)
    context?: { currentTime?, trustAnchors? } }
Trust anchors named in context.trustAnchors as roots/<file>.pem are loaded from beside the case.

Options:
  --root FILE          an extra attestation trust anchor (PEM; repeatable)
  --time ISO           verify certificates at this time instead of the case's clock or now
  --no-bundled-roots   do not trust the bundled Apple / Google / GlobalSign roots
  --expect             exit by whether the verdict is the one the case expects (expected.verified)
  --json               print { verified, checks, summary, errors, secondOpinion, disagreement, expectedVerified, matchesExpected }
  -h, --help           this help

Exit status: 0 verified, 1 not verified, 2 usage or unreadable case. With --expect: 0 when the verdict
is the case's expected.verified, 1 when it is not, 2 when the case states none.
`;

/** PEM files a case's context.trustAnchors text names as roots/<name>.pem (globs with * allowed). */
export function caseRoots(casePath: string, trustAnchors: unknown): string[] {
  const text = typeof trustAnchors === 'string' ? trustAnchors : Array.isArray(trustAnchors) ? trustAnchors.join(' ') : '';
  const out: string[] = [];
  for (const m of text.matchAll(/roots\/([A-Za-z0-9._*-]+\.pem)/g)) {
    for (const base of [dirname(dirname(resolve(casePath))), dirname(resolve(casePath))]) {
      const dir = join(base, 'roots');
      if (!existsSync(dir)) continue;
      const re = new RegExp(`^${m[1].replace(/[.]/g, '\\.').replace(/\*/g, '.*')}$`);
      const files = readdirSync(dir).filter((f) => re.test(f));
      out.push(...files.map((f) => join(dir, f)));
      if (files.length) break;
    }
  }
  return [...new Set(out)];
}

export async function verify(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      root: { type: 'string', multiple: true },
      time: { type: 'string' },
      'no-bundled-roots': { type: 'boolean', default: false },
      expect: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
  });
  if (values.help) {
    process.stdout.write(VERIFY_HELP);
    return 0;
  }
  if (positionals.length !== 1) {
    process.stderr.write(`passkey-explorer verify: give one case file\n\n${VERIFY_HELP}`);
    return 2;
  }
  const file = positionals[0];
  let c: VectorCaseLike & { response?: unknown; ceremony?: string; context?: { trustAnchors?: unknown } };
  try {
    c = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    process.stderr.write(`passkey-explorer verify: cannot read ${file}: ${(e as Error).message}\n`);
    return 2;
  }
  if (!c || typeof c !== 'object' || !c.response || !c.expected || typeof c.expected.challenge !== 'string') {
    process.stderr.write(
      `passkey-explorer verify: ${file} is not a case: it needs "response" and "expected" { challenge, origin, rpID }\n`,
    );
    return 2;
  }
  const rootFiles = [...caseRoots(file, c.context?.trustAnchors), ...(values.root ?? [])];
  const anchors = rootFiles.map((f) => readFileSync(f, 'utf8'));
  const exp = expectationsFromCase(c, anchors.length ? anchors : undefined);
  if (values.time) {
    const t = new Date(values.time);
    if (Number.isNaN(t.getTime())) {
      process.stderr.write(`passkey-explorer verify: --time "${values.time}" is not a date\n`);
      return 2;
    }
    exp.currentTime = t;
  }
  if (values['no-bundled-roots']) exp.attestationOptions = { ...exp.attestationOptions, useBundledRoots: false };
  const ceremony = c.ceremony ?? (c.credential ? 'authentication' : 'registration');
  const analysis: Analysis =
    ceremony === 'authentication' ? await analyzeAuthentication(c.response, exp) : await analyzeRegistration(c.response, exp);

  const expected = (c.expected as { verified?: unknown }).verified;
  const expectedVerified = typeof expected === 'boolean' ? expected : null;
  const matchesExpected = expectedVerified === null ? null : expectedVerified === analysis.verified;
  if (values.expect && expectedVerified === null) {
    process.stderr.write(`passkey-explorer verify: --expect: ${file} states no expected.verified\n`);
    return 2;
  }
  if (values.json) {
    const { dissection: d, checks, verified, secondOpinion, disagreement } = analysis;
    process.stdout.write(
      `${JSON.stringify({ verified, checks, kind: d.kind, summary: d.summary, errors: d.errors, secondOpinion, disagreement, roots: rootFiles.map((f) => basename(f)), expectedVerified, matchesExpected }, null, 2)}\n`,
    );
  } else {
    const d = analysis.dissection;
    const out = [formatSummary(d.kind, d.summary), ''];
    if (d.errors.length) out.push(formatErrors(d.errors), '');
    out.push(formatChecks(analysis.checks), '');
    if (rootFiles.length) out.push(`trust anchors: ${rootFiles.map((f) => basename(f)).join(', ')}`);
    if (exp.currentTime) out.push(`clock: ${exp.currentTime.toISOString()}`);
    const so = analysis.secondOpinion;
    out.push(`second opinion (${so.verifier}): ${so.verified ? 'verified' : `rejected: ${so.error}`}`);
    if (analysis.disagreement) {
      out.push(`VERIFIER DISAGREEMENT: Passkey Explorer: ${analysis.disagreement.ours}; ${so.verifier}: ${analysis.disagreement.theirs}`);
    }
    if (expectedVerified !== null)
      out.push(
        `the case expects ${expectedVerified ? 'VERIFIED' : 'NOT VERIFIED'}: ${matchesExpected ? 'the verdict matches' : 'the verdict DOES NOT MATCH'}`,
      );
    out.push(
      analysis.verified
        ? 'VERIFIED'
        : `NOT VERIFIED: ${analysis.failure ? `${analysis.failure.title} — ${analysis.failure.message ?? ''}` : 'undecodable'}`,
    );
    process.stdout.write(`${out.join('\n')}\n`);
  }
  if (values.expect) return matchesExpected ? 0 : 1;
  return analysis.verified ? 0 : 1;
}
