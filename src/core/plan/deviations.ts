/**
 * "Beräkna avvikelser": fills the deviation columns with live formulas,
 * inserts the standard columns a table lacks, and proposes full-year
 * forecasts (DOMAIN.md §5, §9), all from the table model. The plan is
 * compared with what the sheet already holds, so running the command twice
 * changes nothing the second time. A formula is written only where its
 * operands are numbers (or empty): over text it would show #VALUE!.
 */
import { a1, append, cellAt, EMPTY_CELL, isBlank, type Cell, type RangeRef } from '../grid';
import { CODES, finding } from '../findings';
import { conventionDirection, type DeviationDef, type TableReading } from '../model';
import { readSheet } from '../read';
import { cellAtPos, type ColumnData } from '../read/data';
import { asTextLiteral, shiftedColumn, type CellWrite, type ColumnInsert, type WritePlan } from '../plan';
import { ColumnRole, DEFAULT_SETTINGS, type Finding, type Settings } from '../schemas';
import type { Grid } from '../grid';
import {
  isComputable,
  isNA,
  operandAdvice,
  operandProblem,
  operandProblemText,
  operandRef,
  planForecasts,
  type OperandProblem,
} from './forecast';
import { contradictionFindings } from '../checks/structure';
import { sumPrecedents } from '../formulaRefs';

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

/** A column the table lacks, to be inserted before pre-insert column `before`. */
interface NewColumn {
  role: ColumnRole;
  header: string;
  before: number;
  /** Tie-break between columns inserted at the same place, left to right. */
  order: number;
}

function figureRowPositions(t: TableReading): number[] {
  const out: number[] = [];
  for (let p = 0; p < t.data.n; p++) {
    const k = t.kinds[p]!;
    if (k === 'item' || k === 'subtotal' || k === 'total' || k === 'varav') out.push(p);
  }
  return out;
}

/**
 * The standard layout (Utfall | Budget perioden | Avvikelse perioden |
 * Prognos helår | Budget helår | Avvikelse helår): which of its columns the
 * table lacks and where each goes.
 */
function missingColumns(t: TableReading, settings: Settings): NewColumn[] {
  // A column nobody filled in (001_25's empty Budget) is no reason to add columns to compare with it.
  const filled = (role: ColumnRole): ColumnData | undefined => {
    const c = t.byRole(role);
    return c && c.numberCells > 0 ? c : undefined;
  };
  const outcome = filled('outcome');
  const bp = filled('budget_period');
  const ba = filled('budget_annual');
  const fc = t.byRole('forecast');
  const dp = t.byRole('deviation_period');
  const da = t.byRole('deviation_annual');
  // A period outcome against an annual budget only cannot form a period deviation; a year-end table can.
  const volumes = t.signConvention === 'volumes';
  const out: NewColumn[] = [];
  if (outcome && bp && !dp)
    out.push({
      role: 'deviation_period',
      header: volumes ? 'Avvik. period' : 'Avvikelse perioden',
      before: Math.max(outcome.col, bp.col) + 1,
      order: 0,
    });
  let newForecast: NewColumn | undefined;
  if (outcome && bp && ba && !fc) {
    const periodRight = Math.max(outcome.col, bp.col, dp?.col ?? -1);
    const year = settings.period ? Number(settings.period.slice(0, 4)) : t.model.period?.year;
    newForecast = {
      role: 'forecast',
      header: volumes && year !== undefined ? `Prognos ${year}` : 'Prognos helår',
      // Before the annual budget when it stands right of the period columns, else after the period deviation.
      before: ba.col > periodRight ? ba.col : periodRight + 1,
      order: 1,
    };
    out.push(newForecast);
  }
  const periodOnly = t.uncomputable.length > 0;
  if (ba && !da && !periodOnly && (fc || newForecast || (outcome && !t.byRole('budget_period') && !dp)))
    out.push({
      role: 'deviation_annual',
      header: !fc && !newForecast ? 'Avvikelse' : volumes ? 'Avvik. helår' : 'Avvikelse helår',
      before: Math.max(ba.col + 1, fc ? fc.col + 1 : -1, newForecast?.before ?? -1),
      order: 2,
    });
  return out.sort((a, b) => a.before - b.before || a.order - b.order);
}

function defaultFormat(t: TableReading): string {
  return t.model.unit === 'mnkr' ? '0.0' : '#,##0';
}

/** The format of the first figure cell of a column that has one. */
function columnFormat(t: TableReading, col: ColumnData | undefined): string | undefined {
  if (!col) return undefined;
  for (const p of figureRowPositions(t)) {
    const cell = cellAt(t.grid, t.data.rows[p]!, col.col);
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
  t: TableReading,
  settings: Settings,
  blocked: Set<ColumnData>,
  priorInserts: ColumnInsert[],
): TableOutcome | undefined {
  const outcome = t.byRole('outcome');
  const forecastOnly = !outcome && t.byRole('forecast');
  if ((!outcome && !forecastOnly) || !(t.byRole('budget_period') ?? t.byRole('budget_annual')))
    return undefined;
  const m = t.model;
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
  const added = blocked.size > 0 ? [] : missingColumns(t, settings);
  added.forEach((n, i) => result.inserts.push({ col: n.before + i, top: m.top, bottom: m.bottom }));
  const allInserts = [...priorInserts, ...result.inserts];
  const post = (pre: number) => shiftedColumn(pre, m.top, allInserts);

  const col: Partial<Record<ColumnRole, number>> = {};
  const preOf = new Map<number, number>();
  for (const c of t.columns) preOf.set(post(c.col), c.col);
  for (const role of ROLES) {
    const c = t.byRole(role);
    if (c) col[role] = post(c.col);
  }
  added.forEach((n, i) => {
    col[n.role] = n.before + i;
    result.insertedColumns.push(n.header);
  });
  const headerRow = m.headerRows[m.headerRows.length - 1]! - 1;
  added.forEach((n, i) =>
    result.writes.push({ row: headerRow, col: n.before + i, value: asTextLiteral(n.header) }),
  );

  const rowOf = (pos: number) => t.data.rows[pos]!;
  /** The cell at a row position and post-insert column as it is now; inserted cells are empty. */
  const current = (pos: number, postCol: number): Cell => {
    const pre = preOf.get(postCol);
    return pre === undefined ? EMPTY_CELL : cellAtPos(t.data, pos, pre);
  };
  const fallback = defaultFormat(t);
  const outcomeFormat = columnFormat(t, outcome);
  const formatOf = (role: ColumnRole) => columnFormat(t, t.byRole(role)) ?? outcomeFormat ?? fallback;

  // Forecasts first: the annual deviation reads the forecast cells as they will be.
  const planned = new Map<string, Cell>();
  const fcCol = t.byRole('forecast');
  if (col.forecast !== undefined && col.outcome !== undefined && !(fcCol && blocked.has(fcCol))) {
    const fp = planForecasts({
      table: t,
      settings,
      col,
      cell: (pos, role) => (col[role] === undefined ? EMPTY_CELL : current(pos, col[role]!)),
      numberFormat: formatOf('forecast'),
    });
    append(result.writes, fp.writes);
    append(result.findings, fp.findings);
    result.forecastsProposed = fp.proposed;
    result.userForecastsKept = fp.kept;
    for (const w of fp.writes)
      planned.set(
        `${w.row},${w.col}`,
        w.formula !== undefined ? { v: null, f: w.formula } : { v: w.value ?? null },
      );
  }
  // Planned forecasts by row position and column (a number key: no string per lookup).
  const plannedAt = new Map<number, Cell>();
  const width = 1 << 14;
  const posOfRow = new Map<number, number>();
  for (let p = 0; p < t.data.n; p++) posOfRow.set(t.data.rows[p]!, p);
  for (const [key, cell] of planned) {
    const [r, c] = key.split(',').map(Number) as [number, number];
    const p = posOfRow.get(r);
    if (p !== undefined) plannedAt.set(p * width + c, cell);
  }
  const view = (pos: number, postCol: number): Cell =>
    (plannedAt.size > 0 ? plannedAt.get(pos * width + postCol) : undefined) ?? current(pos, postCol);

  interface Def {
    deviation: number;
    actual: number;
    budget: number;
    format: string;
    flipped: boolean;
    header: string;
  }
  const defs: Def[] = [];
  const existing = (d: DeviationDef) => !blocked.has(d.dev);
  for (const d of t.deviations.filter(existing))
    defs.push({
      deviation: post(d.dev.col),
      actual: post(d.actual.col),
      budget: post(d.budget.col),
      format: formatOf(d.role),
      flipped: d.flipped,
      header: d.dev.header,
    });
  for (const n of added) {
    if (n.role === 'forecast') continue;
    const actual = n.role === 'deviation_period' ? col.outcome : (col.forecast ?? col.outcome);
    const budget = n.role === 'deviation_period' ? col.budget_period : col.budget_annual;
    if (actual === undefined || budget === undefined) continue;
    defs.push({
      deviation: col[n.role]!,
      actual,
      budget,
      format: outcomeFormat ?? fallback,
      flipped: false,
      header: n.header,
    });
  }

  const textCells: string[] = [];
  const textRows = new Set<number>();
  const problems = new Set<OperandProblem>();
  for (const def of defs) {
    for (const pos of figureRowPositions(t)) {
      const row = rowOf(pos);
      const a = view(pos, def.actual);
      const b = view(pos, def.budget);
      let w: CellWrite;
      if (isNA(a) || isNA(b)) w = { row, col: def.deviation, value: '..' };
      else if (isBlank(a) && isBlank(b)) continue;
      else if (!isComputable(a) || !isComputable(b)) {
        const bad = !isComputable(a) ? a : b;
        textCells.push(a1(row, bad === a ? def.actual : def.budget));
        textRows.add(row);
        problems.add(operandProblem(bad));
        continue;
      } else {
        const dir = def.flipped ? -conventionDirection(t, pos) : conventionDirection(t, pos);
        const [x, y] = dir === 1 ? [def.actual, def.budget] : [def.budget, def.actual];
        w = {
          row,
          col: def.deviation,
          formula: `=${operandRef(view(pos, x), a1(row, x))}-${operandRef(view(pos, y), a1(row, y))}`,
          numberFormat: def.format,
        };
      }
      const now = current(pos, def.deviation);
      if (sameContent(now, w)) continue;
      // A sum row's deviation as the sum of its rows' deviations is as right as a − b: the user's formula stays.
      if (now.f && t.hierarchy.nodeAt.has(pos) && sumPrecedents(now.f)) continue;
      result.writes.push(w);
      result.deviationCells++;
    }
  }
  if (textCells.length > 0)
    result.findings.push(
      finding(
        'warning',
        CODES.TEXT_OPERAND,
        t.grid.sheet,
        textCells[0]!,
        `Avvikelsen beräknades inte på ${textRows.size === 1 ? 'en rad' : `${textRows.size} rader`}: ${operandProblemText(textCells, problems)}. Cellerna lämnades som de var; ${operandAdvice(problems)} och kör igen.`,
        { related: textCells },
      ),
    );
  for (const u of t.uncomputable)
    result.findings.push(
      finding(
        'warning',
        CODES.MISSING_COLUMN,
        t.grid.sheet,
        a1(headerRow, post(u.column.col)),
        `Avvikelsen i ”${u.column.header}” beräknades inte: ${u.reason}. Lägg till en kolumn med budget för perioden, eller ange rollerna i Budgetkoll.`,
      ),
    );
  return result;
}

/** Plans deviation formulas, missing standard columns and forecast proposals for every table on the sheet. */
export function computeDeviations(grid: Grid, settings: Settings = DEFAULT_SETTINGS): DeviationResult {
  const reading = readSheet(grid, settings);
  const plan: WritePlan = { sheet: grid.sheet, inserts: [], writes: [] };
  const findings: Finding[] = [];
  const summary: DeviationSummary = {
    tables: 0,
    deviationCells: 0,
    forecastsProposed: 0,
    userForecastsKept: 0,
    insertedColumns: [],
  };
  const depends: RangeRef[] = [];
  const contradictions = reading.tables.flatMap((t) =>
    contradictionFindings(t).filter((f) => f.code === CODES.HEADER_CONTRADICTS_VALUES),
  );
  append(findings, contradictions);
  for (const t of reading.tables) {
    // The user decides what a contradicted column holds; until then it is left alone.
    const headerRow = t.model.headerRows[t.model.headerRows.length - 1]! - 1;
    const blocked = new Set(
      t.columns.filter((c) => contradictions.some((f) => f.cell === a1(headerRow, c.col))),
    );
    const tp = planTable(t, settings, blocked, plan.inserts);
    if (!tp) continue;
    summary.tables++;
    for (const ins of tp.inserts) plan.inserts.push(ins);
    for (const w of tp.writes) plan.writes.push(w);
    for (const f of tp.findings) findings.push(f);
    summary.deviationCells += tp.deviationCells;
    summary.forecastsProposed += tp.forecastsProposed;
    summary.userForecastsKept += tp.userForecastsKept;
    for (const h of tp.insertedColumns) summary.insertedColumns.push(h);
    depends.push({ top: t.model.top, left: t.model.left, bottom: t.model.bottom, right: t.model.right });
  }
  if (plan.writes.length > 0 || plan.inserts.length > 0) plan.dependsOn = depends;
  return { plan, findings, summary };
}
