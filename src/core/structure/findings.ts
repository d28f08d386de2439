import { a1, cellAt, forEachCell, type Grid } from '../grid';
import { ACCEPTED_HEADERS, CODES, finding } from '../findings';
import { ROLE_LABELS } from '../labels';
import { parseSwedishNumber } from '../numbers';
import { deviationDefs, directionVotes, isFigureRow } from '../relations';
import type { Finding, TableModel } from '../schemas';
import { labelKey } from '../text';
import { classifyHeader } from './headers';

const MONEY_UNITS = new Set(['tkr', 'mnkr', 'kr']);

function tableCells(table: TableModel): { row: number; col: number; amount: boolean }[] {
  const out: { row: number; col: number; amount: boolean }[] = [];
  for (const r of table.rows) {
    if (!isFigureRow(r)) continue;
    for (const c of table.columns) out.push({ row: r.index, col: c.index, amount: !c.nonAmount });
  }
  return out;
}

function textNumberFindings(grid: Grid, table: TableModel): Finding[] {
  const out: Finding[] = [];
  for (const { row, col, amount } of tableCells(table)) {
    const cell = cellAt(grid, row, col);
    if (typeof cell.v !== 'string' || cell.f) continue;
    const p = parseSwedishNumber(cell.v);
    if (p.kind !== 'number') continue;
    const value = p.percent ? p.value / 100 : p.value;
    // In an amount column the text breaks every SUM; elsewhere (percentages, notes) it only looks wrong.
    out.push(
      finding(
        amount ? 'error' : 'warning',
        CODES.TEXT_NUMBER,
        grid.sheet,
        a1(row, col),
        amount
          ? `Talet ”${cell.v}” är lagrat som text och räknas inte med i summor. Konvertera cellen till tal (knappen ”Konvertera till tal” gör det).`
          : `Talet ”${cell.v}” är lagrat som text. Konvertera cellen till tal så att den kan formateras och jämföras.`,
        { actual: value, fix: 'convert_text_numbers' },
      ),
    );
  }
  return out;
}

/** Error values anywhere on the sheet: they break every sum that touches them. */
function errorFindings(grid: Grid): Finding[] {
  const out: Finding[] = [];
  forEachCell(grid, (ri, ci, cell) => {
      if (!cell.err) return;
      const where = a1(ri, ci);
      const what = String(cell.v);
      const hint: Record<string, string> = {
        '#REF!': 'formeln pekar på en cell som inte finns längre (borttagen rad, kolumn eller blad)',
        '#DIV/0!': 'formeln delar med noll eller en tom cell',
        '#N/A': 'ett uppslag hittade inget värde',
        '#VALUE!': 'formeln räknar med text',
        '#NAME?': 'formeln använder ett namn eller en funktion som Excel inte känner igen',
      };
      out.push(
        finding(
          'error',
          CODES.ERROR_VALUE,
          grid.sheet,
          where,
          `Cellen visar felvärdet ${what}: ${hint[what] ?? 'formeln kan inte beräknas'}. Rätta formeln${cell.f ? ` (${cell.f})` : ''} eller ersätt den med ett värde.`,
        ),
      );
    });
  return out;
}

function labelFindings(grid: Grid, table: TableModel): Finding[] {
  const out: Finding[] = [];
  let group = new Map<string, number>();
  for (const r of table.rows) {
    if (r.kind === 'group_header' || r.kind === 'subtotal' || r.kind === 'total') group = new Map();
    if (!isFigureRow(r)) continue;
    if (r.label.trim() === '') {
      const first = table.columns.find((c) => cellAt(grid, r.index, c.index).v !== null);
      out.push(
        finding(
          'warning',
          CODES.VALUE_WITHOUT_LABEL,
          grid.sheet,
          a1(r.index, table.labelColumn),
          `Rad ${r.row} har värden${first ? ` (från ${a1(r.index, first.index)})` : ''} men ingen radetikett. Skriv in vilken verksamhet raden avser i ${a1(r.index, table.labelColumn)}.`,
        ),
      );
      continue;
    }
    if (r.kind !== 'item') continue;
    const key = labelKey(r.label);
    const prev = group.get(key);
    if (prev !== undefined) {
      out.push(
        finding(
          'warning',
          CODES.DUPLICATE_LABEL,
          grid.sheet,
          a1(r.index, table.labelColumn),
          `Etiketten ”${r.label}” finns redan på rad ${prev + 1} i samma grupp. Ge raderna olika namn eller slå ihop dem, annars blir rapporten tvetydig.`,
        ),
      );
    } else group.set(key, r.index);
  }
  return out;
}

function missingColumnFindings(grid: Grid, table: TableModel): Finding[] {
  if (!MONEY_UNITS.has(table.unit) && table.signConvention !== 'volumes') return [];
  const has = (role: string) => table.columns.some((c) => c.role === role);
  const out: Finding[] = [];
  const where = a1(table.headerRows[table.headerRows.length - 1]! - 1, table.labelColumn);
  const hasBudget = has('budget_period') || has('budget_annual');
  // Only a follow-up table (one with a deviation) needs both; plans and statistics do not.
  if (!has('deviation_period') && !has('deviation_annual')) return out;
  if (!has('outcome'))
    out.push(
      finding(
        'warning',
        CODES.MISSING_COLUMN,
        grid.sheet,
        where,
        `Tabellen ${table.range} saknar en kolumn för utfall. Godkända rubriker: ${ACCEPTED_HEADERS.outcome}. Byt rubrik eller ange kolumnens roll i Budgetkoll.`,
      ),
    );
  if (!hasBudget)
    out.push(
      finding(
        'warning',
        CODES.MISSING_COLUMN,
        grid.sheet,
        where,
        `Tabellen ${table.range} saknar en budgetkolumn. Godkända rubriker: ${ACCEPTED_HEADERS.budget_period} (period) eller ${ACCEPTED_HEADERS.budget_annual} (helår).`,
      ),
    );
  const defs = deviationDefs(table);
  for (const role of ['deviation_period', 'deviation_annual'] as const) {
    const col = table.columns.find((c) => c.role === role);
    if (col && col.roleSource !== 'data' && !defs.some((d) => d.deviation === col)) {
      const needs = role === 'deviation_period' ? 'utfall och budget' : 'prognos och budget helår';
      out.push(
        finding(
          'error',
          CODES.MISSING_COLUMN,
          grid.sheet,
          a1(table.headerRows[table.headerRows.length - 1]! - 1, col.index),
          `Kolumnen ”${col.header}” är en avvikelse, men tabellen saknar ${needs} att räkna den från. Lägg till kolumnen eller rätta rollerna i Budgetkoll.`,
        ),
      );
    }
  }
  return out;
}

/** Header versus values: reported once per column, never once per row (DOMAIN.md §5). */
function contradictionFindings(grid: Grid, table: TableModel): Finding[] {
  const out: Finding[] = [];
  const headerRow = table.headerRows[table.headerRows.length - 1]! - 1;
  for (const col of table.columns) {
    if (col.roleSource === 'data' && col.role === 'deviation_annual') {
      out.push(
        finding(
          'warning',
          CODES.HEADER_CONTRADICTS_VALUES,
          grid.sheet,
          a1(headerRow, col.index),
          `Kolumnen ”${col.header}” heter prognos men innehåller prognosens avvikelse mot årsbudgeten, inte ett prognosbelopp (värdena är små jämfört med budgeten). Budgetkoll behandlar den som ”${ROLE_LABELS.deviation_annual}”. Byt rubrik till ”Prognosavvikelse” eller rätta rollen.`,
        ),
      );
    }
  }
  for (const def of deviationDefs(table)) {
    const votes = directionVotes(grid, table, def);
    const actual = def.actual.role === 'forecast' ? 'prognos' : 'utfall';
    const direction = (sign: number) => (sign === 1 ? `${actual} − budget` : `budget − ${actual}`);
    const stated = classifyHeader(def.deviation.header).statedDirection;
    const dataOpposite = votes.opposite >= 2 && votes.opposite > 2 * votes.convention;
    const conventionWord =
      table.signConvention === 'costs_positive' ? 'budget − utfall (kostnader positiva)' : 'utfall − budget';
    if (stated) {
      const statedSign = stated === 'outcome_minus_budget' ? 1 : -1;
      const conventionSign = table.signConvention === 'costs_positive' ? -1 : 1;
      const dataSign = dataOpposite ? -conventionSign : votes.convention > 0 ? conventionSign : undefined;
      if (dataSign !== undefined && dataSign !== statedSign) {
        out.push(
          finding(
            'warning',
            CODES.HEADER_CONTRADICTS_VALUES,
            grid.sheet,
            a1(headerRow, def.deviation.index),
            `Rubriken ”${def.deviation.header}” säger ${direction(statedSign)}, men värdena i kolumnen är ${direction(dataSign)}. Byt rubrik så att den stämmer med värdena; kontrollen räknar med det värdena visar.`,
          ),
        );
        continue;
      }
    }
    if (dataOpposite && !stated) {
      out.push(
        finding(
          'warning',
          CODES.HEADER_CONTRADICTS_VALUES,
          grid.sheet,
          a1(headerRow, def.deviation.index),
          `Avvikelserna i ”${def.deviation.header}” följer inte tabellens teckenkonvention (${conventionWord}) utan har motsatt tecken på ${votes.opposite} rader. Kontrollera teckenkonventionen i Budgetkoll; kontrollen räknar med det värdena visar.`,
        ),
      );
    }
  }
  return out;
}

export function structureFindings(grid: Grid, tables: TableModel[]): Finding[] {
  const out: Finding[] = [];
  if (tables.length === 0) {
    const hasContent = grid.rows.some((r) => r.cells.some((c) => c.v !== null && c.v !== ''));
    out.push(
      finding(
        'warning',
        CODES.NO_TABLE,
        grid.sheet,
        'A1',
        hasContent
          ? `Ingen budgettabell hittades på bladet ”${grid.sheet}”. Budgetkoll letar efter en rubrikrad med kolumner som ”Utfall”, ”Budget”, ”Prognos” eller ”Avvikelse” med siffror under. Kontrollera rubrikraden.`
          : `Bladet ”${grid.sheet}” är tomt. Klistra in budgettabellen (rubrikrad med ”Utfall”, ”Budget” …) och kör igen.`,
      ),
    );
  }
  for (const t of tables) {
    out.push(...missingColumnFindings(grid, t));
    out.push(...textNumberFindings(grid, t));
    out.push(...labelFindings(grid, t));
    out.push(...contradictionFindings(grid, t));
  }
  out.push(...errorFindings(grid));
  return out;
}
