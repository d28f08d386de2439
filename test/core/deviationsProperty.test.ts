/**
 * Run twice = run once: for generated tables (random items, a total, costs
 * negative or positive, with or without the deviation and forecast columns),
 * applying computeDeviations' plan and running it again plans nothing.
 */
import fc from 'fast-check';
import { computeDeviations } from '../../src/core';
import { cellAt, parseA1, parseRange, type Cell, type CellValue, type Grid } from '../../src/core/grid';
import { fromDense, toDense } from '../support/dense';
import type { WritePlan } from '../../src/core/plan';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/schemas';

/**
 * Evaluates the formula shapes the command writes: cell references, numbers,
 * + − * / and parentheses, SUM(range). Text or ".." reads as an error (NaN).
 */
function evaluate(formula: string, read: (row: number, col: number) => CellValue): number {
  const src = formula.replace(/^=/, '');
  let pos = 0;
  const peek = () => src[pos];
  const value = (v: CellValue) => (v === null ? 0 : typeof v === 'number' ? v : NaN);
  const primary = (): number => {
    if (peek() === '(') {
      pos++;
      const v = expr();
      pos++;
      return v;
    }
    if (peek() === '-') {
      pos++;
      return -primary();
    }
    const m = /^(SUM\(([A-Z]+\d+:[A-Z]+\d+)\)|[A-Z]+\d+|\d+(\.\d+)?)/.exec(src.slice(pos));
    if (!m) throw new Error(`cannot read ${src} at ${pos}`);
    pos += m[0].length;
    if (m[2]) {
      const r = parseRange(m[2])!;
      let s = 0;
      for (let row = r.top; row <= r.bottom; row++)
        for (let col = r.left; col <= r.right; col++) {
          const v = read(row, col);
          if (typeof v === 'number') s += v;
        }
      return s;
    }
    const ref = parseA1(m[0]);
    return ref ? value(read(ref.row, ref.col)) : Number(m[0]);
  };
  const term = (): number => {
    let v = primary();
    while (peek() === '*' || peek() === '/') {
      const op = src[pos++];
      const r = primary();
      v = op === '*' ? v * r : v / r;
    }
    return v;
  };
  const expr = (): number => {
    let v = term();
    while (peek() === '+' || peek() === '-') {
      const op = src[pos++];
      const r = term();
      v = op === '+' ? v + r : v - r;
    }
    return v;
  };
  return expr();
}

/** Applies a write plan to a grid, as Excel would (inserts shift cells right), and recalculates. Pure. */
function applyPlanToGrid(grid: Grid, plan: WritePlan): Grid {
  const rows: Cell[][] = toDense(grid).map((row) => row.map((cell) => ({ ...cell })));
  for (const ins of plan.inserts)
    for (let r = ins.top; r <= ins.bottom; r++) {
      const row = rows[r]!;
      while (row.length < ins.col) row.push({ v: null });
      row.splice(ins.col, 0, { v: null });
    }
  for (const w of plan.writes) {
    while (rows.length <= w.row) rows.push([]);
    const row = rows[w.row]!;
    while (row.length <= w.col) row.push({ v: null });
    const prev = row[w.col]!;
    const next: Cell =
      w.formula !== undefined
        ? { v: null, f: w.formula }
        : w.value !== undefined
          ? { v: w.value }
          : { ...prev };
    const fmt = w.numberFormat ?? prev.fmt;
    if (fmt) next.fmt = fmt;
    row[w.col] = next;
  }
  const width = Math.max(...rows.map((r) => r.length));
  for (const row of rows) while (row.length < width) row.push({ v: null });
  // The grid shares the cell objects, so results filled in below are what it reads.
  const out: Grid = fromDense(grid.sheet, rows);
  // Formulas read constants or formulas above/left of them; a few passes settle any order.
  for (let pass = 0; pass < 4; pass++)
    for (const row of rows)
      for (const cell of row) {
        if (!cell.f) continue;
        const v = evaluate(cell.f, (r, c) => cellAt(out, r, c).v);
        cell.v = Number.isFinite(v) ? Number(v.toPrecision(15)) : '#VALUE!';
      }
  return out;
}

interface Spec {
  convention: 'costs_negative' | 'costs_positive';
  hasDeviationPeriod: boolean;
  hasForecast: boolean;
  hasDeviationAnnual: boolean;
  revenueRow: boolean;
  items: {
    label: string;
    outcome: number;
    budgetFactor: number;
    annualFactor: number;
    forecastTyped: boolean;
    na: boolean;
    oldDeviation: number | null;
  }[];
}

const LABELS = [
  'Äldreomsorg',
  'Hemtjänst',
  'Särskilt boende',
  'Individ- och familjeomsorg',
  'Ekonomiskt bistånd',
  'Familjerätt',
  'Stöd och service LSS',
  'Förvaltningsledning',
  'Nämnd- och styrelseverksamhet',
  'Missbruksvård vuxna',
];

const specArb: fc.Arbitrary<Spec> = fc.record({
  convention: fc.constantFrom('costs_negative' as const, 'costs_positive' as const),
  hasDeviationPeriod: fc.boolean(),
  hasForecast: fc.boolean(),
  hasDeviationAnnual: fc.boolean(),
  revenueRow: fc.boolean(),
  items: fc.uniqueArray(
    fc.record({
      label: fc.constantFrom(...LABELS),
      outcome: fc.integer({ min: 100, max: 90_000 }),
      budgetFactor: fc.double({ min: 0.8, max: 1.2, noNaN: true }),
      annualFactor: fc.double({ min: 1.3, max: 1.6, noNaN: true }),
      forecastTyped: fc.boolean(),
      na: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
      oldDeviation: fc.option(fc.integer({ min: -500, max: 500 })),
    }),
    { minLength: 3, maxLength: 8, selector: (i) => i.label },
  ),
});

function buildGrid(spec: Spec): Grid {
  const sign = spec.convention === 'costs_negative' ? -1 : 1;
  const header = ['Verksamhet', 'Utfall perioden', 'Budget perioden'];
  if (spec.hasDeviationPeriod) header.push('Avvikelse perioden');
  if (spec.hasForecast) header.push('Prognos helår');
  header.push('Budget helår');
  if (spec.hasForecast && spec.hasDeviationAnnual) header.push('Avvikelse helår');
  const rows: CellValue[][] = [
    ['Verksamhetsrapport', ...header.slice(1).map(() => null)],
    ['Belopp i tkr', ...header.slice(1).map(() => null)],
    header.map(() => null),
    header,
  ];
  const totals = { o: 0, bp: 0, ba: 0, f: 0 };
  const line = (
    label: string,
    o: number,
    bp: number,
    ba: number,
    f: CellValue,
    dev: CellValue,
    na: boolean,
  ): CellValue[] => {
    const r: CellValue[] = [label, na ? '..' : o, bp];
    if (spec.hasDeviationPeriod) r.push(dev);
    if (spec.hasForecast) r.push(f);
    r.push(ba);
    if (spec.hasForecast && spec.hasDeviationAnnual) r.push(dev);
    return r;
  };
  for (const it of spec.items) {
    const bp = Math.round(it.outcome * it.budgetFactor);
    const ba = Math.round(bp * it.annualFactor);
    const f = Math.round(it.outcome * it.annualFactor);
    totals.o += sign * it.outcome;
    totals.bp += sign * bp;
    totals.ba += sign * ba;
    totals.f += sign * f;
    rows.push(
      line(
        it.label,
        sign * it.outcome,
        sign * bp,
        sign * ba,
        it.forecastTyped ? sign * f : null,
        it.oldDeviation,
        it.na,
      ),
    );
  }
  if (spec.revenueRow) {
    rows.push(line('Statsbidrag', 40, 30, 45, spec.hasForecast ? 60 : null, null, false));
    totals.o += 40;
    totals.bp += 30;
    totals.ba += 45;
    totals.f += 60;
  }
  rows.push(line('Summa', totals.o, totals.bp, totals.ba, null, null, false));
  return fromDense(
    'Blad1',
    rows.map((r) => r.map((v): Cell => ({ v }))),
  );
}

const SETTINGS: fc.Arbitrary<Settings> = fc
  .record({
    forecastMethod: fc.constantFrom(
      'utfall_plus_budget' as const,
      'linear' as const,
      'prior_year_profile' as const,
    ),
    overwriteForecasts: fc.boolean(),
    period: fc.constantFrom('2024-08', '2024-03'),
  })
  .map((s) => ({ ...DEFAULT_SETTINGS, ...s }));

describe('computeDeviations is idempotent', () => {
  it('applying the plan and running again plans nothing', () => {
    fc.assert(
      fc.property(specArb, SETTINGS, (spec, settings) => {
        const grid = buildGrid(spec);
        const first = computeDeviations(grid, settings);
        expect(first.summary.tables).toBe(1);
        const after = applyPlanToGrid(grid, first.plan);
        const second = computeDeviations(after, settings);
        expect(second.plan.inserts).toEqual([]);
        expect(second.plan.writes).toEqual([]);
        // And the standard layout is complete after the first run.
        const headers = toDense(after)[3]!.map((c) => c.v);
        expect(headers).toEqual(
          expect.arrayContaining([
            'Utfall perioden',
            'Budget perioden',
            'Avvikelse perioden',
            'Budget helår',
          ]),
        );
        expect(headers.some((h) => typeof h === 'string' && h.startsWith('Prognos'))).toBe(true);
        expect(headers.some((h) => typeof h === 'string' && /^Avvikelse helår$/.test(h))).toBe(true);
      }),
      { numRuns: 200, seed: 7301 },
    );
  });

  it('every figure row gets a live deviation formula in the table’s convention', () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const grid = buildGrid(spec);
        const after = applyPlanToGrid(grid, computeDeviations(grid).plan);
        const header = toDense(after)[3]!.map((c) => c.v);
        const [o, b, d] = ['Utfall perioden', 'Budget perioden', 'Avvikelse perioden'].map((h) =>
          header.indexOf(h),
        ) as [number, number, number];
        for (let r = 4; r < toDense(after).length; r++) {
          const label = String(cellAt(after, r, 0).v);
          const cell = cellAt(after, r, d);
          if (cellAt(after, r, o).v === '..') {
            expect(cell.v).toBe('..');
            continue;
          }
          const actualMinusBudget = spec.convention === 'costs_negative' || label === 'Statsbidrag';
          const [x, y] = actualMinusBudget ? [o, b] : [b, o];
          const col = (c: number) => String.fromCharCode(65 + c);
          expect(cell.f).toBe(`=${col(x)}${r + 1}-${col(y)}${r + 1}`);
        }
      }),
      { numRuns: 100, seed: 7302 },
    );
  });
});
