/**
 * "Beräkna avvikelser": fills the deviation columns with live formulas,
 * inserts the standard columns a table lacks, and proposes full-year
 * forecasts (DOMAIN.md §5, §9). The plan is compared with what the sheet
 * already holds, so running the command twice changes nothing the second time.
 */
import { a1, cellAt, EMPTY_CELL, isBlank, type Cell, type Grid } from './grid';
import { operandRef, planForecasts } from './forecast';
import { CODES } from './findings';
import { asTextLiteral, shiftedColumn, type CellWrite, type ColumnInsert, type WritePlan } from './plan';
import {
  columnByRole,
  conventionDirection,
  deviationDefs,
  deviationFlipped,
  isFigureRow,
  operand,
} from './relations';
import { classifyHeader } from './structure/headers';
import { ColumnRole, DEFAULT_SETTINGS, type Finding, type Settings, type TableModel } from './schemas';
import { analyzeSheet } from './validateStructure';

export interface DeviationSummary {
  tables: number;
  deviationCells: number;
  forecastsProposed: number;
  userForecastsKept: number;
  /** Swedish header names of the inserted columns. */
  insertedColumns: string[];
}

export interface DeviationResult {
  plan: WritePlan;
  findings: Finding[];
  summary: DeviationSummary;
}

/** Every role but `other`: the columns a deviation plan can refer to. */
const ROLES = ColumnRole.options.filter((r) => r !== 'other');

const NOT_AVAILABLE = /^(\.\.|…|\.\.\.)$/;

function isNA(cell: Cell): boolean {
  return !cell.f && typeof cell.v === 'string' && NOT_AVAILABLE.test(cell.v.trim());
}

/** A column the table lacks, to be inserted before pre-insert column `before`. */
interface NewColumn {
  role: ColumnRole;
  header: string;
  before: number;
  /** Tie-break between columns inserted at the same place, left to right. */
  order: number;
}

/**
 * The standard layout (Utfall | Budget perioden | Avvikelse perioden |
 * Prognos helår | Budget helår | Avvikelse helår): which of its columns the
 * table lacks and where each goes.
 */
function missingColumns(grid: Grid, table: TableModel, settings: Settings): NewColumn[] {
  // A column nobody filled in (001_25's empty Budget) is no reason to add columns to compare with it.
  const filled = (role: ColumnRole) => {
    const c = columnByRole(table, role);
    return c && table.rows.some((r) => isFigureRow(r) && operand(grid, r.index, c.index) !== undefined)
      ? c
      : undefined;
  };
  const outcome = filled('outcome');
  const bp = filled('budget_period');
  const ba = filled('budget_annual');
  const fc = columnByRole(table, 'forecast');
  const dp = columnByRole(table, 'deviation_period');
  const da = columnByRole(table, 'deviation_annual');
  const volumes = table.signConvention === 'volumes';
  const out: NewColumn[] = [];
  if (outcome && bp && !dp)
    out.push({
      role: 'deviation_period',
      header: volumes ? 'Avvik. period' : 'Avvikelse perioden',
      before: Math.max(outcome.index, bp.index) + 1,
      order: 0,
    });
  let newForecast: NewColumn | undefined;
  if (outcome && bp && ba && !fc) {
    const periodRight = Math.max(outcome.index, bp.index, dp?.index ?? -1);
    const year = settings.period ? Number(settings.period.slice(0, 4)) : table.period?.year;
    newForecast = {
      role: 'forecast',
      header: volumes && year !== undefined ? `Prognos ${year}` : 'Prognos helår',
      // Before the annual budget when it stands right of the period columns, else after the period deviation.
      before: ba.index > periodRight ? ba.index : periodRight + 1,
      order: 1,
    };
    out.push(newForecast);
  }
  if (ba && !da && (fc || newForecast || (outcome && !columnByRole(table, 'budget_period') && !dp)))
    out.push({
      role: 'deviation_annual',
      header: !fc && !newForecast ? 'Avvikelse' : volumes ? 'Avvik. helår' : 'Avvikelse helår',
      before: Math.max(ba.index + 1, fc ? fc.index + 1 : -1, newForecast?.before ?? -1),
      order: 2,
    });
  return out.sort((a, b) => a.before - b.before || a.order - b.order);
}

function defaultFormat(table: TableModel): string {
  return table.unit === 'mnkr' ? '0.0' : '#,##0';
}

/** The format of the first figure cell of a column that has one. */
function columnFormat(grid: Grid, table: TableModel, col: number | undefined): string | undefined {
  if (col === undefined) return undefined;
  for (const row of table.rows) {
    if (!isFigureRow(row)) continue;
    const cell = cellAt(grid, row.index, col);
    if (!isBlank(cell) && cell.fmt) return cell.fmt;
  }
  return undefined;
}

function sameContent(cell: Cell, w: CellWrite): boolean {
  if (w.formula !== undefined) return cell.f === w.formula;
  return !cell.f && typeof cell.v === 'string' && typeof w.value === 'string' && cell.v.trim() === w.value;
}

interface TableOutcome {
  writes: CellWrite[];
  inserts: ColumnInsert[];
  findings: Finding[];
  deviationCells: number;
  forecastsProposed: number;
  userForecastsKept: number;
  insertedColumns: string[];
}

function planTable(
  grid: Grid,
  table: TableModel,
  settings: Settings,
  blocked: Set<number>,
  priorInserts: ColumnInsert[],
): TableOutcome | undefined {
  const outcome = columnByRole(table, 'outcome');
  if (!outcome || !(columnByRole(table, 'budget_period') ?? columnByRole(table, 'budget_annual')))
    return undefined;
  const result: TableOutcome = {
    writes: [],
    inserts: [],
    findings: [],
    deviationCells: 0,
    forecastsProposed: 0,
    userForecastsKept: 0,
    insertedColumns: [],
  };

  // A table whose columns the user must sort out first gets no new columns either.
  const added = blocked.size > 0 ? [] : missingColumns(grid, table, settings);
  added.forEach((n, i) => result.inserts.push({ col: n.before + i, top: table.top, bottom: table.bottom }));
  const allInserts = [...priorInserts, ...result.inserts];
  const post = (pre: number) => shiftedColumn(pre, table.top, allInserts);

  const col: Partial<Record<ColumnRole, number>> = {};
  const preOf = new Map<number, number>();
  for (const c of table.columns) preOf.set(post(c.index), c.index);
  for (const role of ROLES) {
    const c = columnByRole(table, role);
    if (c) col[role] = post(c.index);
  }
  added.forEach((n, i) => {
    col[n.role] = n.before + i;
    result.insertedColumns.push(n.header);
  });

  const headerRow = table.headerRows[table.headerRows.length - 1]! - 1;
  added.forEach((n, i) =>
    result.writes.push({ row: headerRow, col: n.before + i, value: asTextLiteral(n.header) }),
  );

  /** The cell at a post-insert position as it is now; inserted cells are empty. */
  const current = (row: number, postCol: number): Cell => {
    const pre = preOf.get(postCol);
    return pre === undefined ? EMPTY_CELL : cellAt(grid, row, pre);
  };
  const fallback = defaultFormat(table);
  const outcomeFormat = columnFormat(grid, table, outcome.index);
  const formatOf = (role: ColumnRole) => {
    const c = columnByRole(table, role);
    return columnFormat(grid, table, c?.index) ?? outcomeFormat ?? fallback;
  };

  // Forecasts first: the annual deviation reads the forecast cells as they will be.
  const planned = new Map<string, Cell>();
  if (col.forecast !== undefined && !blocked.has(columnByRole(table, 'forecast')?.index ?? -1)) {
    const fp = planForecasts({
      grid,
      table,
      settings,
      col,
      cell: (row, role) => (col[role] === undefined ? EMPTY_CELL : current(row, col[role]!)),
      numberFormat: formatOf('forecast'),
    });
    result.writes.push(...fp.writes);
    result.findings.push(...fp.findings);
    result.forecastsProposed = fp.proposed;
    result.userForecastsKept = fp.kept;
    for (const w of fp.writes) {
      const c: Cell = w.formula !== undefined ? { v: null, f: w.formula } : { v: w.value ?? null };
      planned.set(`${w.row},${w.col}`, c);
    }
  }
  const view = (row: number, postCol: number): Cell =>
    planned.get(`${row},${postCol}`) ?? current(row, postCol);

  const defs: { deviation: number; actual: number; budget: number; format: string; flip?: boolean }[] = [];
  for (const d of deviationDefs(table)) {
    if (blocked.has(d.deviation.index)) continue;
    const stated = classifyHeader(d.deviation.header).statedDirection;
    defs.push({
      deviation: post(d.deviation.index),
      actual: post(d.actual.index),
      budget: post(d.budget.index),
      format: formatOf(d.deviation.role),
      flip: deviationFlipped(
        grid,
        table,
        d,
        stated === undefined ? undefined : stated === 'outcome_minus_budget' ? 1 : -1,
      ),
    });
  }
  for (const n of added) {
    if (n.role === 'forecast') continue;
    const actual = n.role === 'deviation_period' ? col.outcome : (col.forecast ?? col.outcome);
    const budget = n.role === 'deviation_period' ? col.budget_period : col.budget_annual;
    if (actual === undefined || budget === undefined) continue;
    defs.push({ deviation: col[n.role]!, actual, budget, format: outcomeFormat ?? fallback });
  }

  for (const d of defs) {
    for (const row of table.rows) {
      if (!isFigureRow(row)) continue;
      const a = view(row.index, d.actual);
      const b = view(row.index, d.budget);
      let w: CellWrite;
      if (isNA(a) || isNA(b)) w = { row: row.index, col: d.deviation, value: '..' };
      else if (isBlank(a) && isBlank(b)) continue;
      else {
        const dir = d.flip ? -conventionDirection(table, row) : conventionDirection(table, row);
        const [x, y] = dir === 1 ? [d.actual, d.budget] : [d.budget, d.actual];
        w = {
          row: row.index,
          col: d.deviation,
          formula: `=${operandRef(view(row.index, x), a1(row.index, x))}-${operandRef(view(row.index, y), a1(row.index, y))}`,
          numberFormat: d.format,
        };
      }
      if (sameContent(current(row.index, d.deviation), w)) continue;
      result.writes.push(w);
      result.deviationCells++;
    }
  }
  return result;
}

/** Plans deviation formulas, missing standard columns and forecast proposals for every table on the sheet. */
export function computeDeviations(grid: Grid, settings: Settings = DEFAULT_SETTINGS): DeviationResult {
  const analysis = analyzeSheet(grid, settings);
  const contradictions = analysis.findings.filter((f) => f.code === CODES.HEADER_CONTRADICTS_VALUES);
  const plan: WritePlan = { sheet: grid.sheet, inserts: [], writes: [] };
  const findings: Finding[] = [...contradictions];
  const summary: DeviationSummary = {
    tables: 0,
    deviationCells: 0,
    forecastsProposed: 0,
    userForecastsKept: 0,
    insertedColumns: [],
  };
  for (const table of analysis.tables) {
    const headerRow = table.headerRows[table.headerRows.length - 1]! - 1;
    // The user decides what a contradicted column holds; until then it is left alone.
    const blocked = new Set(
      table.columns
        .filter((c) => contradictions.some((f) => f.cell === a1(headerRow, c.index)))
        .map((c) => c.index),
    );
    const t = planTable(grid, table, settings, blocked, plan.inserts);
    if (!t) continue;
    summary.tables++;
    plan.inserts.push(...t.inserts);
    plan.writes.push(...t.writes);
    findings.push(...t.findings);
    summary.deviationCells += t.deviationCells;
    summary.forecastsProposed += t.forecastsProposed;
    summary.userForecastsKept += t.userForecastsKept;
    summary.insertedColumns.push(...t.insertedColumns);
  }
  return { plan, findings, summary };
}
