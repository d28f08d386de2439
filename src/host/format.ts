/** Range.format and its fill and font in the simulated Excel API. */

import { getCellData, setCellData, type CellData } from '../workbook/model';
import { checkReadable, forEachCell } from './address';
import { cellText, normalizeColor } from './cells';
import { ClientObject, type Execution } from './context';
import { invalidArgument } from './errors';
import type { Range } from './range';

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

  constructor(readonly range: Range) {
    super(range.context, `${range.path}.format`, (exec) => range.resolve(exec));
    this.fill = new RangeFill(range);
    this.font = new RangeFont(range);
  }

  protected scalarProperties(): readonly string[] {
    return ['columnWidth'];
  }

  protected readProperty(exec: Execution, _target: unknown, property: string): unknown {
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
    return undefined;
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
        return 11;
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
}
