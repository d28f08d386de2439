/**
 * Realistic layout variants of a real table (issue "Read any municipality's
 * table", item 6): the same figures written the ways reports write them —
 * columns in another order, other header names, one or two header rows, the
 * header anywhere from row 1 to 40 and further in, title, unit and period
 * lines above, costs positive instead of negative (deviations unchanged, as
 * the conventions define them), mnkr instead of tkr rounded cell by cell,
 * totals as SUM formulas, a code column, a second table on the sheet. Every
 * variant comes from a fixed seed, so a failure names the variant that
 * reproduces it.
 */
import type { Cell, Grid } from '../../src/core/grid';
import { fromDense } from './dense';
import { placeSeedTable, type SeedTable } from './seedTables';

export interface VariantSpec {
  seed: number;
  top: number;
  left: number;
  /** Column order: positions of the original columns. */
  order: number[];
  synonyms: boolean;
  /** Join a two-row header into one row ("Ack utfall 2023 Utfall netto"). */
  oneRowHeader: boolean;
  periodLine: boolean;
  flipSign: boolean;
  scale: 'none' | 'tkr_to_mnkr';
  sumFormulas: boolean;
  codeColumn: boolean;
  second: boolean;
}

export interface Variant {
  spec: VariantSpec;
  table: SeedTable;
  /** The sheet, editable: tests change single cells here. */
  cells: Cell[][];
  readonly grid: Grid;
  /** Absolute row of each fixture row, absolute column of each fixture column (by original index). */
  rowIndex: number[];
  colIndex: number[];
  /** The sign convention and unit the variant must read as. */
  signs: string[];
  unit: string;
}

const SYNONYMS: Record<string, string[]> = {
  outcome: ['Utfall', 'Ack utfall', 'Utfall perioden', 'Redovisat'],
  budget_period: ['Budget perioden', 'Periodbudget', 'Ack budget'],
  budget_annual: ['Budget helår', 'Årsbudget', 'Helårsbudget'],
  forecast: ['Prognos helår', 'Årsprognos', 'Helårsprognos'],
  deviation_period: ['Avvikelse perioden', 'Avvik. period', 'Budgetavvikelse'],
  deviation_annual: ['Avvikelse helår', 'Avvik. helår', 'Prognosavvikelse'],
};

const MONEY = new Set(['tkr', 'mnkr']);

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

const isDeviationColumn = (t: SeedTable, i: number) => (t.roles?.[i]?.[0] ?? '').startsWith('deviation');
const isYearColumn = (t: SeedTable, i: number) =>
  t.rows.every(
    (r) =>
      r.values[i] === null ||
      typeof r.values[i] !== 'number' ||
      ((r.values[i] as number) >= 1990 && (r.values[i] as number) <= 2100),
  );

/** Column orders reports use: as printed, budget before outcome, the prior year last. */
function orders(t: SeedTable): number[][] {
  const n = t.columns.length;
  const id = [...Array(n).keys()];
  const out = [id];
  const role = (i: number) => t.roles?.[i]?.[0];
  const o = id.findIndex((i) => role(i) === 'outcome');
  const b = id.findIndex(
    (i) => role(i) === 'budget_period' || (role(i) === 'budget_annual' && t.roles![i]!.length > 1),
  );
  if (o >= 0 && b === o + 1) {
    const swapped = [...id];
    swapped[o] = b;
    swapped[b] = o;
    out.push(swapped);
  }
  const prior = id.findIndex((i) => role(i) === 'outcome_prior_year');
  if (prior === 0 && n > 2) out.push([...id.slice(1), 0]);
  return out;
}

export function variantSpec(t: SeedTable, seed: number): VariantSpec {
  const r = rng(seed * 7919 + t.file.length);
  const money = MONEY.has(t.unit) && t.sign_convention !== 'not_applicable';
  // A two-row header reads as one row when its upper cells are short ("Utfall 2023 Intäkter"); long ones
  // ("Helår budget och prognos 2023") are never written into every cell of one row.
  const twoRow =
    t.columns.some((c) => c.includes(' / ')) &&
    t.columns.every((c) => !c.includes(' / ') || c.split(' / ')[0]!.split(' ').length <= 2);
  // Flipping every amount's sign turns costs negative into costs positive only where revenues and costs share a column.
  const parts = t.columns.some((c) => /intäkt|kostn/i.test(c));
  return {
    seed,
    top: Math.floor(r() * 40),
    left: Math.floor(r() * 6),
    order: pick(r, orders(t)),
    synonyms: r() < 0.5,
    oneRowHeader: twoRow && r() < 0.5,
    periodLine: r() < 0.5,
    flipSign:
      money &&
      !parts &&
      (t.sign_convention === 'costs_negative' || t.sign_convention === 'costs_positive') &&
      r() < 0.5,
    // tkr → mnkr rounds cell by cell, as a report in mnkr is printed; mnkr → tkr would invent digits the table never had.
    scale: money && t.unit === 'tkr' ? pick(r, ['none', 'none', 'tkr_to_mnkr'] as const) : 'none',
    sumFormulas: r() < 0.5,
    codeColumn: r() < 0.3,
    second: r() < 0.25,
  };
}

function round(v: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(v * f) / f;
}

/** The fixture table transformed by the spec (figures, headers, order), before it is placed on a sheet. */
function transform(t: SeedTable, spec: VariantSpec): SeedTable {
  const order = spec.order;
  const columns = order.map((i) => {
    let h = t.columns[i]!;
    if (spec.oneRowHeader) h = h.replace(' / ', ' ');
    const roles = t.roles?.[i];
    if (spec.synonyms && roles && roles.length === 1 && SYNONYMS[roles[0]!] && !h.includes(' / ')) {
      const list = SYNONYMS[roles[0]!]!;
      // Another name for the same role, keeping the period the header names ("2011", "2024-08", "jan-aug").
      const month = '(jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)[a-zåäö]*';
      const period = new RegExp(`((19|20)\\d{2}(-\\d{2})?|${month}\\.?\\s*[-–]\\s*${month})`, 'i').exec(
        h,
      )?.[0];
      h = `${list[(spec.seed + i) % list.length]!}${period ? ` ${period}` : ''}`;
    }
    return h;
  });
  const rows = t.rows.map((row) => ({
    ...row,
    values: order.map((i) => {
      const v = row.values[i];
      if (typeof v !== 'number' || isYearColumn(t, i)) return v ?? null;
      let x = v;
      if (spec.flipSign && !isDeviationColumn(t, i)) x = -x;
      if (spec.scale === 'tkr_to_mnkr') x = round(x / 1000, 1);
      return x === 0 ? 0 : x;
    }),
  }));
  const unit = spec.scale === 'tkr_to_mnkr' ? 'mnkr' : t.unit;
  const scaled = (text: string | undefined) =>
    spec.scale === 'tkr_to_mnkr' && text ? text.replace(/\btkr\b/g, 'mnkr') : text;
  const out: SeedTable = {
    ...t,
    unit,
    title: scaled(t.title)!,
    columns,
    roles: t.roles ? order.map((i) => t.roles![i]!) : undefined,
    rows,
  };
  if (t.label_header !== undefined) out.label_header = scaled(t.label_header)!;
  return out;
}

export function makeVariant(t: SeedTable, spec: VariantSpec, companion?: SeedTable): Variant {
  const v = transform(t, spec);
  const left = spec.left + (spec.codeColumn ? 1 : 0);
  const placed = placeSeedTable(v, { top: spec.top + (spec.periodLine ? 1 : 0), left, formats: true });
  const cells = placed.cells;
  const put = (r: number, c: number, cell: Cell) => {
    while (cells.length <= r) cells.push([]);
    const row = cells[r]!;
    while (row.length <= c) row.push({ v: null });
    row[c] = cell;
  };
  if (spec.periodLine) put(spec.top, left, { v: 'Rapportperiod: 2024-08-31' });
  if (spec.codeColumn)
    placed.rowIndex.forEach((r, i) => {
      if (v.rows[i]!.kind === 'item') put(r, left - 1, { v: String(5100 + 10 * i) });
    });
  // Sum rows as SUM formulas over their items (where the fixture says which).
  if (spec.sumFormulas) sumFormulas(v, placed.rowIndex, placed.colIndex, cells);
  if (spec.second && companion) {
    const other = placeSeedTable(companion, { top: cells.length + 2, left, formats: true });
    other.cells.forEach((row, r) => row.forEach((cell, c) => cell.v !== null && put(r, c, cell)));
  }
  const flip = (c: string) =>
    c === 'costs_negative' ? 'costs_positive' : c === 'costs_positive' ? 'costs_negative' : c;
  const base = t.accepted_sign_conventions ?? [t.sign_convention];
  const signs = spec.flipSign ? base.map(flip) : base;
  const colIndex = t.columns.map((_, i) => placed.colIndex[spec.order.indexOf(i)]!);
  return {
    spec,
    table: v,
    cells,
    get grid() {
      return fromDense('Blad1', cells);
    },
    rowIndex: placed.rowIndex,
    colIndex,
    signs,
    unit: v.unit,
  };
}

/**
 * Writes =SUM(...) into sum rows whose items are the fixture's own run just
 * above (a subtotal or total right after its items) — the common ledger
 * shape; other sums stay constants. The cached value is the exact sum.
 */
function sumFormulas(t: SeedTable, rowIndex: number[], colIndex: number[], cells: Cell[][]): void {
  let runStart = -1;
  t.rows.forEach((row, i) => {
    if (row.kind === 'item') {
      if (runStart < 0) runStart = i;
      return;
    }
    if ((row.kind === 'total' || row.kind === 'subtotal') && runStart >= 0 && i - runStart >= 2) {
      const kinds = t.rows.slice(0, i).map((r) => r.kind);
      // Only a plain list of items closed by one sum: the first sum of the table.
      if (!kinds.every((k) => k === 'item')) return;
      colIndex.forEach((c, j) => {
        const values = t.rows.slice(runStart, i).map((r) => r.values[j]);
        if (values.some((x) => typeof x !== 'number') || typeof row.values[j] !== 'number') return;
        const sum = (values as number[]).reduce((a, b) => a + b, 0);
        const letter = String.fromCharCode(65 + c);
        const cell = cells[rowIndex[i]!]![c]!;
        cells[rowIndex[i]!]![c] = {
          ...cell,
          v: Number(sum.toFixed(6)),
          f: `=SUM(${letter}${rowIndex[runStart]! + 1}:${letter}${rowIndex[i - 1]! + 1})`,
        };
      });
    }
    runStart = -1;
  });
}
