/**
 * Putting a sheet back after Excel failed a write halfway. Excel keeps what a
 * failed batch did before the failing command, so the gateway restores every
 * before-state and removes the inserts that were made.
 */
import type { Grid } from '../core/grid';
import { append, forEachCell, gridBounds, rangeA1 } from '../core/grid';
import { shiftedColumn, type ColumnInsert, type JournalEntry } from '../core/plan';
import { insertDeleteOps, restoreOps } from './cellWrites';
import { GatewayError, toGatewayError } from './errors';
import { packOps, syncGroups } from './payload';
import { bands, type Rect } from './regions';
import { sameContent } from './snapshotCheck';

/**
 * How many of the inserts a failed batch had applied, told from where the
 * snapshot's constants now sit. Writes are queued after all inserts, so
 * fewer than all inserts means no write happened either.
 */
export function appliedInserts(
  snapshot: Grid,
  inserts: readonly ColumnInsert[],
  current: { rect: Rect; values: readonly (readonly unknown[])[] },
): number {
  const { rect, values } = current;
  const valueAt = (row: number, col: number): unknown =>
    row >= rect.top && row <= rect.bottom && col >= rect.left && col <= rect.right
      ? values[row - rect.top]?.[col - rect.left]
      : undefined;
  for (let k = 0; k < inserts.length; k++) {
    const applied = inserts.slice(0, k);
    let matches = true;
    forEachCell(snapshot, (row, col, cell) => {
      if (!matches || cell.f !== undefined || cell.v === null) return;
      const now = valueAt(row, shiftedColumn(col, row, applied));
      if (!sameContent(cell, now, now)) matches = false;
    });
    if (matches) return k;
  }
  return inserts.length;
}

/**
 * Restores the sheet after a failed write and returns the error to report:
 * the cause with "Bladet … är återställt", or, when even that failed, a
 * message that tells the user to check the sheet.
 */
export async function rollBack(
  context: Excel.RequestContext,
  ws: Excel.Worksheet,
  entry: JournalEntry,
  snapshot: Grid | undefined,
  failure: unknown,
  insertsDone: boolean,
): Promise<GatewayError> {
  const cause = toGatewayError(failure, entry.sheet);
  try {
    let applied = entry.inserts.length;
    // Inserts all run in the first write request; a later request failing means they all happened.
    const extent = snapshot && !insertsDone && entry.inserts.length > 0 ? gridBounds(snapshot) : undefined;
    if (snapshot && extent) {
      const rect = { ...extent, right: extent.right + entry.inserts.length };
      const values: unknown[][] = [];
      for (const band of bands(rect)) {
        const range = ws.getRange(rangeA1(band.top, band.left, band.bottom, band.right));
        range.load('values');
        await context.sync();
        append(values, range.values);
      }
      applied = appliedInserts(snapshot, entry.inserts, { rect, values });
    }
    // Restoring every before-state is right whichever request failed: cells not yet written get what they hold.
    const ops =
      applied === entry.inserts.length
        ? restoreOps(ws, entry)
        : insertDeleteOps(ws, { inserts: entry.inserts.slice(0, applied) });
    await syncGroups(context, packOps(ops));
    return new GatewayError(cause.code, `${cause.userMessage} Bladet ”${entry.sheet}” är återställt.`, {
      cause: failure,
    });
  } catch {
    return new GatewayError(
      'EXCEL_ERROR',
      `Excel avbröt ändringen och Budgetkoll kunde inte återställa bladet ”${entry.sheet}” helt. Kontrollera bladet eller stäng utan att spara.`,
      { cause: failure },
    );
  }
}
