/**
 * Reads a scenario file's text — JSON, or YAML (a superset people write by hand, with comments) — and
 * validates it with the scenario schema (the zod schema harness/scenario.schema.json is generated
 * from). The CLI and the window both read files through here, so both accept and refuse the same
 * files with the same words: each problem names its place (`scenarios.3.steps.0.do: …`) and, for a
 * syntax error, its line and column.
 */
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { scenarioFileSchema, type ScenarioFile } from './harness.ts';
import { siteFileSchema, siteSchema, type Site } from './site.ts';

export type ScenarioFileParse = { ok: true; file: ScenarioFile } | { ok: false; problems: string[] };

/** Parses `text`; `name` decides YAML (.yaml/.yml) or JSON, and without an extension the first character does. */
export function parseScenarioFile(text: string, name = ''): ScenarioFileParse {
  return parseDataFile(
    text,
    name,
    scenarioFileSchema,
    'a scenario file (an object with format, version, suite, scenarios)',
  ) as ScenarioFileParse;
}

/** A site file (`harness --target site:<file>`), or a scenario file that names a site: the site. */
export function parseSiteFile(text: string, name = ''): { ok: true; site: Site } | { ok: false; problems: string[] } {
  const scenarios = parseScenarioFile(text, name);
  if (scenarios.ok && scenarios.file.site) return { ok: true, site: siteSchema.parse(scenarios.file.site) };
  const r = parseDataFile(text, name, siteFileSchema, 'a site file (an object with format, version, url, register, authenticate)');
  return r.ok ? { ok: true, site: r.file as Site } : r;
}

function parseDataFile(
  text: string,
  name: string,
  schema: z.ZodType,
  what: string,
): { ok: true; file: unknown } | { ok: false; problems: string[] } {
  const yamlish = /\.ya?ml$/i.test(name) || (!/\.json$/i.test(name) && !/^\s*[[{]/.test(text));
  let value: unknown;
  if (yamlish) {
    // YAML 1.2 core schema: plain JSON values only (no custom tags, no merge keys), aliases bounded.
    // resolveKnownTags off: !!binary, !!set, !!timestamp … stay unresolved (warnings) instead of becoming objects.
    const doc = parseDocument(text, { schema: 'core', merge: false, uniqueKeys: true, resolveKnownTags: false });
    if (doc.errors.length)
      return {
        ok: false,
        problems: doc.errors.slice(0, 5).map((e) => {
          const at = e.linePos?.[0];
          const what = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
          return `${at ? `line ${at.line}, column ${at.col}: ` : ''}${what}`;
        }),
      };
    value = doc.toJS({ maxAliasCount: 100 });
  } else {
    try {
      value = JSON.parse(text);
    } catch (e) {
      return { ok: false, problems: [`not JSON: ${e instanceof Error ? e.message : String(e)}`] };
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return {
      ok: false,
      problems: [`the file holds ${Array.isArray(value) ? 'a list' : value === null ? 'nothing' : `a ${typeof value}`}, not ${what}`],
    };
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, file: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.slice(0, 8).map((i) => clip(`${i.path.join('.') || '(top)'}: ${i.message}`)),
  };
}

function clip(s: string, max = 240): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
