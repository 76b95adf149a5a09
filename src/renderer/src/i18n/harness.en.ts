/** Test harness: English messages. */
import { REASON_EN, WHAT_EN } from '@api/harnessReasons.ts';

/** The runner's reasons under `harness.reason.*` / `harness.what.*` (the same English as the reports). */
function prefixed<P extends string, T extends Record<string, string>>(prefix: P, o: T) {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [prefix + k, v])) as { [K in keyof T & string as `${P}${K}`]: string };
}

export const harnessEn = {
  ...prefixed('harness.reason.', REASON_EN),
  ...prefixed('harness.what.', WHAT_EN),
  'nav.harness': 'Harness',
  'harness.title': 'Test harness',
  'harness.intro':
    'Runs scenario suites in this window: capabilities (what the authenticator really supports), rp-robustness (what this relying party must reject, each attack at the step it names) and scenario files of your own — on the lab’s virtual authenticators, unattended, or on this browser’s own authenticator with a prompt at every step. Every ceremony lands in History as evidence; finished runs are kept.',
  'harness.unavailableTitle': 'No virtual authenticators in this window',
  'harness.noLab':
    'Virtual authenticators need the lab: run `passkey-explorer serve --lab` or the desktop app (or `passkey-explorer harness` in a terminal). You can still run the suites interactively on this browser’s own authenticator.',
  'harness.group.virtual': 'Virtual (the lab)',
  'harness.group.real': 'Real',
  'harness.interactive': 'This browser’s own authenticator — interactive (security key, Windows Hello, Touch ID, phone)',
  'harness.interactiveShort': 'this browser’s authenticator',
  'harness.auto': 'Start each ceremony at once (untick to press Go at every step)',
  'harness.interactiveNote':
    'Every registration makes a real credential on your authenticator (a discoverable one takes a slot on a security key): delete them afterwards. Steps that need the lab (faults, counter edits) are unsupported here, and each scenario uses the same authenticator.',
  'harness.file': 'Scenario file (JSON or YAML)',
  'harness.fileLoaded': '{name}: suite {suite}, {n} scenarios',
  'harness.fileClear': 'Remove',
  'harness.fileProblems': '{name} is not a scenario file:',
  'harness.fileTooLarge': 'The file is {n} bytes; the limit is {max}.',
  'harness.prompt.title': 'Your turn',
  'harness.prompt.where': 'Scenario {n} of {of}: {title} — step {step} of {steps}',
  'harness.prompt.create': 'Create a passkey now: touch your security key, or use Windows Hello, Touch ID or your phone.',
  'harness.prompt.get': 'Sign in now: touch your security key, or use Windows Hello, Touch ID or your phone.',
  'harness.prompt.leaveAlone': 'Leave your authenticator alone: this step expects the ceremony to time out or be cancelled.',
  'harness.prompt.asked': 'The RP asked for:',
  'harness.prompt.go': 'Go',
  'harness.prompt.waiting': 'Waiting for the authenticator…',
  'harness.prompt.skip': 'My authenticator cannot do this',
  'harness.kept': 'Kept runs',
  'harness.show': 'Show',
  'harness.forget': 'Delete',
  'harness.suites': 'Suites',
  'harness.scenarios': '{n} scenarios',
  'harness.authenticator': 'Authenticator',
  'harness.eachOwn': 'each scenario’s own',
  'harness.start': 'Run',
  'harness.cancel': 'Cancel',
  'harness.labNote': 'While it runs, the harness replaces this window’s virtual authenticators with a fresh one for every scenario.',
  'harness.state.running': 'Running',
  'harness.state.done': 'Done',
  'harness.state.cancelled': 'Cancelled',
  'harness.state.failed': 'Stopped by an error',
  'harness.progress': 'scenario {n} of {of}: {id}, step {step} of {steps}',
  'harness.progressLabel': 'Scenarios finished',
  'harness.totals': '{pass} pass, {fail} fail, {unsupported} unsupported, {error} error — {n} scenarios',
  'harness.outcome.pass': 'pass',
  'harness.outcome.fail': 'fail',
  'harness.outcome.unsupported': 'unsupported',
  'harness.outcome.error': 'error',
  'harness.evidence': 'Ceremonies:',
  'harness.export.json': 'JSON',
  'harness.export.junit': 'JUnit XML',
  'harness.export.md': 'Markdown',
  'harness.compare': 'Compare two runs',
  'harness.scenario': 'Scenario',
};
