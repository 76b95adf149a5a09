/**
 * The Japanese catalogs follow docs/glossary.md: no word of its "not used" column appears in any of
 * them (the window's, the dissector's explanations and checks, its field displays and error sentences,
 * the RP's error sentences).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ja as windowJa } from '../../src/renderer/src/i18n/ja.ts';
import { ja as decodeJa } from '@decode/messages/index.ts';
import { decodeErrorsJa } from '@decode/messages/errors.ja.ts';
import { apiErrorsJa } from '../../src/renderer/src/i18n/apiErrors.ja.ts';

const GLOSSARY = readFileSync(resolve(import.meta.dirname, '../../docs/glossary.md'), 'utf8');

function rows(): { en: string; ja: string; not: string[] }[] {
  const table = GLOSSARY.split('## Terms')[1].split('##')[0];
  return table
    .split('\n')
    .filter((l) => l.startsWith('|') && !l.startsWith('|---') && !l.startsWith('| English'))
    .map((l) => l.split('|').map((c) => c.trim()))
    .map(([, en, ja, not]) => ({
      en,
      ja,
      not: not
        .split(',')
        .map((w) => w.trim())
        .filter(Boolean),
    }));
}

describe('the Japanese catalogs follow the glossary', () => {
  const display = readFileSync(resolve(import.meta.dirname, '../../src/decode/messages/display.ts'), 'utf8');
  const texts: [string, string][] = [
    ...Object.entries(windowJa).map(([k, v]): [string, string] => [`window ${k}`, v]),
    ...Object.entries(decodeJa).map(([k, v]): [string, string] => [`decode ${k}`, v]),
    ...Object.entries(decodeErrorsJa).map(([k, v]): [string, string] => [`decode error ${k}`, v]),
    ...Object.entries(apiErrorsJa).map(([k, v]): [string, string] => [`RP error ${k}`, v]),
    ['field displays (display.ts)', display],
  ];
  it('has terms, each with its rejected synonyms', () => {
    expect(rows().length).toBeGreaterThan(15);
    for (const r of rows()) expect(r.not.length, r.en).toBeGreaterThan(0);
  });
  it.each(rows().map((r) => [r.en, r] as const))('%s', (_en, r) => {
    const uses = texts.filter(([, v]) => r.not.some((w) => v.includes(w))).map(([k]) => k);
    expect(uses, `use “${r.ja}”, not ${r.not.join(' / ')}`).toEqual([]);
    // The chosen term is used somewhere (a glossary row nobody follows would be dead).
    const chosen = r.ja.split(/[\s/（）()]+/).filter((w) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(w));
    for (const w of chosen)
      expect(
        texts.some(([, v]) => v.includes(w)),
        `${w} is used`,
      ).toBe(true);
  });
});
