/**
 * Pure helpers over findings and command results: how the list groups them
 * (one cause, one group; one row for a defect repeated across columns), the
 * cells to highlight, and the Swedish lines the task pane shows.
 */
import type { Finding, Severity, TableModel } from '../core/schemas';
import { parseA1 } from '../core/grid';
import { countLabel, formatInteger, joinSwedish, plural, SEVERITY_LABELS } from './labels.logic';

export const SEVERITY_ORDER: Severity[] = ['error', 'warning', 'info'];
const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * What the list shows as one line: a finding, a cause with the findings that
 * follow from it, or the same defect repeated along a row.
 */
export interface FindingItem {
  /** Stable within one list (React key). */
  key: string;
  /** The most severe of the item's findings. */
  severity: Severity;
  sheet: string;
  /** The cell the line names and goes to: the cause, or the first cell of a repeated defect. */
  cell: string;
  /** The finding whose message the line shows; for a cause nobody reported, the first effect. */
  lead: Finding;
  /** True when `lead` is the finding at the cause itself (not a stand-in effect). */
  leadIsCause: boolean;
  /** For a defect repeated across columns of one row: every cell it occurs in, in column order. */
  cells: string[];
  /** Findings whose `causedBy` is this item's cell, in reading order. */
  effects: Finding[];
  /** Every finding the line stands for. */
  members: Finding[];
  /** Cells "Konvertera till tal" fixes for this line. */
  fixCells: string[];
}

export interface SeverityGroup {
  severity: Severity;
  label: string;
  items: FindingItem[];
}

export interface SheetGroup {
  sheet: string;
  counts: Record<Severity, number>;
  groups: SeverityGroup[];
}

/** Findings counted by severity (each finding once). */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

/** Lines counted by severity: what the user sees in the list. */
export function countItems(items: readonly FindingItem[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const i of items) counts[i.severity] += 1;
  return counts;
}

/** Compares A1 addresses in reading order (row, then column); unparsable ones last. */
export function compareCells(a: string, b: string): number {
  const pa = parseA1(localCell(a));
  const pb = parseA1(localCell(b));
  if (!pa || !pb) return pa ? -1 : pb ? 1 : a.localeCompare(b);
  return pa.row - pb.row || pa.col - pb.col;
}

/** "C7" of "C7", "$C$7", "C7:D9" or "'Blad 1'!C7". */
function localCell(address: string): string {
  const bang = address.lastIndexOf('!');
  const local = bang < 0 ? address : address.slice(bang + 1);
  const colon = local.indexOf(':');
  return (colon < 0 ? local : local.slice(0, colon)).replace(/\$/g, '');
}

/** Splits "'Blad 1'!C7" into sheet and local address; a bare address belongs to `fallbackSheet`. */
export function splitAddress(address: string, fallbackSheet: string): { sheet: string; cell: string } {
  const bang = address.lastIndexOf('!');
  if (bang < 0) return { sheet: fallbackSheet, cell: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet: sheet || fallbackSheet, cell: address.slice(bang + 1) };
}

/** The key of a cell on a sheet: sheet names compare as Excel does, without case. */
function cellKey(sheet: string, cell: string): string {
  return `${sheet.toLowerCase()}!${cell.replace(/\$/g, '').toUpperCase()}`;
}

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}
function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isWordCode(c: number): boolean {
  return isUpper(c) || isDigitCode(c) || (c >= 97 && c <= 122) || c === 95 || c > 127;
}

/**
 * A message with its cell references blanked, so the same defect in D23 and
 * E23 ("Formeln =SUM(D10:D22) räknar med varav-raden …" / "=SUM(E10:E22)")
 * reads the same. Amounts stay: two columns that are off by different
 * amounts are two findings. One pass over the text, no regexes (it runs per finding).
 */
export function messagePattern(message: string): string {
  let out = '';
  let i = 0;
  const n = message.length;
  while (i < n) {
    const start = i;
    const before = i > 0 ? message.charCodeAt(i - 1) : 32;
    if (!isWordCode(before) || before === 36) {
      // A reference: [$]A-Z{1,3}[$]0-9+, not inside a longer word.
      let j = i;
      if (message.charCodeAt(j) === 36) j++;
      const letters = j;
      while (j < n && j - letters < 4 && isUpper(message.charCodeAt(j))) j++;
      const nLetters = j - letters;
      if (nLetters >= 1 && nLetters <= 3) {
        if (message.charCodeAt(j) === 36) j++;
        const digits = j;
        while (j < n && isDigitCode(message.charCodeAt(j))) j++;
        if (j > digits && (j === n || !isWordCode(message.charCodeAt(j)))) {
          out += '#';
          i = j;
          continue;
        }
      }
    }
    out += message[start];
    i = start + 1;
  }
  return out;
}

/**
 * Reading-order position of a cell (row, then column) as one number;
 * unparsable cells last. Reads "C7", "$C$7", "C7:D9" and "'Blad 1'!C7"
 * character by character (it runs per finding).
 */
function positionOf(address: string): number {
  let i = address.lastIndexOf('!') + 1;
  if (address.charCodeAt(i) === 36) i++;
  let col = 0;
  let letters = 0;
  for (; i < address.length; i++) {
    let c = address.charCodeAt(i);
    if (c >= 97 && c <= 122) c -= 32;
    if (!isUpper(c)) break;
    col = col * 26 + (c - 64);
    letters++;
  }
  if (address.charCodeAt(i) === 36) i++;
  let row = 0;
  let digits = 0;
  for (; i < address.length; i++) {
    const c = address.charCodeAt(i);
    if (!isDigitCode(c)) break;
    row = row * 10 + (c - 48);
    digits++;
  }
  const end = address.charCodeAt(i);
  if (letters < 1 || letters > 3 || digits < 1 || row < 1 || (i < address.length && end !== 58)) {
    return Number.MAX_SAFE_INTEGER;
  }
  return (row - 1) * 16384 + (col - 1);
}

/** Sorts by reading order, parsing each address once (a list can hold thousands). */
function sortByCell<T>(list: T[], cellOf: (x: T) => string): T[] {
  const keyed = list.map((x) => ({ x, k: positionOf(cellOf(x)) }));
  keyed.sort((a, b) => a.k - b.k);
  for (let i = 0; i < keyed.length; i++) list[i] = keyed[i]!.x;
  return list;
}

function mostSevere(findings: readonly Finding[]): Severity {
  let best: Severity = 'info';
  for (const f of findings) if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[best]) best = f.severity;
  return best;
}

function fixCellsOf(findings: readonly Finding[]): string[] {
  const cells = new Set<string>();
  for (const f of findings) if (f.fix === 'convert_text_numbers') cells.add(f.cell);
  return sortByCell([...cells], (c) => c);
}

function item(
  sheet: string,
  cell: string,
  lead: Finding,
  leadIsCause: boolean,
  cells: string[],
  effects: Finding[],
  members: Finding[],
): FindingItem {
  return {
    key: `${sheet}|${lead.code}|${cells.join(',')}|${effects.length}`,
    severity: mostSevere(members),
    sheet,
    cell,
    lead,
    leadIsCause,
    cells,
    effects,
    members,
    fixCells: fixCellsOf(members),
  };
}

/**
 * Turns findings into list lines, per sheet:
 *  1. Findings with `causedBy` go under their cause ("D14 är text – det
 *     påverkar D23, E23, D24, E24"), with the cause's own finding as the
 *     line when there is one.
 *  2. Of the rest, findings of one code on one row whose messages read the
 *     same but for cell references are one line naming every cell.
 * Linear in the number of findings.
 */
export function findingItems(findings: readonly Finding[]): FindingItem[] {
  // Effects by cause cell.
  const effectsByCause = new Map<string, { sheet: string; cell: string; effects: Finding[] }>();
  const rest: Finding[] = [];
  for (const f of findings) {
    if (f.causedBy) {
      const { sheet, cell } = splitAddress(f.causedBy, f.sheet);
      const key = cellKey(sheet, cell);
      let entry = effectsByCause.get(key);
      if (!entry) effectsByCause.set(key, (entry = { sheet, cell: cell.replace(/\$/g, ''), effects: [] }));
      entry.effects.push(f);
    } else rest.push(f);
  }

  const items: FindingItem[] = [];
  // Causes that are findings themselves lead their group; one line per cause cell.
  const repeated = new Map<string, Finding[]>();
  for (const f of rest) {
    const key = cellKey(f.sheet, f.cell);
    const caused = effectsByCause.get(key);
    if (caused) {
      sortByCell(caused.effects, (e) => e.cell);
      items.push(item(f.sheet, f.cell, f, true, [f.cell], caused.effects, [f, ...caused.effects]));
      effectsByCause.delete(key);
      continue;
    }
    const position = positionOf(f.cell);
    if (position === Number.MAX_SAFE_INTEGER) {
      items.push(item(f.sheet, f.cell, f, true, [f.cell], [], [f]));
      continue;
    }
    const row = Math.floor(position / 16384);
    const rkey = `${f.sheet.toLowerCase()}|${f.severity}|${f.code}|${row}|${messagePattern(f.message)}`;
    const list = repeated.get(rkey);
    if (list) list.push(f);
    else repeated.set(rkey, [f]);
  }
  for (const list of repeated.values()) {
    sortByCell(list, (x) => x.cell);
    const lead = list[0]!;
    items.push(
      item(
        lead.sheet,
        lead.cell,
        lead,
        true,
        list.map((x) => x.cell),
        [],
        list,
      ),
    );
  }
  // Causes nobody reported (a cell the core names as the cause without a finding of its own).
  for (const { sheet, cell, effects } of effectsByCause.values()) {
    sortByCell(effects, (e) => e.cell);
    items.push(item(sheet, cell, effects[0]!, false, [cell], effects, effects));
  }
  return sortByCell(items, (i) => i.cell);
}

/**
 * Groups lines by sheet (in the order the sheets first appear, or
 * `sheetOrder` when given) and then by severity (errors first); empty
 * severity groups are left out; within a group lines keep reading order.
 */
export function groupFindings(
  findings: readonly Finding[],
  sheetOrder: readonly string[] = [],
): SheetGroup[] {
  const bySheet = new Map<string, FindingItem[]>();
  for (const i of findingItems(findings)) {
    const list = bySheet.get(i.sheet);
    if (list) list.push(i);
    else bySheet.set(i.sheet, [i]);
  }
  const order = new Map(sheetOrder.map((s, i) => [s, i]));
  const rank = (s: string) => order.get(s) ?? Number.MAX_SAFE_INTEGER;
  const sheets = [...bySheet.keys()].sort((a, b) => rank(a) - rank(b));
  return sheets.map((sheet) => {
    const list = bySheet.get(sheet) ?? [];
    const groups = SEVERITY_ORDER.map((severity) => ({
      severity,
      label: SEVERITY_LABELS[severity],
      items: list.filter((i) => i.severity === severity),
    })).filter((g) => g.items.length > 0);
    return { sheet, counts: countItems(list), groups };
  });
}

/** At most `max` cell names, then "och N till". */
export function cellList(cells: readonly string[], max = 8): string {
  if (cells.length <= max) return joinSwedish(cells);
  return `${cells.slice(0, max).join(', ')} och ${formatInteger(cells.length - max)} till`;
}

/** The short line for a cause: "D14 är text – det påverkar D23, E23, D24 och E24". */
export function causeLine(i: FindingItem): string | undefined {
  if (i.effects.length === 0) return undefined;
  const affected = cellList(i.effects.map((e) => e.cell));
  const what =
    i.leadIsCause && i.lead.fix === 'convert_text_numbers'
      ? `${i.cell} är text`
      : i.leadIsCause && i.lead.code === 'ERROR_VALUE'
        ? `${i.cell} visar ett felvärde`
        : `Felet i ${i.cell}`;
  return `${what} – det påverkar ${affected}`;
}

/** For a repeated defect: "Samma fel i E23 och F23." */
export function repeatLine(i: FindingItem): string | undefined {
  if (i.cells.length < 2) return undefined;
  return `Samma fel i ${cellList(i.cells.slice(1))}.`;
}

/**
 * "2 fel, 1 varning" over lines; information is not a problem and is
 * mentioned after them ("3 upplysningar").
 */
export function problemsText(counts: Record<Severity, number>): string {
  const parts: string[] = [];
  if (counts.error) parts.push(countLabel('error', counts.error));
  if (counts.warning) parts.push(countLabel('warning', counts.warning));
  return parts.join(', ');
}

/** Errors and warnings as lines, information after: "2 fel, 1 varning. 3 upplysningar". */
export function findingsHeadline(findings: readonly Finding[], none = 'Inga fel'): string {
  const counts = countItems(findingItems(findings));
  const problems = problemsText(counts) || none;
  return counts.info ? `${problems}. ${countLabel('info', counts.info)}` : problems;
}

/**
 * Cells per sheet to mark for "Markera i bladet": each finding's cell and its
 * related cells (which may sit on another sheet), without duplicates.
 * Information is left out: rounding is not something to fix.
 */
export function highlightTargets(findings: readonly Finding[]): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  const add = (sheet: string, cell: string) => {
    if (!cell) return;
    let set = out.get(sheet);
    if (!set) out.set(sheet, (set = new Set()));
    set.add(cell.replace(/\$/g, ''));
  };
  for (const f of findings) {
    if (f.severity === 'info') continue;
    for (const c of [f.cell, ...(f.related ?? [])]) {
      const { sheet, cell } = splitAddress(c, f.sheet);
      add(sheet, cell);
    }
  }
  return new Map([...out].map(([s, set]) => [s, [...set].sort(compareCells)]));
}

/** Cells of a sheet the "Konvertera till tal" fix applies to. */
export function textNumberCells(findings: readonly Finding[], sheet: string): string[] {
  return fixCellsOf(findings.filter((f) => f.sheet === sheet));
}

/** "1 tabell", "2 tabeller", "ingen tabell". */
function tablesText(tables: readonly TableModel[]): string {
  return tables.length === 0 ? 'ingen tabell' : plural('tabell', 'tabeller', tables.length);
}

/**
 * What a structure check found. It checks tables, headers, roles, row kinds
 * and text numbers — not sums — so a clean result says the structure is
 * approved and points to Validera summor, never "Inga fel".
 */
export function structureSummary(
  sheet: string,
  tables: readonly TableModel[],
  findings: readonly Finding[],
): string {
  if (tables.length === 0 && !findings.some((f) => f.severity !== 'info'))
    return `Bladet ${sheet}: ingen tabell hittades.`;
  const problems = problemsText(countItems(findingItems(findings)));
  if (!problems) return `Strukturen är godkänd: ${tablesText(tables)} på bladet ${sheet}.`;
  return `Bladet ${sheet}, ${tablesText(tables)}: ${problems} i strukturen.`;
}

/** The pointer every result that did not check sums carries. */
export const SUMS_NOT_CHECKED = 'Summorna är inte kontrollerade: välj Validera summor.';

export interface Headline {
  /** No errors and no warnings. */
  ok: boolean;
  text: string;
  /** What the check did not cover, when that matters. */
  hint?: string;
}

/**
 * The line over the results list, by the check that made them. Only a sums
 * check may say "Inga fel i summorna"; a structure check that finds nothing
 * says the structure is approved, and every check that did not look at the
 * sums says so.
 */
export function resultsHeadline(
  kind: 'structure' | 'sums' | 'deviations',
  findings: readonly Finding[],
): Headline {
  const counts = countItems(findingItems(findings));
  const problems = problemsText(counts);
  const info = counts.info ? ` ${countLabel('info', counts.info)}.` : '';
  if (kind === 'sums') {
    return problems
      ? { ok: false, text: `Summorna: ${problems}.${info}` }
      : { ok: true, text: `Inga fel i summorna.${info}` };
  }
  if (kind === 'structure') {
    return problems
      ? { ok: false, text: `Strukturen: ${problems}.${info}`, hint: SUMS_NOT_CHECKED }
      : { ok: true, text: `Strukturen är godkänd.${info}`, hint: SUMS_NOT_CHECKED };
  }
  return problems
    ? { ok: false, text: `Beräkningen: ${problems}.${info}`, hint: SUMS_NOT_CHECKED }
    : { ok: true, text: `Avvikelser och prognoser utan anmärkningar.${info}`, hint: SUMS_NOT_CHECKED };
}

/** How proposed forecasts look in the sheet; shown wherever proposals are mentioned. */
export const PROPOSAL_LEGEND = 'Föreslagna prognoser är kursiva med gul fyllning.';

export interface DeviationSummary {
  deviationCells: number;
  forecastsProposed: number;
  userForecastsKept: number;
  insertedColumns: string[];
}

export function deviationSummaryText(sheet: string, s: DeviationSummary, written: number): string {
  if (written === 0 && s.insertedColumns.length === 0) {
    return `Bladet ${sheet}: inget behövde skrivas. Avvikelser och prognoser stämmer redan.`;
  }
  const parts = [
    plural('avvikelsecell', 'avvikelseceller', s.deviationCells),
    `${formatInteger(s.forecastsProposed)} prognosförslag`,
  ];
  let text = `Bladet ${sheet}: ${parts.join(' och ')} skrevs.`;
  if (s.userForecastsKept > 0) {
    text += ` ${plural('egen prognos behölls', 'egna prognoser behölls', s.userForecastsKept)}.`;
  }
  if (s.insertedColumns.length > 0) {
    text += ` ${s.insertedColumns.length === 1 ? 'Ny kolumn' : 'Nya kolumner'}: ${joinSwedish(s.insertedColumns)}.`;
  }
  if (s.forecastsProposed > 0) text += ` ${PROPOSAL_LEGEND}`;
  return text + ' Du kan ångra med ”Ångra senaste”.';
}

export function sumsSummaryText(sheetCount: number, findings: readonly Finding[]): string {
  const sheets = plural('blad', 'blad', sheetCount);
  const problems = problemsText(countItems(findingItems(findings)));
  return problems
    ? `Summorna på ${sheets} är kontrollerade: ${problems}.`
    : `Summorna på ${sheets} är kontrollerade: inga fel.`;
}

/** A GatewayError (or anything shaped like one) carries a Swedish message meant for the user. */
export function userMessageOf(error: unknown): string | undefined {
  if (error && typeof error === 'object' && 'userMessage' in error) {
    const m = (error as { userMessage: unknown }).userMessage;
    if (typeof m === 'string' && m.trim()) return m;
  }
  return undefined;
}

/**
 * What the user reads when an action fails. `changed` says whether the
 * workbook was already written to when the failure happened, so the message
 * never claims that nothing changed when something did.
 */
export function errorText(error: unknown, changed = false): string {
  const gateway = userMessageOf(error);
  if (gateway) return gateway;
  const detail = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const what = detail ? `Något gick fel: ${detail.replace(/\.$/, '')}.` : 'Något gick fel.';
  return changed
    ? `${what} Ändringarna i arbetsboken är gjorda; kontrollera dem eller använd ”Ångra senaste”.`
    : `${what} Inget har ändrats i arbetsboken.`;
}
