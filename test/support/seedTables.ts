import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Cell, Grid } from '../../src/core/grid';
import { fromDense } from './dense';

export interface SeedRow {
  label: string;
  kind: string;
  values: (number | string | null)[];
}

export interface SeedTable {
  file: string;
  /** The report a seed table comes from; absent for tables from other municipalities. */
  seed?: string;
  /** The label column's header as printed (more-tables). */
  label_header?: string;
  accepted_sign_conventions?: string[];
  title: string;
  unit: string;
  sign_convention: string;
  columns: string[];
  roles?: string[][];
  rows: SeedRow[];
  notes: string;
}

export const SEED_DIR = path.join(__dirname, '..', 'fixtures', 'seed-tables');
/** Real tables from four other municipalities (not the seed reports): copied from ../shared/fixtures/more-tables. */
export const MORE_DIR = path.join(__dirname, '..', 'fixtures', 'more-tables');

export function loadSeedTables(dir: string = SEED_DIR): SeedTable[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json') && /^\d/.test(f))
    .sort()
    .map((f) => ({
      file: f,
      ...(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Omit<SeedTable, 'file'>),
    }));
}

export function loadSeedTable(prefix: string): SeedTable {
  const t = loadSeedTables().find((s) => s.file.startsWith(prefix));
  if (!t) throw new Error(`no seed table ${prefix}`);
  return t;
}

export interface Placement {
  /** The sheet as editable rows from A1; tests change cells here. */
  cells: Cell[][];
  /** The sheet as the core reads it, built from `cells` on every access. */
  readonly grid: Grid;
  /** 0-based absolute row of each seed row. */
  rowIndex: number[];
  /** 0-based absolute column of each numeric column. */
  colIndex: number[];
  headerRows: number[];
  labelCol: number;
}

const UNIT_TEXT: Record<string, string> = { tkr: 'Belopp i tkr', mnkr: 'Belopp i mnkr' };

/**
 * Writes a seed table as a pasted report table looks: title row, unit row,
 * blank row, header (two rows where the fixture joins "upper / lower", the
 * upper cell only over the first column of its span, as a merged cell reads),
 * then the rows. Numbers as numbers, ".." as text.
 */
/** Decimals a row's values show. */
function rowDecimals(row: SeedRow): number {
  let d = 0;
  for (const v of row.values)
    if (typeof v === 'number' && !Number.isInteger(v)) d = Math.max(d, String(v).split('.')[1]!.length);
  return d;
}

/** The table's usual decimals: the most common among rows that show any. */
function tableDecimals(t: SeedTable): number {
  const count = new Map<number, number>();
  for (const r of t.rows) {
    const d = rowDecimals(r);
    if (d > 0) count.set(d, (count.get(d) ?? 0) + 1);
  }
  let best = 0;
  let n = 0;
  for (const [d, c] of count) if (c > n || (c === n && d < best)) [best, n] = [d, c];
  return n >= 2 || t.rows.length <= 2 ? best : 0;
}

const formatFor = (d: number) => (d === 0 ? '#,##0' : `#,##0.${'0'.repeat(d)}`);

export function placeSeedTable(
  t: SeedTable,
  opts: {
    top?: number;
    left?: number;
    sheet?: string;
    /** Give numbers a number format with the table's decimals, as a user's workbook has (`#,##0`, `#,##0.0`). */
    formats?: boolean;
  } = {},
): Placement {
  const top = opts.top ?? 0;
  const left = opts.left ?? 0;
  const width = left + 1 + t.columns.length;
  const rows: Cell[][] = [];
  const put = (r: number, c: number, v: Cell['v'], fmt?: string) => {
    while (rows.length <= r) rows.push([]);
    const row = rows[r]!;
    while (row.length < width) row.push({ v: null });
    row[c] = fmt ? { v, fmt } : { v };
  };
  const d = tableDecimals(t);
  let r = top;
  put(r++, left, t.title);
  if (UNIT_TEXT[t.unit]) put(r++, left, UNIT_TEXT[t.unit]!);
  r++; // blank
  const twoRow = t.columns.some((c) => c.includes(' / '));
  const headerRows: number[] = [];
  const labelHeader =
    t.label_header ??
    (t.seed?.startsWith('000') && t.file.includes('foljetal')
      ? 'Avvik (+) fler än budget (-) färre än budget'
      : 'Verksamhet');
  if (twoRow) {
    let prevUpper = '';
    t.columns.forEach((c, i) => {
      const [upper, lower] = c.includes(' / ') ? (c.split(' / ') as [string, string]) : ['', c];
      if (upper !== prevUpper) put(r, left + 1 + i, upper);
      prevUpper = upper;
      put(r + 1, left + 1 + i, lower);
    });
    put(r + 1, left, labelHeader);
    headerRows.push(r, r + 1);
    r += 2;
  } else {
    put(r, left, labelHeader);
    t.columns.forEach((c, i) => put(r, left + 1 + i, c));
    headerRows.push(r);
    r++;
  }
  const rowIndex: number[] = [];
  for (const row of t.rows) {
    rowIndex.push(r);
    put(r, left, row.label);
    const fmt = opts.formats ? formatFor(Math.max(d, rowDecimals(row))) : undefined;
    row.values.forEach((v, i) => {
      if (v !== null) put(r, left + 1 + i, v, typeof v === 'number' ? fmt : undefined);
    });
    r++;
  }
  for (const row of rows) while (row.length < width) row.push({ v: null });
  const sheet = opts.sheet ?? 'Blad1';
  return {
    cells: rows,
    get grid() {
      return fromDense(sheet, rows);
    },
    rowIndex,
    colIndex: t.columns.map((_, i) => left + 1 + i),
    headerRows,
    labelCol: left,
  };
}

/** Several seed tables on one sheet, one under the other with `gap` blank rows, each shifted `left` columns. */
export function stackSeedTables(
  seeds: SeedTable[],
  opts: { gap?: number; left?: number; sheet?: string } = {},
) {
  const placements: Placement[] = [];
  let top = 0;
  for (const s of seeds) {
    const p = placeSeedTable(s, { top, left: opts.left ?? 0, sheet: opts.sheet });
    placements.push(p);
    top = p.cells.length + (opts.gap ?? 2);
  }
  const width = Math.max(...placements.map((p) => Math.max(...p.cells.map((r) => r.length))));
  const cells: Cell[][] = [];
  for (let r = 0; r < top; r++) cells.push(Array.from({ length: width }, () => ({ v: null })));
  for (const p of placements)
    p.cells.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (cell.v !== null) cells[r]![c] = cell;
      }),
    );
  return { grid: fromDense(opts.sheet ?? 'Blad1', cells), cells, placements };
}
