/**
 * The layering ESLint enforces (eslint.config.mjs): the core stays pure at any
 * folder depth, and the workbook model and the app layer stay free of Office,
 * the DOM, React and the file system.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

type Case = [file: string, code: string];

/**
 * Lints virtual files with the project's real config. ESLint loads its config with a dynamic
 * import, which Jest's module system cannot do, so the cases run in one Node process of their own.
 */
function lint(cases: readonly Case[]): string[][] {
  const script = `
    import { ESLint } from 'eslint';
    const cases = JSON.parse(process.argv[1]);
    const eslint = new ESLint({ cwd: process.cwd() });
    const out = [];
    for (const [file, code] of cases) {
      const [result] = await eslint.lintText(code, { filePath: file });
      out.push(result.messages
        .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals')
        .map((m) => m.message));
    }
    console.log(JSON.stringify(out));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(cases)], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as string[][];
}

const forbidden: Case[] = [
  ['src/core/x.ts', "import { applyPlan } from '../excel/applyPlan';\nexport const f = applyPlan;\n"],
  [
    'src/core/structure/x.ts',
    "import { applyPlan } from '../../excel/applyPlan';\nexport const f = applyPlan;\n",
  ],
  [
    'src/core/structure/deep/x.ts',
    "import { readXlsx } from '../../../xlsx/read';\nexport const f = readXlsx;\n",
  ],
  [
    'src/core/x.ts',
    "import { createWorkbook } from '../workbook/model';\nexport const f = createWorkbook;\n",
  ],
  ['src/core/structure/x.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n"],
  ['src/core/structure/x.ts', "import { useState } from 'react';\nexport const f = useState;\n"],
  ['src/core/structure/x.ts', 'export const f = () => document.title;\n'],
  [
    'src/workbook/x.ts',
    "import { installSimulatedHost } from '../host';\nexport const f = installSimulatedHost;\n",
  ],
  ['src/workbook/x.ts', "import { readFileSync } from 'fs';\nexport const f = readFileSync;\n"],
  ['src/workbook/x.ts', 'export const f = () => Office.context;\n'],
  ['src/app/x.ts', "import { App } from '../taskpane/App';\nexport const f = App;\n"],
  ['src/app/x.ts', "import { Button } from '@fluentui/react-components';\nexport const f = Button;\n"],
  ['src/app/x.ts', 'export const f = () => window.location.href;\n'],
];
const allowed: Case[] = [
  ['src/core/structure/x.ts', "import { cellAt } from '../grid';\nexport const f = cellAt;\n"],
  ['src/workbook/x.ts', "import { scanRefs } from '../core/refs';\nexport const f = scanRefs;\n"],
  ['src/app/x.ts', "import { readSheet } from '../excel';\nexport const f = readSheet;\n"],
  [
    'src/excel/x.ts',
    "import { installSimulatedHost } from '../host';\nexport const f = installSimulatedHost;\n",
  ],
];

describe('the purity fence', () => {
  let results: string[][];
  beforeAll(() => {
    results = lint([...forbidden, ...allowed]);
  }, 60_000);

  it.each(forbidden.map((c, i) => [c[0], c[1].split('\n')[0], i] as const))(
    '%s: %s is refused',
    (_f, _c, i) => {
      expect(results[i]).toHaveLength(1);
    },
  );

  it.each(allowed.map((c, i) => [c[0], c[1].split('\n')[0], forbidden.length + i] as const))(
    '%s: %s is allowed',
    (_f, _c, i) => {
      expect(results[i]).toEqual([]);
    },
  );
});
