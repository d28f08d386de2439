import { cellAt, columnLetter, gridBounds, rangeA1, type Grid } from '../grid';
import { numericValue } from '../numbers';
import type { Settings, TableColumn, TableModel, TableRow } from '../schemas';
import { DEFAULT_SETTINGS } from '../schemas';
import { compact, labelKey } from '../text';
import { roleOverrideFor, signOverrideFor } from '../settings';
import { isValueKind, isYearValue, viewRows, type RowView } from './cells';
import { classifyHeader, headerScore, isSubHeaderWord, type HeaderInfo } from './headers';
import { assignRoles, type RoleInput } from './roles';
import { classifyRows, isRevenueLabel, rowUnit } from './rows';
import { detectSignConvention, detectUnit } from './units';
import { detectPeriod } from './period';
import { reconcileRoles } from './reconcile';
import { promoteNumericSums } from './numericSums';

const MAX_HEADER_ROWS = 3;
const CODE_LIKE = /^(\d{2,6}(\s*[-–]\s*\d{2,6})?|\d+x+|[a-z]?\d{2,6}[a-z]?)$/i;

/** Texts of a row as header cells; whole years stored as numbers count as header text. */
function headerTexts(row: RowView, grid: Grid): string[] {
  return row.texts.map((t, c) => {
    const k = row.kinds[c];
    if (k === 'text') return t;
    if ((k === 'num' || k === 'textnum') && isYearCell(grid, row.index, c)) return t;
    return '';
  });
}

function isYearCell(grid: Grid, row: number, col: number): boolean {
  const v = cellAt(grid, row, col).v;
  return isYearValue(typeof v === 'string' && /^\s*(19|20)\d{2}\s*$/.test(v) ? Number(v) : v);
}

/** Value cells of a row, ignoring whole years (they are header cells in "2019 | 2020 | ..."). */
function valueCount(row: RowView, grid: Grid, fromCol = 0): number {
  let n = 0;
  for (let c = fromCol; c < row.kinds.length; c++) {
    const k = row.kinds[c]!;
    if (!isValueKind(k)) continue;
    if ((k === 'num' || k === 'textnum') && isYearCell(grid, row.index, c)) continue;
    n++;
  }
  return n;
}

function textCount(row: RowView): number {
  return row.kinds.filter((k) => k === 'text').length;
}

function firstNonEmpty(row: RowView): number {
  return row.kinds.findIndex((k) => k !== 'empty');
}

function isHeaderCandidate(rows: RowView[], i: number, grid: Grid): boolean {
  const row = rows[i]!;
  if (row.blank || valueCount(row, grid) > 0) return false;
  const texts = headerTexts(row, grid);
  const nonEmpty = texts.filter((t) => t !== '').length;
  if (nonEmpty < 2) return false;
  const score = headerScore(texts);
  const next = rows.slice(i + 1, i + 1 + MAX_HEADER_ROWS + 2).find((r) => !r.blank);
  const nextHasValues = next !== undefined && valueCount(next, grid) > 0;
  if (score >= 2) return true;
  if (score >= 1 && nonEmpty >= 2 && nextHasValues) return true;
  // A row of sub-headers only ("Intäkter | Kostnader | Netto") under no measure is not enough on its own.
  return false;
}

/** A row between the header and the first figures that still belongs to the header (sub-headers). */
function isSubHeaderRow(row: RowView, grid: Grid, labelCol: number): boolean {
  if (row.blank || valueCount(row, grid) > 0) return false;
  const texts = headerTexts(row, grid);
  const right = texts.filter((t, c) => c > labelCol && t !== '');
  if (right.length === 0) return false;
  return right.every(
    (t) => isSubHeaderWord(t) || classifyHeader(t).measure !== undefined || /^(19|20)\d{2}/.test(t),
  );
}

/** The label column: the column with the most non-code text among the data rows. */
function findLabelColumn(
  rows: RowView[],
  width: number,
  headerLeft: number,
): { label: number; code?: number } {
  const counts = new Array<number>(width).fill(0);
  const codes = new Array<number>(width).fill(0);
  for (const r of rows) {
    for (let c = 0; c < width; c++) {
      const k = r.kinds[c];
      const t = r.texts[c] ?? '';
      if (k === 'text' && !CODE_LIKE.test(t)) counts[c]! += 1;
      else if ((k === 'text' && CODE_LIKE.test(t)) || k === 'num') codes[c]! += 1;
    }
  }
  let label = headerLeft;
  let best = -1;
  for (let c = 0; c < width; c++) {
    if (counts[c]! > best) {
      best = counts[c]!;
      label = c;
    }
  }
  if (best <= 0) label = headerLeft;
  let code: number | undefined;
  for (let c = label - 1; c >= 0; c--) {
    if (codes[c]! > 0 && codes[c]! >= counts[c]!) {
      code = c;
      break;
    }
  }
  return code === undefined ? { label } : { label, code };
}

/** Joins a header block into one text per column; upper cells span rightwards like merged cells. */
function joinHeaders(block: RowView[], grid: Grid, labelCol: number, right: number): string[] {
  const out: string[] = [];
  for (let c = 0; c <= right; c++) out.push('');
  block.forEach((row, bi) => {
    const texts = headerTexts(row, grid);
    const isLast = bi === block.length - 1;
    let carry = '';
    for (let c = labelCol + 1; c <= right; c++) {
      const t = texts[c] ?? '';
      let piece = t;
      if (!isLast) {
        if (t !== '') carry = t;
        else piece = carry;
      }
      if (piece !== '' && !out[c]!.split(' / ').includes(piece))
        out[c] = out[c] ? `${out[c]} / ${piece}` : piece;
    }
    if (texts[labelCol])
      out[labelCol] = out[labelCol] ? `${out[labelCol]} ${texts[labelCol]}` : texts[labelCol]!;
  });
  return out;
}

function isTitleLike(row: RowView): boolean {
  return !row.blank && textCount(row) === 1 && row.kinds.filter((k) => k !== 'empty').length === 1;
}

interface Span {
  headerTop: number;
  headerRows: number[];
  firstData: number;
  lastData: number;
  labelCol: number;
  codeCol?: number;
  right: number;
}

function findSpan(rows: RowView[], start: number, grid: Grid, width: number): Span | undefined {
  const h = start;
  const headerLeft = Math.max(0, firstNonEmpty(rows[h]!));
  // Provisional data rows for the label column: up to 60 rows after the header.
  const provisional = rows.slice(h + 1, h + 61).filter((r) => !r.blank);
  const { label: labelCol, code: codeCol } = findLabelColumn(provisional, width, headerLeft);

  const headerRows = [h];
  // Upper header rows: text over the amount columns, no figures.
  for (let u = h - 1; u >= 0 && headerRows.length < MAX_HEADER_ROWS; u--) {
    const row = rows[u]!;
    if (row.blank || valueCount(row, grid) > 0) break;
    const texts = headerTexts(row, grid);
    if (!texts.some((t, c) => c > labelCol && t !== '')) break;
    headerRows.unshift(u);
  }
  let i = h + 1;
  while (i < rows.length && headerRows.length < MAX_HEADER_ROWS && isSubHeaderRow(rows[i]!, grid, labelCol)) {
    headerRows.push(i);
    i++;
  }

  let firstData = -1;
  let lastData = -1;
  let blanks = 0;
  for (; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.blank) {
      blanks++;
      if (blanks >= 2) break;
      continue;
    }
    if (isHeaderCandidate(rows, i, grid)) break;
    if (blanks > 0 && firstData >= 0) {
      // After a blank row, a lone title followed by a header starts another table.
      if (isTitleLike(row)) {
        const after = rows
          .slice(i + 1, i + 4)
          .findIndex((r, k) => !r.blank && isHeaderCandidate(rows, i + 1 + k, grid));
        if (after >= 0) break;
      }
    }
    blanks = 0;
    if (firstData < 0) firstData = i;
    lastData = i;
  }
  if (firstData < 0) return undefined;
  const dataRows = rows.slice(firstData, lastData + 1);
  if (!dataRows.some((r) => valueCount(r, grid, labelCol + 1) > 0)) return undefined;

  let right = labelCol;
  for (const r of [...headerRows.map((x) => rows[x]!), ...dataRows])
    for (let c = labelCol + 1; c < width; c++) if (r.kinds[c] !== 'empty') right = Math.max(right, c);
  const span: Span = { headerTop: headerRows[0]!, headerRows, firstData, lastData, labelCol, right };
  if (codeCol !== undefined) span.codeCol = codeCol;
  return span;
}

/** Texts above the header (title, unit, "Rapportperiod: ..."), nearest last. */
function contextAbove(rows: RowView[], headerTop: number, floor: number): string[] {
  const out: string[] = [];
  for (let r = headerTop - 1; r >= floor && r >= headerTop - 5; r--) {
    const texts = rows[r]!.texts.filter((t) => t !== '');
    if (texts.length) out.unshift(texts.join(' '));
  }
  return out;
}

function columnValues(
  grid: Grid,
  col: number,
  rowIdx: number[],
): { values: number[]; years: boolean; percent: boolean } {
  const values: number[] = [];
  let years = true;
  let percent = true;
  let seen = 0;
  for (const r of rowIdx) {
    const cell = cellAt(grid, r, col);
    const n = numericValue(cell.v);
    if (n === undefined) continue;
    seen++;
    values.push(n);
    if (!isYearValue(cell.v)) years = false;
    const pct = (cell.fmt ?? '').includes('%') || (typeof cell.v === 'string' && cell.v.trim().endsWith('%'));
    if (!pct) percent = false;
  }
  return { values, years: seen > 0 && years, percent: seen > 0 && percent };
}

/** Finds every table on a sheet (DOMAIN.md §3, §6). */
export function detectTables(grid: Grid, settings: Settings = DEFAULT_SETTINGS): TableModel[] {
  const width = (gridBounds(grid)?.right ?? -1) + 1;
  const rows = viewRows(grid, width);
  const tables: TableModel[] = [];
  let floor = 0;
  const labelHeaders = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) {
    if (i < floor || !isHeaderCandidate(rows, i, grid)) continue;
    const span = findSpan(rows, i, grid, width);
    if (!span) continue;
    const labelHeader = labelKey(
      joinHeaders(
        span.headerRows.map((r) => rows[r]!),
        grid,
        span.labelCol,
        span.labelCol,
      )[span.labelCol] ?? '',
    );
    const ordinal = labelHeaders.get(labelHeader) ?? 0;
    labelHeaders.set(labelHeader, ordinal + 1);
    tables.push(
      promoteNumericSums(
        grid,
        reconcileRoles(
          grid,
          buildTable(grid, rows, span, settings, contextAbove(rows, span.headerTop, floor), ordinal),
        ),
      ),
    );
    floor = span.lastData + 1;
    i = span.lastData;
  }
  return tables;
}

/** A table's key: its label header as a key, with the ordinal of tables before it that share it. */
function tableKeyOf(labelHeader: string, ordinal: number): string {
  return `${labelKey(labelHeader) || 'tabell'}#${ordinal}`;
}

/** Keys for headers: the header as a key, "#2", "#3" … for repeats ("Utfall | Utfall | Utfall"). */
function keysOf(headers: string[]): string[] {
  const seen = new Map<string, number>();
  return headers.map((h) => {
    const base = labelKey(h) || 'kolumn';
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}#${n}`;
  });
}

function buildTable(
  grid: Grid,
  rows: RowView[],
  span: Span,
  settings: Settings,
  above: string[],
  ordinal: number,
): TableModel {
  const block = span.headerRows.map((r) => rows[r]!);
  const headers = joinHeaders(block, grid, span.labelCol, span.right);
  const dataIdx: number[] = [];
  for (let r = span.firstData; r <= span.lastData; r++) dataIdx.push(r);

  const valueCols: number[] = [];
  for (let c = span.labelCol + 1; c <= span.right; c++) if (c !== span.codeCol) valueCols.push(c);

  // Row kinds first: data checks on columns use only figure rows.
  const shapes = dataIdx.map((r) => {
    const row = rows[r]!;
    let label = row.texts[span.labelCol] ?? '';
    if (row.kinds[span.labelCol] !== 'text') label = row.kinds[span.labelCol] === 'empty' ? '' : label;
    if (label === '') {
      // Two label columns (Område | Nyckeltal): fall back to any text left of the figures.
      for (let c = 0; c < span.labelCol; c++)
        if (c !== span.codeCol && row.kinds[c] === 'text') label = row.texts[c]!;
    }
    const hasValues = valueCols.some((c) => isValueKind(row.kinds[c]!));
    return { label, hasValues, blank: row.blank };
  });
  const kinds = classifyRows(shapes);
  const figureRows = dataIdx.filter(
    (_, k) => kinds[k] !== 'blank' && kinds[k] !== 'footnote' && kinds[k] !== 'group_header',
  );

  const infos: HeaderInfo[] = valueCols.map((c) => classifyHeader(headers[c] ?? ''));
  const roleInputs: RoleInput[] = valueCols.map((c, k) => {
    const cv = columnValues(grid, c, figureRows);
    return { index: c, info: infos[k]!, values: cv.values, allYears: cv.years, allPercent: cv.percent };
  });
  const roles = assignRoles(roleInputs);
  const tableKey = tableKeyOf(headers[span.labelCol] ?? '', ordinal);
  const columnKeys = keysOf(valueCols.map((c) => headers[c] ?? ''));
  const columns: TableColumn[] = valueCols.map((c, k) => {
    const r = roles[k]!;
    const letter = columnLetter(c);
    const key = columnKeys[k]!;
    const override = roleOverrideFor(settings, { sheet: grid.sheet, table: tableKey, column: key, letter });
    const col: TableColumn = {
      index: c,
      column: letter,
      header: headers[c] ?? '',
      role: override ?? r.role,
      roleSource: override ? 'user' : 'header',
      key,
    };
    if (r.measure) col.measure = r.measure;
    if (infos[k]!.part) col.part = infos[k]!.part;
    if (r.nonAmount) col.nonAmount = true;
    return col;
  });

  const tableRows: TableRow[] = dataIdx.map((r, k) => {
    const label = shapes[k]!.label;
    const row: TableRow = { index: r, row: r + 1, label, kind: kinds[k]! };
    const unit = rowUnit(label);
    if (unit) row.unit = unit;
    if (isRevenueLabel(label)) row.revenue = true;
    return row;
  });

  const labelHeader = headers[span.labelCol] ?? '';
  // A table titled as revenues ("Intäkter av riktade statsbidrag") has revenue rows throughout.
  const context = compact([...above, labelHeader].join(' '));
  if (/intakt|statsbidrag/.test(context) && !/kostnad|resultat/.test(context))
    for (const r of tableRows)
      if (r.kind === 'item' || r.kind === 'total' || r.kind === 'subtotal') r.revenue = true;
  const title = above.find((t) => compact(t).length > 3 && !/^(tkr|mnkr|mkr|kr)$/i.test(t.trim()));
  const unit = detectUnit({
    above,
    labelHeader,
    headers: columns.map((c) => c.header),
    rows: tableRows,
    grid,
    columns,
  });
  const table: TableModel = {
    sheet: grid.sheet,
    key: tableKey,
    range: rangeA1(
      span.headerTop,
      Math.min(span.labelCol, span.codeCol ?? span.labelCol),
      span.lastData,
      span.right,
    ),
    top: span.headerTop,
    left: Math.min(span.labelCol, span.codeCol ?? span.labelCol),
    bottom: span.lastData,
    right: span.right,
    headerRows: span.headerRows.map((r) => r + 1),
    labelColumn: span.labelCol,
    unit,
    signConvention: 'unknown',
    columns,
    rows: tableRows,
  };
  if (span.codeCol !== undefined) table.codeColumn = span.codeCol;
  if (title) table.title = title;
  const period = detectPeriod([grid.sheet, ...above, ...columns.map((c) => c.header)], columns, settings);
  if (period) table.period = period;
  const override = signOverrideFor(settings, grid.sheet, tableKey);
  table.signConvention = override ?? detectSignConvention(grid, table, [...above, labelHeader]);
  if (table.signConvention === 'costs_positive') keepPositiveRevenues(grid, table);
  return table;
}

/**
 * In a costs-positive table a revenue row shown positive has the deviation
 * utfall − budget (DOMAIN.md §5). A revenue shown negative (a net-cost view,
 * "Bidrag från staten −4 000") follows the costs: budget − utfall.
 */
function keepPositiveRevenues(grid: Grid, table: TableModel): void {
  const amountCols = table.columns.filter(
    (c) => !c.nonAmount && (c.role === 'outcome' || c.role.startsWith('budget')),
  );
  for (const row of table.rows) {
    if (!row.revenue) continue;
    let neg = 0;
    let pos = 0;
    for (const c of amountCols) {
      const n = numericValue(cellAt(grid, row.index, c.index).v);
      if (n === undefined || n === 0) continue;
      if (n < 0) neg++;
      else pos++;
    }
    if (neg > pos) delete row.revenue;
  }
}
