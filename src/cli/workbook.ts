/** Reading the user's workbook and the settings Budgetkoll stored in it. */
import { basename } from 'node:path';
import type { Grid } from '../core/grid';
import type { Settings } from '../core/schemas';
import { DEFAULT_SETTINGS } from '../core/schemas';
import { STORE_SHEET, decodeStore } from '../core/store';
import type { WorkbookModel } from '../workbook/model';
import { findSheet, parseCellKey } from '../workbook/model';
import { readXlsx, readXlsxGrids, type GridWorkbook, type SheetInfo } from '../xlsx/read';
import { isXlsxReadError } from '../xlsx/errors';
import { CliError, fileErrorMessage, type CliIO } from './io';

async function readBytes(io: CliIO, path: string): Promise<Uint8Array> {
  try {
    return await io.readFile(path);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(fileErrorMessage(e, path, 'read'));
  }
}

function readError(e: unknown, path: string): unknown {
  if (e instanceof CliError) return e;
  if (isXlsxReadError(e)) return new CliError(`Kan inte läsa ${path}: ${e.message}`);
  return new CliError(`Kan inte läsa ${path}: filen kunde inte tolkas som Excel-arbetsbok.`);
}

/** The whole workbook as the in-memory model (for commands that change it). */
export async function loadWorkbook(io: CliIO, path: string): Promise<WorkbookModel> {
  return (await loadWorkbookFile(io, path)).model;
}

/** The file's bytes and the workbook read from them (berakna's output is those bytes with its cells changed). */
export async function loadWorkbookFile(
  io: CliIO,
  path: string,
): Promise<{ bytes: Uint8Array; model: WorkbookModel }> {
  const bytes = await readBytes(io, path);
  try {
    return { bytes, model: await readXlsx(bytes, { fileName: basename(path) }) };
  } catch (e) {
    throw readError(e, path);
  }
}

/**
 * The grids of the sheets `select` picks, and of the store sheet (for the
 * settings); other sheets are not parsed.
 */
export async function loadGrids(
  io: CliIO,
  path: string,
  select: (sheets: readonly SheetInfo[]) => readonly string[],
): Promise<GridWorkbook & { settings: Settings; bytes: Uint8Array }> {
  const bytes = await readBytes(io, path);
  let wb: GridWorkbook;
  try {
    wb = await readXlsxGrids(
      bytes,
      (sheets) => [...select(sheets), ...sheets.filter((s) => isStoreSheet(s.name)).map((s) => s.name)],
      { fileName: basename(path) },
    );
  } catch (e) {
    throw readError(e, path);
  }
  const store = [...wb.grids.keys()].find(isStoreSheet);
  const settings = store ? gridSettings(wb.grids.get(store)!) : DEFAULT_SETTINGS;
  if (store) wb.grids.delete(store);
  return { ...wb, settings, bytes };
}

/** The settings held in column A of the store sheet's grid. */
function gridSettings(grid: Grid): Settings {
  const chunks: unknown[] = [];
  for (const r of grid.rows) if (r.cols[0] === 0) chunks.push(r.cells[0]!.v);
  return decodeStore(chunks).settings;
}

/** The settings saved in the very hidden store sheet, or the defaults when there are none. */
export function workbookSettings(model: WorkbookModel): Settings {
  const store = findSheet(model, STORE_SHEET);
  if (!store) return DEFAULT_SETTINGS;
  const chunks: { row: number; value: unknown }[] = [];
  for (const [key, data] of store.cells) {
    const { row, col } = parseCellKey(key);
    if (col === 0) chunks.push({ row, value: data.value });
  }
  chunks.sort((a, b) => a.row - b.row);
  return decodeStore(chunks.map((c) => c.value)).settings;
}

export function isStoreSheet(name: string): boolean {
  return name.toLowerCase() === STORE_SHEET.toLowerCase();
}

/** The sheets a command works on: every visible sheet but the store, or the one named with --blad (any letter case). */
export function sheetsToUse(sheets: readonly SheetInfo[], only: string | undefined): string[] {
  if (only === undefined)
    return sheets.filter((s) => s.visibility === 'Visible' && !isStoreSheet(s.name)).map((s) => s.name);
  const lower = only.toLowerCase();
  const sheet = sheets.find((s) => s.name.toLowerCase() === lower);
  if (!sheet || isStoreSheet(sheet.name)) {
    const names = sheets.filter((s) => !isStoreSheet(s.name)).map((s) => s.name);
    const shown =
      names.length > 20 ? `${names.slice(0, 20).join(', ')} … (${names.length} blad)` : names.join(', ');
    throw new CliError(`Bladet finns inte: ${only}. Bladen i arbetsboken: ${shown}`);
  }
  return [sheet.name];
}

/** A workbook whose sheets are all hidden: say which there are and how to check one. */
export function noVisibleSheets(file: string, sheets: readonly { name: string }[]): string {
  const names = sheets.filter((s) => !isStoreSheet(s.name)).map((s) => s.name);
  return names.length
    ? `Arbetsboken ${file} har inga synliga blad. Visa bladet i Excel, eller kontrollera ett dolt blad med --blad NAMN (dolda blad: ${names.slice(0, 20).join(', ')}).`
    : `Arbetsboken ${file} har inga kalkylblad att kontrollera.`;
}
