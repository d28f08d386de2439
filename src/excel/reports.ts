/**
 * Report tabs through Office.js: reads the workbook for the report commands
 * (every visible sheet with its generated-sheet mark), applies their sheet
 * plans (src/core/report/sheetPlan.ts) as new worksheets with formats,
 * widths, frozen rows, print setup, a chart bound to cells and the mark, and
 * takes them back for "Ångra senaste".
 *
 * A sheet Budgetkoll generated before is not overwritten: it is renamed to a
 * very hidden backup (Excel moves every reference to it along), the new sheet
 * takes its name and tab position, and Ångra deletes the new sheet and gives
 * the backup its name, visibility and position back, so the old sheet returns
 * exactly as it was, chart, formats and the references to it included. The
 * whole command is one journal entry (command 'createReport', `sheets`).
 *
 * Syncs: one read (sheet list, store, the sheets to replace and their marks),
 * then the writes with the journal packed into requests within the payload
 * budget (one for an ordinary report). APIs used: worksheets.add, name,
 * position, visibility (1.1), Range formulas/numberFormat/format (1.1),
 * merge and rowHeight (1.2), names.add (1.4), freezePanes and chart series
 * ranges (1.7), axis and label number formats (1.8), indentLevel and
 * pageLayout (1.9): all within the manifest's ExcelApi 1.9 minimum.
 */
import { a1, append, GridBuilder, rangeA1, type Grid } from '../core/grid';
import type { JournalEntry, SheetUndo } from '../core/plan';
import {
  GENERATED_MARK_NAME,
  charsToPoints,
  decodeMark,
  markFormula,
  sheetFingerprint,
  type BlockFormat,
  type CellBlock,
  type ChartSpec,
  type SheetPlan,
  type WorkbookSheet,
} from '../core/report';
import { formulaOf } from './cellData';
import { GatewayError } from './errors';
import { COMMAND_OVERHEAD, ChunkFailure, jsonBytes, packOps, syncGroups, type QueuedOp } from './payload';
import { readWorkbook, type ReadOptions } from './readSheet';
import { CHUNK_CELLS, bands } from './regions';
import { runExcel } from './runtime';
import {
  appendChange,
  assertWritable,
  queueAbandon,
  runWithStore,
  storeChangeOps,
  type StoreState,
} from './store';

/** Very hidden copies of replaced report sheets: "Budgetkoll_ångra_<entry id>_<n>". */
export const BACKUP_PREFIX = 'Budgetkoll_ångra_';
/** Characters of the journal entry's id a backup's name carries. */
const BACKUP_ID_CHARS = 8;

export function backupName(entryId: string, index: number): string {
  return `${BACKUP_PREFIX}${entryId.replace(/[^0-9A-Za-z]/g, '').slice(0, BACKUP_ID_CHARS)}_${index + 1}`;
}

/** The id part of a backup sheet's name, or undefined for any other sheet. */
export function backupId(sheetName: string): string | undefined {
  if (!sheetName.startsWith(BACKUP_PREFIX)) return undefined;
  const rest = sheetName.slice(BACKUP_PREFIX.length);
  const cut = rest.lastIndexOf('_');
  return cut > 0 ? rest.slice(0, cut) : undefined;
}

const UNCHANGED = 'Inget har ändrats.';

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The used range's place, queued into the caller's sync; `contentOf` then reads it in bands. */
function queueUsed(ws: Excel.Worksheet): Excel.Range {
  const used = ws.getUsedRangeOrNullObject(true);
  used.load('rowIndex,columnIndex,rowCount,columnCount');
  return used;
}

/**
 * A sheet's contents (formulas and constants) as a grid, for its
 * fingerprint: read through `values` and `formulas` in bands of at most
 * CHUNK_CELLS cells a sync, so a large mapping sheet stays within Excel on
 * the web's payload limit.
 */
async function contentOf(
  context: Excel.RequestContext,
  ws: Excel.Worksheet,
  name: string,
  used: Excel.Range,
): Promise<Grid> {
  const b = new GridBuilder(name);
  if (used.isNullObject) return b.build();
  const rect = {
    top: used.rowIndex,
    left: used.columnIndex,
    bottom: used.rowIndex + used.rowCount - 1,
    right: used.columnIndex + used.columnCount - 1,
  };
  for (const band of bands(rect, CHUNK_CELLS)) {
    const range = ws.getRange(rangeA1(band.top, band.left, band.bottom, band.right));
    range.load('values,formulas');
    await context.sync();
    range.values.forEach((line, r) =>
      line.forEach((value, c) => {
        const formula = formulaOf(range.formulas[r]?.[c], value);
        if (formula === undefined && (value === '' || value === null)) return;
        b.set(
          band.top + r,
          band.left + c,
          formula !== undefined ? { v: null, f: formula } : { v: value as never },
        );
      }),
    );
  }
  return b.build();
}

/**
 * Every visible sheet as the report commands see the workbook: its cells and
 * the value of its generated-sheet mark. Very hidden sheets (the store, the
 * backups of replaced reports) are left out.
 */
export async function readReportWorkbook(options: ReadOptions = {}): Promise<{
  sheets: WorkbookSheet[];
  activeSheet: string;
  store: Awaited<ReturnType<typeof readWorkbook>>['store'];
}> {
  const read = await readWorkbook(options);
  const marks = await runExcel(async (context) => {
    const items = read.sheetNames.map((n) => {
      const item = context.workbook.worksheets.getItem(n).names.getItemOrNullObject(GENERATED_MARK_NAME);
      item.load('value');
      return item;
    });
    await context.sync();
    return items.map((item) => (item.isNullObject ? undefined : String(item.value)));
  });
  return {
    sheets: read.grids.map((grid, i) => ({
      name: read.sheetNames[i]!,
      grid,
      ...(marks[i] !== undefined ? { mark: marks[i] } : {}),
    })),
    activeSheet: read.activeSheet,
    store: read.store,
  };
}

export interface ApplyReportOptions {
  /** Swedish one-line description for "Ångra senaste" ("Skapa verksamhetsrapport"). */
  description: string;
  /** The user agreed to replace generated sheets they edited since (the pane asked first). */
  replaceEdited?: boolean;
  /** Estimated bytes per sync; tests pass less to exercise several syncs. */
  budget?: number;
}

export interface ApplyReportResult {
  /** The sheets written, in plan order. */
  sheets: string[];
  journalId: string;
}

/** A report's target was edited by the user since Budgetkoll generated it: the pane asks, then calls again. */
export function editedReportError(sheets: readonly string[]): GatewayError {
  const list = sheets.map((s) => `”${s}”`).join(', ');
  return new GatewayError(
    'REPORT_EDITED',
    `${sheets.length === 1 ? 'Bladet' : 'Bladen'} ${list} har ändrats sedan Budgetkoll skapade ${sheets.length === 1 ? 'det' : 'dem'}. ` +
      `Välj Ersätt för att skapa en ny version (den gamla går att få tillbaka med Ångra senaste), eller byt namn på bladet för att behålla det. ${UNCHANGED}`,
  );
}

function newId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  return c?.randomUUID
    ? c.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * What Excel would coerce when written through `formulas`: formulas and
 * Excel's prefix characters, numbers, dates, times, percentages and logical
 * values. Such text is written with Excel's apostrophe so it stays text.
 */
function needsTextPrefix(text: string): boolean {
  const c = text.charCodeAt(0);
  // = + - @ and apostrophe
  if (c === 61 || c === 43 || c === 45 || c === 64 || c === 39) return true;
  const t = text.trim();
  if (t === '') return false;
  if (/^(true|false|sant|falskt)$/i.test(t)) return true;
  return /^[\d\s.,:/%()−\u00a0\u202f$€£kr-]+$/.test(t) && /\d/.test(t);
}

function cellInput(cell: { formula?: string; value?: number | string }): unknown {
  if (cell.formula !== undefined) return cell.formula;
  if (typeof cell.value === 'number') return cell.value;
  const text = cell.value ?? '';
  return needsTextPrefix(text) ? `'${text}` : text;
}

function blockA1(b: CellBlock): string {
  return b.top === b.bottom && b.left === b.right
    ? a1(b.top, b.left)
    : rangeA1(b.top, b.left, b.bottom, b.right);
}

function fill<T>(b: CellBlock, value: T): T[][] {
  return Array.from({ length: b.bottom - b.top + 1 }, () => Array<T>(b.right - b.left + 1).fill(value));
}

/** The plan's cells as assignments of `formulas` to row bands within the command budget. */
function cellOps(ws: () => Excel.Worksheet, plan: SheetPlan, budget: number): QueuedOp[] {
  if (plan.cells.length === 0) return [];
  let left = Infinity;
  let right = -1;
  const rows = new Map<number, SheetPlan['cells']>();
  for (const c of plan.cells) {
    if (c.col < left) left = c.col;
    if (c.col > right) right = c.col;
    const list = rows.get(c.row);
    if (list) list.push(c);
    else rows.set(c.row, [c]);
  }
  const order = [...rows.keys()].sort((x, y) => x - y);
  const ops: QueuedOp[] = [];
  let band: { top: number; lines: unknown[][]; bytes: number } | undefined;
  const flush = () => {
    if (!band) return;
    const { top, lines, bytes } = band;
    ops.push({
      bytes,
      queue: () => void (ws().getRange(rangeA1(top, left, top + lines.length - 1, right)).formulas = lines),
    });
    band = undefined;
  };
  for (const row of order) {
    const line: unknown[] = Array<unknown>(right - left + 1).fill('');
    for (const c of rows.get(row)!) line[c.col - left] = cellInput(c);
    const bytes = jsonBytes(line);
    // A band is a run of consecutive rows; a gap or a full band starts a new one.
    if (band && (band.top + band.lines.length !== row || band.bytes + bytes > budget)) flush();
    if (!band) band = { top: row, lines: [], bytes: COMMAND_OVERHEAD };
    band.lines.push(line);
    band.bytes += bytes;
  }
  flush();
  return ops;
}

const H_ALIGN = { left: 'Left', center: 'Center', right: 'Right' } as const;
const V_ALIGN = { top: 'Top', center: 'Center', bottom: 'Bottom' } as const;
const WEIGHT = { thin: 'Thin', medium: 'Medium' } as const;

function formatOps(ws: () => Excel.Worksheet, formats: readonly BlockFormat[]): QueuedOp[] {
  return formats.map(({ block, format: f }) => ({
    bytes: COMMAND_OVERHEAD * 4 + (f.numberFormat ? jsonBytes(fill(block, f.numberFormat)) : 0),
    queue: () => {
      const range = ws().getRange(blockA1(block));
      if (f.numberFormat !== undefined) range.numberFormat = fill(block, f.numberFormat);
      const format = range.format;
      if (f.bold !== undefined) format.font.bold = f.bold;
      if (f.italic !== undefined) format.font.italic = f.italic;
      if (f.fontSize !== undefined) format.font.size = f.fontSize;
      if (f.fontColor !== undefined) format.font.color = f.fontColor;
      if (f.fill !== undefined) format.fill.color = f.fill;
      for (const [edge, weight] of [
        ['EdgeTop', f.borderTop],
        ['EdgeBottom', f.borderBottom],
      ] as const) {
        if (!weight) continue;
        const border = format.borders.getItem(edge);
        border.style = 'Continuous';
        border.weight = WEIGHT[weight];
      }
      if (f.horizontalAlignment) format.horizontalAlignment = H_ALIGN[f.horizontalAlignment];
      if (f.verticalAlignment) format.verticalAlignment = V_ALIGN[f.verticalAlignment];
      if (f.wrapText !== undefined) format.wrapText = f.wrapText;
      if (f.indent !== undefined) format.indentLevel = f.indent;
    },
  }));
}

function chartOp(ws: () => Excel.Worksheet, spec: ChartSpec): QueuedOp {
  return {
    bytes: COMMAND_OVERHEAD * 14 + jsonBytes(spec.title),
    queue: () => {
      const sheet = ws();
      const values = sheet.getRange(blockA1(spec.values));
      const chart = sheet.charts.add('BarClustered', values, 'Columns');
      const series = chart.series.getItemAt(0);
      series.setValues(values);
      series.setXAxisValues(sheet.getRange(blockA1(spec.categories)));
      series.name = spec.seriesName;
      chart.title.text = spec.title;
      chart.legend.visible = false;
      chart.axes.categoryAxis.reversePlotOrder = spec.categoriesTopDown;
      // A reversed category axis would take the value axis to the top; crossing at the maximum keeps it below.
      if (spec.categoriesTopDown) chart.axes.categoryAxis.position = 'Maximum';
      chart.axes.valueAxis.numberFormat = spec.valueNumberFormat;
      chart.dataLabels.showValue = spec.dataLabels;
      if (spec.dataLabels) chart.dataLabels.numberFormat = spec.valueNumberFormat;
      chart.setPosition(
        a1(spec.anchor.from.row, spec.anchor.from.col),
        a1(spec.anchor.to.row, spec.anchor.to.col),
      );
    },
  };
}

/** Everything that makes the sheet of `plan`, on the worksheet `ws()` that an earlier op added. */
export function sheetPlanOps(ws: () => Excel.Worksheet, plan: SheetPlan, budget: number): QueuedOp[] {
  const ops: QueuedOp[] = [...cellOps(ws, plan, budget), ...formatOps(ws, plan.formats)];
  for (const m of plan.merges)
    ops.push({ bytes: COMMAND_OVERHEAD, queue: () => ws().getRange(blockA1(m)).merge(false) });
  for (const w of plan.columnWidths) {
    const col = rangeA1(0, w.col, 0, w.col).replace(/\d+/g, '');
    ops.push({
      bytes: COMMAND_OVERHEAD,
      queue: () => void (ws().getRange(`${col}:${col}`).format.columnWidth = charsToPoints(w.chars)),
    });
  }
  for (const h of plan.rowHeights)
    ops.push({
      bytes: COMMAND_OVERHEAD,
      queue: () => void (ws().getRange(`${h.row + 1}:${h.row + 1}`).format.rowHeight = h.points),
    });
  ops.push({
    bytes: COMMAND_OVERHEAD * 8,
    queue: () => {
      const sheet = ws();
      if (plan.freezeRows > 0) sheet.freezePanes.freezeRows(plan.freezeRows);
      const p = plan.print;
      const layout = sheet.pageLayout;
      layout.orientation = p.orientation === 'landscape' ? 'Landscape' : 'Portrait';
      layout.paperSize = 'A4';
      layout.zoom = { horizontalFitToPages: p.fitToPagesWide, verticalFitToPages: p.fitToPagesTall };
      if (p.centerHorizontally !== undefined) layout.centerHorizontally = p.centerHorizontally;
      if (p.titleRows) layout.setPrintTitleRows(`$${p.titleRows.first + 1}:$${p.titleRows.last + 1}`);
      layout.setPrintArea(blockA1(p.printArea));
      for (const row of p.rowBreaks ?? []) sheet.horizontalPageBreaks.add(a1(row, 0));
      sheet.names.add(GENERATED_MARK_NAME, markFormula(plan.mark));
    },
  });
  for (const chart of plan.charts) ops.push(chartOp(ws, chart));
  return ops;
}

interface Placement {
  plan: SheetPlan;
  undo: SheetUndo;
}

/**
 * Applies report sheet plans in order, with one journal entry. Refuses,
 * before changing anything, when the workbook's structure or the store is
 * protected, when a sheet to be added appeared meanwhile, when a sheet to be
 * replaced is gone or is not Budgetkoll's, and when one was edited since it
 * was generated unless `replaceEdited`.
 */
export async function applyReport(
  plans: readonly SheetPlan[],
  options: ApplyReportOptions,
): Promise<ApplyReportResult> {
  if (plans.length === 0)
    throw new GatewayError('INVALID_PLAN', `Rapporten har inga blad att skapa. ${UNCHANGED}`);
  const budget = options.budget ?? 256 * 1024;
  return runWithStore(
    async (context, store) => {
      const collection = context.workbook.worksheets;
      collection.load('items/name,items/visibility,items/position');
      const structure = context.workbook.protection;
      structure.load('protected');
      const active = collection.getActiveWorksheet();
      active.load('name');
      const replaced = plans.map((p) => {
        if (p.target.action !== 'replace') return undefined;
        const ws = collection.getItemOrNullObject(p.target.name);
        const mark = ws.names.getItemOrNullObject(GENERATED_MARK_NAME);
        mark.load('value');
        return { ws, mark, used: queueUsed(ws) };
      });
      try {
        await context.sync();
      } catch (e) {
        // A sheet named for replacement went away: getItemOrNullObject chains fail then.
        throw new GatewayError(
          'SHEET_CHANGED',
          `Arbetsboken ändrades medan rapporten förbereddes. ${UNCHANGED} Försök igen.`,
          { cause: e },
        );
      }
      const state = await store.load();
      assertWritable(state);
      if (structure.protected)
        throw new GatewayError(
          'WORKBOOK_PROTECTED',
          `Arbetsbokens struktur är skyddad (Granska → Skydda arbetsbok), så Budgetkoll kan inte lägga till rapportbladen. Ta bort skyddet och försök igen. ${UNCHANGED}`,
        );
      const items = collection.items;
      const id = newId();
      const edited: string[] = [];
      const placements: Placement[] = [];
      for (const [i, plan] of plans.entries()) placements.push(await place(plan, i));
      async function place(plan: SheetPlan, i: number): Promise<Placement> {
        const name = plan.target.name;
        const existing = items.find((s) => sameName(s.name, name));
        if (plan.target.action === 'add') {
          if (existing)
            throw new GatewayError(
              'SHEET_CHANGED',
              `Ett blad med namnet ”${name}” har tillkommit medan rapporten förbereddes. ${UNCHANGED} Försök igen.`,
            );
          return { plan, undo: { created: name, fingerprint: plan.mark.fingerprint } };
        }
        const r = replaced[i]!;
        const mark = r.mark.isNullObject ? undefined : decodeMark(String(r.mark.value));
        if (!existing || !mark || mark.kind !== plan.kind)
          throw new GatewayError(
            'SHEET_CHANGED',
            `Bladet ”${name}” som rapporten skulle ersätta finns inte längre eller är inte skapat av Budgetkoll. ${UNCHANGED} Försök igen.`,
          );
        // The core judged the sheet when it read it; a report sheet changed since is caught here. The
        // mapping sheet is never "edited": the core reads the user's mapping back into the new one.
        const changedSince =
          plan.kind !== 'rapportrader' &&
          sheetFingerprint(await contentOf(context, r.ws, name, r.used)) !== mark.fingerprint;
        if (plan.target.edited || changedSince) edited.push(existing.name);
        return {
          plan,
          undo: {
            created: existing.name,
            fingerprint: plan.mark.fingerprint,
            replaced: {
              backup: backupName(id, i),
              visibility: existing.visibility === 'Hidden' ? 'Hidden' : 'Visible',
              position: existing.position,
            },
          },
        };
      }
      if (edited.length > 0 && !options.replaceEdited) throw editedReportError(edited);

      const entry: JournalEntry = {
        id,
        command: 'createReport',
        description: options.description,
        createdAt: new Date().toISOString(),
        sheet: placements.find((p) => p.plan.activate)?.undo.created ?? placements[0]!.undo.created,
        inserts: [],
        before: [],
        sheets: placements.map((p, i) => (i === 0 ? { ...p.undo, activeBefore: active.name } : p.undo)),
      };
      const change = appendChange(state, entry);
      // Backups of entries no longer in the journal (dropped now or by an earlier command) go.
      const dropped = new Set(change.dropped.map((e) => backupId(backupName(e.id, 0))));
      const live = new Set(
        (state.header?.journal ?? [])
          .map((e) => backupId(backupName(e.id, 0)))
          .filter((k) => !dropped.has(k)),
      );
      const orphans = items.filter((s) => {
        const key = backupId(s.name);
        return key !== undefined && s.visibility === 'VeryHidden' && !live.has(key);
      });
      const ops: QueuedOp[] = [];
      for (const s of orphans)
        ops.push({ bytes: COMMAND_OVERHEAD, queue: () => collection.getItem(s.name).delete() });
      for (const { plan, undo } of placements) {
        let ws: Excel.Worksheet | undefined;
        ops.push({
          bytes: COMMAND_OVERHEAD * 4,
          queue: () => {
            if (undo.replaced) {
              const old = collection.getItem(undo.created);
              old.name = undo.replaced.backup;
              ws = collection.add(undo.created);
              ws.position = undo.replaced.position;
              old.visibility = 'VeryHidden';
            } else {
              ws = collection.add(undo.created);
            }
          },
        });
        append(
          ops,
          sheetPlanOps(() => ws!, plan, budget),
        );
        if (plan.activate) ops.push({ bytes: COMMAND_OVERHEAD, queue: () => ws!.activate() });
      }
      append(ops, storeChangeOps(context, state, change));
      try {
        await syncGroups(context, packOps(ops, budget * 4));
      } catch (e) {
        await rollback(context, placements, change, state);
        throw e instanceof ChunkFailure ? e.failure : e;
      }
      return { sheets: placements.map((p) => p.undo.created), journalId: id };
    },
    { forWrite: true },
  );
}

/**
 * After a failed write (Excel keeps what ran before the failing request):
 * deletes the sheets this command added and gives replaced sheets their
 * names back, best effort, and abandons the store's new rows.
 */
async function rollback(
  context: Excel.RequestContext,
  placements: readonly Placement[],
  change: ReturnType<typeof appendChange>,
  state: StoreState,
): Promise<void> {
  try {
    const collection = context.workbook.worksheets;
    collection.load('items/name');
    await context.sync();
    const has = (n: string) => collection.items.some((s) => sameName(s.name, n));
    for (const { undo } of [...placements].reverse()) {
      const backup = undo.replaced?.backup;
      if (backup && has(backup)) collection.getItem(backup).visibility = undo.replaced!.visibility;
      if (has(undo.created) && (!undo.replaced || (backup && has(backup))))
        collection.getItem(undo.created).delete();
      if (backup && has(backup)) {
        const old = collection.getItem(backup);
        old.name = undo.created;
        old.position = undo.replaced!.position;
      }
    }
    if (state.exists) queueAbandon(context, change);
    await context.sync();
  } catch {
    // The original failure is what the user must see.
  }
}

/**
 * Ångra for a report entry: deletes the sheets it created and restores the
 * ones it replaced. Refuses when a created sheet was edited since, or a
 * backup is gone. Returns the ops, to be synced with the store's change.
 */
export async function undoReportOps(context: Excel.RequestContext, entry: JournalEntry): Promise<QueuedOp[]> {
  const collection = context.workbook.worksheets;
  collection.load('items/name,items/visibility');
  const sheets = entry.sheets ?? [];
  const reads = sheets.map((s) => {
    const ws = collection.getItemOrNullObject(s.created);
    return { ws, used: queueUsed(ws) };
  });
  try {
    await context.sync();
  } catch (e) {
    throw new GatewayError(
      'SHEET_NOT_FOUND',
      `Ett av bladen som ”${entry.description}” skapade finns inte längre. Inget har ångrats.`,
      { cause: e },
    );
  }
  const has = (n: string) => collection.items.some((s) => sameName(s.name, n));
  const changed: string[] = [];
  for (const [i, s] of sheets.entries()) {
    const r = reads[i]!;
    if (s.replaced && !has(s.replaced.backup))
      throw new GatewayError(
        'SHEET_NOT_FOUND',
        `Det tidigare bladet ”${s.created}” som ”${entry.description}” ersatte finns inte längre kvar, så det kan inte återställas. Inget har ångrats.`,
      );
    if (
      r.ws.isNullObject ||
      sheetFingerprint(await contentOf(context, r.ws, s.created, r.used)) !== s.fingerprint
    )
      changed.push(s.created);
  }
  if (changed.length > 0)
    throw new GatewayError(
      'SHEET_CHANGED',
      `${changed.map((n) => `”${n}”`).join(', ')} har ändrats sedan ”${entry.description}”. Ångra skulle ta bort ditt eget arbete, så inget har ångrats. Ta bort bladet för hand om du vill.`,
    );
  return [
    {
      bytes: COMMAND_OVERHEAD * 4 * sheets.length,
      queue: () => {
        // Backups visible first, so deleting never leaves the workbook without a visible sheet.
        for (const s of sheets)
          if (s.replaced) collection.getItem(s.replaced.backup).visibility = s.replaced.visibility;
        for (const s of [...sheets].reverse()) collection.getItem(s.created).delete();
        const restored = sheets
          .filter((s) => s.replaced)
          .sort((x, y) => x.replaced!.position - y.replaced!.position);
        for (const s of restored) {
          const ws = collection.getItem(s.replaced!.backup);
          ws.name = s.created;
          ws.position = s.replaced!.position;
        }
        const activeBefore = sheets[0]?.activeBefore;
        if (
          activeBefore &&
          (has(activeBefore) || sheets.some((s) => s.replaced && sameName(s.created, activeBefore)))
        )
          collection.getItem(activeBefore).activate();
      },
    },
  ];
}
