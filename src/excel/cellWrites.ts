/**
 * Turns cell-level intentions into few range commands: vertically adjacent
 * cells of one column that get the same kind of write share one assignment.
 * Used by applyPlan (forward) and undo (restore).
 */
import { asTextLiteral, type CellState, type CellWrite, type JournalEntry } from '../core/plan';
import { rangeA1 } from '../core/grid';
import { columnRuns, type Run } from './regions';

type Scalar = string | number | boolean;

/** One cell's write in gateway terms: which channel carries the content and what it is. */
export interface CellPut {
  row: number;
  col: number;
  content?: { channel: 'formulas' | 'values'; value: Scalar };
  numberFormat?: string;
  /** "#RRGGBB", null to clear, undefined to leave. */
  fill?: string | null;
  italic?: boolean;
}

const ERROR_LITERAL =
  /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BUSY!|BLOCKED!|CONNECT!|UNKNOWN!)$/;

/**
 * Plan writes: formulas in invariant syntax via `formulas`, text via `values`
 * as a text literal, except in a text-formatted ("@") cell, which takes what
 * it is given verbatim and would keep the apostrophe.
 */
export function putFromWrite(w: CellWrite, formatAfter = 'General'): CellPut {
  const put: CellPut = { row: w.row, col: w.col };
  // Null in a values/formulas array means "leave the cell alone" to Office.js; "" clears it.
  if (w.formula !== undefined) put.content = { channel: 'formulas', value: w.formula };
  else if (typeof w.value === 'string') {
    put.content = { channel: 'values', value: formatAfter === '@' ? w.value : asTextLiteral(w.value) };
  } else if (w.value !== undefined) put.content = { channel: 'formulas', value: w.value ?? '' };
  if (w.numberFormat !== undefined) put.numberFormat = w.numberFormat;
  if (w.fill !== undefined) put.fill = w.fill;
  if (w.italic !== undefined) put.italic = w.italic;
  return put;
}

/**
 * Restoring a before-state must give back exactly the old content. Text is
 * written with Excel's apostrophe prefix so "1 234" or "2024-05" stays text
 * (that is what convertTextNumbers undoes); in a text-formatted cell nothing
 * is parsed and the text goes in as is.
 */
export function putFromState(s: CellState): CellPut {
  let content: CellPut['content'];
  if (s.formula !== null) content = { channel: 'formulas', value: s.formula };
  else if (s.value === null) content = { channel: 'formulas', value: '' };
  else if (typeof s.value !== 'string') content = { channel: 'formulas', value: s.value };
  else if (ERROR_LITERAL.test(s.value)) content = { channel: 'formulas', value: s.value };
  else if (s.numberFormat === '@' || s.value === '') content = { channel: 'values', value: s.value };
  else content = { channel: 'values', value: `'${s.value}` };
  return { row: s.row, col: s.col, content, numberFormat: s.numberFormat, fill: s.fill, italic: s.italic };
}

function runRange(ws: Excel.Worksheet, run: Run<CellPut>): Excel.Range {
  return ws.getRange(rangeA1(run.top, run.col, run.top + run.items.length - 1, run.col));
}

/**
 * Queues the puts: number formats before content (a text format must be in
 * place before text arrives), then content, fills and italics. Returns the
 * number of range commands queued.
 */
export function queueCellPuts(ws: Excel.Worksheet, puts: readonly CellPut[]): number {
  let commands = 0;
  const withFormat = puts.filter((p) => p.numberFormat !== undefined);
  for (const run of columnRuns(withFormat, () => '')) {
    runRange(ws, run).numberFormat = run.items.map((p) => [p.numberFormat!]);
    commands++;
  }
  const withContent = puts.filter((p) => p.content !== undefined);
  for (const run of columnRuns(withContent, (p) => p.content!.channel)) {
    const matrix = run.items.map((p) => [p.content!.value]);
    const range = runRange(ws, run);
    if (run.items[0]!.content!.channel === 'formulas') range.formulas = matrix;
    else range.values = matrix;
    commands++;
  }
  const withFill = puts.filter((p) => p.fill !== undefined);
  for (const run of columnRuns(withFill, (p) => (p.fill === null ? '' : p.fill!.toUpperCase()))) {
    const fill = run.items[0]!.fill;
    const range = runRange(ws, run);
    if (fill === null || fill === undefined) range.format.fill.clear();
    else range.format.fill.color = fill;
    commands++;
  }
  const withItalic = puts.filter((p) => p.italic !== undefined);
  for (const run of columnRuns(withItalic, (p) => String(p.italic))) {
    runRange(ws, run).format.font.italic = run.items[0]!.italic!;
    commands++;
  }
  return commands;
}

/** Restores the entry's before-states, then removes its inserted cells, last insert first. */
export function queueRestore(ws: Excel.Worksheet, entry: JournalEntry): void {
  // A highlight only changed fills; restoring content too could undo the user's later edits.
  const puts: CellPut[] =
    entry.command === 'highlight'
      ? entry.before.map((s) => ({ row: s.row, col: s.col, fill: s.fill }))
      : entry.before.map(putFromState);
  queueCellPuts(ws, puts);
  for (const ins of [...entry.inserts].reverse())
    ws.getRange(rangeA1(ins.top, ins.col, ins.bottom, ins.col)).delete('Left');
}
