import { parseRange, rangeA1 } from '../core/grid';
import { GatewayError } from './errors';
import { runExcel } from './runtime';

/** Activates `sheet` and selects `address` ("C7", "B5:C9", "'Blad 1'!C7") in one sync. */
export async function selectCell(sheet: string, address: string): Promise<void> {
  const r = parseRange(address);
  if (!r) throw new GatewayError('INVALID_ADDRESS', `Budgetkoll förstod inte celladressen ”${address}”.`);
  await runExcel(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRange(rangeA1(r.top, r.left, r.bottom, r.right)).select();
    await context.sync();
  }, sheet);
}
