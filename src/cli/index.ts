/**
 * passkey-explorer: serve | decode | verify | inspect | harness | soft | demo. Plain Node; no Electron import.
 */
import { VERSION } from '../rp/server.ts';
import { decode } from './decode.ts';
import { demo } from './demo.ts';
import { harness } from './harness.ts';
import { inspect } from './inspect.ts';
import { serve } from './serve.ts';
import { soft } from './soft.ts';
import { verify } from './verify.ts';

const HELP = `Usage: passkey-explorer <command> [options]

Commands:
  serve     run the local relying party and open the explorer in the system browser
  decode    dissect a response or one of its parts, byte by byte (--json for tools)
  verify    verify a ceremony case offline, step by step, with a second opinion
  inspect   open a site in a browser of its own and record, decode and verify its passkey ceremonies
  harness   run scenario suites (capabilities, rp-robustness, a file) and write JUnit / JSON / Markdown reports
  soft      the software authenticator by hand: answer any RP's options with a response (or a forgery), state in a file
  demo      demo relay: a phishing relay against every sign-in method, per method what the attacker got and the outcome
  help      show help for a command: passkey-explorer help <command>

Run "passkey-explorer <command> --help" for a command's options.
`;

type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, Command> = { serve, decode, verify, inspect, harness, soft, demo };

/**
 * A reader that stops early (`decode … | head`) closes the pipe: the rest of the output has nowhere
 * to go, which is not an error of the command. Exit quietly, as Unix tools do.
 */
export function quietOnClosedPipe(stream: NodeJS.WriteStream, exit: (code: number) => void = (c) => process.exit(c)): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') exit(0);
    else throw e;
  });
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '-h' || name === '--help') {
    process.stdout.write(HELP);
    return name ? 0 : 2;
  }
  if (name === 'help') {
    const target = rest[0];
    if (target && COMMANDS[target]) return COMMANDS[target](['--help']);
    process.stdout.write(HELP);
    return 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`passkey-explorer: unknown command "${name}"\n\n${HELP}`);
    return 2;
  }
  try {
    return await command(rest);
  } catch (e) {
    // parseArgs errors (unknown option, missing value) and other usage mistakes.
    process.stderr.write(`passkey-explorer ${name}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
}
