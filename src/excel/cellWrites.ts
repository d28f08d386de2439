/**
 * Turns cell-level intentions into few range commands: vertically adjacent
 * cells of one column that get the same kind of write share one assignment.
 * Used by applyPlan (forward) and undo (restore).
 */
import { asTextLiteral, type CellState, type CellWrite, type JournalEntry } from '../core/plan';
import { rangeA1 } from '../core/grid';
import { COMMAND_BUDGET, COMMAND_OVERHEAD, jsonBytes, type QueuedOp } from './payload';
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
 * Words Excel reads inside a number or a date: month names and abbreviations
 * (Swedish and English), currency codes, the exponent of 1E5, AM/PM.
 */
const NUMERIC_WORDS = new Set([
  'jan',
  'januari',
  'january',
  'feb',
  'februari',
  'february',
  'mar',
  'mars',
  'march',
  'apr',
  'april',
  'maj',
  'may',
  'jun',
  'juni',
  'june',
  'jul',
  'juli',
  'july',
  'aug',
  'augusti',
  'august',
  'sep',
  'sept',
  'september',
  'okt',
  'oct',
  'oktober',
  'october',
  'nov',
  'november',
  'dec',
  'december',
  'kr',
  'sek',
  'eur',
  'usd',
  'dkk',
  'nok',
  'e',
  'am',
  'pm',
  'fm',
  'em',
]);

/**
 * Whether Excel could read `text`, typed into a General cell, as something
 * other than that text: a formula (= + - @), an error, a number, a date or
 * time, a percentage, an amount ("1 234 kr"), a month ("aug 2024") or a
 * boolean (TRUE, SANT). Errs on the side of yes: an apostrophe too many is
 * invisible in the cell, one too few turns text into a number. Character by
 * character, no regexes: it runs for every restored text cell.
 */
export function textNeedsPrefix(text: string): boolean {
  if (text === '') return false;
  const first = text.charCodeAt(0);
  // = + - @ ' #
  if (first === 61 || first === 43 || first === 45 || first === 64 || first === 39 || first === 35)
    return true;
  let digits = 0;
  let word = '';
  let onlyNumericWords = true;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 0xc0;
    if (letter) {
      word += text[i]!.toLowerCase();
      continue;
    }
    if (word !== '') {
      if (!NUMERIC_WORDS.has(word)) onlyNumericWords = false;
      word = '';
    }
    if (c >= 48 && c <= 57) digits++;
  }
  if (digits > 0) return onlyNumericWords;
  const upper = text.trim().toUpperCase();
  return upper === 'TRUE' || upper === 'FALSE' || upper === 'SANT' || upper === 'FALSKT';
}

/**
 * Restoring a before-state must give back exactly the old content. Text that
 * Excel would read as something else is written with Excel's apostrophe
 * prefix, so "1 234" or "2024-05" stays text (that is what convertTextNumbers
 * undoes); other text goes in as it is, so no apostrophe appears in the
 * formula bar of a label. In a text-formatted cell nothing is parsed.
 */
export function putFromState(s: CellState): CellPut {
  let content: CellPut['content'];
  if (s.formula !== null) content = { channel: 'formulas', value: s.formula };
  else if (s.value === null) content = { channel: 'formulas', value: '' };
  else if (typeof s.value !== 'string') content = { channel: 'formulas', value: s.value };
  else if (ERROR_LITERAL.test(s.value)) content = { channel: 'formulas', value: s.value };
  else if (s.numberFormat === '@' || !textNeedsPrefix(s.value))
    content = { channel: 'values', value: s.value };
  else content = { channel: 'values', value: `'${s.value}` };
  return { row: s.row, col: s.col, content, numberFormat: s.numberFormat, fill: s.fill, italic: s.italic };
}

function runRange(ws: Excel.Worksheet, run: Run<CellPut>): Excel.Range {
  return ws.getRange(rangeA1(run.top, run.col, run.top + run.items.length - 1, run.col));
}

/** Cuts a run into consecutive pieces whose items' JSON stays within COMMAND_BUDGET. */
function splitRun(run: Run<CellPut>, size: (p: CellPut) => number): { run: Run<CellPut>; bytes: number }[] {
  const out: { run: Run<CellPut>; bytes: number }[] = [];
  let cur: Run<CellPut> | undefined;
  let bytes = 0;
  run.items.forEach((p, i) => {
    const b = size(p) + 5;
    if (!cur || bytes + b > COMMAND_BUDGET) {
      cur = { col: run.col, top: run.top + i, items: [] };
      bytes = COMMAND_OVERHEAD;
      out.push({ run: cur, bytes });
    }
    cur.items.push(p);
    bytes += b;
    out[out.length - 1]!.bytes = bytes;
  });
  return out;
}

/**
 * The puts as range commands with their estimated request size, in the order
 * they must run: number formats before content (a text format must be in
 * place before text arrives), then content, fills and italics. Nothing is
 * queued until an op's queue() is called.
 */
export function cellPutOps(ws: Excel.Worksheet, puts: readonly CellPut[]): QueuedOp[] {
  const ops: QueuedOp[] = [];
  const withFormat = puts.filter((p) => p.numberFormat !== undefined);
  for (const whole of columnRuns(withFormat, () => '')) {
    for (const { run, bytes } of splitRun(whole, (p) => jsonBytes(p.numberFormat))) {
      ops.push({
        bytes,
        queue: () => void (runRange(ws, run).numberFormat = run.items.map((p) => [p.numberFormat!])),
      });
    }
  }
  const withContent = puts.filter((p) => p.content !== undefined);
  for (const whole of columnRuns(withContent, (p) => p.content!.channel)) {
    for (const { run, bytes } of splitRun(whole, (p) => jsonBytes(p.content!.value))) {
      ops.push({
        bytes,
        queue: () => {
          const matrix = run.items.map((p) => [p.content!.value]);
          const range = runRange(ws, run);
          if (run.items[0]!.content!.channel === 'formulas') range.formulas = matrix;
          else range.values = matrix;
        },
      });
    }
  }
  const withFill = puts.filter((p) => p.fill !== undefined);
  for (const run of columnRuns(withFill, (p) => (p.fill === null ? '' : p.fill!.toUpperCase()))) {
    ops.push({
      bytes: COMMAND_OVERHEAD,
      queue: () => {
        const fill = run.items[0]!.fill;
        const range = runRange(ws, run);
        if (fill === null || fill === undefined) range.format.fill.clear();
        else range.format.fill.color = fill;
      },
    });
  }
  const withItalic = puts.filter((p) => p.italic !== undefined);
  for (const run of columnRuns(withItalic, (p) => String(p.italic))) {
    ops.push({
      bytes: COMMAND_OVERHEAD,
      queue: () => void (runRange(ws, run).format.font.italic = run.items[0]!.italic!),
    });
  }
  return ops;
}

/** Queues all puts in the current batch (see cellPutOps). Returns the number of range commands queued. */
export function queueCellPuts(ws: Excel.Worksheet, puts: readonly CellPut[]): number {
  const ops = cellPutOps(ws, puts);
  for (const op of ops) op.queue();
  return ops.length;
}

/** Deleting an entry's inserted cells, last insert first. */
export function insertDeleteOps(ws: Excel.Worksheet, entry: Pick<JournalEntry, 'inserts'>): QueuedOp[] {
  return [...entry.inserts].reverse().map((ins) => ({
    bytes: COMMAND_OVERHEAD,
    queue: () => ws.getRange(rangeA1(ins.top, ins.col, ins.bottom, ins.col)).delete('Left'),
  }));
}

/** The puts that give back an entry's before-states. */
export function restorePuts(entry: JournalEntry): CellPut[] {
  // A highlight only changed fills; restoring content too could undo the user's later edits.
  return entry.command === 'highlight'
    ? entry.before.map((s) => ({ row: s.row, col: s.col, fill: s.fill }))
    : entry.before.map(putFromState);
}

/** Restoring an entry as ops: before-states first, then removing its inserted cells. */
export function restoreOps(ws: Excel.Worksheet, entry: JournalEntry): QueuedOp[] {
  return [...cellPutOps(ws, restorePuts(entry)), ...insertDeleteOps(ws, entry)];
}

/** Restores the entry's before-states, then removes its inserted cells, last insert first. */
export function queueRestore(ws: Excel.Worksheet, entry: JournalEntry): void {
  for (const op of restoreOps(ws, entry)) op.queue();
}
