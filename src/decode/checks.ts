/**
 * The one way a verifier states a check. A builder is made per step group (a ceremony, an
 * attestation format) with its id prefix, its default spec anchor, and optionally the explanation
 * id of each local check id and the fields the whole group reads. Each call names the local id, the
 * status and the title (a catalog reference), then what is worth saying as named members: what was
 * expected and what came, the message, the spec anchor when it is not the group's, and the field
 * paths of the dissection the step examined, so that the inspector selects exactly those bytes.
 *
 *   const ck = new Checks('attestation.packed', SPEC.packed, { explain: EXPLAIN, fields: [ATT_STMT] });
 *   ck.pass('syntax', T('check.attestation.syntax.title', …), { expected: '{ alg, sig, x5c? }', actual });
 *   ck.fail('signature', title, { message: T('…invalid', { reason }), fields: [ATT_STMT_SIG] });
 */
import type { Check } from './types';
import { english, withText, type CheckMessageId, type CheckText } from './messages/checkText';

/** What a check says besides its id, status and title. */
export interface CheckDetail {
  expected?: unknown;
  actual?: unknown;
  /** Why it failed, warned or was skipped (sometimes a note on a pass). */
  message?: CheckText;
  /** The spec anchor of this step, when it is not the group's. */
  spec?: string;
  /** The explanation of this step, when the group's table has none for its id. */
  explain?: CheckMessageId;
  /** Field paths of the dissection this step examined (Field.path), most specific first. */
  fields?: readonly string[];
}

export interface ChecksDefaults {
  /** Explanation id per local check id. */
  explain?: Readonly<Record<string, CheckMessageId>>;
  /** Fields every check of the group examined unless it names its own (or, by local id, a function). */
  fields?: readonly string[] | ((id: string) => readonly string[]);
}

export class Checks {
  readonly list: Check[] = [];

  constructor(
    private readonly prefix: string,
    private readonly spec: string,
    private readonly defaults: ChecksDefaults = {},
  ) {}

  /** Records a check `<prefix>.<id>` and returns it. */
  add(id: string, status: Check['status'], title: CheckText, d: CheckDetail = {}): Check {
    const c: Check = { id: this.prefix ? `${this.prefix}.${id}` : id, spec: d.spec ?? this.spec, title: english(title), status };
    if (d.expected !== undefined) c.expected = d.expected;
    if (d.actual !== undefined) c.actual = d.actual;
    const group = this.defaults.fields;
    const fields = d.fields ?? (typeof group === 'function' ? group(id) : group);
    if (fields?.length) c.fields = [...fields];
    withText(c, d.explain ?? this.defaults.explain?.[id], title, d.message);
    this.list.push(c);
    return c;
  }
  pass(id: string, title: CheckText, d?: CheckDetail): Check {
    return this.add(id, 'pass', title, d);
  }
  fail(id: string, title: CheckText, d: CheckDetail & { message: CheckText }): Check {
    return this.add(id, 'fail', title, d);
  }
  warn(id: string, title: CheckText, d: CheckDetail & { message: CheckText }): Check {
    return this.add(id, 'warn', title, d);
  }
  skip(id: string, title: CheckText, d: CheckDetail & { message: CheckText }): Check {
    return this.add(id, 'skip', title, d);
  }
  /** Appends checks another group made (a format's verifier inside the registration's steps). */
  append(checks: readonly Check[]): void {
    this.list.push(...checks);
  }
  get failed(): boolean {
    return this.list.some((c) => c.status === 'fail');
  }
}
