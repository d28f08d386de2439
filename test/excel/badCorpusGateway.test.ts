/**
 * The bad-input corpus (test/fixtures/bad) through the add-in's own path:
 * every workbook the reader can open goes into the simulated Excel host, and
 * each visible sheet is read by the gateway, checked (Validera struktur,
 * Validera summor) and computed (Beräkna avvikelser), as the ribbon buttons
 * do. Nothing may throw but a GatewayError with a Swedish message; no
 * message may leak code ("undefined", "NaN", "[object", a stack frame); a
 * command that is refused leaves every sheet as it was, and one that writes
 * is taken back exactly by Ångra.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeSheet, computeDeviations, validateSums } from '../../src/core';
import { STORE_SHEET } from '../../src/core/store';
import { applyPlan } from '../../src/excel/applyPlan';
import { GatewayError } from '../../src/excel/errors';
import { readSheet } from '../../src/excel/readSheet';
import { setRuntime } from '../../src/excel/runtime';
import { undoLast } from '../../src/excel/undo';
import { createSimulatedExcel } from '../../src/host';
import { cloneWorkbook, type WorkbookModel } from '../../src/workbook/model';
import { readXlsx } from '../../src/xlsx';

const DIR = join(__dirname, '..', 'fixtures', 'bad');
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.xlsx'))
  .sort();

/** The user's sheets as plain data (the store sheet is Budgetkoll's own). */
function userCells(wb: WorkbookModel) {
  return wb.sheets
    .filter((s) => s.name !== STORE_SHEET)
    .map((s) => ({ name: s.name, cells: [...s.cells].sort(([a], [b]) => a.localeCompare(b)) }));
}

const LEAKS = /undefined|NaN|\[object|\bat .+:\d+|Error:|TypeError|RangeError/;

function expectCleanMessage(text: string): void {
  expect(text).not.toMatch(LEAKS);
  expect(text.length).toBeGreaterThan(10);
}

async function openable(file: string): Promise<WorkbookModel | undefined> {
  try {
    return await readXlsx(readFileSync(join(DIR, file)));
  } catch {
    // Files Excel would not open either (corrupt, encrypted, not a workbook): the command line's corpus covers them.
    return undefined;
  }
}

afterEach(() => setRuntime(undefined));

/** What happened across the corpus, so the test also proves it exercised writes, undos and refusals. */
const seen = { opened: 0, sheets: 0, undone: 0, refused: [] as string[] };

describe('the bad-input corpus through the gateway on the simulated host', () => {
  it('has workbooks to try', () => {
    expect(FILES.length).toBeGreaterThan(40);
  });

  it.each(FILES)(
    '%s: checks and Beräkna answer in Swedish; a refusal changes nothing, Ångra undoes a write',
    async (file) => {
      const model = await openable(file);
      if (!model) return;
      seen.opened++;
      const host = createSimulatedExcel(model);
      setRuntime({ Excel: host.Excel, Office: host.Office });
      const visible = model.sheets.filter((s) => s.visibility === 'Visible').map((s) => s.name);
      for (const name of visible.slice(0, 5)) {
        const before = userCells(cloneWorkbook(model));
        let grid;
        try {
          grid = (await readSheet(name)).grid;
        } catch (e) {
          expect(e).toBeInstanceOf(GatewayError);
          expectCleanMessage((e as GatewayError).userMessage);
          continue;
        }
        for (const f of [...analyzeSheet(grid).findings, ...validateSums([grid])[0]!.findings])
          expectCleanMessage(f.message);
        seen.sheets++;
        const result = computeDeviations(grid);
        for (const f of result.findings) expectCleanMessage(f.message);
        let written: number;
        try {
          written = (
            await applyPlan(result.plan, grid, {
              command: 'computeDeviations',
              description: 'Beräkna avvikelser',
            })
          ).written;
        } catch (e) {
          expect(e).toBeInstanceOf(GatewayError);
          expectCleanMessage((e as GatewayError).userMessage);
          expect(userCells(model)).toEqual(before);
          seen.refused.push(file);
          continue;
        }
        if (written > 0) {
          const undone = await undoLast();
          expect(undone?.description).toBe('Beräkna avvikelser');
          expect(userCells(model)).toEqual(before);
          seen.undone++;
        }
      }
    },
  );

  it('opened most of the corpus, wrote and took back on sheets, refused the protected sheet', () => {
    expect(seen.opened).toBeGreaterThanOrEqual(50);
    expect(seen.sheets).toBeGreaterThanOrEqual(50);
    expect(seen.undone).toBeGreaterThanOrEqual(3);
    expect(seen.refused).toEqual(expect.arrayContaining(['skyddat-blad.xlsx']));
  });
});
