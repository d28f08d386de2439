/**
 * Worksheet.freezePanes (ExcelApi 1.7), Worksheet.pageLayout (1.9) and
 * Worksheet.names (1.4) of the simulated Excel API: what a generated report
 * tab sets besides its cells. Each checks its requirement set at sync and
 * refuses what Excel refuses.
 */
import type { PageSetup, SheetModel } from '../workbook/model';
import { MAX_COLUMNS, MAX_ROWS } from '../workbook/recalc';
import { parseLocalAddress, splitSheet, type Rect } from './address';
import { ClientObject, type Execution, type RequestContext } from './context';
import { ErrorCodes, HostError, invalidArgument } from './errors';
import type { Range } from './range';
import { requireApi } from './requirements';

type SheetResolver = (exec: Execution) => SheetModel;

/** A rectangle on `sheet` from a Range proxy or an address string. */
function rectOf(exec: Execution, sheet: SheetModel, input: Range | string, location: string): Rect {
  if (typeof input !== 'string') {
    const t = input.target(exec);
    if (t.sheet.toLowerCase() !== sheet.name.toLowerCase())
      throw invalidArgument(location, 'The range is on another worksheet.');
    return t;
  }
  const { sheet: qualifier, local } = splitSheet(input);
  if (qualifier !== undefined && qualifier.toLowerCase() !== sheet.name.toLowerCase())
    throw invalidArgument(location, 'The range is on another worksheet.');
  const rect = parseLocalAddress(local);
  if (!rect) throw invalidArgument(location, `Invalid address '${input}'.`);
  return rect;
}

export class WorksheetFreezePanes extends ClientObject {
  constructor(
    context: RequestContext,
    sheetPath: string,
    private readonly sheetOf: SheetResolver,
  ) {
    super(context, `${sheetPath}.freezePanes`, (exec) => sheetOf(exec));
  }

  protected scalarProperties(): readonly string[] {
    return [];
  }

  protected readProperty(): unknown {
    return undefined;
  }

  private freeze(op: string, rows: number, columns: number): void {
    this.queueWrite({ op, rows, columns }, (exec) => {
      requireApi(exec, '1.7', this.path);
      if (
        ![rows, columns].every((n) => Number.isInteger(n) && n >= 0) ||
        rows >= MAX_ROWS ||
        columns >= MAX_COLUMNS
      )
        throw invalidArgument(this.path, 'The number of rows or columns to freeze is invalid.');
      const sheet = this.sheetOf(exec);
      if (rows === 0 && columns === 0) delete sheet.freeze;
      else sheet.freeze = { rows, columns };
      exec.changed = true;
    });
  }

  /** Freezes the top `count` rows (Excel's default is one), unfreezing any columns. */
  freezeRows(count = 1): void {
    this.freeze('freezeRows', count, 0);
  }

  freezeColumns(count = 1): void {
    this.freeze('freezeColumns', 0, count);
  }

  unfreeze(): void {
    this.freeze('unfreeze', 0, 0);
  }
}

const ORIENTATIONS = ['Portrait', 'Landscape'] as const;
const PAPER_SIZES = ['A4', 'Letter'] as const;

export interface PageLayoutZoomOptions {
  horizontalFitToPages?: number;
  verticalFitToPages?: number;
  scale?: number;
}

function defaultSetup(): PageSetup {
  return { paper: 'A4', orientation: 'portrait', fitToWidth: 0, fitToHeight: 0 };
}

/** Worksheet.pageLayout (ExcelApi 1.9): orientation, paper, scaling, centring, print titles and print area. */
export class PageLayout extends ClientObject {
  constructor(
    context: RequestContext,
    sheetPath: string,
    private readonly sheetOf: SheetResolver,
  ) {
    super(context, `${sheetPath}.pageLayout`, (exec) => sheetOf(exec));
  }

  protected scalarProperties(): readonly string[] {
    return ['orientation', 'paperSize', 'centerHorizontally', 'zoom'];
  }

  protected readProperty(exec: Execution, _target: unknown, property: string): unknown {
    requireApi(exec, '1.9', this.path);
    const p = this.sheetOf(exec).pageSetup ?? defaultSetup();
    switch (property) {
      case 'orientation':
        return p.orientation === 'landscape' ? 'Landscape' : 'Portrait';
      case 'paperSize':
        return p.paper;
      case 'centerHorizontally':
        return p.centerHorizontally === true;
      case 'zoom':
        return p.fitToWidth > 0 || p.fitToHeight > 0
          ? { horizontalFitToPages: p.fitToWidth, verticalFitToPages: p.fitToHeight }
          : { scale: 100 };
    }
    throw invalidArgument(this.path, `Unknown property '${property}'.`);
  }

  private update(property: string, value: unknown, change: (p: PageSetup, exec: Execution) => void): void {
    this.set(property, value, (exec) => {
      requireApi(exec, '1.9', this.path);
      const sheet = this.sheetOf(exec);
      const next = { ...(sheet.pageSetup ?? defaultSetup()) };
      change(next, exec);
      sheet.pageSetup = next;
      exec.changed = true;
    });
  }

  get orientation(): string {
    return this.get('orientation');
  }
  set orientation(value: string) {
    this.update('orientation', value, (p) => {
      if (!(ORIENTATIONS as readonly string[]).includes(value))
        throw invalidArgument(this.path, `Invalid orientation '${value}'.`);
      p.orientation = value === 'Landscape' ? 'landscape' : 'portrait';
    });
  }

  get paperSize(): string {
    return this.get('paperSize');
  }
  set paperSize(value: string) {
    this.update('paperSize', value, (p) => {
      if (!(PAPER_SIZES as readonly string[]).includes(value))
        throw invalidArgument(this.path, `Invalid paper size '${value}'.`);
      p.paper = value as PageSetup['paper'];
    });
  }

  get centerHorizontally(): boolean {
    return this.get('centerHorizontally');
  }
  set centerHorizontally(value: boolean) {
    this.update('centerHorizontally', value, (p) => {
      if (value) p.centerHorizontally = true;
      else delete p.centerHorizontally;
    });
  }

  get zoom(): PageLayoutZoomOptions {
    return this.get('zoom');
  }
  /** Either a scale (10–400 %) or fit-to-pages counts, as Excel's Page Setup dialog offers. */
  set zoom(value: PageLayoutZoomOptions) {
    this.update('zoom', value, (p) => {
      const fits = value.horizontalFitToPages !== undefined || value.verticalFitToPages !== undefined;
      if (value.scale !== undefined && fits)
        throw invalidArgument(this.path, 'A page zoom is either a scale or fit to pages, not both.');
      if (value.scale !== undefined) {
        if (!(value.scale >= 10 && value.scale <= 400))
          throw invalidArgument(this.path, 'The zoom scale must be between 10 and 400.');
        p.fitToWidth = 0;
        p.fitToHeight = 0;
        return;
      }
      const w = value.horizontalFitToPages ?? 0;
      const h = value.verticalFitToPages ?? 0;
      if (![w, h].every((n) => Number.isInteger(n) && n >= 0 && n <= 32767))
        throw invalidArgument(this.path, 'Fit-to-pages counts must be whole numbers from 0.');
      p.fitToWidth = w;
      p.fitToHeight = h;
    });
  }

  /** The rows repeated at the top of every page: whole rows ("$1:$4"), as Excel requires. */
  setPrintTitleRows(rows: Range | string): void {
    this.queueWrite(
      { op: 'setPrintTitleRows', rows: typeof rows === 'string' ? rows : rows.path },
      (exec) => {
        requireApi(exec, '1.9', this.path);
        const sheet = this.sheetOf(exec);
        const r = rectOf(exec, sheet, rows, this.path);
        if (r.left !== 0 || r.right !== MAX_COLUMNS - 1)
          throw invalidArgument(this.path, 'Print title rows must be entire rows.');
        sheet.pageSetup = { ...(sheet.pageSetup ?? defaultSetup()), printTitleRows: [r.top, r.bottom] };
        exec.changed = true;
      },
    );
  }

  setPrintArea(area: Range | string): void {
    this.queueWrite({ op: 'setPrintArea', area: typeof area === 'string' ? area : area.path }, (exec) => {
      requireApi(exec, '1.9', this.path);
      const sheet = this.sheetOf(exec);
      const r = rectOf(exec, sheet, area, this.path);
      sheet.pageSetup = {
        ...(sheet.pageSetup ?? defaultSetup()),
        printArea: { top: r.top, left: r.left, bottom: r.bottom, right: r.right },
      };
      exec.changed = true;
    });
  }
}

/** Excel's rules for a defined name: a letter, _ or \ first, no spaces, not a cell reference, at most 255 characters. */
export function invalidNameReason(name: string): string | undefined {
  if (name.length === 0 || name.length > 255) return 'A name must be 1 to 255 characters long.';
  if (!/^[\p{L}_\\][\p{L}\p{N}_.\\?]*$/u.test(name)) return `'${name}' is not a valid name.`;
  if (/^[A-Za-z]{1,3}\d+$/.test(name) || /^[Rr]\d*[Cc]\d*$/.test(name) || /^[RrCc]$/.test(name))
    return `'${name}' looks like a cell reference.`;
  return undefined;
}

function nameKey(sheet: SheetModel, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const k of sheet.names?.keys() ?? []) if (k.toLowerCase() === lower) return k;
  return undefined;
}

/** The type and value Excel reports for a name's formula: a constant text, number or boolean, or a range. */
function evaluateName(formula: string): { type: string; value: unknown } {
  const body = formula.startsWith('=') ? formula.slice(1) : formula;
  const text = /^"((?:[^"]|"")*)"$/.exec(body);
  if (text) return { type: 'String', value: text[1]!.replace(/""/g, '"') };
  if (/^-?\d+(\.\d+)?$/.test(body)) {
    const n = Number(body);
    return { type: Number.isInteger(n) ? 'Integer' : 'Double', value: n };
  }
  if (/^(TRUE|FALSE)$/i.test(body)) return { type: 'Boolean', value: body.toUpperCase() === 'TRUE' };
  return { type: 'Range', value: body };
}

/** The formula Excel stores for a name's reference: a Range proxy's absolute address, or the text as given. */
function referenceFormula(exec: Execution, reference: Range | string): string {
  if (typeof reference !== 'string') {
    const t = reference.target(exec);
    const quoted = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(t.sheet) ? t.sheet : `'${t.sheet.replace(/'/g, "''")}'`;
    const cell = (r: number, c: number) => `$${columnName(c)}$${r + 1}`;
    const local =
      t.top === t.bottom && t.left === t.right
        ? cell(t.top, t.left)
        : `${cell(t.top, t.left)}:${cell(t.bottom, t.right)}`;
    return `=${quoted}!${local}`;
  }
  return reference.startsWith('=') ? reference : `=${reference}`;
}

function columnName(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export class NamedItem extends ClientObject {
  constructor(
    context: RequestContext,
    path: string,
    private readonly sheetOf: SheetResolver,
    resolver: (exec: Execution) => string | null,
    nullable = false,
  ) {
    super(context, path, resolver, nullable);
  }

  protected scalarProperties(): readonly string[] {
    return ['name', 'type', 'value', 'formula', 'visible', 'comment'];
  }

  protected readProperty(exec: Execution, target: unknown, property: string): unknown {
    requireApi(exec, property === 'formula' ? '1.7' : '1.4', this.path);
    const sheet = this.sheetOf(exec);
    const key = target as string;
    const formula = sheet.names?.get(key);
    if (formula === undefined) throw new HostError(ErrorCodes.itemNotFound, undefined, this.path);
    switch (property) {
      case 'name':
        return key;
      case 'formula':
        return formula;
      case 'type':
        return evaluateName(formula).type;
      case 'value':
        return evaluateName(formula).value;
      case 'visible':
        return true;
      case 'comment':
        return '';
    }
    throw invalidArgument(this.path, `Unknown property '${property}'.`);
  }

  get name(): string {
    return this.get('name');
  }
  get type(): string {
    return this.get('type');
  }
  get value(): unknown {
    return this.get('value');
  }
  get formula(): string {
    return this.get('formula');
  }

  delete(): void {
    this.queueWrite({ op: 'delete' }, (exec) => {
      requireApi(exec, '1.4', this.path);
      const sheet = this.sheetOf(exec);
      const key = this.require<string>(exec);
      if (!sheet.names?.delete(key)) throw new HostError(ErrorCodes.itemNotFound, undefined, this.path);
      if (sheet.names.size === 0) delete sheet.names;
      exec.changed = true;
    });
  }
}

/** Worksheet.names (ExcelApi 1.4): names scoped to the sheet. */
export class NamedItemCollection extends ClientObject {
  constructor(
    context: RequestContext,
    sheetPath: string,
    private readonly sheetOf: SheetResolver,
  ) {
    super(context, `${sheetPath}.names`, (exec) => sheetOf(exec));
  }

  protected scalarProperties(): readonly string[] {
    return [];
  }

  protected readProperty(): unknown {
    return undefined;
  }

  add(name: string, reference: Range | string, comment?: string): NamedItem {
    const location = `${this.path}.add(${name})`;
    let created: string | undefined;
    this.queueWrite(
      { op: 'add', name, reference: typeof reference === 'string' ? reference : reference.path, comment },
      (exec) => {
        requireApi(exec, '1.4', location);
        const reason = invalidNameReason(name);
        if (reason) throw invalidArgument(location, reason);
        const sheet = this.sheetOf(exec);
        if (nameKey(sheet, name) !== undefined)
          throw new HostError(ErrorCodes.itemAlreadyExists, undefined, location);
        sheet.names ??= new Map();
        sheet.names.set(name, referenceFormula(exec, reference));
        created = name;
        exec.changed = true;
      },
    );
    return new NamedItem(this.context, location, this.sheetOf, () => {
      if (created === undefined) throw new HostError(ErrorCodes.itemNotFound, undefined, location);
      return created;
    });
  }

  getItem(name: string): NamedItem {
    const location = `${this.path}.getItem(${name})`;
    return new NamedItem(this.context, location, this.sheetOf, (exec) => {
      const key = nameKey(this.sheetOf(exec), name);
      if (key === undefined) throw new HostError(ErrorCodes.itemNotFound, undefined, location);
      return key;
    });
  }

  getItemOrNullObject(name: string): NamedItem {
    return new NamedItem(
      this.context,
      `${this.path}.getItemOrNullObject(${name})`,
      this.sheetOf,
      (exec) => nameKey(this.sheetOf(exec), name) ?? null,
      true,
    );
  }
}

/** Worksheet.horizontalPageBreaks (ExcelApi 1.9): a page starts with the top row of the range added. */
export class PageBreakCollection extends ClientObject {
  constructor(
    context: RequestContext,
    sheetPath: string,
    private readonly sheetOf: SheetResolver,
  ) {
    super(context, `${sheetPath}.horizontalPageBreaks`, (exec) => sheetOf(exec));
  }

  protected scalarProperties(): readonly string[] {
    return [];
  }

  protected readProperty(): unknown {
    return undefined;
  }

  add(pageBreakRange: Range | string): void {
    this.queueWrite(
      { op: 'add', range: typeof pageBreakRange === 'string' ? pageBreakRange : pageBreakRange.path },
      (exec) => {
        requireApi(exec, '1.9', this.path);
        const sheet = this.sheetOf(exec);
        const r = rectOf(exec, sheet, pageBreakRange, this.path);
        if (r.top === 0) throw invalidArgument(this.path, 'A page break cannot be above the first row.');
        const setup = { ...(sheet.pageSetup ?? defaultSetup()) };
        setup.rowBreaks = [...new Set([...(setup.rowBreaks ?? []), r.top])].sort((a, b) => a - b);
        sheet.pageSetup = setup;
        exec.changed = true;
      },
    );
  }

  removePageBreaks(): void {
    this.queueWrite({ op: 'removePageBreaks' }, (exec) => {
      requireApi(exec, '1.9', this.path);
      const sheet = this.sheetOf(exec);
      if (!sheet.pageSetup?.rowBreaks) return;
      const setup = { ...sheet.pageSetup };
      delete setup.rowBreaks;
      sheet.pageSetup = setup;
      exec.changed = true;
    });
  }
}
