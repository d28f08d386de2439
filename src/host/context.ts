/**
 * The request context and the proxy-object machinery: everything the add-in
 * does is queued, and runs only at `context.sync()`, against a copy of the
 * workbook that replaces the real one when the whole batch succeeded.
 */

import { cloneWorkbook, type SheetModel, type WorkbookModel } from '../workbook/model';
import { recalculate } from '../workbook/recalc';
import type { Culture } from './cells';
import { ErrorCodes, HostError, propertyNotLoaded } from './errors';

export interface Selection {
  sheet: string;
  address: string;
}

export interface SimulatedHostOptions {
  /** Requirement sets reported as supported, name → highest version. Default SharedRuntime 1.1, ExcelApi 1.14. */
  supportedSets?: Record<string, string>;
  /** Culture for Range.text and default sheet names. Default 'sv-SE'. */
  culture?: Culture;
  /**
   * Roll back a batch that fails at sync (default false). Real Excel keeps
   * the operations that ran before the failing one, and so does the host
   * unless a test asks for all-or-nothing batches.
   */
  atomicBatches?: boolean;
  /**
   * The platform Office.context.platform reports (default 'OfficeOnline').
   * 'Mac' also imitates Excel for Mac reading number formats back: "hh:mm"
   * comes back as "h:mm" (office-js issue 4310).
   */
  platform?: 'PC' | 'Mac' | 'OfficeOnline';
  /**
   * Largest request and response per sync, in bytes of JSON, before the sync
   * fails like Excel on the web (RequestPayloadSizeLimitExceeded /
   * ResponsePayloadSizeLimitExceeded). Default 5 MB; Infinity turns it off.
   */
  payloadLimitBytes?: number;
  /** Called after every sync that changed the workbook, selection or active sheet. */
  onChange?: () => void;
  onSelect?: (selection: Selection) => void;
  onShowTaskpane?: () => void;
  onHideTaskpane?: () => void;
}

/** Excel on the web refuses requests and responses above 5 MB. */
export const DEFAULT_PAYLOAD_LIMIT = 5 * 1024 * 1024;

export interface SyncStats {
  requestBytes: number;
  responseBytes: number;
}

export interface HostStats {
  syncCount: number;
  requestBytes: number;
  responseBytes: number;
  syncs: SyncStats[];
  reset(): void;
}

export type ActionHandler = (event: { completed(): void; source: { id: string } }) => unknown;

export interface HostState {
  selection: Selection | null;
  actions: Map<string, ActionHandler>;
  taskpaneVisible: boolean;
  /** The user is typing in a cell (or the formula bar): batches fail, or wait with delayForCellEdit. */
  cellEditMode: boolean;
  /** Batches waiting for cell-edit mode to end (Excel.run({ delayForCellEdit: true }, …)). */
  cellEditWaiters: Array<() => void>;
}

/** Excel.run's options (Excel.RunOptions) the host understands. */
export interface RunOptions {
  delayForCellEdit?: boolean;
}

/** What one simulated Excel instance shares between its request contexts. */
export interface HostCore {
  wb: WorkbookModel;
  options: SimulatedHostOptions;
  culture: Culture;
  stats: HostStats;
  state: HostState;
}

export function createStats(): HostStats {
  const stats: HostStats = {
    syncCount: 0,
    requestBytes: 0,
    responseBytes: 0,
    syncs: [],
    reset() {
      stats.syncCount = 0;
      stats.requestBytes = 0;
      stats.responseBytes = 0;
      stats.syncs = [];
    },
  };
  return stats;
}

/** The state of one running sync. */
export class Execution {
  dirty = false;
  changed = false;
  selection: Selection | null;
  readonly effects: Array<() => void> = [];
  readonly bindings = new Map<object, unknown>();

  constructor(
    readonly wb: WorkbookModel,
    readonly host: HostCore,
  ) {
    this.selection = host.state.selection;
  }

  /** Marks that cell contents changed, so results must be recalculated before anything is read. */
  markDirty(): void {
    this.dirty = true;
    this.changed = true;
  }

  ensureCalculated(): void {
    if (this.dirty) {
      recalculate(this.wb);
      this.dirty = false;
    }
  }
}

interface Action {
  json: unknown;
  write: boolean;
  /** Runs the action; may return a response (serialised for stats) and a commit step for loaded values. */
  run(exec: Execution): { response?: unknown; commit?: () => void } | void;
}

export class RequestContext {
  readonly workbook: import('./workbook').Workbook;
  readonly application: import('./workbook').Application;
  readonly trackedObjects = { add(): void {}, remove(): void {} };
  private queue: Action[] = [];

  constructor(
    readonly host: HostCore,
    createWorkbook: (ctx: RequestContext) => import('./workbook').Workbook,
    readonly runOptions: RunOptions = {},
  ) {
    this.workbook = createWorkbook(this);
    this.application = this.workbook.application;
  }

  get hasPending(): boolean {
    return this.queue.length > 0;
  }

  enqueue(action: Action): void {
    this.queue.push(action);
  }

  /** `context.load(object, props)` as in Office.js. */
  load<T extends ClientObject>(object: T, props?: LoadArg): T {
    object.load(props);
    return object;
  }

  async sync<T>(passThrough?: T): Promise<T | undefined> {
    const actions = this.queue;
    this.queue = [];
    const host = this.host;
    if (host.state.cellEditMode) {
      if (this.runOptions.delayForCellEdit) {
        // Excel holds the request until the user leaves the cell.
        await new Promise<void>((resolve) => host.state.cellEditWaiters.push(resolve));
      } else {
        host.stats.syncCount++;
        host.stats.syncs.push({ requestBytes: 0, responseBytes: 0 });
        await Promise.resolve();
        throw new HostError(ErrorCodes.invalidOperationInCellEditMode);
      }
    }
    const requestBytes = JSON.stringify(actions.map((a) => a.json)).length;
    const limit = host.options.payloadLimitBytes ?? DEFAULT_PAYLOAD_LIMIT;
    if (requestBytes > limit) {
      host.stats.syncCount++;
      host.stats.requestBytes += requestBytes;
      host.stats.syncs.push({ requestBytes, responseBytes: 0 });
      await Promise.resolve();
      throw new HostError(
        ErrorCodes.requestPayloadSizeLimitExceeded,
        `The request payload size (${requestBytes} bytes) has exceeded the limit (${limit} bytes).`,
      );
    }
    const atomic = host.options.atomicBatches === true;
    const writes = actions.some((a) => a.write);
    const exec = new Execution(atomic && writes ? cloneWorkbook(host.wb) : host.wb, host);
    // cloneWorkbook keeps sheet order: remember which original each copy came from.
    const originals = new Map<SheetModel, SheetModel>(
      exec.wb !== host.wb ? exec.wb.sheets.map((copy, i) => [copy, host.wb.sheets[i]!] as const) : [],
    );
    const responses: unknown[] = [];
    const commits: Array<() => void> = [];
    let failure: unknown;
    for (const action of actions) {
      try {
        const result = action.run(exec);
        if (result?.response !== undefined) responses.push(result.response);
        if (result?.commit) commits.push(result.commit);
      } catch (e) {
        failure = e;
        break;
      }
    }
    const keep = failure === undefined || !atomic;
    if (keep) exec.ensureCalculated();
    const responseBytes = failure === undefined ? JSON.stringify(responses).length : 0;
    if (failure === undefined && responseBytes > limit) {
      failure = new HostError(
        ErrorCodes.responsePayloadSizeLimitExceeded,
        `The response payload size (${responseBytes} bytes) has exceeded the limit (${limit} bytes).`,
      );
    }
    host.stats.syncCount++;
    host.stats.requestBytes += requestBytes;
    host.stats.responseBytes += responseBytes;
    host.stats.syncs.push({ requestBytes, responseBytes });
    // Yield like a real round trip, so nothing can observe results synchronously.
    await Promise.resolve();
    if (keep) this.commit(exec, originals, failure === undefined);
    if (failure !== undefined) {
      if (failure instanceof HostError) throw failure;
      throw new HostError(
        ErrorCodes.generalException,
        failure instanceof Error ? failure.message : String(failure),
      );
    }
    for (const commit of commits) commit();
    return passThrough;
  }

  /**
   * Makes the batch's effects visible: the copy's sheets replace the originals' contents (atomic
   * batches), bound objects keep their targets, selection and callbacks follow. A failed batch
   * (non-atomic) keeps its changes but binds nothing and hands out no loaded values.
   */
  private commit(exec: Execution, originals: Map<SheetModel, SheetModel>, succeeded: boolean): void {
    const host = this.host;
    if (exec.wb !== host.wb) {
      // Update the caller's objects in place, so a workbench holding the workbook or a sheet sees the change.
      host.wb.sheets = exec.wb.sheets.map((copy) => {
        const original = originals.get(copy);
        if (!original) return copy;
        for (const key of Object.keys(original) as (keyof SheetModel)[]) delete original[key];
        Object.assign(original, copy);
        return original;
      });
      host.wb.activeSheet = exec.wb.activeSheet;
      if (exec.wb.structureProtected) host.wb.structureProtected = true;
      else delete host.wb.structureProtected;
    }
    if (succeeded) for (const [object, value] of exec.bindings) (object as ClientObject).bindTo(value);
    host.state.selection = exec.selection;
    for (const effect of exec.effects) effect();
    if (exec.changed) host.options.onChange?.();
  }
}

export type LoadArg =
  string | string[] | { select?: string | string[]; expand?: string | string[] } | undefined;

export function parseLoadArg(arg: LoadArg): string[] {
  const split = (s: string | string[] | undefined): string[] =>
    s === undefined ? [] : (Array.isArray(s) ? s : s.split(',')).map((p) => p.trim()).filter((p) => p !== '');
  if (arg === undefined || typeof arg === 'string' || Array.isArray(arg)) return split(arg);
  return [...split(arg.select), ...split(arg.expand)];
}

/**
 * Base of every proxy: a path for the request log, a resolver that finds the
 * real object at sync time (bound for good once a sync succeeds), and the
 * set of loaded property values.
 */
export abstract class ClientObject {
  protected readonly loaded = new Map<string, unknown>();
  private bound: { value: unknown } | undefined;
  private nullState: boolean | undefined;

  constructor(
    readonly context: RequestContext,
    readonly path: string,
    private readonly resolver: (exec: Execution) => unknown,
    /** True for objects from *OrNullObject methods. */
    protected readonly nullable = false,
  ) {
    if (nullable) {
      context.enqueue({
        json: { path, op: 'resolve' },
        write: false,
        run: (exec) => {
          const isNull = this.resolve(exec) === null;
          return { response: { isNullObject: isNull }, commit: () => (this.nullState = isNull) };
        },
      });
    }
  }

  /** Names of scalar properties `load()` without arguments fetches. */
  protected abstract scalarProperties(): readonly string[];
  /** Reads one scalar property at sync time. */
  protected abstract readProperty(exec: Execution, target: unknown, property: string): unknown;
  /** Child proxies reachable by load paths ("format/fill/color"). */
  protected navigation(_name: string): ClientObject | undefined {
    return undefined;
  }

  /** @internal */
  bindTo(value: unknown): void {
    this.bound = { value };
  }

  /** The real object behind this proxy in the running sync; null for a null object. */
  resolve(exec: Execution): unknown {
    if (exec.bindings.has(this)) return exec.bindings.get(this);
    if (this.bound) return this.bound.value;
    const value = this.resolver(exec);
    exec.bindings.set(this, value);
    return value;
  }

  /** Like resolve, but operations on a null object fail as in Excel. */
  protected require<T>(exec: Execution): T {
    const value = this.resolve(exec);
    if (value === null) throw new HostError(ErrorCodes.itemNotFound, undefined, this.path);
    return value as T;
  }

  get isNullObject(): boolean {
    if (!this.nullable) return false;
    if (this.nullState === undefined) throw propertyNotLoaded('isNullObject');
    return this.nullState;
  }

  load(arg?: LoadArg): this {
    const requested = parseLoadArg(arg);
    const own: string[] = [];
    for (const prop of requested.length ? requested : this.scalarProperties()) {
      const slash = prop.indexOf('/');
      const head = slash < 0 ? prop : prop.slice(0, slash);
      const nav = this.navigation(head);
      if (nav) {
        nav.load(slash < 0 ? undefined : prop.slice(slash + 1));
        continue;
      }
      own.push(head);
    }
    if (own.length > 0 || requested.length === 0) this.queueLoad(own);
    return this;
  }

  protected queueLoad(props: string[]): void {
    const known = this.scalarProperties();
    this.context.enqueue({
      json: { path: this.path, op: 'load', props },
      write: false,
      run: (exec) => {
        const target = this.resolve(exec);
        if (target === null) return { response: null, commit: () => (this.nullState = true) };
        const values: Record<string, unknown> = {};
        for (const p of props) {
          if (!known.includes(p)) {
            throw new HostError(ErrorCodes.invalidArgument, `Unknown property '${p}'.`, this.path);
          }
          values[p] = this.readProperty(exec, target, p);
        }
        return {
          response: values,
          commit: () => {
            if (this.nullable) this.nullState = false;
            for (const p of props) this.loaded.set(p, values[p]);
          },
        };
      },
    });
  }

  /** Reads a loaded property, throwing like Office.js when it was not loaded. */
  protected get<T>(property: string): T {
    if (this.nullable && this.nullState === true) return null as T;
    if (!this.loaded.has(property)) throw propertyNotLoaded(property);
    return this.loaded.get(property) as T;
  }

  /**
   * Queues a write. Like Office.js, the proxy remembers the assigned value,
   * so reading it back before sync returns what was assigned.
   */
  protected set(property: string, value: unknown, apply: (exec: Execution) => void): void {
    this.loaded.set(property, value);
    this.queueWrite({ op: 'set', property, value }, apply);
  }

  protected queueWrite(json: Record<string, unknown>, apply: (exec: Execution) => void): void {
    this.context.enqueue({ json: { path: this.path, ...json }, write: true, run: (exec) => apply(exec) });
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loaded);
  }
}

/** The result of a method that returns data (getCount, getCellProperties): readable after sync. */
export class ClientResult<T> {
  private loadedValue: { value: T } | undefined;

  /** @internal */
  setValue(value: T): void {
    this.loadedValue = { value };
  }

  get value(): T {
    if (!this.loadedValue) {
      throw new HostError(
        ErrorCodes.valueNotLoaded,
        'The value of the result object has not been loaded yet. Before reading the value property, call "context.sync()" on the associated request context.',
      );
    }
    return this.loadedValue.value;
  }
}

/** Queues a read that fills a ClientResult at sync. */
export function queueResult<T>(
  context: RequestContext,
  json: unknown,
  compute: (exec: Execution) => T,
): ClientResult<T> {
  const result = new ClientResult<T>();
  context.enqueue({
    json,
    write: false,
    run: (exec) => {
      const value = compute(exec);
      return { response: value ?? null, commit: () => result.setValue(value) };
    },
  });
  return result;
}
