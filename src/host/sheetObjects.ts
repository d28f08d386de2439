/**
 * The objects on a sheet that constrain inserts in real Excel, in the
 * simulated Excel API: Excel tables (worksheet.tables, range.getTables(),
 * ExcelApi 1.1/1.9), the AutoFilter (worksheet.autoFilter, ExcelApi 1.9) and
 * multi-area ranges (RangeAreas, ExcelApi 1.9) that getSpecialCells and
 * getMergedAreasOrNullObject return.
 */
import type { Rect, SheetModel, TableModel } from '../workbook/model';
import { formatAddress, parseLocalAddress, splitSheet, type RangeTarget } from './address';
import { ClientObject, queueResult, type ClientResult, type Execution, type RequestContext } from './context';
import { ErrorCodes, HostError, invalidArgument } from './errors';
import { assertUnprotected } from './protection';
import { Range } from './range';
import { sheetOf } from './workbook';

function overlaps(a: Rect, b: Rect): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

function contains(outer: Rect, inner: Rect): boolean {
  return (
    inner.top >= outer.top &&
    inner.bottom <= outer.bottom &&
    inner.left >= outer.left &&
    inner.right <= outer.right
  );
}

/** The rectangle a Range or an address names, on `sheet` unless the address says otherwise. */
function rectOf(exec: Execution, sheet: string, where: Range | string, location: string): RangeTarget {
  if (typeof where !== 'string') return where.target(exec);
  const { sheet: qualifier, local } = splitSheet(where);
  const rect = parseLocalAddress(local);
  if (!rect) throw invalidArgument(location, `Invalid address '${where}'.`);
  return { sheet: qualifier ?? sheet, ...rect };
}

// ---------------------------------------------------------------------------
// RangeAreas
// ---------------------------------------------------------------------------

export interface AreasTarget {
  sheet: string;
  rects: Rect[];
}

const AREA_PROPERTIES = [
  'address',
  'addressLocal',
  'rowIndex',
  'columnIndex',
  'rowCount',
  'columnCount',
  'cellCount',
];

/** RangeAreas.areas: the areas as Ranges ("items/address", "items/rowIndex" …). */
export class RangeCollection extends ClientObject {
  private itemList: Range[] | undefined;

  constructor(
    context: RequestContext,
    path: string,
    private readonly areasOf: (exec: Execution) => AreasTarget | null,
  ) {
    super(context, path, (exec) => areasOf(exec));
  }

  protected scalarProperties(): readonly string[] {
    return [];
  }

  protected readProperty(): unknown {
    return undefined;
  }

  override load(arg?: Parameters<ClientObject['load']>[0]): this {
    const requested = typeof arg === 'string' || Array.isArray(arg) || arg === undefined ? arg : arg.select;
    const list = requested === undefined ? [] : Array.isArray(requested) ? requested : requested.split(',');
    const props = list
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => (p.startsWith('items/') ? p.slice('items/'.length) : p))
      .filter((p) => p !== 'items');
    const wanted = props.length ? props : AREA_PROPERTIES;
    for (const p of wanted)
      if (!AREA_PROPERTIES.includes(p)) throw invalidArgument(this.path, `Unknown property '${p}'.`);
    this.context.enqueue({
      json: { path: this.path, op: 'load', props: wanted },
      write: false,
      run: (exec) => {
        const target = this.areasOf(exec);
        const rects = target?.rects ?? [];
        const rows = rects.map((r) => {
          const t = { sheet: target!.sheet, ...r };
          return Object.fromEntries(wanted.map((p) => [p, Range.readFor(exec, t, p)]));
        });
        return {
          response: rows,
          commit: () => {
            this.itemList = rects.map((r, i) => {
              const t = { sheet: target!.sheet, ...r };
              const range = new Range(this.context, `${this.path}.items[${i}]`, () => t);
              range.bindTo(t);
              range.fill(rows[i]!);
              return range;
            });
          },
        };
      },
    });
    return this;
  }

  get items(): Range[] {
    if (!this.itemList) return this.get('items');
    return this.itemList;
  }
}

/** Several rectangles of one sheet (getSpecialCells, getMergedAreasOrNullObject). */
export class RangeAreas extends ClientObject {
  readonly areas: RangeCollection;

  constructor(
    context: RequestContext,
    path: string,
    private readonly areasOf: (exec: Execution) => AreasTarget | null,
    nullable = false,
  ) {
    super(context, path, (exec) => areasOf(exec), nullable);
    this.areas = new RangeCollection(
      context,
      `${path}.areas`,
      (exec) => this.resolve(exec) as AreasTarget | null,
    );
  }

  protected scalarProperties(): readonly string[] {
    return ['address', 'addressLocal', 'areaCount', 'cellCount'];
  }

  protected override navigation(name: string): ClientObject | undefined {
    return name === 'areas' ? this.areas : undefined;
  }

  protected readProperty(_exec: Execution, target: unknown, property: string): unknown {
    const { sheet, rects } = target as AreasTarget;
    switch (property) {
      case 'address':
      case 'addressLocal':
        return rects.map((r) => formatAddress({ sheet, ...r })).join(',');
      case 'areaCount':
        return rects.length;
      case 'cellCount':
        return rects.reduce((n, r) => n + (r.bottom - r.top + 1) * (r.right - r.left + 1), 0);
    }
    throw invalidArgument(this.path, `Unknown property '${property}'.`);
  }

  get address(): string {
    return this.get('address');
  }
  get addressLocal(): string {
    return this.get('addressLocal');
  }
  get areaCount(): number {
    return this.get('areaCount');
  }
  get cellCount(): number {
    return this.get('cellCount');
  }
}

/**
 * Rectangles covering exactly the given cells: runs of adjacent columns in a
 * row, stacked while consecutive rows repeat the same run. Input sorted by
 * row, then column.
 */
export function areasOfCells(cells: readonly { row: number; col: number }[]): Rect[] {
  const done: Rect[] = [];
  // Open rectangles by "left,right", each ending at the previous row.
  let open = new Map<string, Rect>();
  let i = 0;
  while (i < cells.length) {
    const row = cells[i]!.row;
    const next = new Map<string, Rect>();
    while (i < cells.length && cells[i]!.row === row) {
      const left = cells[i]!.col;
      let right = left;
      i++;
      while (i < cells.length && cells[i]!.row === row && cells[i]!.col === right + 1) {
        right++;
        i++;
      }
      const key = `${left},${right}`;
      const prev = open.get(key);
      if (prev && prev.bottom === row - 1) {
        prev.bottom = row;
        open.delete(key);
        next.set(key, prev);
      } else next.set(key, { top: row, left, bottom: row, right });
    }
    for (const r of open.values()) done.push(r);
    open = next;
  }
  for (const r of open.values()) done.push(r);
  return done.sort((a, b) => a.top - b.top || a.left - b.left);
}

// ---------------------------------------------------------------------------
// Excel tables
// ---------------------------------------------------------------------------

function tableOf(exec: Execution, sheetName: string, name: string, location: string): TableModel {
  const table = sheetOf(exec, sheetName, location).tables?.find(
    (t) => t.name.toLowerCase() === name.toLowerCase(),
  );
  if (!table) throw new HostError(ErrorCodes.itemNotFound, undefined, location);
  return table;
}

export class Table extends ClientObject {
  constructor(
    context: RequestContext,
    path: string,
    private readonly locate: (exec: Execution) => { sheet: string; name: string } | null,
    nullable = false,
  ) {
    super(context, path, (exec) => locate(exec), nullable);
  }

  protected scalarProperties(): readonly string[] {
    return ['name', 'id'];
  }

  protected readProperty(exec: Execution, target: unknown, property: string): unknown {
    const { sheet, name } = target as { sheet: string; name: string };
    const table = tableOf(exec, sheet, name, this.path);
    if (property === 'name') return table.name;
    if (property === 'id') return `{table:${table.name}}`;
    throw invalidArgument(this.path, `Unknown property '${property}'.`);
  }

  /** @internal */
  fill(values: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(values)) this.loaded.set(k, v);
  }

  get name(): string {
    return this.get('name');
  }

  private located(exec: Execution): { sheet: string; name: string } {
    return this.require<{ sheet: string; name: string }>(exec);
  }

  getRange(): Range {
    return new Range(this.context, `${this.path}.getRange()`, (exec) => {
      const { sheet, name } = this.located(exec);
      const t = tableOf(exec, sheet, name, this.path);
      return {
        sheet: sheetOf(exec, sheet, this.path).name,
        top: t.top,
        left: t.left,
        bottom: t.bottom,
        right: t.right,
      };
    });
  }

  /** Turns the table into a plain range: the cells stay, the table object goes. */
  convertToRange(): Range {
    const range = this.getRange();
    this.queueWrite({ op: 'convertToRange' }, (exec) => {
      const { sheet, name } = this.located(exec);
      const model = sheetOf(exec, sheet, this.path);
      assertUnprotected(model, this.path);
      model.tables = (model.tables ?? []).filter((t) => t.name.toLowerCase() !== name.toLowerCase());
      exec.changed = true;
    });
    return range;
  }
}

/** worksheet.tables, and the scoped collection range.getTables() returns. */
export class TableCollection extends ClientObject {
  private itemList: Table[] | undefined;

  constructor(
    context: RequestContext,
    path: string,
    private readonly sheetName: (exec: Execution) => string,
    /** For range.getTables(): which of the sheet's tables the collection holds. */
    private readonly scope?: (exec: Execution, tables: readonly TableModel[]) => TableModel[],
  ) {
    super(context, path, (exec) => sheetName(exec));
  }

  protected scalarProperties(): readonly string[] {
    return [];
  }

  protected readProperty(): unknown {
    return undefined;
  }

  private list(exec: Execution): { sheet: SheetModel; tables: TableModel[] } {
    const sheet = sheetOf(exec, this.sheetName(exec), this.path);
    const all = sheet.tables ?? [];
    return { sheet, tables: this.scope ? this.scope(exec, all) : [...all] };
  }

  override load(arg?: Parameters<ClientObject['load']>[0]): this {
    const requested = typeof arg === 'string' || Array.isArray(arg) || arg === undefined ? arg : arg.select;
    const list = requested === undefined ? [] : Array.isArray(requested) ? requested : requested.split(',');
    const props = list
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => (p.startsWith('items/') ? p.slice('items/'.length) : p))
      .filter((p) => p !== 'items');
    const wanted = props.length ? props : ['name'];
    for (const p of wanted)
      if (p !== 'name' && p !== 'id') throw invalidArgument(this.path, `Unknown property '${p}'.`);
    this.context.enqueue({
      json: { path: this.path, op: 'load', props: wanted },
      write: false,
      run: (exec) => {
        const { sheet, tables } = this.list(exec);
        const rows = tables.map((t) =>
          Object.fromEntries(wanted.map((p) => [p, p === 'name' ? t.name : `{table:${t.name}}`])),
        );
        return {
          response: rows,
          commit: () => {
            this.itemList = tables.map((t, i) => {
              const where = { sheet: sheet.name, name: t.name };
              const table = new Table(this.context, `${this.path}.items[${i}]`, () => where);
              table.bindTo(where);
              table.fill(rows[i]!);
              return table;
            });
          },
        };
      },
    });
    return this;
  }

  get items(): Table[] {
    if (!this.itemList) return this.get('items');
    return this.itemList;
  }

  getCount(): ClientResult<number> {
    return queueResult(
      this.context,
      { path: this.path, op: 'getCount' },
      (exec) => this.list(exec).tables.length,
    );
  }

  getItem(name: string): Table {
    return new Table(this.context, `${this.path}.getItem(${name})`, (exec) => {
      const { sheet, tables } = this.list(exec);
      const t = tables.find((x) => x.name.toLowerCase() === name.toLowerCase());
      if (!t) throw new HostError(ErrorCodes.itemNotFound, undefined, `${this.path}.getItem(${name})`);
      return { sheet: sheet.name, name: t.name };
    });
  }

  getItemOrNullObject(name: string): Table {
    return new Table(
      this.context,
      `${this.path}.getItemOrNullObject(${name})`,
      (exec) => {
        const { sheet, tables } = this.list(exec);
        const t = tables.find((x) => x.name.toLowerCase() === name.toLowerCase());
        return t ? { sheet: sheet.name, name: t.name } : null;
      },
      true,
    );
  }

  /**
   * Creates a table over `address` (Insert > Table). Like Excel it refuses to
   * overlap another table or a merged area, and names it Tabell1, Tabell2 …
   * (Table1 … in en-US).
   */
  add(address: Range | string, hasHeaders: boolean): Table {
    const location = `${this.path}.add()`;
    let created: { sheet: string; name: string } | undefined;
    this.queueWrite(
      { op: 'add', address: typeof address === 'string' ? address : address.path, hasHeaders },
      (exec) => {
        const sheet = sheetOf(exec, this.sheetName(exec), location);
        assertUnprotected(sheet, location);
        const rect = rectOf(exec, sheet.name, address, location);
        if (rect.sheet.toLowerCase() !== sheet.name.toLowerCase())
          throw invalidArgument(location, 'The table must be on this sheet.');
        const clash = [...(sheet.tables ?? []), ...(sheet.merges ?? [])].some((r) => overlaps(r, rect));
        if (clash) throw new HostError(ErrorCodes.mergedRangeConflict, undefined, location);
        const prefix = exec.host.culture === 'sv-SE' ? 'Tabell' : 'Table';
        const taken = new Set(
          exec.wb.sheets.flatMap((s) => (s.tables ?? []).map((t) => t.name.toLowerCase())),
        );
        let n = 1;
        while (taken.has(`${prefix}${n}`.toLowerCase())) n++;
        const table: TableModel = {
          name: `${prefix}${n}`,
          top: rect.top,
          left: rect.left,
          bottom: rect.bottom,
          right: rect.right,
        };
        sheet.tables = [...(sheet.tables ?? []), table];
        created = { sheet: sheet.name, name: table.name };
        exec.changed = true;
        void hasHeaders;
      },
    );
    return new Table(this.context, location, () => {
      if (!created) throw new HostError(ErrorCodes.itemNotFound, undefined, location);
      return created;
    });
  }
}

/** The tables a range touches (fullyContained: only those inside it), for range.getTables(). */
export function tablesIn(
  range: Rect,
  fullyContained: boolean,
): (exec: Execution, tables: readonly TableModel[]) => TableModel[] {
  return (_exec, tables) => tables.filter((t) => (fullyContained ? contains(range, t) : overlaps(range, t)));
}

// ---------------------------------------------------------------------------
// AutoFilter
// ---------------------------------------------------------------------------

export class AutoFilter extends ClientObject {
  constructor(
    context: RequestContext,
    path: string,
    private readonly sheetName: (exec: Execution) => string,
  ) {
    super(context, `${path}.autoFilter`, (exec) => sheetName(exec));
  }

  private sheet(exec: Execution): SheetModel {
    return sheetOf(exec, this.sheetName(exec), this.path);
  }

  protected scalarProperties(): readonly string[] {
    return ['enabled', 'isDataFiltered'];
  }

  protected readProperty(exec: Execution, _target: unknown, property: string): unknown {
    const filter = this.sheet(exec).autoFilter;
    if (property === 'enabled') return filter !== undefined;
    if (property === 'isDataFiltered') return filter?.filtered === true;
    throw invalidArgument(this.path, `Unknown property '${property}'.`);
  }

  get enabled(): boolean {
    return this.get('enabled');
  }

  get isDataFiltered(): boolean {
    return this.get('isDataFiltered');
  }

  /** Turns the filter on over `range`; criteria hide rows (the host does not evaluate them, it only remembers). */
  apply(range: Range | string, columnIndex?: number, criteria?: unknown): void {
    this.queueWrite({ op: 'apply', columnIndex: columnIndex ?? null, criteria: criteria ?? null }, (exec) => {
      const sheet = this.sheet(exec);
      assertUnprotected(sheet, this.path);
      const rect = rectOf(exec, sheet.name, range, this.path);
      sheet.autoFilter = {
        top: rect.top,
        left: rect.left,
        bottom: rect.bottom,
        right: rect.right,
        filtered: criteria !== undefined && criteria !== null,
      };
      exec.changed = true;
    });
  }

  clearCriteria(): void {
    this.queueWrite({ op: 'clearCriteria' }, (exec) => {
      const filter = this.sheet(exec).autoFilter;
      if (filter) filter.filtered = false;
      exec.changed = true;
    });
  }

  remove(): void {
    this.queueWrite({ op: 'remove' }, (exec) => {
      delete this.sheet(exec).autoFilter;
      exec.changed = true;
    });
  }

  private filterRange(nullable: boolean): Range {
    return new Range(
      this.context,
      `${this.path}.getRange${nullable ? 'OrNullObject' : ''}()`,
      (exec) => {
        const sheet = this.sheet(exec);
        const f = sheet.autoFilter;
        if (!f) {
          if (nullable) return null;
          throw new HostError(ErrorCodes.itemNotFound, undefined, this.path);
        }
        return { sheet: sheet.name, top: f.top, left: f.left, bottom: f.bottom, right: f.right };
      },
      nullable,
    );
  }

  getRange(): Range {
    return this.filterRange(false);
  }

  getRangeOrNullObject(): Range {
    return this.filterRange(true);
  }
}
