/**
 * Pure helpers over findings and command results: grouping for the list,
 * cells to highlight, and the Swedish summary lines the task pane shows.
 */
import type { Finding, Severity, TableModel } from '../core/schemas';
import { parseA1 } from '../core/grid';
import { countLabel, SEVERITY_LABELS } from './labels.logic';

export const SEVERITY_ORDER: Severity[] = ['error', 'warning', 'info'];

export interface SeverityGroup {
  severity: Severity;
  label: string;
  findings: Finding[];
}

export interface SheetGroup {
  sheet: string;
  counts: Record<Severity, number>;
  groups: SeverityGroup[];
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

/** Compares A1 addresses in reading order (row, then column); unparsable ones last. */
export function compareCells(a: string, b: string): number {
  const pa = parseA1(a.split(':')[0] ?? a);
  const pb = parseA1(b.split(':')[0] ?? b);
  if (!pa || !pb) return pa ? -1 : pb ? 1 : a.localeCompare(b);
  return pa.row - pb.row || pa.col - pb.col;
}

/**
 * Groups by sheet (in the order the sheets first appear, or `sheetOrder` when
 * given) and then by severity (errors first); empty severity groups are left
 * out; within a group findings keep reading order.
 */
export function groupFindings(
  findings: readonly Finding[],
  sheetOrder: readonly string[] = [],
): SheetGroup[] {
  const bySheet = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = bySheet.get(f.sheet);
    if (list) list.push(f);
    else bySheet.set(f.sheet, [f]);
  }
  const rank = (s: string) => {
    const i = sheetOrder.indexOf(s);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const sheets = [...bySheet.keys()].sort((a, b) => rank(a) - rank(b));
  return sheets.map((sheet) => {
    const list = bySheet.get(sheet) ?? [];
    const groups = SEVERITY_ORDER.map((severity) => ({
      severity,
      label: SEVERITY_LABELS[severity],
      findings: list.filter((f) => f.severity === severity).sort((a, b) => compareCells(a.cell, b.cell)),
    })).filter((g) => g.findings.length > 0);
    return { sheet, counts: countBySeverity(list), groups };
  });
}

/** "2 fel, 1 varning" — or "Inga fel" when there is nothing to report. Information is not a problem and is only mentioned when alone. */
export function findingsHeadline(findings: readonly Finding[]): string {
  const c = countBySeverity(findings);
  const parts: string[] = [];
  if (c.error) parts.push(countLabel('error', c.error));
  if (c.warning) parts.push(countLabel('warning', c.warning));
  if (parts.length === 0) return c.info ? `Inga fel (${countLabel('info', c.info)})` : 'Inga fel';
  if (c.info) parts.push(countLabel('info', c.info));
  return parts.join(', ');
}

/** Splits "'Blad 1'!C7" into sheet and local address; a bare address belongs to `fallbackSheet`. */
export function splitAddress(address: string, fallbackSheet: string): { sheet: string; cell: string } {
  const bang = address.lastIndexOf('!');
  if (bang < 0) return { sheet: fallbackSheet, cell: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet: sheet || fallbackSheet, cell: address.slice(bang + 1) };
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
  const cells = new Set<string>();
  for (const f of findings) if (f.sheet === sheet && f.fix === 'convert_text_numbers') cells.add(f.cell);
  return [...cells].sort(compareCells);
}

/** Sheets that have findings with the text-number fix, in first-seen order. */
export function sheetsWithTextNumbers(findings: readonly Finding[]): string[] {
  const seen: string[] = [];
  for (const f of findings)
    if (f.fix === 'convert_text_numbers' && !seen.includes(f.sheet)) seen.push(f.sheet);
  return seen;
}

export function structureSummary(
  sheet: string,
  tables: readonly TableModel[],
  findings: readonly Finding[],
): string {
  const t =
    tables.length === 0
      ? 'ingen tabell hittades'
      : tables.length === 1
        ? '1 tabell'
        : `${tables.length} tabeller`;
  return `Bladet ${sheet}: ${t}. ${findingsHeadline(findings)}.`;
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
    `${s.deviationCells} ${s.deviationCells === 1 ? 'avvikelsecell' : 'avvikelseceller'}`,
    `${s.forecastsProposed} prognosförslag`,
  ];
  let text = `Bladet ${sheet}: ${parts.join(' och ')} skrevs.`;
  if (s.userForecastsKept > 0) {
    text += ` ${s.userForecastsKept} ${s.userForecastsKept === 1 ? 'egen prognos behölls' : 'egna prognoser behölls'}.`;
  }
  if (s.insertedColumns.length > 0) {
    text += ` Nya kolumner: ${s.insertedColumns.join(', ')}.`;
  }
  if (s.forecastsProposed > 0) text += ` ${PROPOSAL_LEGEND}`;
  return text + ' Du kan ångra med "Ångra senaste".';
}

export function sumsSummaryText(sheetCount: number, findings: readonly Finding[]): string {
  const sheets = sheetCount === 1 ? '1 blad' : `${sheetCount} blad`;
  return `Summorna på ${sheets} är kontrollerade. ${findingsHeadline(findings)}.`;
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
    ? `${what} Ändringarna i arbetsboken är gjorda; kontrollera dem eller använd "Ångra senaste".`
    : `${what} Inget har ändrats i arbetsboken.`;
}
