/** Reading the user's workbook and the settings Budgetkoll stored in it. */
import type { Settings } from '../core/schemas';
import { DEFAULT_SETTINGS } from '../core/schemas';
import { STORE_SHEET, decodeStore } from '../core/store';
import type { WorkbookModel } from '../workbook/model';
import { findSheet, parseCellKey } from '../workbook/model';
import { readXlsx } from '../xlsx/read';
import { isXlsxReadError } from '../xlsx/errors';
import { CliError, fileErrorMessage, type CliIO } from './io';

export async function loadWorkbook(io: CliIO, path: string): Promise<WorkbookModel> {
  return (await loadWorkbookFile(io, path)).model;
}

/** The file's bytes and the workbook read from them (berakna edits those very bytes). */
export async function loadWorkbookFile(
  io: CliIO,
  path: string,
): Promise<{ bytes: Uint8Array; model: WorkbookModel }> {
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(path);
  } catch (e) {
    throw new CliError(fileErrorMessage(e, path, 'read'));
  }
  try {
    return { bytes, model: await readXlsx(bytes) };
  } catch (e) {
    if (isXlsxReadError(e)) throw new CliError(`Kan inte läsa ${path}: ${e.message}`);
    throw new CliError(`Kan inte läsa ${path}: filen kunde inte tolkas som Excel-arbetsbok.`);
  }
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
