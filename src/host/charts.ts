/**
 * Worksheet.charts of the simulated Excel API: the part a report tab uses,
 * a clustered bar (or column) chart whose series are bound to cells, so it
 * follows them. Each call checks its requirement set at sync (charts.add and
 * setPosition 1.1, series.setValues / setXAxisValues and
 * axis.reversePlotOrder 1.7, number formats of axes and labels 1.8).
 */
import type { SheetModel } from '../workbook/model';
import { findSheet } from '../workbook/model';
import type { ChartModel, ChartSeriesModel, ChartTypeModel, SheetRect } from '../workbook/sheetLayout';
import { parseLocalAddress, splitSheet } from './address';
import { ClientObject, queueResult, type ClientResult, type Execution, type RequestContext } from './context';
import { ErrorCodes, HostError, invalidArgument } from './errors';
import type { Range } from './range';
import { requireApi } from './requirements';

type SheetResolver = (exec: Execution) => SheetModel;

/** The chart types the simulated host can draw; Excel has more, which the host refuses rather than pretends. */
const CHART_TYPES: readonly ChartTypeModel[] = ['BarClustered', 'ColumnClustered'];

function rectOfRange(exec: Execution, range: Range, location: string): SheetRect {
  if (!range || typeof range.target !== 'function') throw invalidArgument(location, 'A Range is required.');
  const t = range.target(exec);
  return { sheet: t.sheet, top: t.top, left: t.left, bottom: t.bottom, right: t.right };
}

function oneLine(r: SheetRect, location: string): SheetRect {
  if (r.top !== r.bottom && r.left !== r.right)
    throw invalidArgument(location, 'The series data must be a single row or column.');
  return r;
}

/** The chart's cell on its own sheet, from a Range proxy or an address. */
function cellOf(
  exec: Execution,
  sheet: SheetModel,
  input: Range | string,
  location: string,
): { row: number; col: number } {
  if (typeof input !== 'string') {
    const t = input.target(exec);
    if (t.sheet.toLowerCase() !== sheet.name.toLowerCase())
      throw invalidArgument(location, "The position must be on the chart's worksheet.");
    return { row: t.top, col: t.left };
  }
  const { sheet: q, local } = splitSheet(input);
  if (q !== undefined && q.toLowerCase() !== sheet.name.toLowerCase())
    throw invalidArgument(location, "The position must be on the chart's worksheet.");
  const rect = parseLocalAddress(local);
  if (!rect) throw invalidArgument(location, `Invalid address '${input}'.`);
  return { row: rect.top, col: rect.left };
}

function chartAt(sheet: SheetModel, name: string): ChartModel | undefined {
  const lower = name.toLowerCase();
  return sheet.charts?.find((c) => c.name.toLowerCase() === lower);
}

/** Charts resolve to their id: the models are copied with the workbook between batches. */
type ChartResolver = (exec: Execution) => number | null;

function chartById(sheet: SheetModel, id: number, location: string): ChartModel {
  const c = sheet.charts?.find((x) => x.id === id);
  if (!c) throw new HostError(ErrorCodes.itemNotFound, undefined, location);
  return c;
}

function nextChartId(exec: Execution): number {
  let max = 0;
  for (const s of exec.wb.sheets) for (const c of s.charts ?? []) max = Math.max(max, c.id);
  return max + 1;
}

/** Sub-objects of a chart (title, legend, axis, data labels) resolve through the chart. */
abstract class ChartPart extends ClientObject {
  constructor(
    context: RequestContext,
    path: string,
    protected readonly chartOf: (exec: Execution) => ChartModel,
  ) {
    super(context, path, (exec) => chartOf(exec));
  }

  protected edit(property: string, value: unknown, version: string, apply: (c: ChartModel) => void): void {
    this.set(property, value, (exec) => {
      requireApi(exec, version, this.path);
      apply(this.chartOf(exec));
      exec.changed = true;
    });
  }
}

export class ChartTitle extends ChartPart {
  protected scalarProperties(): readonly string[] {
    return ['text', 'visible'];
  }
  protected readProperty(exec: Execution, _t: unknown, property: string): unknown {
    const c = this.chartOf(exec);
    if (property === 'text') return c.title;
    if (property === 'visible') return c.titleVisible;
    throw invalidArgument(this.path, `Unknown property '${property}'.`);
  }
  get text(): string {
    return this.get('text');
  }
  set text(value: string) {
    this.edit('text', value, '1.1', (c) => {
      if (typeof value !== 'string' || value.length > 255)
        throw invalidArgument(this.path, 'A chart title is text of at most 255 characters.');
      c.title = value;
      c.titleVisible = value !== '';
    });
  }
  get visible(): boolean {
    return this.get('visible');
  }
  set visible(value: boolean) {
    this.edit('visible', value, '1.1', (c) => (c.titleVisible = value));
  }
}

export class ChartLegend extends ChartPart {
  protected scalarProperties(): readonly string[] {
    return ['visible'];
  }
  protected readProperty(exec: Execution, _t: unknown, property: string): unknown {
    if (property === 'visible') return this.chartOf(exec).legendVisible;
    throw invalidArgument(this.path, `Unknown property '${property}'.`);
  }
  get visible(): boolean {
    return this.get('visible');
  }
  set visible(value: boolean) {
    this.edit('visible', value, '1.1', (c) => (c.legendVisible = value));
  }
}

export class ChartDataLabels extends ChartPart {
  protected scalarProperties(): readonly string[] {
    return ['showValue', 'numberFormat'];
  }
  protected readProperty(exec: Execution, _t: unknown, property: string): unknown {
    const c = this.chartOf(exec);
    if (property === 'showValue') return c.dataLabelsVisible;
    if (property === 'numberFormat') {
      requireApi(exec, '1.8', this.path);
      return c.dataLabelsNumberFormat;
    }
    throw invalidArgument(this.path, `Unknown property '${property}'.`);
  }
  get showValue(): boolean {
    return this.get('showValue');
  }
  set showValue(value: boolean) {
    this.edit('showValue', value, '1.1', (c) => (c.dataLabelsVisible = value));
  }
  get numberFormat(): string {
    return this.get('numberFormat');
  }
  set numberFormat(value: string) {
    this.edit('numberFormat', value, '1.8', (c) => (c.dataLabelsNumberFormat = value));
  }
}

export class ChartAxis extends ChartPart {
  constructor(
    context: RequestContext,
    path: string,
    chartOf: (exec: Execution) => ChartModel,
    private readonly which: 'category' | 'value',
  ) {
    super(context, path, chartOf);
  }
  protected scalarProperties(): readonly string[] {
    return ['reversePlotOrder', 'numberFormat', 'position'];
  }
  protected readProperty(exec: Execution, _t: unknown, property: string): unknown {
    const c = this.chartOf(exec);
    if (property === 'reversePlotOrder') {
      requireApi(exec, '1.7', this.path);
      return this.which === 'category' ? c.categoriesReversed : false;
    }
    if (property === 'numberFormat') {
      requireApi(exec, '1.8', this.path);
      return this.which === 'value' ? c.valueAxisNumberFormat : 'General';
    }
    if (property === 'position') {
      requireApi(exec, '1.8', this.path);
      return this.which === 'category' ? c.categoryAxisPosition : 'Automatic';
    }
    throw invalidArgument(this.path, `Unknown property '${property}'.`);
  }
  get reversePlotOrder(): boolean {
    return this.get('reversePlotOrder');
  }
  set reversePlotOrder(value: boolean) {
    this.edit('reversePlotOrder', value, '1.7', (c) => {
      if (this.which !== 'category')
        throw invalidArgument(this.path, 'Only the category axis is reversed here.');
      c.categoriesReversed = value;
    });
  }
  get position(): string {
    return this.get('position');
  }
  /** Where the other axis crosses this one: Automatic, Maximum or Minimum (Custom needs setPositionAt). */
  set position(value: string) {
    this.edit('position', value, '1.8', (c) => {
      if (value !== 'Automatic' && value !== 'Maximum' && value !== 'Minimum')
        throw invalidArgument(this.path, `Invalid axis position '${value}'.`);
      if (this.which !== 'category')
        throw invalidArgument(this.path, 'Only the category axis is positioned here.');
      c.categoryAxisPosition = value;
    });
  }
  get numberFormat(): string {
    return this.get('numberFormat');
  }
  set numberFormat(value: string) {
    this.edit('numberFormat', value, '1.8', (c) => {
      if (this.which !== 'value')
        throw invalidArgument(this.path, 'A category axis of text has no number format.');
      c.valueAxisNumberFormat = value;
    });
  }
}

export class ChartAxes {
  readonly categoryAxis: ChartAxis;
  readonly valueAxis: ChartAxis;
  constructor(context: RequestContext, path: string, chartOf: (exec: Execution) => ChartModel) {
    this.categoryAxis = new ChartAxis(context, `${path}.categoryAxis`, chartOf, 'category');
    this.valueAxis = new ChartAxis(context, `${path}.valueAxis`, chartOf, 'value');
  }
}

export class ChartSeries extends ClientObject {
  constructor(
    context: RequestContext,
    path: string,
    private readonly seriesOf: (exec: Execution) => ChartSeriesModel,
  ) {
    super(context, path, (exec) => seriesOf(exec));
  }
  protected scalarProperties(): readonly string[] {
    return ['name'];
  }
  protected readProperty(exec: Execution, _t: unknown, property: string): unknown {
    if (property === 'name') return this.seriesOf(exec).name;
    throw invalidArgument(this.path, `Unknown property '${property}'.`);
  }
  get name(): string {
    return this.get('name');
  }
  set name(value: string) {
    this.set('name', value, (exec) => {
      requireApi(exec, '1.1', this.path);
      this.seriesOf(exec).name = value;
      exec.changed = true;
    });
  }
  setValues(source: Range): void {
    this.queueWrite({ op: 'setValues', source: source.path }, (exec) => {
      requireApi(exec, '1.7', this.path);
      this.seriesOf(exec).values = oneLine(rectOfRange(exec, source, this.path), this.path);
      exec.changed = true;
    });
  }
  setXAxisValues(source: Range): void {
    this.queueWrite({ op: 'setXAxisValues', source: source.path }, (exec) => {
      requireApi(exec, '1.7', this.path);
      this.seriesOf(exec).categories = oneLine(rectOfRange(exec, source, this.path), this.path);
      exec.changed = true;
    });
  }
}

export class ChartSeriesCollection extends ClientObject {
  constructor(
    context: RequestContext,
    path: string,
    private readonly chartOf: (exec: Execution) => ChartModel,
  ) {
    super(context, path, (exec) => chartOf(exec));
  }
  protected scalarProperties(): readonly string[] {
    return ['count'];
  }
  protected readProperty(exec: Execution, _t: unknown, property: string): unknown {
    if (property === 'count') return this.chartOf(exec).series.length;
    throw invalidArgument(this.path, `Unknown property '${property}'.`);
  }
  get count(): number {
    return this.get('count');
  }
  getItemAt(index: number): ChartSeries {
    const location = `${this.path}.getItemAt(${index})`;
    return new ChartSeries(this.context, location, (exec) => {
      const s = this.chartOf(exec).series[index];
      if (!s) throw new HostError(ErrorCodes.itemNotFound, undefined, location);
      return s;
    });
  }
}

export class Chart extends ClientObject {
  readonly title: ChartTitle;
  readonly legend: ChartLegend;
  readonly dataLabels: ChartDataLabels;
  readonly axes: ChartAxes;
  readonly series: ChartSeriesCollection;

  constructor(
    context: RequestContext,
    path: string,
    private readonly sheetOf: SheetResolver,
    resolver: ChartResolver,
    nullable = false,
  ) {
    super(context, path, resolver, nullable);
    const chartOf = (exec: Execution): ChartModel => this.model(exec);
    this.title = new ChartTitle(context, `${path}.title`, chartOf);
    this.legend = new ChartLegend(context, `${path}.legend`, chartOf);
    this.dataLabels = new ChartDataLabels(context, `${path}.dataLabels`, chartOf);
    this.axes = new ChartAxes(context, `${path}.axes`, chartOf);
    this.series = new ChartSeriesCollection(context, `${path}.series`, chartOf);
  }

  /** @internal The chart this proxy stands for, in the running batch. */
  model(exec: Execution): ChartModel {
    return chartById(this.sheetOf(exec), this.require<number>(exec), this.path);
  }

  protected scalarProperties(): readonly string[] {
    return ['name', 'chartType'];
  }
  protected override navigation(name: string): ClientObject | undefined {
    if (name === 'title') return this.title;
    if (name === 'legend') return this.legend;
    if (name === 'dataLabels') return this.dataLabels;
    if (name === 'series') return this.series;
    return undefined;
  }
  protected readProperty(exec: Execution, target: unknown, property: string): unknown {
    const c = chartById(this.sheetOf(exec), target as number, this.path);
    if (property === 'name') return c.name;
    if (property === 'chartType') {
      requireApi(exec, '1.7', this.path);
      return c.type;
    }
    throw invalidArgument(this.path, `Unknown property '${property}'.`);
  }

  get name(): string {
    return this.get('name');
  }
  set name(value: string) {
    this.set('name', value, (exec) => {
      const c = this.model(exec);
      const sheet = this.sheetOf(exec);
      if (typeof value !== 'string' || value === '' || value.length > 255)
        throw invalidArgument(this.path, 'A chart name is 1 to 255 characters.');
      const other = chartAt(sheet, value);
      if (other && other !== c) throw new HostError(ErrorCodes.itemAlreadyExists, undefined, this.path);
      c.name = value;
      exec.changed = true;
    });
  }
  get chartType(): string {
    return this.get('chartType');
  }

  /** Places the chart from the top-left of `startCell` to the bottom-right of `endCell`. */
  setPosition(startCell: Range | string, endCell?: Range | string): void {
    this.queueWrite(
      {
        op: 'setPosition',
        start: typeof startCell === 'string' ? startCell : startCell.path,
        end: endCell === undefined || typeof endCell === 'string' ? (endCell ?? null) : endCell.path,
      },
      (exec) => {
        requireApi(exec, '1.1', this.path);
        const c = this.model(exec);
        const sheet = this.sheetOf(exec);
        const from = cellOf(exec, sheet, startCell, this.path);
        const to =
          endCell === undefined
            ? { row: from.row + 14, col: from.col + 7 }
            : cellOf(exec, sheet, endCell, this.path);
        if (to.row < from.row || to.col < from.col)
          throw invalidArgument(this.path, 'The end cell must be below and to the right of the start cell.');
        c.from = from;
        c.to = to;
        exec.changed = true;
      },
    );
  }

  delete(): void {
    this.queueWrite({ op: 'delete' }, (exec) => {
      requireApi(exec, '1.1', this.path);
      const c = this.model(exec);
      const sheet = this.sheetOf(exec);
      sheet.charts = (sheet.charts ?? []).filter((x) => x !== c);
      if (sheet.charts.length === 0) delete sheet.charts;
      exec.changed = true;
    });
  }
}

export class ChartCollection extends ClientObject {
  private itemList: Chart[] | undefined;

  constructor(
    context: RequestContext,
    sheetPath: string,
    private readonly sheetOf: SheetResolver,
  ) {
    super(context, `${sheetPath}.charts`, (exec) => sheetOf(exec));
  }

  protected scalarProperties(): readonly string[] {
    return ['count'];
  }
  protected readProperty(exec: Execution, _t: unknown, property: string): unknown {
    if (property === 'count') return this.sheetOf(exec).charts?.length ?? 0;
    throw invalidArgument(this.path, `Unknown property '${property}'.`);
  }
  get count(): number {
    return this.get('count');
  }

  /** Loads the charts' names ("items/name"); each item is then bound to its chart. */
  override load(arg?: Parameters<ClientObject['load']>[0]): this {
    const requested = typeof arg === 'string' || Array.isArray(arg) || arg === undefined ? arg : arg.select;
    const list = (requested === undefined ? [] : Array.isArray(requested) ? requested : requested.split(','))
      .map((p) => p.trim().replace(/^items\//, ''))
      .filter((p) => p !== '' && p !== 'items');
    for (const p of list)
      if (p !== 'name' && p !== 'count') throw invalidArgument(this.path, `Unknown property '${p}'.`);
    this.context.enqueue({
      json: { path: this.path, op: 'load', props: ['name'] },
      write: false,
      run: (exec) => {
        const charts = [...(this.sheetOf(exec).charts ?? [])];
        return {
          response: charts.map((c) => ({ name: c.name })),
          commit: () => {
            this.loaded.set('count', charts.length);
            this.itemList = charts.map((c) => {
              const chart = new Chart(
                this.context,
                `${this.path}.getItem(${c.name})`,
                this.sheetOf,
                () => c.id,
              );
              chart.bindTo(c.id);
              (chart as unknown as { loaded: Map<string, unknown> }).loaded.set('name', c.name);
              return chart;
            });
          },
        };
      },
    });
    return this;
  }

  get items(): Chart[] {
    if (!this.itemList) return this.get('items');
    return this.itemList;
  }

  getCount(): ClientResult<number> {
    return queueResult(
      this.context,
      { path: this.path, op: 'getCount' },
      (exec) => this.sheetOf(exec).charts?.length ?? 0,
    );
  }

  getItem(name: string): Chart {
    const location = `${this.path}.getItem(${name})`;
    return new Chart(this.context, location, this.sheetOf, (exec) => {
      const c = chartAt(this.sheetOf(exec), name);
      if (!c) throw new HostError(ErrorCodes.itemNotFound, undefined, location);
      return c.id;
    });
  }

  getItemOrNullObject(name: string): Chart {
    return new Chart(
      this.context,
      `${this.path}.getItemOrNullObject(${name})`,
      this.sheetOf,
      (exec) => chartAt(this.sheetOf(exec), name)?.id ?? null,
      true,
    );
  }

  /**
   * Adds a chart of the source data. With seriesBy 'Columns' every column is
   * a series, with 'Rows' every row; 'Auto' takes the longer side as the
   * series' length. Categories start unset (Excel numbers them 1, 2, …).
   */
  add(type: string, sourceData: Range, seriesBy: 'Auto' | 'Columns' | 'Rows' = 'Auto'): Chart {
    const location = `${this.path}.add(${type})`;
    let created: ChartModel | undefined;
    this.queueWrite({ op: 'add', type, source: sourceData?.path ?? null, seriesBy }, (exec) => {
      requireApi(exec, '1.1', location);
      if (!(CHART_TYPES as readonly string[]).includes(type))
        throw invalidArgument(
          location,
          `The simulated host draws ${CHART_TYPES.join(' and ')} charts only, not '${type}'.`,
        );
      if (!['Auto', 'Columns', 'Rows'].includes(seriesBy))
        throw invalidArgument(location, `Invalid seriesBy '${seriesBy}'.`);
      const sheet = this.sheetOf(exec);
      const src = rectOfRange(exec, sourceData, location);
      if (!findSheet(exec.wb, src.sheet)) throw new HostError(ErrorCodes.itemNotFound, undefined, location);
      const byColumns =
        seriesBy === 'Columns' || (seriesBy === 'Auto' && src.bottom - src.top >= src.right - src.left);
      const series: ChartSeriesModel[] = [];
      if (byColumns) {
        for (let c = src.left; c <= src.right; c++)
          series.push({
            name: `Serie${series.length + 1}`,
            values: { ...src, left: c, right: c },
            categories: null,
          });
      } else {
        for (let r = src.top; r <= src.bottom; r++)
          series.push({
            name: `Serie${series.length + 1}`,
            values: { ...src, top: r, bottom: r },
            categories: null,
          });
      }
      const prefix = exec.host.culture === 'sv-SE' ? 'Diagram' : 'Chart';
      let n = (sheet.charts?.length ?? 0) + 1;
      while (chartAt(sheet, `${prefix} ${n}`)) n++;
      created = {
        id: nextChartId(exec),
        name: `${prefix} ${n}`,
        type: type as ChartTypeModel,
        title: '',
        titleVisible: false,
        legendVisible: series.length > 1,
        series,
        from: { row: 0, col: 0 },
        to: { row: 14, col: 7 },
        categoriesReversed: false,
        categoryAxisPosition: 'Automatic',
        valueAxisNumberFormat: 'General',
        dataLabelsVisible: false,
        dataLabelsNumberFormat: 'General',
      };
      sheet.charts = [...(sheet.charts ?? []), created];
      exec.changed = true;
    });
    return new Chart(this.context, location, this.sheetOf, () => {
      if (!created) throw new HostError(ErrorCodes.itemNotFound, undefined, location);
      return created.id;
    });
  }
}
