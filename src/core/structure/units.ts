import { cellAt, type Grid } from '../grid';
import { numericValue } from '../numbers';
import type { SignConvention, TableColumn, TableModel, TableRow, Unit } from '../schemas';
import { compact } from '../text';

const VOLUME_CONTEXT =
  /foljetal|verksamhetsmatt|volym|nyckeltal|flerannbudget|farreannbudget|aktualisering|placering|antal/;

interface UnitInput {
  above: string[];
  labelHeader: string;
  headers: string[];
  rows: TableRow[];
  grid: Grid;
  columns: TableColumn[];
}

function moneyUnitIn(text: string): Unit | undefined {
  const t = text.toLowerCase();
  if (/\b(mnkr|mkr|miljoner kronor|mdkr)\b/.test(t)) return 'mnkr';
  if (/\b(tkr|kkr|ksek)\b|tusen(tal)?s?\s*kronor/.test(t)) return 'tkr';
  if (/\(kr\)|\bbelopp i kr\b|\bkronor\b|^kr$/.test(t)) return 'kr';
  return undefined;
}

function volumeUnitOf(rows: TableRow[]): Unit | undefined {
  const items = rows.filter((r) => r.kind === 'item');
  if (items.length === 0) return undefined;
  const withUnit = items.map((r) => r.unit).filter((u): u is string => u !== undefined);
  if (withUnit.length < Math.ceil(items.length / 2)) return undefined;
  const kinds = new Set(withUnit);
  if (kinds.size > 1) return 'mixed';
  const only = [...kinds][0]!;
  return only === 'timmar' ? 'timmar' : only === '%' ? '%' : 'antal';
}

/** Unit of a table (DOMAIN.md §8): stated in a title, unit row or header, else read from labels and values. */
export function detectUnit(input: UnitInput): Unit {
  for (const t of [input.labelHeader, ...input.above.slice().reverse(), ...input.headers]) {
    const u = moneyUnitIn(t);
    if (u) return u;
  }
  const context = compact([...input.above, input.labelHeader].join(' '));
  const volume = volumeUnitOf(input.rows);
  if (volume) return volume;
  if (VOLUME_CONTEXT.test(context)) return 'antal';
  // Indicator tables mix shares and counts row by row.
  if (/indikator|malvarde|namndmal/.test(context)) return 'mixed';
  if (input.headers.length > 0 && input.headers.every((h) => h === '' || /%|andel|procent/i.test(h)))
    return '%';
  // Figures with one decimal and no stated unit are mnkr; whole numbers tkr (the common case).
  let decimals = 0;
  let whole = 0;
  let percent = 0;
  for (const row of input.rows) {
    if (row.kind === 'footnote' || row.kind === 'group_header' || row.kind === 'blank') continue;
    for (const col of input.columns) {
      if (col.nonAmount) continue;
      const cell = cellAt(input.grid, row.index, col.index);
      const n = numericValue(cell.v);
      if (n === undefined) continue;
      if ((cell.fmt ?? '').includes('%') || (typeof cell.v === 'string' && cell.v.includes('%'))) percent++;
      else if (Number.isInteger(n)) whole++;
      else decimals++;
    }
  }
  if (percent > whole + decimals) return '%';
  if (whole + decimals === 0) return 'unknown';
  return decimals > whole ? 'mnkr' : 'tkr';
}

function isVolumeUnit(u: Unit): boolean {
  return u === 'timmar' || u === 'antal' || u === 'mixed';
}

/**
 * Sign convention (DOMAIN.md §5) from the values: cost rows, then the net
 * total, then the bulk of the items. Whether the deviation columns follow it
 * is checked separately, so a header that contradicts its values is reported
 * once rather than deciding the convention.
 */
export function detectSignConvention(grid: Grid, table: TableModel, context: string[]): SignConvention {
  const legend = compact(context.join(' '));
  if (isVolumeUnit(table.unit) || /flerannbudget|farreannbudget/.test(legend)) return 'volumes';
  if (table.unit === '%') return 'unknown';
  const amountCols = table.columns.filter(
    (c) =>
      !c.nonAmount &&
      (c.role === 'outcome' ||
        c.role === 'budget_period' ||
        c.role === 'budget_annual' ||
        c.role === 'forecast' ||
        c.role === 'outcome_prior_year'),
  );
  if (amountCols.length === 0) return 'unknown';
  const signOf = (rows: TableRow[]) => {
    let pos = 0;
    let neg = 0;
    for (const r of rows)
      for (const c of amountCols) {
        const n = numericValue(cellAt(grid, r.index, c.index).v);
        if (n === undefined || n === 0) continue;
        if (n > 0) pos++;
        else neg++;
      }
    return { pos, neg };
  };
  const decide = (s: { pos: number; neg: number }): SignConvention | undefined =>
    s.pos + s.neg === 0
      ? undefined
      : s.neg > s.pos
        ? 'costs_negative'
        : s.pos > s.neg
          ? 'costs_positive'
          : undefined;

  const costRows = table.rows.filter((r) => /kostnad/.test(compact(r.label)) && r.kind !== 'varav');
  const byCost = decide(signOf(costRows));
  if (byCost) return byCost;
  const totals = table.rows.filter((r) => r.kind === 'total');
  const byTotal = decide(signOf(totals));
  const items = table.rows.filter((r) => r.kind === 'item' && !r.revenue);
  const byItems = decide(signOf(items));
  // A table of revenues only (grants) cannot tell the conventions apart.
  if (items.length === 0 && table.rows.some((r) => r.revenue)) return 'unknown';
  return byTotal ?? byItems ?? 'unknown';
}
