/**
 * A strict Excel double built on office-addin-mock. OfficeMockObject gives the
 * load/sync semantics (a property is readable only after load + sync); this
 * wrapper adds what the library lacks: ranges created on demand from a sheet
 * description, null objects, a log of every write and call tagged with the
 * batch it belongs to, and a throw (instead of the library's error string)
 * whenever code reads a property it did not load.
 */
import type * as OfficeAddinMock from 'office-addin-mock';
import { a1, parseRange, rangeA1 } from '../../src/core/grid';

export interface MockCell {
  v?: string | number | boolean | null;
  f?: string;
  fmt?: string;
  err?: boolean;
  fill?: string;
  italic?: boolean;
}

export interface MockSheet {
  name: string;
  visibility?: 'Visible' | 'Hidden' | 'VeryHidden';
  /** Review > Protect Sheet. */
  protected?: boolean;
  /** Cells by A1 address. */
  cells?: Record<string, MockCell>;
  /** Generated content for large sheets; `used` is then required. */
  cellAt?: (row: number, col: number) => MockCell | undefined;
  used?: { top: number; left: number; bottom: number; right: number };
}

export interface Op {
  /** Index of the batch (0 = before the first sync). */
  batch: number;
  target: string;
  /** "set" of a property or a method call. */
  kind: 'set' | 'call';
  name: string;
  value?: unknown;
}

export interface LoadRecord {
  batch: number;
  target: string;
  props: string;
  /** Cells of the range the load is on, when it is a range. */
  cells?: number;
}

interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

// office-addin-mock pulls in office-addin-manifest, whose dependencies ship ESM
// that Jest (CommonJS, Node 20) cannot load; the mock only needs its OfficeApp enum.
jest.mock('office-addin-manifest', () => ({
  OfficeApp: {
    Excel: 'excel',
    OneNote: 'onenote',
    Outlook: 'outlook',
    PowerPoint: 'powerpoint',
    Project: 'project',
    Word: 'word',
  },
}));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { OfficeMockObject } = require('office-addin-mock') as typeof OfficeAddinMock;
type OfficeMockObject = OfficeAddinMock.OfficeMockObject;

const NOT_LOADED = new Set(['Error, property was not loaded', 'Error, context.sync() was not called']);

export class MockExcel {
  syncs = 0;
  runs = 0;
  ops: Op[] = [];
  loads: LoadRecord[] = [];
  cellPropertyRequests: { batch: number; target: string; options: unknown; cells: number }[] = [];
  activeSheet: string;
  sheets: MockSheet[];
  private live: { obj: OfficeMockObject; created: number }[] = [];
  private pendingError: unknown;
  readonly Excel: {
    run<T>(a: unknown, b?: (ctx: Excel.RequestContext) => Promise<T>): Promise<T>;
  };
  readonly Office: unknown;
  /** The options of every Excel.run, in order. */
  runOptions: unknown[] = [];
  /** Review > Protect Workbook. */
  structureProtected = false;

  constructor(sheets: MockSheet[], activeSheet?: string) {
    this.sheets = sheets;
    this.activeSheet = activeSheet ?? sheets[0]!.name;
    this.Excel = {
      run: <T>(a: unknown, b?: (ctx: Excel.RequestContext) => Promise<T>) => {
        this.runOptions.push(typeof a === 'function' ? undefined : a);
        return this.run((typeof a === 'function' ? a : b) as (ctx: Excel.RequestContext) => Promise<T>);
      },
    };
    this.Office = new OfficeMockObject({
      context: {
        requirements: {
          isSetSupported: (name: string, v: string) => {
            const [major, minor] = v.split('.').map(Number);
            return name === 'ExcelApi' && major === 1 && (minor ?? 0) <= 14;
          },
        },
      },
    });
  }

  /** Ops of one batch; `opsIn(1)` is everything sent with the second sync. */
  opsIn(batch: number): Op[] {
    return this.ops.filter((o) => o.batch === batch);
  }

  writes(): Op[] {
    return this.ops.filter((o) => o.kind === 'set' || ['insert', 'delete', 'clear', 'add'].includes(o.name));
  }

  private async run<T>(cb: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> {
    this.runs++;
    const protection = new OfficeMockObject({ protected: this.structureProtected });
    this.track(protection);
    const context = {
      workbook: {
        worksheets: this.collection(),
        protection: this.strict(protection, 'workbook.protection', { created: this.syncs, isNull: false }),
      },
      sync: () => this.sync(),
    };
    const result = await cb(context as unknown as Excel.RequestContext);
    if (this.ops.some((o) => o.batch === this.syncs))
      throw new Error('mock: commands queued after the last sync');
    return result;
  }

  private async sync(): Promise<void> {
    if (this.pendingError) {
      const e = this.pendingError;
      this.pendingError = undefined;
      this.syncs++;
      throw e;
    }
    for (const { obj } of this.live) await obj.sync();
    await new Promise((r) => setTimeout(r, 0));
    this.syncs++;
  }

  private record(target: string, kind: Op['kind'], name: string, value?: unknown): void {
    this.ops.push({ batch: this.syncs, target, kind, name, value });
  }

  findSheet(name: string): MockSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  cell(sheet: MockSheet, row: number, col: number): MockCell | undefined {
    return sheet.cellAt ? sheet.cellAt(row, col) : sheet.cells?.[a1(row, col)];
  }

  usedRect(sheet: MockSheet, valuesOnly: boolean): Rect | undefined {
    if (sheet.used) return sheet.used;
    let r: Rect | undefined;
    for (const [addr, c] of Object.entries(sheet.cells ?? {})) {
      if (valuesOnly && c.f === undefined && (c.v === undefined || c.v === null || c.v === '')) continue;
      const p = parseRange(addr)!;
      r = r
        ? {
            top: Math.min(r.top, p.top),
            left: Math.min(r.left, p.left),
            bottom: Math.max(r.bottom, p.bottom),
            right: Math.max(r.right, p.right),
          }
        : p;
    }
    return r;
  }

  /** Wraps a mock so unloaded reads throw, writes are logged and loads recorded. */
  private strict<T extends object>(
    target: T,
    label: string,
    extra: { created: number; isNull: boolean; cells?: number; children?: Record<string, unknown> },
  ): T {
    const cache = new Map<PropertyKey, unknown>();
    return new Proxy(target, {
      get: (t, p) => {
        if (typeof p === 'string' && extra.children && p in extra.children) return extra.children[p];
        if (p === 'isNullObject') {
          if (this.syncs <= extra.created) throw new Error(`mock: ${label}.isNullObject read before sync`);
          return extra.isNull;
        }
        if (p === 'load') {
          return (props: unknown) => {
            const text = typeof props === 'string' ? props : JSON.stringify(props);
            this.loads.push({ batch: this.syncs, target: label, props: text, cells: extra.cells });
            if (!extra.isNull) (t as unknown as OfficeMockObject).load(props as string);
            return undefined;
          };
        }
        const v = Reflect.get(t, p, t);
        if (typeof v === 'function') return v.bind(t);
        if (v instanceof OfficeMockObject) {
          if (!cache.has(p)) cache.set(p, this.strict(v, `${label}.${String(p)}`, extra));
          return cache.get(p);
        }
        if (
          typeof p === 'string' &&
          !p.startsWith('_') &&
          (v === undefined || (typeof v === 'string' && NOT_LOADED.has(v)))
        ) {
          if (extra.isNull) throw new Error(`mock: ${label}.${p} read on a null object`);
          throw new Error(`mock: ${label}.${p} read without load + sync`);
        }
        return v;
      },
      set: (t, p, v) => {
        this.record(label, 'set', String(p), v);
        Reflect.set(t, p, v, t);
        return true;
      },
    });
  }

  private track(obj: OfficeMockObject): void {
    this.live.push({ obj, created: this.syncs });
  }

  private nullObject(label: string): Excel.Range {
    const obj = new OfficeMockObject({
      getIntersectionOrNullObject: () => this.nullObject(`${label}∩`),
      getUsedRangeOrNullObject: () => this.nullObject(`${label}.used`),
    });
    return this.strict(obj, label, { created: this.syncs, isNull: true }) as unknown as Excel.Range;
  }

  private range(sheet: MockSheet, rect: Rect): Excel.Range {
    const address = rangeA1(rect.top, rect.left, rect.bottom, rect.right);
    const label = `${sheet.name}!${address}`;
    const rows = rect.bottom - rect.top + 1;
    const cols = rect.right - rect.left + 1;
    const grid = (fn: (c: MockCell | undefined) => unknown) =>
      Array.from({ length: rows }, (_, r) =>
        Array.from({ length: cols }, (_, c) => fn(this.cell(sheet, rect.top + r, rect.left + c))),
      );
    // Like Excel, a range's fill and italic are reported when all its cells share them, else null.
    const common = <T>(read: (c: MockCell | undefined) => T): T | null => {
      let value: { v: T } | undefined;
      for (let r = rect.top; r <= rect.bottom; r++)
        for (let c = rect.left; c <= rect.right; c++) {
          const v = read(this.cell(sheet, r, c));
          if (!value) value = { v };
          else if (value.v !== v) return null;
        }
      return value ? value.v : null;
    };
    const data = {
      address: `${sheet.name}!${address}`,
      rowIndex: rect.top,
      columnIndex: rect.left,
      rowCount: rows,
      columnCount: cols,
      values: grid((c) => (c?.v === undefined || c.v === null ? '' : c.v)),
      formulas: grid((c) => c?.f ?? (c?.v === undefined || c.v === null ? '' : c.v)),
      numberFormat: grid((c) => c?.fmt ?? 'General'),
      valueTypes: grid((c) =>
        c?.err
          ? 'Error'
          : c?.v === undefined || c.v === null || c.v === ''
            ? 'Empty'
            : typeof c.v === 'number'
              ? 'Double'
              : typeof c.v === 'boolean'
                ? 'Boolean'
                : 'String',
      ),

      getIntersectionOrNullObject: (other: string) => {
        const o = parseRange(other)!;
        const i = {
          top: Math.max(rect.top, o.top),
          left: Math.max(rect.left, o.left),
          bottom: Math.min(rect.bottom, o.bottom),
          right: Math.min(rect.right, o.right),
        };
        return i.top <= i.bottom && i.left <= i.right
          ? this.range(sheet, i)
          : this.nullObject(`${label}∩${other}`);
      },
      getCellProperties: (options: unknown) => {
        this.cellPropertyRequests.push({ batch: this.syncs, target: label, options, cells: rows * cols });
        const value = grid((c) => ({
          format: {
            fill: { color: c?.fill ?? '#FFFFFF', pattern: c?.fill ? 'Solid' : 'None' },
            font: { italic: c?.italic ?? false },
          },
        }));
        const result = new OfficeMockObject({ value });
        result.load('value');
        this.track(result);
        return this.strict(result, `${label}.cellProperties`, { created: this.syncs, isNull: false });
      },
      getTables: () => this.emptyCollection(`${label}.tables`),
      getMergedAreasOrNullObject: () => this.nullObject(`${label}.merged`),
      getSpecialCellsOrNullObject: () => this.nullObject(`${label}.special`),
      insert: (dir: string) => this.record(label, 'call', 'insert', dir),
      delete: (dir: string) => this.record(label, 'call', 'delete', dir),
      clear: (what?: string) => this.record(label, 'call', 'clear', what),
      select: () => this.record(label, 'call', 'select'),
    };
    const obj = new OfficeMockObject(data);
    this.track(obj);
    const format = {
      fill: this.formatPart(`${label}.format.fill`, {
        color: () => common((c) => c?.fill ?? '#FFFFFF'),
        pattern: () => common((c) => (c?.fill ? 'Solid' : 'None')),
      }),
      font: this.formatPart(`${label}.format.font`, { italic: () => common((c) => c?.italic ?? false) }),
    };
    return this.strict(obj, label, {
      created: this.syncs,
      isNull: false,
      cells: rows * cols,
      children: { format },
    }) as unknown as Excel.Range;
  }

  /**
   * Range.format.fill / .font: properties readable after load + sync (null when the range's cells
   * differ, as Excel reports them), writes and calls recorded. office-addin-mock cannot hold nulls.
   */
  private formatPart(label: string, props: Record<string, () => unknown>): unknown {
    let loadedAt: number | undefined;
    const loaded = new Set<string>();
    return new Proxy(
      {},
      {
        get: (_t, p) => {
          if (p === 'load')
            return (what: string) => {
              this.loads.push({ batch: this.syncs, target: label, props: what });
              for (const w of what.split(',')) loaded.add(w.trim());
              loadedAt = this.syncs;
            };
          if (p === 'clear') return () => this.record(label, 'call', 'clear');
          if (typeof p !== 'string' || !(p in props)) return undefined;
          if (loadedAt === undefined || this.syncs <= loadedAt || !loaded.has(p))
            throw new Error(`mock: ${label}.${p} read without load + sync`);
          return props[p]!();
        },
        set: (_t, p, v) => {
          this.record(label, 'set', String(p), v);
          return true;
        },
      },
    );
  }

  /** A collection with no items (tables): load('items/name') and read items after sync. */
  private emptyCollection(label: string): unknown {
    const created = this.syncs;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    return {
      load: (props: string) => this.loads.push({ batch: this.syncs, target: label, props }),
      get items() {
        if (self.syncs <= created) throw new Error(`mock: ${label}.items read before sync`);
        return [];
      },
    };
  }

  private worksheet(sheet: MockSheet): Excel.Worksheet {
    const protection = new OfficeMockObject({ protected: sheet.protected ?? false });
    this.track(protection);
    const autoFilter = new OfficeMockObject({
      enabled: false,
      isDataFiltered: false,
      getRangeOrNullObject: () => this.nullObject(`${sheet.name}.autoFilter.range`),
    });
    this.track(autoFilter);
    const children = {
      protection: this.strict(protection, `${sheet.name}.protection`, { created: this.syncs, isNull: false }),
      autoFilter: this.strict(autoFilter, `${sheet.name}.autoFilter`, { created: this.syncs, isNull: false }),
    };
    const obj = new OfficeMockObject({
      name: sheet.name,
      visibility: sheet.visibility ?? 'Visible',
      getRange: (address: string) => {
        const cols = /^([A-Z]+):([A-Z]+)$/.exec(address);
        const rect = cols
          ? {
              top: 0,
              left: parseRange(`${cols[1]}1`)!.left,
              bottom: 1048575,
              right: parseRange(`${cols[2]}1`)!.left,
            }
          : parseRange(address)!;
        return this.range(sheet, rect);
      },
      getUsedRange: (valuesOnly: boolean) =>
        this.range(sheet, this.usedRect(sheet, valuesOnly) ?? { top: 0, left: 0, bottom: 0, right: 0 }),
      getUsedRangeOrNullObject: (valuesOnly: boolean) => {
        const r = this.usedRect(sheet, valuesOnly);
        return r ? this.range(sheet, r) : this.nullObject(`${sheet.name}.used`);
      },
      activate: () => this.record(sheet.name, 'call', 'activate'),
    });
    this.track(obj);
    return this.strict(obj, sheet.name, {
      created: this.syncs,
      isNull: false,
      children,
    }) as unknown as Excel.Worksheet;
  }

  private missingSheet(name: string): Excel.Worksheet {
    return this.nullObject(`missing:${name}`) as unknown as Excel.Worksheet;
  }

  /** What Office.js hands out for getItem of a missing sheet: it queues anything; the sync fails. */
  private doomed(): unknown {
    const proxy: unknown = new Proxy(function () {}, {
      // Every property and every call result is itself the doomed proxy (callable, with any property).
      get: (_t, p) => (p === 'then' ? undefined : proxy),
      set: () => true,
      apply: () => proxy,
    });
    return proxy;
  }

  private collection(): Excel.WorksheetCollection {
    // The collection needs a getter (`items`), which cannot be an arrow function.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    let loaded: { batch: number; props: string[] } | undefined;
    const coll = {
      getActiveWorksheet: () => self.worksheet(self.findSheet(self.activeSheet)!),
      getItem(name: string) {
        const s = self.findSheet(name);
        if (s) return self.worksheet(s);
        self.pendingError = Object.assign(new Error(`ItemNotFound ${name}`), { code: 'ItemNotFound' });
        return self.doomed() as Excel.Worksheet;
      },
      getItemOrNullObject(name: string) {
        const s = self.findSheet(name);
        return s ? self.worksheet(s) : self.missingSheet(name);
      },
      add(name: string) {
        self.record('worksheets', 'call', 'add', name);
        const s: MockSheet = { name, cells: {} };
        self.sheets.push(s);
        return self.worksheet(s);
      },
      load(props: string) {
        self.loads.push({ batch: self.syncs, target: 'worksheets', props });
        const list = props.split(',').map((p) => p.trim());
        for (const p of list)
          if (!/^items\/(name|visibility)$/.test(p)) throw new Error(`mock: cannot load worksheets ${p}`);
        loaded = { batch: self.syncs, props: list.map((p) => p.slice('items/'.length)) };
      },
      get items() {
        if (!loaded || self.syncs <= loaded.batch)
          throw new Error('mock: worksheets.items read without load + sync');
        const props = loaded.props;
        return self.sheets.map(
          (s) =>
            new Proxy({ name: s.name, visibility: s.visibility ?? 'Visible' } as Record<string, unknown>, {
              get(t, p) {
                if (typeof p === 'string' && !props.includes(p))
                  throw new Error(`mock: worksheet.${p} not loaded`);
                return t[p as string];
              },
            }),
        );
      },
    };
    return coll as unknown as Excel.WorksheetCollection;
  }
}
