/**
 * The simulated Excel host: the subset of the Excel JavaScript API and the
 * Office namespace that Budgetkoll uses, over an in-memory workbook, with
 * Excel's rules (load before read, nothing happens before sync, errors at
 * sync). The workbench installs it on `window`; tests call it directly.
 *
 *   const sim = installSimulatedHost(frame.contentWindow, workbook, {
 *     onChange: rerender,           // after every sync that changed something
 *     onSelect: (s) => showSelection(s),
 *   });
 *   await sim.invokeAction('validateStructure');   // a ribbon button
 *   sim.select('Blad1', 'B2');                     // the user clicks a cell
 *
 * Like Excel, a batch that fails at sync keeps what ran before the failing
 * command (pass atomicBatches: true for all-or-nothing batches).
 */

import { findSheet, type WorkbookModel } from '../workbook/model';
import { recalculate } from '../workbook/recalc';
import { formatAddress, parseLocalAddress, splitSheet } from './address';
import {
  createStats,
  RequestContext,
  type HostCore,
  type HostState,
  type RunOptions,
  type HostStats,
  type Selection,
  type SimulatedHostOptions,
} from './context';
import { ErrorCodes, HostError } from './errors';
import { createOffice, invokeAction, type SimulatedOffice } from './office';
import { Workbook } from './workbook';

export type {
  SimulatedHostOptions,
  HostStats,
  HostState,
  Selection,
  ActionHandler,
  RunOptions,
} from './context';
export type { SimulatedOffice, ReadyInfo } from './office';
export { HostError, ErrorCodes } from './errors';
export { RequestContext } from './context';
export { Workbook, Worksheet, WorksheetCollection } from './workbook';
export { Range } from './range';
export { RangeFormat, RangeFill, RangeFont } from './format';
export { shiftFormula, applyShift, dropSheetReferences, type ShiftEdit } from './refShift';

type Batch<T> = (context: RequestContext) => Promise<T>;

export interface SimulatedExcel {
  run<T>(batch: Batch<T>): Promise<T>;
  run<T>(object: unknown, batch: Batch<T>): Promise<T>;
  RequestContext: new () => RequestContext;
  RangeValueType: Record<string, string>;
  InsertShiftDirection: { right: 'Right'; down: 'Down' };
  DeleteShiftDirection: { left: 'Left'; up: 'Up' };
  SheetVisibility: { visible: 'Visible'; hidden: 'Hidden'; veryHidden: 'VeryHidden' };
  SpecialCellType: Record<string, string>;
  ClearApplyTo: Record<string, string>;
  ErrorCodes: typeof ErrorCodes;
}

export interface SimulatedHost {
  Excel: SimulatedExcel;
  Office: SimulatedOffice;
  OfficeExtension: { Error: typeof HostError; ErrorCodes: typeof ErrorCodes };
  stats: HostStats;
  state: HostState;
  /** Runs the handler registered with Office.actions.associate(id, …); resolves when it calls completed(). */
  invokeAction(id: string): Promise<void>;
  /** The workbook the host serves (the same object that was passed in; batches update it in place). */
  readonly workbook: WorkbookModel;
  /** The current selection, as the add-in would get it from getSelectedRange(). */
  readonly selection: Selection | null;
  /** The user selects cells in the workbench grid (activates the sheet; no callbacks are called). */
  select(sheet: string, address: string): void;
  /** The user clicks a sheet tab in the workbench (no callbacks are called). */
  activateSheet(sheet: string): void;
  /** The user starts (true) or ends (false) typing in a cell; ending it runs the batches that waited. */
  setCellEditMode(editing: boolean): void;
}

export function createSimulatedExcel(wb: WorkbookModel, options: SimulatedHostOptions = {}): SimulatedHost {
  recalculate(wb);
  const host: HostCore = {
    wb,
    options,
    culture: options.culture ?? 'sv-SE',
    stats: createStats(),
    state: {
      selection: null,
      actions: new Map(),
      taskpaneVisible: true,
      cellEditMode: false,
      cellEditWaiters: [],
    },
  };
  const newContext = (options?: RunOptions): RequestContext =>
    new RequestContext(host, (ctx) => new Workbook(ctx), options);

  async function run<T>(first: unknown, second?: Batch<T>): Promise<T> {
    const batch = (typeof first === 'function' ? first : second) as Batch<T> | undefined;
    if (typeof batch !== 'function')
      throw new HostError(ErrorCodes.invalidArgument, 'Excel.run needs a batch function.');
    const options = typeof first === 'object' && first !== null ? (first as RunOptions) : undefined;
    const context = newContext(options);
    const result = await batch(context);
    // Like Office.js, whatever the batch left queued is sent when it returns.
    if (context.hasPending) await context.sync();
    return result;
  }

  const Excel: SimulatedExcel = {
    run: run as SimulatedExcel['run'],
    RequestContext: function SimulatedRequestContext() {
      return newContext();
    } as unknown as new () => RequestContext,
    RangeValueType: {
      unknown: 'Unknown',
      empty: 'Empty',
      string: 'String',
      integer: 'Integer',
      double: 'Double',
      boolean: 'Boolean',
      error: 'Error',
      richValue: 'RichValue',
    },
    InsertShiftDirection: { right: 'Right', down: 'Down' },
    DeleteShiftDirection: { left: 'Left', up: 'Up' },
    SheetVisibility: { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' },
    SpecialCellType: {
      conditionalFormats: 'ConditionalFormats',
      dataValidations: 'DataValidations',
      blanks: 'Blanks',
      constants: 'Constants',
      formulas: 'Formulas',
      sameConditionalFormat: 'SameConditionalFormat',
      sameDataValidation: 'SameDataValidation',
      visible: 'Visible',
    },
    ClearApplyTo: {
      all: 'All',
      formats: 'Formats',
      contents: 'Contents',
      hyperlinks: 'Hyperlinks',
      removeHyperlinks: 'RemoveHyperlinks',
      resetContents: 'ResetContents',
    },
    ErrorCodes,
  };

  return {
    Excel,
    Office: createOffice(host),
    OfficeExtension: { Error: HostError, ErrorCodes },
    stats: host.stats,
    state: host.state,
    invokeAction: (id) => invokeAction(host, id),
    get workbook() {
      return host.wb;
    },
    get selection() {
      return host.state.selection;
    },
    select(sheetName, address) {
      const sheet = visibleSheet(host, sheetName);
      const rect = parseLocalAddress(splitSheet(address).local);
      if (!rect) throw new HostError(ErrorCodes.invalidArgument, `Invalid address '${address}'.`);
      host.wb.activeSheet = sheet;
      host.state.selection = { sheet, address: formatAddress({ sheet, ...rect }) };
    },
    activateSheet(sheetName) {
      host.wb.activeSheet = visibleSheet(host, sheetName);
    },
    setCellEditMode(editing) {
      host.state.cellEditMode = editing;
      if (editing) return;
      const waiting = host.state.cellEditWaiters.splice(0);
      for (const resume of waiting) resume();
    },
  };
}

function visibleSheet(host: HostCore, name: string): string {
  const sheet = findSheet(host.wb, name);
  if (!sheet) throw new HostError(ErrorCodes.itemNotFound, `No sheet named '${name}'.`);
  if (sheet.visibility !== 'Visible')
    throw new HostError(ErrorCodes.invalidOperation, `The sheet '${name}' is hidden.`);
  return sheet.name;
}

/**
 * Installs the simulated host on a window-like object: sets `Excel` and
 * `OfficeExtension`, and puts the simulated members onto an existing
 * `Office` (e.g. from office.js loaded in a plain browser), keeping its others.
 */
export function installSimulatedHost(
  windowLike: object,
  wb: WorkbookModel,
  options: SimulatedHostOptions = {},
): SimulatedHost {
  const win = windowLike as Record<string, unknown>;
  const sim = createSimulatedExcel(wb, options);
  win.Excel = sim.Excel;
  win.OfficeExtension = { ...((win.OfficeExtension as object | undefined) ?? {}), ...sim.OfficeExtension };
  const existing = win.Office;
  const office = (existing && typeof existing === 'object' ? existing : {}) as Record<string, unknown>;
  let target = office;
  for (const [key, value] of Object.entries(sim.Office)) {
    if (!setMember(target, key, value)) {
      // A member office.js made read-only: shadow the whole namespace, keeping its other members via the prototype.
      target = Object.create(office) as Record<string, unknown>;
      for (const [k, v] of Object.entries(sim.Office)) {
        Object.defineProperty(target, k, { value: v, writable: true, enumerable: true });
      }
      break;
    }
  }
  win.Office = target;
  return sim;
}

function setMember(object: Record<string, unknown>, key: string, value: unknown): boolean {
  try {
    object[key] = value;
  } catch {
    // office.js defines some members as accessors without setters.
  }
  if (object[key] === value) return true;
  try {
    Object.defineProperty(object, key, { value, configurable: true, writable: true, enumerable: true });
  } catch {
    return false;
  }
  return object[key] === value;
}
