/**
 * LibreOffice Calc as the judge of the formulas Budgetkoll writes: a real
 * spreadsheet engine opens an .xlsx, recalculates it and saves it again.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

function hasSoffice(): boolean {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * `describe` when Calc is installed. On CI (and wherever BUDGETKOLL_REQUIRE_SOFFICE
 * is set) a missing Calc fails loudly instead of skipping: scripts/ensure-system-deps.sh
 * installs it there, so its absence is a broken machine, not an optional extra.
 */
export const describeWithCalc: jest.Describe = (() => {
  if (hasSoffice()) return describe;
  if (process.env.CI || process.env.BUDGETKOLL_REQUIRE_SOFFICE) {
    throw new Error(
      'LibreOffice (soffice) saknas: kör scripts/ensure-system-deps.sh eller apt-get install libreoffice-calc-nogui',
    );
  }
  console.warn(
    'LibreOffice (soffice) is not installed: the recalculation tests are skipped on this machine.',
  );
  return describe.skip;
})();

// ExcelJS files say Excel wrote them and Calc would trust their cached results; recalculate always, as Excel does.
const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** Opens `dir/in.xlsx` in Calc with its own profile, recalculates and writes `dir/out/in.xlsx`; returns that path. */
export function recalculateWithCalc(dir: string): string {
  const profile = join(dir, `lo-profile-${process.pid}`);
  mkdirSync(join(profile, 'user'), { recursive: true });
  writeFileSync(join(profile, 'user', 'registrymodifications.xcu'), RECALC_ALWAYS);
  execFileSync(
    'soffice',
    [
      '--headless',
      '--norestore',
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--convert-to',
      'xlsx',
      '--outdir',
      join(dir, 'out'),
      join(dir, 'in.xlsx'),
    ],
    { stdio: 'ignore', timeout: 120_000 },
  );
  return join(dir, 'out', 'in.xlsx');
}

/**
 * Opens every file in Calc in one run (Calc starts once) and saves each as
 * `format` (an extension, optionally with a filter: "csv:Text - txt - csv
 * (StarCalc):44,34,76" for UTF-8) into a folder of `dir`, returned; with `recalculate` Calc recalculates every formula
 * on load, otherwise it keeps its default for Excel files (cached results
 * are trusted, formulas without one are calculated).
 */
export function convertWithCalc(dir: string, files: string[], format: string, recalculate: boolean): string {
  const profile = join(dir, `lo-profile-${recalculate ? 'recalc' : 'default'}-${process.pid}`);
  mkdirSync(join(profile, 'user'), { recursive: true });
  if (recalculate) writeFileSync(join(profile, 'user', 'registrymodifications.xcu'), RECALC_ALWAYS);
  const out = join(dir, `out-${format.split(':')[0]}-${recalculate ? 'recalc' : 'default'}`);
  execFileSync(
    'soffice',
    [
      '--headless',
      '--norestore',
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--convert-to',
      format,
      '--outdir',
      out,
      ...files,
    ],
    { stdio: 'ignore', timeout: 300_000 },
  );
  return out;
}
