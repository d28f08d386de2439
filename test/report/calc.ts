/** LibreOffice Calc recalculating report files, and the report tables read back. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cellAt, type Grid } from '../../src/core/grid';
import { readXlsx } from '../../src/xlsx';
import { modelToGrid } from '../../src/xlsx/grid';
import { convertWithCalc } from '../support/libreoffice';

/** Recalculates the files in Calc in one run and returns the recalculated grids of `sheets` per file. */
export async function recalculated(
  dir: string,
  files: Record<string, Uint8Array>,
): Promise<Record<string, (sheet: string) => Grid>> {
  mkdirSync(dir, { recursive: true });
  const paths = Object.entries(files).map(([name, bytes]) => {
    const p = join(dir, `${name}.xlsx`);
    writeFileSync(p, bytes);
    return p;
  });
  const out = convertWithCalc(dir, paths, 'xlsx', true);
  const result: Record<string, (sheet: string) => Grid> = {};
  for (const name of Object.keys(files)) {
    const model = await readXlsx(readFileSync(join(out, `${name}.xlsx`)));
    result[name] = (sheet) => modelToGrid(model, sheet);
  }
  return result;
}

/** A report table read back: label and the seven figures per row from `firstRow` until an empty label. */
export function reportRows(
  grid: Grid,
  firstRow = 4,
): { label: string; values: (number | string | null)[] }[] {
  const rows: { label: string; values: (number | string | null)[] }[] = [];
  for (let r = firstRow; ; r++) {
    const label = cellAt(grid, r, 0).v;
    if (label === null || label === '') break;
    const values: (number | string | null)[] = [];
    for (let c = 1; c <= 7; c++) {
      const v = cellAt(grid, r, c).v;
      values.push(typeof v === 'boolean' ? String(v) : v);
    }
    rows.push({ label: String(label), values });
  }
  return rows;
}
