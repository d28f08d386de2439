/** Range.format and its fill and font in the simulated Excel API. */

import { getCellData, setCellData, type CellData } from '../workbook/model';
import { checkReadable, forEachCell } from './address';
import { cellText, normalizeColor } from './cells';
import { ClientObject, type Execution } from './context';
import { ErrorCodes, HostError, invalidArgument } from './errors';
import type { Range } from './range';
import { requireApi } from './requirements';
import type { CellStyle } from '../workbook/sheetLayout';

/** The common value of a cell attribute over a range, or null when cells differ (as Excel reports mixed formats). */
function common<T>(exec: Execution, range: Range, read: (cell: CellData | undefined) => T): T | null {
  const t = range.target(exec);
  const sheet = range.sheetModel(exec);
  checkReadable(t, range.path);
  let first: { v: T } | undefined;
  for (let r = t.top; r <= t.bottom; r++) {
    for (let c = t.left; c <= t.right; c++) {
      const v = read(getCellData(sheet, r, c));
      if (!first) first = { v };
      else if (first.v !== v) return null;
    }
  }
  return first ? first.v : null;
}

function applyToCells(exec: Execution, range: Range, update: Partial<CellData>): void {
  const t = range.target(exec);
  const sheet = range.editableSheet(exec);
  forEachCell(t, (r, c) => setCellData(sheet, r, c, update));
  exec.changed = true;
}

/** Sets one style attribute on every cell of `cells` (undefined clears it); style objects are replaced, never mutated. */
function styleCells<K extends keyof CellStyle>(
  exec: Execution,
  range: Range,
  key: K,
  value: CellStyle[K] | undefined,
  cells?: (t: { top: number; left: number; bottom: number; right: number }) => {
    top: number;
    left: number;
    bottom: number;
    right: number;
  },
): void {
  const whole = range.target(exec);
  const t = cells ? cells(whole) : whole;
  const sheet = range.sheetModel(exec);
  forEachCell(t, (r, c) => {
    const prev = getCellData(sheet, r, c)?.style;
    const next: CellStyle = { ...prev };
    if (value === undefined) delete next[key];
    else next[key] = value;
    setCellData(sheet, r, c, { style: Object.keys(next).length ? next : undefined });
  });
  exec.changed = true;
}

/** Excel's default row height in points (Aptos Narrow 11). */
const DEFAULT_ROW_POINTS = 15;

const H_ALIGN: Record<string, CellStyle['horizontalAlignment'] | null> = {
  General: null,
  Left: 'Left',
  Center: 'Center',
  Right: 'Right',
};
const V_ALIGN: Record<string, CellStyle['verticalAlignment']> = {
  Top: 'Top',
  Center: 'Center',
  Bottom: 'Bottom',
};

/** Excel's default column width in character units (Calibri 11). */
const DEFAULT_COLUMN_CHARS = 8.43;

/** Excel reports widths in points; the model stores character units (7 px each plus 5 px padding, 0.75 pt per px). */
function charsToPoints(chars: number): number {
  return Math.round(chars * 7 + 5) * 0.75;
}

function pointsToChars(points: number): number {
  return Math.max(0, Math.round(((points / 0.75 - 5) / 7) * 100) / 100);
}

export class RangeFormat extends ClientObject {
  readonly fill: RangeFill;
  readonly font: RangeFont;
  readonly borders: RangeBorderCollection;

  constructor(readonly range: Range) {
    super(range.context, `${range.path}.format`, (exec) => range.resolve(exec));
    this.fill = new RangeFill(range);
    this.font = new RangeFont(range);
    this.borders = new RangeBorderCollection(range);
  }

  protected scalarProperties(): readonly string[] {
    return [
      'columnWidth',
      'rowHeight',
      'horizontalAlignment',
      'verticalAlignment',
      'wrapText',
      'indentLevel',
    ];
  }

  protected readProperty(exec: Execution, _target: unknown, property: string): unknown {
    switch (property) {
      case 'rowHeight': {
        requireApi(exec, '1.2', this.path);
        const t = this.range.target(exec);
        const heights = this.range.sheetModel(exec).rowHeights;
        const first = heights?.get(t.top) ?? DEFAULT_ROW_POINTS;
        for (let r = t.top + 1; r <= Math.min(t.bottom, t.top + 1_048_576); r++)
          if ((heights?.get(r) ?? DEFAULT_ROW_POINTS) !== first) return null;
        return first;
      }
      case 'horizontalAlignment':
        return common(exec, this.range, (c) => c?.style?.horizontalAlignment ?? 'General');
      case 'verticalAlignment':
        return common(exec, this.range, (c) => c?.style?.verticalAlignment ?? 'Bottom');
      case 'wrapText':
        return common(exec, this.range, (c) => c?.style?.wrapText === true);
      case 'indentLevel':
        requireApi(exec, '1.9', this.path);
        return common(exec, this.range, (c) => c?.style?.indentLevel ?? 0);
    }
    if (property !== 'columnWidth') throw invalidArgument(this.path, `Unknown property '${property}'.`);
    const t = this.range.target(exec);
    const widths = this.range.sheetModel(exec).columnWidths;
    const first = widths?.get(t.left) ?? DEFAULT_COLUMN_CHARS;
    // Like Excel: null when the columns of the range differ in width.
    for (let c = t.left + 1; c <= Math.min(t.right, t.left + 16384); c++) {
      if ((widths?.get(c) ?? DEFAULT_COLUMN_CHARS) !== first) return null;
    }
    return charsToPoints(first);
  }

  get columnWidth(): number {
    return this.get('columnWidth');
  }
  set columnWidth(points: number) {
    this.set('columnWidth', points, (exec) => {
      if (typeof points !== 'number' || !(points >= 0))
        throw invalidArgument(this.path, 'Invalid column width.');
      const t = this.range.target(exec);
      const sheet = this.range.editableSheet(exec);
      sheet.columnWidths ??= new Map();
      for (let c = t.left; c <= t.right; c++) sheet.columnWidths.set(c, pointsToChars(points));
      exec.changed = true;
    });
  }

  get rowHeight(): number {
    return this.get('rowHeight');
  }
  set rowHeight(points: number) {
    this.set('rowHeight', points, (exec) => {
      requireApi(exec, '1.2', this.path);
      if (typeof points !== 'number' || !(points >= 0 && points <= 409))
        throw invalidArgument(this.path, 'A row height is 0 to 409 points.');
      const t = this.range.target(exec);
      const sheet = this.range.sheetModel(exec);
      sheet.rowHeights ??= new Map();
      for (let r = t.top; r <= t.bottom; r++) sheet.rowHeights.set(r, points);
      exec.changed = true;
    });
  }

  get horizontalAlignment(): string {
    return this.get('horizontalAlignment');
  }
  set horizontalAlignment(value: string) {
    this.set('horizontalAlignment', value, (exec) => {
      if (!(value in H_ALIGN)) throw invalidArgument(this.path, `Invalid horizontal alignment '${value}'.`);
      styleCells(exec, this.range, 'horizontalAlignment', H_ALIGN[value] ?? undefined);
    });
  }

  get verticalAlignment(): string {
    return this.get('verticalAlignment');
  }
  set verticalAlignment(value: string) {
    this.set('verticalAlignment', value, (exec) => {
      if (!(value in V_ALIGN)) throw invalidArgument(this.path, `Invalid vertical alignment '${value}'.`);
      styleCells(exec, this.range, 'verticalAlignment', value === 'Bottom' ? undefined : V_ALIGN[value]);
    });
  }

  get wrapText(): boolean {
    return this.get('wrapText');
  }
  set wrapText(value: boolean) {
    this.set('wrapText', value, (exec) => styleCells(exec, this.range, 'wrapText', value ? true : undefined));
  }

  get indentLevel(): number {
    return this.get('indentLevel');
  }
  /** ExcelApi 1.9; Excel allows 0 to 250. */
  set indentLevel(value: number) {
    this.set('indentLevel', value, (exec) => {
      requireApi(exec, '1.9', this.path);
      if (!Number.isInteger(value) || value < 0 || value > 250)
        throw invalidArgument(this.path, 'An indent level is a whole number from 0 to 250.');
      styleCells(exec, this.range, 'indentLevel', value === 0 ? undefined : value);
    });
  }

  /** Widens each column of the range to its longest displayed text, as Excel's AutoFit does. */
  autofitColumns(): void {
    this.queueWrite({ op: 'autofitColumns' }, (exec) => {
      const t = this.range.target(exec);
      const sheet = this.range.editableSheet(exec);
      exec.ensureCalculated();
      const longest = new Map<number, number>();
      for (const [key, cell] of sheet.cells) {
        const [r, c] = key.split(',').map(Number) as [number, number];
        if (r < t.top || r > t.bottom || c < t.left || c > t.right) continue;
        const length = cellText(cell, exec.host.culture).length;
        if (length > (longest.get(c) ?? 0)) longest.set(c, length);
      }
      if (longest.size === 0) return;
      sheet.columnWidths ??= new Map();
      // Roughly one character unit per character, plus padding, as Calibri/Aptos 11 measures.
      for (const [c, length] of longest) sheet.columnWidths.set(c, Math.round((length + 1.3) * 100) / 100);
      exec.changed = true;
    });
  }

  protected override navigation(name: string): ClientObject | undefined {
    if (name === 'fill') return this.fill;
    if (name === 'font') return this.font;
    if (name === 'borders') return this.borders;
    return undefined;
  }
}

const BORDER_EDGES = [
  'EdgeTop',
  'EdgeBottom',
  'EdgeLeft',
  'EdgeRight',
  'InsideHorizontal',
  'InsideVertical',
  'DiagonalDown',
  'DiagonalUp',
] as const;
/** The edges the simulated host keeps; the others are refused rather than silently dropped. */
const MODELLED_EDGES: Record<string, 'borderTop' | 'borderBottom'> = {
  EdgeTop: 'borderTop',
  EdgeBottom: 'borderBottom',
};
const BORDER_STYLES = [
  'None',
  'Continuous',
  'Dash',
  'DashDot',
  'DashDotDot',
  'Dot',
  'Double',
  'SlantDashDot',
] as const;
const BORDER_WEIGHTS = ['Hairline', 'Thin', 'Medium', 'Thick'] as const;

/** Range.format.borders (ExcelApi 1.1): the top and bottom edges of a range, continuous thin or medium. */
export class RangeBorderCollection extends ClientObject {
  constructor(readonly range: Range) {
    super(range.context, `${range.path}.format.borders`, (exec) => range.resolve(exec));
  }

  protected scalarProperties(): readonly string[] {
    return [];
  }

  protected readProperty(): unknown {
    return undefined;
  }

  getItem(index: string): RangeBorder {
    return new RangeBorder(this.range, index);
  }
}

export class RangeBorder extends ClientObject {
  constructor(
    readonly range: Range,
    readonly sideIndex: string,
  ) {
    super(range.context, `${range.path}.format.borders.getItem(${sideIndex})`, (exec) => {
      if (!(BORDER_EDGES as readonly string[]).includes(sideIndex))
        throw invalidArgument(`${range.path}.format.borders`, `Invalid border index '${sideIndex}'.`);
      return range.resolve(exec);
    });
  }

  private edge(): 'borderTop' | 'borderBottom' {
    const key = MODELLED_EDGES[this.sideIndex];
    if (!key) {
      if (!(BORDER_EDGES as readonly string[]).includes(this.sideIndex))
        throw invalidArgument(this.path, `Invalid border index '${this.sideIndex}'.`);
      throw new HostError(
        ErrorCodes.invalidOperation,
        `The simulated host keeps only top and bottom edges, not ${this.sideIndex}.`,
        this.path,
      );
    }
    return key;
  }

  /** The rows an edge lies on: a range's top edge is its first row's, the bottom edge its last row's. */
  private rows(t: { top: number; left: number; bottom: number; right: number }) {
    return this.edge() === 'borderTop' ? { ...t, bottom: t.top } : { ...t, top: t.bottom };
  }

  protected scalarProperties(): readonly string[] {
    return ['style', 'weight'];
  }

  protected readProperty(exec: Execution, _t: unknown, property: string): unknown {
    const key = this.edge();
    const rows = this.rows(this.range.target(exec));
    const sheet = this.range.sheetModel(exec);
    let first: string | undefined;
    for (let c = rows.left; c <= rows.right; c++) {
      const w = getCellData(sheet, rows.top, c)?.style?.[key];
      const v = property === 'style' ? (w ? 'Continuous' : 'None') : (w ?? 'Thin');
      if (first === undefined) first = v;
      else if (first !== v) return null;
    }
    if (property === 'style' || property === 'weight') return first ?? null;
    throw invalidArgument(this.path, `Unknown property '${property}'.`);
  }

  get style(): string {
    return this.get('style');
  }
  set style(value: string) {
    this.set('style', value, (exec) => {
      if (!(BORDER_STYLES as readonly string[]).includes(value))
        throw invalidArgument(this.path, `Invalid border style '${value}'.`);
      if (value !== 'None' && value !== 'Continuous')
        throw new HostError(
          ErrorCodes.invalidOperation,
          `The simulated host draws continuous borders only, not ${value}.`,
          this.path,
        );
      const key = this.edge();
      const current = getCellData(
        this.range.sheetModel(exec),
        this.range.target(exec).top,
        this.range.target(exec).left,
      )?.style?.[key];
      styleCells(exec, this.range, key, value === 'None' ? undefined : (current ?? 'Thin'), (t) =>
        this.rows(t),
      );
    });
  }

  get weight(): string {
    return this.get('weight');
  }
  set weight(value: string) {
    this.set('weight', value, (exec) => {
      if (!(BORDER_WEIGHTS as readonly string[]).includes(value))
        throw invalidArgument(this.path, `Invalid border weight '${value}'.`);
      if (value !== 'Thin' && value !== 'Medium')
        throw new HostError(
          ErrorCodes.invalidOperation,
          `The simulated host draws thin and medium borders only, not ${value}.`,
          this.path,
        );
      // Like Excel, a weight gives an edge without a line a continuous one.
      styleCells(exec, this.range, this.edge(), value, (t) => this.rows(t));
    });
  }
}

export class RangeFill extends ClientObject {
  constructor(readonly range: Range) {
    super(range.context, `${range.path}.format.fill`, (exec) => range.resolve(exec));
  }

  protected scalarProperties(): readonly string[] {
    return ['color', 'pattern'];
  }

  protected readProperty(exec: Execution, _target: unknown, property: string): unknown {
    if (property === 'color') return common(exec, this.range, (c) => c?.fill ?? '#FFFFFF');
    if (property === 'pattern') return common(exec, this.range, (c) => (c?.fill ? 'Solid' : 'None'));
    throw invalidArgument(this.path, `Unknown property '${property}'.`);
  }

  get color(): string {
    return this.get('color');
  }
  set color(value: string) {
    this.set('color', value, (exec) =>
      applyToCells(exec, this.range, { fill: normalizeColor(value, this.path) }),
    );
  }

  get pattern(): string {
    return this.get('pattern');
  }

  clear(): void {
    this.queueWrite({ op: 'clear' }, (exec) => applyToCells(exec, this.range, { fill: undefined }));
  }
}

export class RangeFont extends ClientObject {
  constructor(readonly range: Range) {
    super(range.context, `${range.path}.format.font`, (exec) => range.resolve(exec));
  }

  protected scalarProperties(): readonly string[] {
    return ['bold', 'italic', 'color', 'name', 'size'];
  }

  protected readProperty(exec: Execution, _target: unknown, property: string): unknown {
    switch (property) {
      case 'bold':
        return common(exec, this.range, (c) => c?.bold ?? false);
      case 'italic':
        return common(exec, this.range, (c) => c?.italic ?? false);
      case 'color':
        return common(exec, this.range, (c) => c?.fontColor ?? '#000000');
      case 'name':
        return 'Aptos Narrow';
      case 'size':
        return common(exec, this.range, (c) => c?.style?.fontSize ?? 11);
    }
    throw invalidArgument(this.path, `Unknown property '${property}'.`);
  }

  get bold(): boolean {
    return this.get('bold');
  }
  set bold(value: boolean) {
    this.set('bold', value, (exec) => applyToCells(exec, this.range, { bold: value ? true : undefined }));
  }

  get italic(): boolean {
    return this.get('italic');
  }
  set italic(value: boolean) {
    this.set('italic', value, (exec) => applyToCells(exec, this.range, { italic: value ? true : undefined }));
  }

  get color(): string {
    return this.get('color');
  }
  set color(value: string) {
    this.set('color', value, (exec) =>
      applyToCells(exec, this.range, { fontColor: normalizeColor(value, this.path) }),
    );
  }

  get name(): string {
    return this.get('name');
  }

  get size(): number {
    return this.get('size');
  }
  set size(value: number) {
    this.set('size', value, (exec) => {
      if (typeof value !== 'number' || !(value >= 1 && value <= 409))
        throw invalidArgument(this.path, 'A font size is 1 to 409 points.');
      styleCells(exec, this.range, 'fontSize', value === 11 ? undefined : value);
    });
  }
}
