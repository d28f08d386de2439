/** Workbook, the worksheet collection and worksheets of the simulated Excel API. */

import { createSheet, findSheet, usedBounds, type SheetModel, type SheetVisibility } from '../workbook/model';
import {
  formatAddress,
  parseLocalAddress,
  splitSheet,
  invalidSheetNameReason,
  type RangeTarget,
} from './address';
import { ClientObject, queueResult, type ClientResult, type Execution, type RequestContext } from './context';
import { ErrorCodes, HostError, invalidArgument } from './errors';
import { Range } from './range';
import { dropSheetReferences } from './refShift';
import { ChartCollection } from './charts';
import { NamedItemCollection, PageBreakCollection, PageLayout, WorksheetFreezePanes } from './sheetLayout';
import { dropSheetFromCharts, renameSheetReferences } from './sheetRename';
import { WorkbookProtection, WorksheetProtection, assertStructureUnprotected } from './protection';
import { AutoFilter, TableCollection } from './sheetObjects';
import { MAX_COLUMNS, MAX_ROWS } from '../workbook/recalc';

const VISIBILITIES: readonly SheetVisibility[] = ['Visible', 'Hidden', 'VeryHidden'];

export function sheetOf(exec: Execution, name: string, location: string): SheetModel {
  const sheet = findSheet(exec.wb, name);
  if (!sheet) throw new HostError(ErrorCodes.itemNotFound, undefined, location);
  return sheet;
}

/** workbook.application: calculation control. The simulated host always calculates automatically. */
export class Application extends ClientObject {
  constructor(context: RequestContext) {
    super(context, 'workbook.application', () => 'application');
  }

  protected scalarProperties(): readonly string[] {
    return ['calculationMode'];
  }

  protected readProperty(): unknown {
    return 'Automatic';
  }

  get calculationMode(): string {
    return this.get('calculationMode');
  }

  /** Full recalculation of the workbook at the next sync. */
  calculate(_calculationType?: string): void {
    this.queueWrite({ op: 'calculate' }, (exec) => {
      exec.dirty = true;
    });
  }

  /**
   * Excel defers recalculation to the end of the batch; the simulated host
   * already recalculates once per batch (and before any read), so results are
   * the same and only the request is recorded.
   */
  suspendApiCalculationUntilNextSync(): void {
    this.queueWrite({ op: 'suspendApiCalculationUntilNextSync' }, () => undefined);
  }
}

export class Workbook extends ClientObject {
  readonly worksheets: WorksheetCollection;
  readonly application: Application;
  /** Review > Protect Workbook (ExcelApi 1.7). */
  readonly protection: WorkbookProtection;

  constructor(context: RequestContext) {
    super(context, 'workbook', () => 'workbook');
    this.worksheets = new WorksheetCollection(context);
    this.application = new Application(context);
    this.protection = new WorkbookProtection(context);
  }

  protected scalarProperties(): readonly string[] {
    return ['name'];
  }

  protected readProperty(): unknown {
    return 'Budgetkoll.xlsx';
  }

  get name(): string {
    return this.get('name');
  }

  protected override navigation(name: string): ClientObject | undefined {
    if (name === 'application') return this.application;
    if (name === 'protection') return this.protection;
    return name === 'worksheets' ? this.worksheets : undefined;
  }

  /** The selection, or A1 of the active sheet when nothing was selected on it. */
  getSelectedRange(): Range {
    return new Range(this.context, 'workbook.getSelectedRange()', (exec) => {
      const sel = exec.selection;
      if (
        sel &&
        findSheet(exec.wb, sel.sheet) &&
        sel.sheet.toLowerCase() === exec.wb.activeSheet.toLowerCase()
      ) {
        const rect = parseLocalAddress(splitSheet(sel.address).local);
        if (rect) return { sheet: findSheet(exec.wb, sel.sheet)!.name, ...rect };
      }
      return { sheet: exec.wb.activeSheet, top: 0, left: 0, bottom: 0, right: 0 };
    });
  }

  getActiveCell(): Range {
    const selected = this.getSelectedRange();
    return new Range(this.context, 'workbook.getActiveCell()', (exec) => {
      const t = selected.resolve(exec) as RangeTarget;
      return { sheet: t.sheet, top: t.top, left: t.left, bottom: t.top, right: t.left };
    });
  }
}

export class WorksheetCollection extends ClientObject {
  private itemList: Worksheet[] | undefined;

  constructor(context: RequestContext) {
    super(context, 'workbook.worksheets', () => 'worksheets');
  }

  protected scalarProperties(): readonly string[] {
    return [];
  }

  protected readProperty(): unknown {
    return undefined;
  }

  /** Collections load their items: "items/name", "items", or an item property name directly. */
  override load(arg?: Parameters<ClientObject['load']>[0]): this {
    const props = new Set<string>();
    const requested = typeof arg === 'string' || Array.isArray(arg) || arg === undefined ? arg : arg.select;
    const list = requested === undefined ? [] : Array.isArray(requested) ? requested : requested.split(',');
    for (const raw of list.map((p) => p.trim()).filter(Boolean)) {
      const p = raw.startsWith('items/') ? raw.slice('items/'.length) : raw;
      if (p !== 'items') props.add(p);
    }
    const wanted = props.size ? [...props] : [...Worksheet.properties];
    for (const p of wanted) {
      if (!Worksheet.properties.includes(p)) throw invalidArgument(this.path, `Unknown property '${p}'.`);
    }
    this.context.enqueue({
      json: { path: this.path, op: 'load', props: wanted },
      write: false,
      run: (exec) => {
        const rows = exec.wb.sheets.map((s, i) => ({
          name: s.name,
          props: Worksheet.read(exec, s, i, wanted),
        }));
        return {
          response: rows.map((r) => r.props),
          commit: () => {
            this.itemList = rows.map((r) => {
              const ws = new Worksheet(this.context, `worksheets.getItem(${r.name})`, () => r.name);
              ws.bindTo(r.name);
              ws.fill(r.props);
              return ws;
            });
          },
        };
      },
    });
    return this;
  }

  get items(): Worksheet[] {
    if (!this.itemList) return this.get('items');
    return this.itemList;
  }

  getItem(name: string): Worksheet {
    return new Worksheet(
      this.context,
      `worksheets.getItem(${name})`,
      (exec) => sheetOf(exec, name, `worksheets.getItem(${name})`).name,
    );
  }

  getItemOrNullObject(name: string): Worksheet {
    return new Worksheet(
      this.context,
      `worksheets.getItemOrNullObject(${name})`,
      (exec) => findSheet(exec.wb, name)?.name ?? null,
      true,
    );
  }

  getActiveWorksheet(): Worksheet {
    return new Worksheet(this.context, 'worksheets.getActiveWorksheet()', (exec) => exec.wb.activeSheet);
  }

  getFirst(visibleOnly = false): Worksheet {
    return new Worksheet(this.context, 'worksheets.getFirst()', (exec) => {
      const s = exec.wb.sheets.find((x) => !visibleOnly || x.visibility === 'Visible');
      if (!s) throw new HostError(ErrorCodes.itemNotFound, undefined, 'worksheets.getFirst()');
      return s.name;
    });
  }

  getCount(visibleOnly = false): ClientResult<number> {
    return queueResult(
      this.context,
      { path: this.path, op: 'getCount' },
      (exec) => exec.wb.sheets.filter((s) => !visibleOnly || s.visibility === 'Visible').length,
    );
  }

  /** Adds a sheet at the end; without a name Excel picks the next free "Blad<n>" (sv-SE) / "Sheet<n>". */
  add(name?: string): Worksheet {
    const location = `worksheets.add(${name ?? ''})`;
    let created: string | undefined;
    this.context.enqueue({
      json: { path: this.path, op: 'add', name: name ?? null },
      write: true,
      run: (exec) => {
        assertStructureUnprotected(exec, location);
        let sheetName = name;
        if (sheetName === undefined) {
          const prefix = exec.host.culture === 'sv-SE' ? 'Blad' : 'Sheet';
          let n = exec.wb.sheets.length + 1;
          while (findSheet(exec.wb, `${prefix}${n}`)) n++;
          sheetName = `${prefix}${n}`;
        }
        const reason = invalidSheetNameReason(sheetName);
        if (reason) throw invalidArgument(location, reason);
        if (findSheet(exec.wb, sheetName))
          throw new HostError(ErrorCodes.itemAlreadyExists, undefined, location);
        exec.wb.sheets.push(createSheet(sheetName));
        exec.changed = true;
        created = sheetName;
      },
    });
    return new Worksheet(this.context, location, () => {
      if (created === undefined) throw new HostError(ErrorCodes.itemNotFound, undefined, location);
      return created;
    });
  }
}

export class Worksheet extends ClientObject {
  static readonly properties: readonly string[] = ['name', 'visibility', 'position', 'id'];
  private sheetObjects?: { protection: WorksheetProtection; tables: TableCollection; autoFilter: AutoFilter };

  private objects(): { protection: WorksheetProtection; tables: TableCollection; autoFilter: AutoFilter } {
    this.sheetObjects ??= {
      protection: new WorksheetProtection(this.context, this.path, (exec) => this.sheet(exec)),
      tables: new TableCollection(this.context, `${this.path}.tables`, (exec) => this.sheet(exec).name),
      autoFilter: new AutoFilter(this.context, this.path, (exec) => this.sheet(exec).name),
    };
    return this.sheetObjects;
  }

  /** Review > Protect Sheet (ExcelApi 1.2). */
  get protection(): WorksheetProtection {
    return this.objects().protection;
  }

  /** The sheet's Excel tables. */
  get tables(): TableCollection {
    return this.objects().tables;
  }

  /** Data > Filter (ExcelApi 1.9). */
  get autoFilter(): AutoFilter {
    return this.objects().autoFilter;
  }

  protected override navigation(name: string): ClientObject | undefined {
    if (name === 'protection') return this.protection;
    if (name === 'tables') return this.tables;
    if (name === 'autoFilter') return this.autoFilter;
    return undefined;
  }

  static read(
    exec: Execution,
    sheet: SheetModel,
    position: number,
    props: readonly string[],
  ): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const p of props) {
      if (p === 'name') out.name = sheet.name;
      else if (p === 'visibility') out.visibility = sheet.visibility;
      else if (p === 'position') out.position = position;
      else if (p === 'id') out.id = `{sheet:${sheet.name}}`;
    }
    void exec;
    return out;
  }

  protected scalarProperties(): readonly string[] {
    return Worksheet.properties;
  }

  protected readProperty(exec: Execution, target: unknown, property: string): unknown {
    const sheet = sheetOf(exec, target as string, this.path);
    return Worksheet.read(exec, sheet, exec.wb.sheets.indexOf(sheet), [property])[property];
  }

  /** @internal Fills loaded values (collection loads). */
  fill(values: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(values)) this.loaded.set(k, v);
  }

  private sheet(exec: Execution): SheetModel {
    return sheetOf(exec, this.require<string>(exec), this.path);
  }

  get name(): string {
    return this.get('name');
  }

  get id(): string {
    return this.get('id');
  }

  get position(): number {
    return this.get('position');
  }

  get visibility(): SheetVisibility {
    return this.get('visibility');
  }

  set visibility(value: SheetVisibility) {
    this.set('visibility', value, (exec) => {
      if (!VISIBILITIES.includes(value))
        throw invalidArgument(this.path, `Invalid visibility '${String(value)}'.`);
      const sheet = this.sheet(exec);
      if (sheet.visibility !== value) assertStructureUnprotected(exec, this.path);
      if (value !== 'Visible') {
        const othersVisible = exec.wb.sheets.some((s) => s !== sheet && s.visibility === 'Visible');
        if (!othersVisible) {
          throw new HostError(
            ErrorCodes.invalidOperation,
            'A workbook must contain at least one visible worksheet.',
            this.path,
          );
        }
        if (exec.wb.activeSheet.toLowerCase() === sheet.name.toLowerCase()) {
          exec.wb.activeSheet = nextVisible(exec, sheet).name;
        }
      }
      sheet.visibility = value;
      exec.changed = true;
    });
  }

  activate(): void {
    this.queueWrite({ op: 'activate' }, (exec) => {
      const sheet = this.sheet(exec);
      if (sheet.visibility !== 'Visible') {
        throw new HostError(
          ErrorCodes.invalidOperation,
          'A hidden worksheet cannot be activated.',
          this.path,
        );
      }
      exec.wb.activeSheet = sheet.name;
      exec.changed = true;
    });
  }

  delete(): void {
    this.queueWrite({ op: 'delete' }, (exec) => {
      assertStructureUnprotected(exec, this.path);
      const sheet = this.sheet(exec);
      if (!exec.wb.sheets.some((s) => s !== sheet && s.visibility === 'Visible')) {
        throw new HostError(
          ErrorCodes.invalidOperation,
          'A workbook must contain at least one visible worksheet.',
          this.path,
        );
      }
      if (exec.wb.activeSheet.toLowerCase() === sheet.name.toLowerCase())
        exec.wb.activeSheet = nextVisible(exec, sheet).name;
      exec.wb.sheets = exec.wb.sheets.filter((s) => s !== sheet);
      for (const s of exec.wb.sheets) {
        for (const cell of s.cells.values()) {
          if (cell.formula !== undefined) cell.formula = dropSheetReferences(cell.formula, sheet.name);
        }
      }
      dropSheetFromCharts(exec.wb, sheet.name);
      if (exec.selection?.sheet.toLowerCase() === sheet.name.toLowerCase()) exec.selection = null;
      exec.markDirty();
    });
  }

  private rangeOn(
    path: string,
    rect: (exec: Execution, sheet: SheetModel) => Omit<RangeTarget, 'sheet'> | null,
    nullable = false,
  ): Range {
    return new Range(
      this.context,
      `${this.path}.${path}`,
      (exec) => {
        const sheet = this.sheet(exec);
        const r = rect(exec, sheet);
        return r === null ? null : { sheet: sheet.name, ...r };
      },
      nullable,
    );
  }

  /** A range by address on this sheet; no address = the whole sheet. */
  getRange(address?: string): Range {
    return this.rangeOn(`getRange(${address ?? ''})`, (_exec, sheet) => {
      if (address === undefined || address === '')
        return { top: 0, left: 0, bottom: MAX_ROWS - 1, right: MAX_COLUMNS - 1 };
      const { sheet: qualifier, local } = splitSheet(address);
      if (qualifier !== undefined && qualifier.toLowerCase() !== sheet.name.toLowerCase()) {
        throw invalidArgument(this.path, `The address ${address} is not on sheet ${sheet.name}.`);
      }
      const rect = parseLocalAddress(local);
      if (!rect) throw invalidArgument(this.path, `Invalid address '${address}'.`);
      return rect;
    });
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): Range {
    return this.rangeOn(`getRangeByIndexes(${startRow},${startColumn},${rowCount},${columnCount})`, () => {
      const rect = {
        top: startRow,
        left: startColumn,
        bottom: startRow + rowCount - 1,
        right: startColumn + columnCount - 1,
      };
      const ok =
        [startRow, startColumn, rowCount, columnCount].every(Number.isInteger) &&
        rowCount > 0 &&
        columnCount > 0;
      if (!ok || rect.top < 0 || rect.left < 0 || rect.bottom >= MAX_ROWS || rect.right >= MAX_COLUMNS) {
        throw invalidArgument(this.path, 'The range indexes are outside the worksheet.');
      }
      return rect;
    });
  }

  /** Excel returns A1 for an empty sheet. */
  getUsedRange(valuesOnly = false): Range {
    return this.rangeOn(`getUsedRange(${valuesOnly})`, (exec, sheet) => {
      exec.ensureCalculated();
      return usedBounds(sheet, valuesOnly) ?? { top: 0, left: 0, bottom: 0, right: 0 };
    });
  }

  /** A null object for an empty sheet. */
  getUsedRangeOrNullObject(valuesOnly = false): Range {
    return this.rangeOn(
      `getUsedRangeOrNullObject(${valuesOnly})`,
      (exec, sheet) => {
        exec.ensureCalculated();
        return usedBounds(sheet, valuesOnly) ?? null;
      },
      true,
    );
  }

  getCell(row: number, column: number): Range {
    return this.getRangeByIndexes(row, column, 1, 1);
  }

  private layoutObjects?: {
    freezePanes: WorksheetFreezePanes;
    pageLayout: PageLayout;
    names: NamedItemCollection;
    charts: ChartCollection;
    horizontalPageBreaks: PageBreakCollection;
  };

  private layout(): NonNullable<Worksheet['layoutObjects']> {
    const sheetOf = (exec: Execution) => this.sheet(exec);
    this.layoutObjects ??= {
      freezePanes: new WorksheetFreezePanes(this.context, this.path, sheetOf),
      pageLayout: new PageLayout(this.context, this.path, sheetOf),
      names: new NamedItemCollection(this.context, this.path, sheetOf),
      charts: new ChartCollection(this.context, this.path, sheetOf),
      horizontalPageBreaks: new PageBreakCollection(this.context, this.path, sheetOf),
    };
    return this.layoutObjects;
  }

  /** View > Freeze Panes (ExcelApi 1.7). */
  get freezePanes(): WorksheetFreezePanes {
    return this.layout().freezePanes;
  }

  /** Page Layout: orientation, paper, fit to pages, print titles, print area (ExcelApi 1.9). */
  get pageLayout(): PageLayout {
    return this.layout().pageLayout;
  }

  /** Defined names scoped to the sheet (ExcelApi 1.4). */
  get names(): NamedItemCollection {
    return this.layout().names;
  }

  get charts(): ChartCollection {
    return this.layout().charts;
  }

  /** Page breaks above rows (ExcelApi 1.9). */
  get horizontalPageBreaks(): PageBreakCollection {
    return this.layout().horizontalPageBreaks;
  }

  /** Renames the sheet; formulas, names and chart series that point at it follow, as in Excel. */
  set name(value: string) {
    this.set('name', value, (exec) => {
      assertStructureUnprotected(exec, this.path);
      const sheet = this.sheet(exec);
      const reason = invalidSheetNameReason(value);
      if (reason) throw invalidArgument(this.path, reason);
      const other = findSheet(exec.wb, value);
      if (other && other !== sheet) throw new HostError(ErrorCodes.itemAlreadyExists, undefined, this.path);
      const old = sheet.name;
      if (old === value) return;
      renameSheetReferences(exec.wb, old, value);
      sheet.name = value;
      if (exec.wb.activeSheet.toLowerCase() === old.toLowerCase()) exec.wb.activeSheet = value;
      if (exec.selection?.sheet.toLowerCase() === old.toLowerCase())
        exec.selection = { ...exec.selection, sheet: value };
      exec.bindings.set(this, value);
      exec.markDirty();
    });
  }

  /** Moves the sheet to a 0-based tab position. */
  set position(value: number) {
    this.set('position', value, (exec) => {
      assertStructureUnprotected(exec, this.path);
      const sheet = this.sheet(exec);
      if (!Number.isInteger(value) || value < 0 || value >= exec.wb.sheets.length)
        throw invalidArgument(this.path, 'The position is outside the workbook.');
      const rest = exec.wb.sheets.filter((s) => s !== sheet);
      rest.splice(value, 0, sheet);
      exec.wb.sheets = rest;
      exec.changed = true;
    });
  }
}

function nextVisible(exec: Execution, leaving: SheetModel): SheetModel {
  const sheets = exec.wb.sheets;
  const at = sheets.indexOf(leaving);
  const after = sheets.slice(at + 1).find((s) => s.visibility === 'Visible');
  const before = sheets
    .slice(0, at)
    .reverse()
    .find((s) => s.visibility === 'Visible');
  const next = after ?? before;
  if (!next) throw new HostError(ErrorCodes.invalidOperation, 'No other visible worksheet.');
  return next;
}

export { formatAddress };
