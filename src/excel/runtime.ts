/**
 * The one place that reaches for `globalThis.Excel` and `globalThis.Office`.
 * Tests and the workbench install their own runtime with `setRuntime`, so the
 * rest of the gateway never knows whether it talks to Excel or a simulation.
 */
import { GatewayError, toGatewayError } from './errors';
import { ChunkFailure } from './payload';

/** The part of the Excel namespace the gateway uses. */
export interface ExcelRuntime {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  run<T>(
    options: { delayForCellEdit?: boolean },
    batch: (context: Excel.RequestContext) => Promise<T>,
  ): Promise<T>;
}

/** The part of the Office namespace the gateway uses. */
export interface OfficeRuntime {
  context?: {
    requirements?: { isSetSupported(name: string, minVersion?: string): boolean };
  };
}

let injected: { Excel?: ExcelRuntime; Office?: OfficeRuntime } | undefined;

/** Installs a runtime (tests, workbench); `undefined` goes back to the globals. */
export function setRuntime(runtime: { Excel: unknown; Office?: unknown } | undefined): void {
  injected = runtime
    ? { Excel: runtime.Excel as ExcelRuntime, Office: runtime.Office as OfficeRuntime | undefined }
    : undefined;
}

export function getExcel(): ExcelRuntime {
  const excel = injected ? injected.Excel : (globalThis as { Excel?: ExcelRuntime }).Excel;
  if (!excel || typeof excel.run !== 'function') {
    throw new GatewayError(
      'NO_EXCEL',
      'Budgetkoll kan bara köras inuti Excel. Öppna tillägget från menyfliksområdet i Excel.',
    );
  }
  return excel;
}

export function getOffice(): OfficeRuntime | undefined {
  return injected ? injected.Office : (globalThis as { Office?: OfficeRuntime }).Office;
}

/** False when Office is absent or cannot tell, so callers take their fallback. */
export function isSetSupported(name: string, version: string): boolean {
  try {
    return getOffice()?.context?.requirements?.isSetSupported(name, version) === true;
  } catch {
    return false;
  }
}

/**
 * Excel.run with every failure translated into a GatewayError. While the
 * user is typing in a cell, Excel fails a batch (InvalidOperationInCellEditMode);
 * with delayForCellEdit (Excel.RunOptions, ExcelApi 1.5) it waits until the
 * user leaves the cell instead.
 */
export async function runExcel<T>(
  batch: (context: Excel.RequestContext) => Promise<T>,
  sheet?: string,
): Promise<T> {
  const excel = getExcel();
  try {
    return isSetSupported('ExcelApi', '1.5')
      ? await excel.run({ delayForCellEdit: true }, batch)
      : await excel.run(batch);
  } catch (e) {
    throw toGatewayError(e instanceof ChunkFailure ? e.failure : e, sheet);
  }
}
