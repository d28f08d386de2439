/**
 * "Validera struktur": what is wrong with a sheet's tables as tables —
 * numbers stored as text, error values, rows without labels, duplicate
 * labels, missing columns, and headers that say something else than their
 * values — cell by cell.
 */
import { a1, append, cellAt, forEachCell, rowAt, type Grid } from '../grid';
import { cellText } from '../text';
import { shownFormula } from '../formulaDisplay';
import { ACCEPTED_HEADERS, CODES, finding, fmt } from '../findings';
import { ROLE_LABELS } from '../labels';
import type { SheetReading, TableReading } from '../model';
import { K } from '../read/cells';
import { dateText, isDateFormat, parseIsoDate } from '../dates';
import type { Finding } from '../schemas';
import { labelKey } from '../text';
import { circularFindings, type CircularResult } from './circular';
import { cellOf, figurePositions } from './common';

const MONEY_UNITS = new Set(['tkr', 'mnkr', 'kr']);

const ERROR_HINTS: Record<string, string> = {
  '#REF!': 'formeln pekar på en cell som inte finns längre (borttagen rad, kolumn eller blad)',
  '#DIV/0!': 'formeln delar med noll eller en tom cell',
  '#N/A': 'ett uppslag hittade inget värde',
  '#VALUE!': 'formeln räknar med text',
  '#NAME?': 'formeln använder ett namn eller en funktion som Excel inte känner igen',
  '#NUM!': 'formeln ger ett tal som Excel inte kan visa',
  '#NULL!': 'formeln använder två områden som inte möts',
};

function headerRowOf(t: TableReading): number {
  return t.model.headerRows[t.model.headerRows.length - 1]! - 1;
}

/** Numbers stored as text: they break every SUM in an amount column; elsewhere they only look wrong. */
function textNumberFindings(t: TableReading): Finding[] {
  const out: Finding[] = [];
  const figures = figurePositions(t);
  t.columns.forEach((col, i) => {
    const amount = !t.model.columns[i]!.nonAmount;
    for (const p of figures) {
      if (col.kind[p] !== K.TEXTNUM || col.formula[p]) continue;
      const where = cellOf(t, p, col);
      const raw = cellText(cellAt(t.grid, t.data.rows[p]!, col.col).v);
      const unitNote = /(kr|:-)\s*$/i.test(raw)
        ? ' Ta bort enheten ur cellen; den hör hemma i rubriken eller talformatet.'
        : '';
      const percentNote =
        /%\s*$/.test(raw) && amount ? ' Cellen är ett procenttal i en kolumn med belopp.' : '';
      out.push(
        finding(
          amount ? 'error' : 'warning',
          CODES.TEXT_NUMBER,
          t.grid.sheet,
          where,
          amount
            ? `Talet ”${raw}” är lagrat som text och räknas inte med i summor.${percentNote}${unitNote} Konvertera cellen till tal (knappen ”Konvertera till tal” gör det).`
            : `Talet ”${raw}” är lagrat som text. Konvertera cellen till tal så att den kan formateras och jämföras.`,
          { actual: col.value[p]!, fix: 'convert_text_numbers' },
        ),
      );
    }
  });
  return out;
}

/**
 * Cells in an amount column that hold no amount although they look like one
 * or count as one: a date (Excel sums its serial number, 2024-08-31 as
 * 45 535) and SANT/FALSKT (SUM leaves them out, arithmetic counts them as 1
 * and 0). Text and text numbers have their own findings.
 */
function notAmountFindings(reading: SheetReading): Finding[] {
  const out: Finding[] = [];
  const dateFormats = new Map<string, boolean>();
  const isDate = (fmt: string) => {
    let d = dateFormats.get(fmt);
    if (d === undefined) dateFormats.set(fmt, (d = isDateFormat(fmt)));
    return d;
  };
  for (const t of reading.tables) {
    const amountAt = new Map<number, number>();
    t.columns.forEach((col, i) => {
      if (!t.model.columns[i]!.nonAmount) amountAt.set(col.col, i);
    });
    // Row by row over the grid's own cells: one lookup per row, not per cell.
    for (const p of figurePositions(t)) {
      const row = rowAt(t.grid, t.data.rows[p]!);
      if (!row) continue;
      for (let k = 0; k < row.cols.length; k++) {
        const i = amountAt.get(row.cols[k]!);
        if (i === undefined) continue;
        const cell = row.cells[k]!;
        if (cell.f !== undefined || cell.err) continue;
        const v = cell.v;
        let date: string | undefined;
        let serial = 0;
        if (typeof v === 'number') {
          if (cell.fmt === undefined || !isDate(cell.fmt)) continue;
          date = dateText(v, cell.fmt);
          serial = v;
        } else if (typeof v === 'string') {
          if (v.length !== 10) continue;
          const iso = parseIsoDate(v);
          if (!iso) continue;
          date = v;
          serial = iso.serial;
        } else if (typeof v !== 'boolean') continue;
        if (typeof v !== 'boolean' && date === undefined) continue;
        const col = t.columns[i]!;
        const where = cellOf(t, p, col);
        const header = t.model.columns[i]!.header;
        out.push(
          finding(
            'warning',
            CODES.NOT_AN_AMOUNT,
            t.grid.sheet,
            where,
            typeof v === 'boolean'
              ? `${where} innehåller ${v ? 'SANT' : 'FALSKT'} i kolumnen ”${header}”, inte ett belopp: SUMMA räknar inte med det, men en formel som =${where}-… räknar det som ${v ? '1' : '0'}. Skriv beloppet (eller töm cellen).`
              : `${where} är ett datum (${date}) i kolumnen ”${header}”, inte ett belopp: Excel räknar det som talet ${fmt(serial, 1)} i summorna. Skriv beloppet (eller töm cellen) och ge cellen talformatet för belopp.`,
          ),
        );
      }
    }
  }
  return out;
}

/** Error values anywhere on the sheet: they break every sum that touches them. */
export function errorFindings(
  grid: Grid,
  causes: Map<string, string>,
  language: 'sv' | 'en' = 'sv',
): Finding[] {
  const out: Finding[] = [];
  forEachCell(grid, (r, c, cell) => {
    if (!cell.err) return;
    const where = a1(r, c);
    const what = String(cell.v);
    const cause = causes.get(where);
    out.push(
      finding(
        'error',
        CODES.ERROR_VALUE,
        grid.sheet,
        where,
        `Cellen visar felvärdet ${what}: ${ERROR_HINTS[what] ?? 'formeln kan inte beräknas'}${cause ? ` (${cause} är fel eller text)` : ''}. Rätta formeln${cell.f ? ` (${shownFormula(cell.f, language)})` : ''} eller ersätt den med ett värde.`,
        cause ? { causedBy: cause } : {},
      ),
    );
  });
  return out;
}

function labelFindings(t: TableReading): Finding[] {
  const out: Finding[] = [];
  let group = new Map<string, number>();
  const labelCol = t.model.labelColumn;
  for (let p = 0; p < t.data.n; p++) {
    const k = t.kinds[p]!;
    if (k === 'group_header' || k === 'subtotal' || k === 'total') group = new Map();
    if (k !== 'item' && k !== 'subtotal' && k !== 'total' && k !== 'varav') continue;
    const row = t.data.rows[p]!;
    const label = t.data.labels[p]!;
    if (label.trim() === '') {
      const first = t.columns.find((c) => c.kind[p] !== K.EMPTY);
      const odd = t.data.labelCells[p];
      out.push(
        finding(
          'warning',
          CODES.VALUE_WITHOUT_LABEL,
          t.grid.sheet,
          a1(row, labelCol),
          odd
            ? `Rad ${row + 1} har värden men etiketten i ${a1(row, labelCol)} är inte text (${String(odd.v)}). Skriv in vilken verksamhet raden avser.`
            : `Rad ${row + 1} har värden${first ? ` (från ${a1(row, first.col)})` : ''} men ingen radetikett. Skriv in vilken verksamhet raden avser i ${a1(row, labelCol)}.`,
        ),
      );
      continue;
    }
    if (k !== 'item') continue;
    const key = labelKey(label);
    const prev = group.get(key);
    if (prev !== undefined)
      out.push(
        finding(
          'warning',
          CODES.DUPLICATE_LABEL,
          t.grid.sheet,
          a1(row, labelCol),
          `Etiketten ”${label}” finns redan på rad ${prev + 1} i samma grupp. Ge raderna olika namn eller slå ihop dem, annars blir rapporten tvetydig.`,
        ),
      );
    else group.set(key, row);
  }
  return out;
}

function missingColumnFindings(t: TableReading): Finding[] {
  const m = t.model;
  if (!MONEY_UNITS.has(m.unit) && m.signConvention !== 'volumes') return [];
  const has = (role: string) => m.columns.some((c) => c.role === role);
  const out: Finding[] = [];
  const headerRow = headerRowOf(t);
  const where = a1(headerRow, m.labelColumn);
  // Only a follow-up table (one with a deviation) needs both; plans and statistics do not.
  if (!has('deviation_period') && !has('deviation_annual')) return out;
  const computable = has('outcome') || has('forecast');
  const budget = has('budget_period') || has('budget_annual');
  // A table of deviations only (a period result, a forecast result) needs nothing more.
  if (!computable && !budget) return out;
  if (!has('outcome') && budget)
    out.push(
      finding(
        'warning',
        CODES.MISSING_COLUMN,
        m.sheet,
        where,
        `Tabellen ${m.range} saknar en kolumn för utfall. Godkända rubriker: ${ACCEPTED_HEADERS.outcome}. Byt rubrik eller ange kolumnens roll i Budgetkoll.`,
      ),
    );
  if (!budget && computable)
    out.push(
      finding(
        'warning',
        CODES.MISSING_COLUMN,
        m.sheet,
        where,
        `Tabellen ${m.range} saknar en budgetkolumn. Godkända rubriker: ${ACCEPTED_HEADERS.budget_period} (period) eller ${ACCEPTED_HEADERS.budget_annual} (helår).`,
      ),
    );
  for (const u of t.uncomputable)
    out.push(
      finding(
        'warning',
        CODES.MISSING_COLUMN,
        m.sheet,
        a1(headerRow, u.column.col),
        `Avvikelsen i ”${u.column.header}” kan inte räknas fram: ${u.reason}. Lägg till en kolumn med budget för perioden, eller ange rollerna i Budgetkoll.`,
      ),
    );
  return out;
}

/** Header versus values: reported once per column, never once per row (DOMAIN.md §5). */
export function contradictionFindings(t: TableReading): Finding[] {
  const out: Finding[] = [];
  const m = t.model;
  const headerRow = headerRowOf(t);
  m.columns.forEach((c, i) => {
    const info = t.columns[i]!.info;
    if (c.roleSource === 'data' && c.role === 'deviation_annual' && info.measure === 'forecast')
      out.push(
        finding(
          'warning',
          CODES.HEADER_CONTRADICTS_VALUES,
          m.sheet,
          a1(headerRow, c.index),
          `Kolumnen ”${c.header}” heter prognos men innehåller prognosens avvikelse mot årsbudgeten, inte ett prognosbelopp (${c.evidence?.replace(/^Rubriken ”[^”]*” säger prognos, men /, '') ?? ''}). Budgetkoll behandlar den som ”${ROLE_LABELS.deviation_annual}”. Byt rubrik till ”Prognosavvikelse” eller rätta rollen.`,
        ),
      );
  });
  for (const def of t.deviations) {
    const { convention, opposite } = def.votes;
    const actual = def.actual === t.byRole('forecast') ? 'prognos' : 'utfall';
    const direction = (sign: number) => (sign === 1 ? `${actual} − budget` : `budget − ${actual}`);
    const conventionSign = m.signConvention === 'costs_positive' ? -1 : 1;
    const dataOpposite = opposite >= 2 && opposite > 2 * convention;
    const where = a1(headerRow, def.dev.col);
    if (def.stated !== undefined) {
      const dataSign = dataOpposite ? -conventionSign : convention > 0 ? conventionSign : undefined;
      if (dataSign !== undefined && dataSign !== def.stated)
        out.push(
          finding(
            'warning',
            CODES.HEADER_CONTRADICTS_VALUES,
            m.sheet,
            where,
            `Rubriken ”${def.dev.header}” säger ${direction(def.stated)}, men värdena i kolumnen är ${direction(dataSign)} på ${fmt(dataOpposite ? opposite : convention)} rader. Byt rubrik så att den stämmer med värdena; kontrollen räknar med det värdena visar.`,
          ),
        );
      continue;
    }
    if (dataOpposite) {
      const conventionWord =
        m.signConvention === 'costs_positive' ? 'budget − utfall (kostnader positiva)' : 'utfall − budget';
      out.push(
        finding(
          'warning',
          CODES.HEADER_CONTRADICTS_VALUES,
          m.sheet,
          where,
          `Avvikelserna i ”${def.dev.header}” följer inte tabellens teckenkonvention (${conventionWord}) utan har motsatt tecken på ${fmt(opposite)} rader. Kontrollera teckenkonventionen i Budgetkoll; kontrollen räknar med det värdena visar.`,
        ),
      );
    }
  }
  return out;
}

export interface StructureOptions {
  /** Error cells whose fault follows from another cell (a sum over an error or a text number). */
  causes?: Map<string, string>;
  /** The sheet's circular references, when the caller found them already. */
  circular?: CircularResult;
}

/** The structure findings of one sheet's reading. */
export function structureFindings(reading: SheetReading, options: StructureOptions = {}): Finding[] {
  const out: Finding[] = [];
  const grid = reading.grid;
  if (reading.tables.length === 0) {
    let hasContent = false;
    let hasFigures = false;
    forEachCell(grid, (_r, _c, cell) => {
      if (cell.v !== null && cell.v !== '') hasContent = true;
      if (typeof cell.v === 'number') hasFigures = true;
    });
    out.push(
      finding(
        'warning',
        CODES.NO_TABLE,
        grid.sheet,
        'A1',
        !hasContent
          ? `Bladet ”${grid.sheet}” är tomt. Klistra in budgettabellen (rubrikrad med ”Utfall”, ”Budget” …) och kör igen.`
          : hasFigures
            ? `Ingen tabell hittades på bladet ”${grid.sheet}”: det finns siffror men ingen rubrikrad ovanför dem. Skriv kolumnernas rubriker (till exempel ”Utfall”, ”Budget”, ”Avvikelse”) på raden ovanför siffrorna.`
            : `Ingen budgettabell hittades på bladet ”${grid.sheet}”: bladet innehåller text men inga siffror under en rubrikrad.`,
      ),
    );
  }
  for (const t of reading.tables) {
    append(out, missingColumnFindings(t));
    append(out, textNumberFindings(t));
    append(out, labelFindings(t));
    append(out, contradictionFindings(t));
  }
  append(out, notAmountFindings(reading));
  append(out, errorFindings(grid, options.causes ?? new Map(), reading.formulaLanguage));
  append(out, (options.circular ?? circularFindings(grid, reading.formulaLanguage)).findings);
  return out;
}
