/**
 * Sheet → Grid, in as few syncs as Excel on the web's 5 MB limit allows.
 *
 * Sync 1 learns the sheet's extent (the used range of values), the sheet
 * list, the active sheet and the store's header (while the store is not
 * known to be there, only whether it is: its header then comes with the
 * next sync, so a workbook without one costs no failed batch); it reads no cell data, so
 * it stays small however large the sheet is. Then the data: when the used
 * range is huge (a stray value in XFD1048576), Excel is first asked where the
 * constants and formulas are (getSpecialCellsOrNullObject, ExcelApi 1.9) and
 * only those areas are read. Reads are cut into blocks by bytes: the first
 * block is sized by an estimate per cell, every later one by what the blocks
 * before it actually weighed, and a block Excel refuses as too large is read
 * again in halves. A caller that read the sheet before can pass what that
 * read learned (`SheetRead.extent`); if the sheet still fits it, the data
 * comes in sync 1 and a normal sheet costs one sync.
 */
import type { Grid } from '../core/grid';
import { GridBuilder, append, rangeA1 } from '../core/grid';
import { STORE_SHEET, type StoredData } from '../core/store';
import { CELL_DATA_PROPS, toCell } from './cellData';
import { READ_BUDGET } from './payload';
import { AREA_QUERY_CELLS, area, bands, clusterAreas, intersect, type Rect } from './regions';
import { runExcel } from './runtime';
import { STORE_HEAD_BYTES, runWithStore } from './store';
import { parseRange } from '../core/grid';

/** What a read learned about a sheet, so the next read of it can take its data in the first sync. */
export interface ReadExtent {
  sheet: string;
  /** The used range of values when it was read. */
  rect: Rect;
  /** Response bytes per cell that reading it cost. */
  bytesPerCell: number;
}

export interface SheetRead {
  grid: Grid;
  /** Visible sheets in workbook order, without the store sheet. */
  sheetNames: string[];
  activeSheet: string;
  /** Settings and the journal's summaries (entries are read only by Ångra). */
  store: StoredData;
  /** Pass to the next readSheet of this sheet as `extent`. */
  extent?: ReadExtent;
}

export interface ReadOptions {
  /** What an earlier read of this sheet learned (SheetRead.extent). */
  extent?: ReadExtent;
  /** Response bytes per sync of cell data (tests); default READ_BUDGET. */
  budget?: number;
}

type Matrix = readonly (readonly unknown[])[];

/** What reading each grid cost per cell, so a write on it can size its checks by bytes too. */
const measured = new WeakMap<Grid, number>();

/** Response bytes per cell (values, formulas, numberFormat) the read of `grid` measured; undefined for other grids. */
export function measuredBytesPerCell(grid: Grid): number | undefined {
  return measured.get(grid);
}

/**
 * The bytes per cell a block is planned with before anything was measured:
 * numbers, short labels and their formats weigh 15–25 bytes as values,
 * formulas and numberFormat together.
 */
export const ESTIMATED_BYTES_PER_CELL = 32;
/** Sizes are planned with this margin over the estimate or the measurement. */
const MARGIN = 1.15;
const USED_PROPS = 'rowIndex,columnIndex,rowCount,columnCount';

/** Converts one block of range data into a Grid anchored at its absolute position. */
export function toGrid(
  sheet: string,
  rowIndex: number,
  columnIndex: number,
  values: Matrix,
  formulas: Matrix,
  numberFormat: Matrix,
): Grid {
  const builder = new GridBuilder(sheet);
  placeBlock(builder, rowIndex, columnIndex, values, formulas, numberFormat);
  return builder.build();
}

/** Adds a block of range data to `builder`; empty unformatted cells are not stored. */
export function placeBlock(
  builder: GridBuilder,
  rowIndex: number,
  columnIndex: number,
  values: Matrix,
  formulas: Matrix,
  numberFormat: Matrix,
): void {
  for (let r = 0; r < values.length; r++) {
    const vals = values[r]!;
    const forms = formulas[r];
    const fmts = numberFormat[r];
    for (let c = 0; c < vals.length; c++) {
      const v = vals[c];
      const f = forms?.[c];
      const fmt = fmts?.[c];
      if ((v === '' || v === null) && f === '' && (fmt === 'General' || fmt === undefined)) continue;
      builder.set(rowIndex + r, columnIndex + c, toCell(v, f, fmt));
    }
  }
}

function rectOfRange(r: {
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}): Rect {
  return {
    top: r.rowIndex,
    left: r.columnIndex,
    bottom: r.rowIndex + r.rowCount - 1,
    right: r.columnIndex + r.columnCount - 1,
  };
}

/** getUsedRangeOrNullObject(true) is a null object for a sheet without values. */
function isEmptyUsed(used: Excel.Range): boolean {
  return used.isNullObject;
}

interface Block {
  /** Index of the sheet in the read. */
  sheet: number;
  rect: Rect;
}

interface LoadedBlock {
  block: Block;
  range: Excel.Range;
}

/** The first `maxCells` cells of a rectangle (whole rows where a row fits) and the rest of it. */
function splitFirst(rect: Rect, maxCells: number): Rect[] {
  const width = rect.right - rect.left + 1;
  const rows = Math.floor(maxCells / width);
  if (rows >= rect.bottom - rect.top + 1) return [rect];
  if (rows < 1) return bands(rect, maxCells);
  return [
    { ...rect, bottom: rect.top + rows - 1 },
    { ...rect, top: rect.top + rows },
  ];
}

function responseBytes(range: Excel.Range): number {
  return (
    JSON.stringify(range.values).length +
    JSON.stringify(range.formulas).length +
    JSON.stringify(range.numberFormat).length
  );
}

function isTooLarge(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return code === 'ResponsePayloadSizeLimitExceeded' || code === 'PayloadTooLarge';
}

/**
 * Reads blocks of several sheets in syncs of at most `budget` estimated
 * response bytes, measuring as it goes. `firstBudget` is what the first sync
 * may still take (it may carry other loads).
 */
class BlockReader {
  private bytesPerCell = ESTIMATED_BYTES_PER_CELL;
  private measuredBytes = 0;
  private measuredCells = 0;

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly sheets: readonly Excel.Worksheet[],
    private readonly builders: readonly GridBuilder[],
    private readonly budget: number,
    /** Bytes per cell an earlier read of the same sheet measured. */
    known?: number,
  ) {
    if (known !== undefined && known > 0) this.bytesPerCell = Math.max(8, known);
  }

  /** Cells one sync may read now. */
  cellsPerSync(room = this.budget): number {
    return Math.max(1, Math.floor(room / (this.bytesPerCell * MARGIN)));
  }

  perCell(): number {
    return this.measuredCells > 0 ? this.measuredBytes / this.measuredCells : this.bytesPerCell;
  }

  measuredAny(): boolean {
    return this.measuredCells > 0;
  }

  private queue(block: Block): LoadedBlock {
    const { rect } = block;
    const range = this.sheets[block.sheet]!.getRange(rangeA1(rect.top, rect.left, rect.bottom, rect.right));
    range.load(CELL_DATA_PROPS);
    return { block, range };
  }

  private take(loaded: readonly LoadedBlock[]): void {
    for (const { block, range } of loaded) {
      const bytes = responseBytes(range);
      this.measuredBytes += bytes;
      this.measuredCells += area(block.rect);
      this.bytesPerCell = Math.max(8, this.measuredBytes / this.measuredCells);
      placeBlock(
        this.builders[block.sheet]!,
        block.rect.top,
        block.rect.left,
        range.values,
        range.formulas,
        range.numberFormat,
      );
    }
  }

  /** Reads every rectangle, in syncs of at most the budget; the first sync may carry `firstBudget` only. */
  async read(work: readonly Block[], firstBudget = this.budget): Promise<void> {
    let pending = [...work];
    let first = true;
    while (pending.length > 0) {
      const limit = this.cellsPerSync(first ? firstBudget : this.budget);
      first = false;
      const group: Block[] = [];
      let cells = 0;
      while (pending.length > 0) {
        const next = pending[0]!;
        const n = area(next.rect);
        if (n > limit) {
          if (cells > 0) break;
          // Take as many whole rows as fit; the rest waits for the next sync, sized by then by measurement.
          pending.splice(0, 1, ...splitFirst(next.rect, limit).map((rect) => ({ sheet: next.sheet, rect })));
          continue;
        }
        if (cells + n > limit) break;
        group.push(pending.shift()!);
        cells += n;
      }
      const loaded = group.map((b) => this.queue(b));
      try {
        await this.context.sync();
      } catch (e) {
        // Excel on the web refused the response: read the same cells again in smaller pieces.
        if (!isTooLarge(e) || cells <= 1) throw e;
        this.bytesPerCell *= 2;
        pending = group.concat(pending);
        continue;
      }
      this.take(loaded);
    }
  }

  /** Loads already queued in the first sync (the data of a sheet whose extent was known). */
  accept(loaded: readonly LoadedBlock[]): void {
    this.take(loaded);
  }

  queueFirst(block: Block): LoadedBlock {
    return this.queue(block);
  }
}

/** The blocks with `done` taken out: what is left of each, as at most four rectangles. */
function subtractBlocks(blocks: readonly Block[], done: Rect): Block[] {
  const out: Block[] = [];
  for (const b of blocks) {
    const r = b.rect;
    const i = intersect(r, done);
    if (!i) {
      out.push(b);
      continue;
    }
    const parts: Rect[] = [];
    if (r.top < i.top) parts.push({ ...r, bottom: i.top - 1 });
    if (r.bottom > i.bottom) parts.push({ ...r, top: i.bottom + 1 });
    if (r.left < i.left) parts.push({ top: i.top, bottom: i.bottom, left: r.left, right: i.left - 1 });
    if (r.right > i.right) parts.push({ top: i.top, bottom: i.bottom, left: i.right + 1, right: r.right });
    for (const rect of parts) out.push({ sheet: b.sheet, rect });
  }
  return out;
}

/** Where the data of a large used range is: the areas of constants and of formulas, clustered. */
async function dataAreas(
  context: Excel.RequestContext,
  used: readonly { sheet: number; range: Excel.Range; rect: Rect }[],
): Promise<Block[]> {
  const queries = used.map(({ sheet, range }) => {
    const constants = range.getSpecialCellsOrNullObject('Constants' as Excel.SpecialCellType);
    const formulas = range.getSpecialCellsOrNullObject('Formulas' as Excel.SpecialCellType);
    constants.load('address');
    formulas.load('address');
    return { sheet, constants, formulas };
  });
  await context.sync();
  const blocks: Block[] = [];
  for (const q of queries) {
    const rects: Rect[] = [];
    for (const areas of [q.constants, q.formulas]) {
      if (areas.isNullObject) continue;
      for (const address of splitAreas(areas.address)) {
        const r = parseRange(address);
        if (r) rects.push(r);
      }
    }
    for (const rect of clusterAreas(rects)) blocks.push({ sheet: q.sheet, rect });
  }
  return blocks;
}

/** "Blad1!A1:B2,'Min budget'!C3" → its areas, sheet prefixes kept (quoted names may hold commas). */
export function splitAreas(address: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < address.length; i++) {
    const ch = address[i]!;
    if (ch === "'") quoted = !quoted;
    if (ch === ',' && !quoted) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  if (current) out.push(current);
  return out;
}

/**
 * The blocks to read for sheets whose used ranges are known: each whole used
 * range, or, above AREA_QUERY_CELLS cells, where Excel says the data is.
 */
async function blocksFor(
  context: Excel.RequestContext,
  used: readonly { sheet: number; range: Excel.Range }[],
): Promise<Block[]> {
  const blocks: Block[] = [];
  const large: { sheet: number; range: Excel.Range; rect: Rect }[] = [];
  for (const { sheet, range } of used) {
    if (isEmptyUsed(range)) continue;
    const rect = rectOfRange(range);
    if (area(rect) > AREA_QUERY_CELLS) large.push({ sheet, range, rect });
    else blocks.push({ sheet, rect });
  }
  if (large.length > 0) append(blocks, await dataAreas(context, large));
  return blocks;
}

function visibleSheetNames(items: readonly Excel.Worksheet[]): string[] {
  return items.filter((s) => s.visibility === 'Visible' && s.name !== STORE_SHEET).map((s) => s.name);
}

/**
 * Reads the active sheet, or `sheetName`, with the sheet list and the stored
 * settings (the journal's summaries, not its entries).
 */
export async function readSheet(sheetName?: string, options: ReadOptions = {}): Promise<SheetRead> {
  const budget = options.budget ?? READ_BUDGET;
  return runWithStore(
    async (context, store) => {
      const sheets = context.workbook.worksheets;
      const active = sheets.getActiveWorksheet();
      active.load('name');
      // getItem, not getItemOrNullObject: a missing sheet fails the batch with ItemNotFound,
      // which runExcel reports as SHEET_NOT_FOUND, and nothing is chained off a null object.
      const target = sheetName === undefined ? active : sheets.getItem(sheetName);
      if (sheetName !== undefined) target.load('name');
      const used = target.getUsedRangeOrNullObject(true);
      used.load(USED_PROPS);
      sheets.load('items/name,items/visibility');
      const builder = new GridBuilder(sheetName ?? '');
      const hint = options.extent;
      const reader = new BlockReader(context, [target], [builder], budget, hint?.bytesPerCell);
      // With a known extent, the data comes in the first sync: all of it, or as many rows from its top
      // as that sync can carry.
      const first = hint
        ? splitFirst(hint.rect, reader.cellsPerSync(budget - STORE_HEAD_BYTES))[0]!
        : undefined;
      const hinted = first ? reader.queueFirst({ sheet: 0, rect: first }) : undefined;
      await context.sync();
      const headerNext = store.prepare();

      const name = target.name;
      const usedRect = isEmptyUsed(used) ? undefined : rectOfRange(used);
      // A rectangle read is what the sheet holds there, whatever its extent is now; read what it left out.
      const sameSheet = hinted && hint!.sheet.toLowerCase() === name.toLowerCase();
      if (sameSheet) reader.accept([hinted]);
      const blocks = await blocksFor(context, [{ sheet: 0, range: used }]);
      await reader.read(
        sameSheet ? subtractBlocks(blocks, first!) : blocks,
        budget - (headerNext ? STORE_HEAD_BYTES : 0),
      );
      const grid = { ...builder.build(), sheet: name };
      if (reader.measuredAny()) measured.set(grid, reader.perCell());
      return {
        grid,
        sheetNames: visibleSheetNames(sheets.items),
        activeSheet: active.name,
        store: (await store.load()).data,
        ...(usedRect ? { extent: { sheet: name, rect: usedRect, bytesPerCell: reader.perCell() } } : {}),
      };
    },
    { sheet: sheetName, unknown: 'probe' },
  );
}

/**
 * Reads several sheets for the cross-sheet checks: one sync for their used
 * ranges, then their data together in syncs within the budget.
 */
export async function readSheets(names: readonly string[], options: ReadOptions = {}): Promise<Grid[]> {
  if (names.length === 0) return [];
  const budget = options.budget ?? READ_BUDGET;
  return runExcel(async (context) => {
    const sheets = names.map((n) => context.workbook.worksheets.getItem(n));
    const used = sheets.map((s) => {
      s.load('name');
      const u = s.getUsedRangeOrNullObject(true);
      u.load(USED_PROPS);
      return u;
    });
    await context.sync();
    const builders = sheets.map((s) => new GridBuilder(s.name));
    const reader = new BlockReader(context, sheets, builders, budget);
    await reader.read(
      await blocksFor(
        context,
        used.map((range, sheet) => ({ sheet, range })),
      ),
    );
    return builders.map((b) => b.build());
  }, names.join('”, ”'));
}

export interface WorkbookRead {
  /** Every visible sheet, in workbook order. */
  grids: Grid[];
  sheetNames: string[];
  activeSheet: string;
  store: StoredData;
}

/**
 * Every visible sheet with the settings, for "Validera summor": the sheet
 * list and the store, then the used ranges, then the data (three syncs for
 * an ordinary workbook).
 */
export async function readWorkbook(options: ReadOptions = {}): Promise<WorkbookRead> {
  const budget = options.budget ?? READ_BUDGET;
  return runWithStore(
    async (context, store) => {
      const collection = context.workbook.worksheets;
      collection.load('items/name,items/visibility');
      const active = collection.getActiveWorksheet();
      active.load('name');
      await context.sync();
      store.prepare();
      const names = visibleSheetNames(collection.items);
      const sheets = names.map((n) => collection.getItem(n));
      const used = sheets.map((s) => {
        const u = s.getUsedRangeOrNullObject(true);
        u.load(USED_PROPS);
        return u;
      });
      await context.sync();
      const builders = names.map((n) => new GridBuilder(n));
      const reader = new BlockReader(context, sheets, builders, budget);
      await reader.read(
        await blocksFor(
          context,
          used.map((range, sheet) => ({ sheet, range })),
        ),
      );
      return {
        grids: builders.map((b) => b.build()),
        sheetNames: names,
        activeSheet: active.name,
        store: (await store.load()).data,
      };
    },
    { unknown: 'probe' },
  );
}
