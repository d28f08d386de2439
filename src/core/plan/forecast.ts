/**
 * Full-year forecast proposals (DOMAIN.md §9). The forecast is the
 * economist's judgment: the tool proposes a formula per line, marks it as a
 * proposal, and never replaces a figure the user typed unless asked to. Sum
 * rows sum their rows' forecasts, by the table model's sum tree.
 */
import { a1, isBlank, type Cell } from '../grid';
import { CODES, finding } from '../findings';
import type { TableReading } from '../model';
import { isNotAvailableText } from '../read/cells';
import { isFlowMeasure } from '../read/rows';
import type { CellWrite } from '../plan';
import type { ColumnRole, Finding, ForecastMethod, Settings } from '../schemas';

/** Proposed forecast cells are marked so the user sees what to review. */
export const PROPOSAL_FILL = '#FFF2CC';

/** `level` keeps the current level: stock measures such as årsplatser are not scaled. */
export type RowMethod = ForecastMethod | 'level';

/** A1 references of one row's input cells (post-insert coordinates). */
export interface ForecastRefs {
  outcome: string;
  budgetPeriod?: string;
  budgetAnnual?: string;
  priorPeriod?: string;
  priorAnnual?: string;
}

/** The forecast formula for one row, or undefined when the method lacks an input. */
export function forecastFormula(method: RowMethod, refs: ForecastRefs, months?: number): string | undefined {
  switch (method) {
    case 'level':
      return `=${refs.outcome}`;
    case 'linear':
      return months === undefined ? undefined : `=${refs.outcome}*12/${months}`;
    case 'utfall_plus_budget':
      return refs.budgetPeriod && refs.budgetAnnual
        ? `=${refs.outcome}+(${refs.budgetAnnual}-${refs.budgetPeriod})`
        : undefined;
    case 'prior_year_profile':
      return refs.priorPeriod && refs.priorAnnual
        ? `=${refs.outcome}*(${refs.priorAnnual}/${refs.priorPeriod})`
        : undefined;
  }
}

/** Months elapsed: the period set in the task pane wins over the one read from the sheet. */
export function monthsElapsed(t: TableReading, settings: Settings): number | undefined {
  if (settings.period) return Number(settings.period.slice(5, 7));
  return t.model.period?.monthsElapsed;
}

/** `=SUM(F5:F9)` for a contiguous run of rows, `=F10+F23` otherwise. */
export function sumFormula(children: readonly number[], col: number): string {
  const sorted = [...children].sort((a, b) => a - b);
  const contiguous = sorted.every((r, i) => i === 0 || r === sorted[i - 1]! + 1);
  if (sorted.length === 1) return `=${a1(sorted[0]!, col)}`;
  if (contiguous) return `=SUM(${a1(sorted[0]!, col)}:${a1(sorted[sorted.length - 1]!, col)})`;
  return `=${sorted.map((r) => a1(r, col)).join('+')}`;
}

const DASH = /^[-\u2212\u2013\u2014]$/;

/**
 * A cell reference as a formula operand. A lone dash means "nothing to
 * report", zero (DOMAIN.md §7); as text it would make the formula #VALUE!,
 * so it is read through N().
 */
export function operandRef(cell: Cell, ref: string): string {
  return !cell.f && typeof cell.v === 'string' && DASH.test(cell.v.trim()) ? `N(${ref})` : ref;
}

/** An operand a formula can compute with: a number, a formula, a dash or nothing. Text would give #VALUE!. */
export function isComputable(cell: Cell): boolean {
  if (cell.err) return false;
  if (cell.f !== undefined) return true;
  const v = cell.v;
  if (v === null || typeof v === 'number') return true;
  // Any text but a lone dash makes Excel's arithmetic #VALUE!, a space included.
  if (typeof v === 'string') return DASH.test(v.trim());
  return false;
}

/** What makes a cell no operand, for the message: text, an error value or a truth value. */
export type OperandProblem = 'text' | 'error' | 'boolean';

export function operandProblem(cell: Cell): OperandProblem {
  if (cell.err) return 'error';
  return typeof cell.v === 'boolean' ? 'boolean' : 'text';
}

/**
 * The message's middle for operands that are no numbers: "B5, B6 innehåller
 * text, så formeln skulle visa #VALUE!", by what the cells hold.
 */
export function operandProblemText(cells: readonly string[], problems: ReadonlySet<OperandProblem>): string {
  const list = `${cells.slice(0, 5).join(', ')}${cells.length > 5 ? ' …' : ''}`;
  if (problems.size === 1 && problems.has('text'))
    return `${list} innehåller text, så formeln skulle visa #VALUE!`;
  if (problems.size === 1 && problems.has('error'))
    return `${list} visar ett felvärde, så formeln skulle visa samma fel`;
  if (problems.size === 1 && problems.has('boolean'))
    return `${list} innehåller SANT eller FALSKT, inte ett belopp, så formeln skulle räkna med 1 eller 0`;
  return `${list} innehåller inte tal (text, felvärden eller SANT/FALSKT), så formeln skulle bli fel`;
}

/** What to do about such operands: convert text to numbers, correct error values and truth values. */
export function operandAdvice(problems: ReadonlySet<OperandProblem>): string {
  if (problems.size === 1 && problems.has('text')) return 'konvertera dem till tal (eller töm dem)';
  if (problems.size === 1 && problems.has('error'))
    return 'rätta formlerna som ger felvärdena (eller töm cellerna)';
  return 'skriv in beloppen (eller töm cellerna)';
}

export function isNA(cell: Cell): boolean {
  return !cell.f && isNotAvailableText(cell.v);
}

function sameContent(cell: Cell, w: { formula?: string; value?: CellWrite['value'] }): boolean {
  if (w.formula !== undefined) return cell.f === w.formula;
  return !cell.f && typeof cell.v === 'string' && typeof w.value === 'string' && cell.v.trim() === w.value;
}

function methodFor(t: TableReading, pos: number, settings: Settings): RowMethod {
  if (t.signConvention === 'volumes') {
    const row = { label: t.data.labels[pos]!, ...(t.traits[pos]!.unit ? { unit: t.traits[pos]!.unit } : {}) };
    if (!isFlowMeasure(row)) return 'level';
    return settings.forecastMethod === 'prior_year_profile' ? 'prior_year_profile' : 'linear';
  }
  return settings.forecastMethod;
}

export interface ForecastInput {
  table: TableReading;
  settings: Settings;
  /** Post-insert column of each role the table has (existing or inserted). */
  col: Partial<Record<ColumnRole, number>>;
  /** The cell of a role as it is now (empty for an inserted column). */
  cell: (pos: number, role: ColumnRole) => Cell;
  numberFormat: string;
}

export interface ForecastPlan {
  writes: CellWrite[];
  findings: Finding[];
  proposed: number;
  kept: number;
}

/** Plans the forecast column of one table; `col.forecast` and `col.outcome` must be set. */
export function planForecasts(input: ForecastInput): ForecastPlan {
  const { table: t, settings, col, cell } = input;
  const plan: ForecastPlan = { writes: [], findings: [], proposed: 0, kept: 0 };
  const fc = col.forecast;
  if (fc === undefined || col.outcome === undefined) return plan;
  const months = monthsElapsed(t, settings);
  const noPeriod: number[] = [];
  const profileFallback: number[] = [];
  const textOperands: string[] = [];
  const operandProblems = new Set<OperandProblem>();
  const row = (pos: number) => t.data.rows[pos]!;
  const ref = (pos: number, role: ColumnRole) =>
    col[role] === undefined ? undefined : operandRef(cell(pos, role), a1(row(pos), col[role]!));

  /** Rows whose forecast cell will hold something: typed, kept or proposed. */
  const filled = new Set<number>();
  const writable = (pos: number) => {
    const existing = cell(pos, 'forecast');
    if (!isBlank(existing)) filled.add(pos);
    return isBlank(existing) || settings.overwriteForecasts;
  };
  const propose = (pos: number, w: { formula?: string; value?: string }) => {
    filled.add(pos);
    if (sameContent(cell(pos, 'forecast'), w)) return;
    plan.writes.push({
      row: row(pos),
      col: fc,
      ...w,
      numberFormat: input.numberFormat,
      fill: PROPOSAL_FILL,
      italic: true,
    });
    plan.proposed++;
  };
  /** A typed forecast is kept; one the tool wrote before (same formula) is not the user's. */
  const keep = (pos: number, w?: { formula?: string; value?: string }) => {
    if (!w || !sameContent(cell(pos, 'forecast'), w)) plan.kept++;
  };

  const sumRows: number[] = [];
  for (let pos = 0; pos < t.data.n; pos++) {
    const kind = t.kinds[pos]!;
    if (kind !== 'item' && kind !== 'varav' && kind !== 'subtotal' && kind !== 'total') continue;
    if (t.hierarchy.nodeAt.has(pos)) {
      sumRows.push(pos);
      continue;
    }
    const canWrite = writable(pos);
    let method = methodFor(t, pos, settings);
    let fellBack = false;
    if (method === 'prior_year_profile') {
      const pa = cell(pos, 'outcome_prior_year_annual').v;
      const pp = cell(pos, 'outcome_prior_year').v;
      if (
        col.outcome_prior_year_annual === undefined ||
        col.outcome_prior_year === undefined ||
        typeof pa !== 'number' ||
        typeof pp !== 'number' ||
        !pa ||
        !pp
      ) {
        method = t.signConvention === 'volumes' ? 'linear' : 'utfall_plus_budget';
        fellBack = true;
      }
    }
    if (
      method === 'utfall_plus_budget' &&
      (col.budget_period === undefined || col.budget_annual === undefined)
    )
      method = 'linear';
    const inputs: ColumnRole[] =
      method === 'utfall_plus_budget'
        ? ['outcome', 'budget_period', 'budget_annual']
        : method === 'prior_year_profile'
          ? ['outcome', 'outcome_prior_year_annual', 'outcome_prior_year']
          : ['outcome'];
    const cells = inputs.map((r) => cell(pos, r));
    let w: { formula?: string; value?: string } | undefined;
    if (cells.every((c) => isBlank(c))) w = undefined;
    else if (method === 'linear' && months === undefined) w = undefined;
    else if (cells.some(isNA)) w = { value: '..' };
    else if (cells.some((c) => !isComputable(c))) {
      // A text or error operand would give #VALUE!: leave the cell and say which operand.
      const bad = inputs.find((r) => !isComputable(cell(pos, r)))!;
      if (canWrite) {
        textOperands.push(a1(row(pos), col[bad]!));
        operandProblems.add(operandProblem(cell(pos, bad)));
      }
      w = undefined;
    } else {
      const refs: ForecastRefs = { outcome: ref(pos, 'outcome')! };
      const bp = ref(pos, 'budget_period');
      const ba = ref(pos, 'budget_annual');
      const pp = ref(pos, 'outcome_prior_year');
      const pa = ref(pos, 'outcome_prior_year_annual');
      if (bp) refs.budgetPeriod = bp;
      if (ba) refs.budgetAnnual = ba;
      if (pp) refs.priorPeriod = pp;
      if (pa) refs.priorAnnual = pa;
      const formula = forecastFormula(method, refs, months);
      if (formula) w = { formula };
    }
    if (!canWrite) {
      keep(pos, w);
      continue;
    }
    if (!w) {
      if (method === 'linear' && months === undefined && !cells.every((c) => isBlank(c))) noPeriod.push(pos);
      continue;
    }
    if (fellBack) profileFallback.push(pos);
    propose(pos, w);
  }

  // Sums last, so they know which of their rows got a forecast; a sum over nothing stays empty.
  const hasForecast = (pos: number, seen: Set<number>): boolean => {
    if (filled.has(pos)) return true;
    const children = t.hierarchy.nodeAt.get(pos)?.children;
    if (!children || seen.has(pos)) return false;
    seen.add(pos);
    return children.some((c) => hasForecast(c, seen));
  };
  for (const pos of sumRows) {
    const node = t.hierarchy.nodeAt.get(pos)!;
    const formula =
      node.minus && node.minus.size > 0
        ? `=${node.children.map((c, i) => `${i === 0 ? (node.minus!.has(c) ? '-' : '') : node.minus!.has(c) ? '-' : '+'}${a1(row(c), fc)}`).join('')}`
        : sumFormula(node.children.map(row), fc);
    const w = { formula };
    if (!writable(pos)) keep(pos, w);
    else if (node.children.some((c) => hasForecast(c, new Set([pos])))) propose(pos, w);
  }

  const sheet = t.grid.sheet;
  const header = a1(t.model.headerRows[t.model.headerRows.length - 1]! - 1, fc);
  if (noPeriod.length > 0)
    plan.findings.push(
      finding(
        'warning',
        CODES.UNKNOWN_PERIOD,
        sheet,
        header,
        `Rapportperioden är okänd, så prognosen (utfall × 12 / antal månader) kan inte räknas för ${noPeriod.length} rad${noPeriod.length === 1 ? '' : 'er'}. Ange rapportperioden (t.ex. 2024-08) i Budgetkolls åtgärdsfönster och kör igen.`,
        { related: noPeriod.map((p) => a1(row(p), fc)) },
      ),
    );
  if (profileFallback.length > 0)
    plan.findings.push(
      finding(
        'info',
        CODES.MISSING_COLUMN,
        sheet,
        header,
        `Föregående års utfall (perioden och helår) saknas eller är noll för ${profileFallback.length} rad${profileFallback.length === 1 ? '' : 'er'}; där föreslås prognosen i stället som ${t.signConvention === 'volumes' ? 'utfall × 12 / antal månader' : 'utfall + återstående budget'}.`,
        { related: profileFallback.map((p) => a1(row(p), fc)) },
      ),
    );
  if (textOperands.length > 0)
    plan.findings.push(
      finding(
        'warning',
        CODES.TEXT_OPERAND,
        sheet,
        textOperands[0]!,
        `Prognosen föreslogs inte på ${textOperands.length === 1 ? 'en rad' : `${textOperands.length} rader`}: ${operandProblemText(textOperands, operandProblems)}. Cellerna lämnades som de var; ${operandAdvice(operandProblems)} och kör igen.`,
        { related: textOperands },
      ),
    );
  return plan;
}
