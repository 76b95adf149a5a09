/**
 * The layers of docs/ARCHITECTURE.md are enforced by ESLint (eslint.config.js, run by `npm test`):
 * each line below is an import a file of one layer makes, and whether the build must refuse it.
 */
import { execFileSync } from 'node:child_process';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const CASES: [file: string, source: string, refused: boolean][] = [
  ['src/renderer/src/views/X.tsx', "import { Store } from '../../../rp/store.ts';", true],
  ['src/renderer/src/views/X.tsx', "import type { Ceremony } from '../../../rp/api-types.ts';", true],
  ['src/renderer/src/views/X.tsx', "import { readFileSync } from 'node:fs';", true],
  ['src/renderer/src/views/X.tsx', "import { app } from 'electron';", true],
  ['src/renderer/src/views/X.tsx', "import { x } from '../../../preload/index.ts';", true],
  ['src/renderer/src/views/X.tsx', "import type { AppInfo } from '../../../preload/api';", false],
  ['src/renderer/src/views/X.tsx', "import type { Ceremony } from '@api/types.ts';", false],
  ['src/renderer/src/views/X.tsx', "import { decode } from '@decode/index.ts';", false],
  ['src/decode/x.ts', "import { createHash } from 'node:crypto';", true],
  ['src/decode/x.ts', "import type { Ceremony } from '@api/types.ts';", true],
  ['src/decode/x.ts', "import { Store } from '../rp/store.ts';", true],
  ['src/decode/x.ts', "import { cborItem } from './cbor.ts';", false],
  ['src/api/x.ts', "import { Store } from '../rp/store.ts';", true],
  ['src/api/x.ts', "import { useState } from 'react';", true],
  ['src/api/x.ts', "import type { Field } from '@decode/types.ts';", false],
  ['src/rp/x.ts', "import { app } from 'electron';", true],
  ['src/rp/x.ts', "import { serveCommand } from '../cli/serve.ts';", true],
  ['src/rp/x.ts', "import { ENDPOINTS } from '@api/endpoints.ts';", false],
  ['src/cli/x.ts', "import { BrowserWindow } from 'electron';", true],
  ['src/cli/x.ts', "import { startRpServer } from '../rp/server.ts';", false],
  ['src/main/x.ts', "import { App } from '../renderer/src/App.tsx';", true],
  ['src/main/x.ts', "import { app } from 'electron';", false],
  ['src/preload/x.ts', "import { Store } from '../rp/store.ts';", true],
  ['src/preload/x.ts', "import { contextBridge } from 'electron';", false],
];

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: process.cwd() });
});

describe('layer boundaries', () => {
  it.each(CASES)('%s: %s', async (file, source, refused) => {
    const [result] = await eslint.lintText(`${source}\nexport const used = [${source.match(/\{ ?(?:type )?(\w+)/)?.[1] ?? ''}];\n`, {
      filePath: file,
    });
    const boundary = result.messages.filter((m) => m.ruleId === 'no-restricted-imports');
    if (refused) expect(boundary.map((m) => m.message).join('\n')).toMatch(/must not import|may import only/);
    else expect(boundary).toEqual([]);
  });
});

describe('e2e names test ids through src/renderer/src/testids.ts', () => {
  it.each([
    ["await page.getByTestId('register').click();", true],
    ['await page.getByTestId(`tab-${view}`).click();', true],
    ['page.locator(\'[data-testid="history-row"][data-id="x"]\');', true],
    ['await page.getByTestId(TID.register).click();', false],
    ['page.locator(`${testIdCss(HISTORY_TID.historyRow)}[data-id="x"]`);', false],
  ])('%s', async (source, refused) => {
    const [result] = await eslint.lintText(
      `declare const page: any, TID: any, HISTORY_TID: any, view: string, testIdCss: any;\n${source}\n`,
      {
        filePath: 'e2e/x.spec.ts',
      },
    );
    const hits = result.messages.filter((m) => m.ruleId === 'no-restricted-syntax');
    expect(hits.length > 0).toBe(refused);
  });
});

describe('lint hygiene', () => {
  it('every eslint-disable comment in the tree says why, on the same line (`-- reason`)', () => {
    const hits = execFileSync('git', ['grep', '-n', '-I', '-E', 'eslint-disable', '--', 'src', 'test', 'e2e', 'bench', '*.ts', '*.js'], {
      encoding: 'utf8',
    })
      .split('\n')
      .filter((l) => l && !l.startsWith('test/lint/'));
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.filter((l) => !/eslint-disable(-next-line|-line)?\s+[\w/@-]+(,\s*[\w/@-]+)*\s+--\s+\S/.test(l))).toEqual([]);
  });
});
