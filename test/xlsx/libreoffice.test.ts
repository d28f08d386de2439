/**
 * The files writeXlsx produces must open in a real spreadsheet program and
 * recalculate there. LibreOffice Calc (installed by scripts/ensure-system-deps.sh)
 * opens the sample, recalculates (fullCalcOnLoad) and saves it again; we read
 * its output back.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithCalc, recalculateWithCalc } from '../support/libreoffice';
import { cellAt } from '../../src/core/grid';
import { STORE_SHEET } from '../../src/core/store';
import { buildSampleWorkbook } from '../../src/sample';
import { createSheet, setCellData, type WorkbookModel } from '../../src/workbook/model';
import { modelToGrid, readXlsx, writeXlsx } from '../../src/xlsx';

describeWithCalc('LibreOffice Calc opens and recalculates what writeXlsx wrote', () => {
  let dir: string;
  let recalculated: WorkbookModel;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'budgetkoll-lo-'));
    const model = buildSampleWorkbook();
    const store = createSheet(STORE_SHEET, 'VeryHidden');
    setCellData(store, 0, 0, { value: '{"format":"budgetkoll/1"}' });
    model.sheets.push(store);
    writeFileSync(join(dir, 'in.xlsx'), await writeXlsx(model));
    recalculated = await readXlsx(readFileSync(recalculateWithCalc(dir)));
  }, 150_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the sheets, the store sheet hidden', () => {
    expect(recalculated.sheets.map((s) => s.name)).toEqual([
      'Resultatrapport',
      'Verksamhetsrapport',
      'Följetal',
      STORE_SHEET,
    ]);
    expect(recalculated.sheets[3]!.visibility).not.toBe('Visible');
  });

  it('recalculates SUMMA to the exact sum of the rounded items', () => {
    const grid = modelToGrid(recalculated, 'Verksamhetsrapport');
    expect(cellAt(grid, 19, 3).f).toBe('=SUM(D5:D19)');
    // Published -426 280; the fifteen rounded items add up to -426 278.
    expect(cellAt(grid, 19, 3).v).toBe(-426278);
    expect(cellAt(grid, 19, 2).v).toBe(-412059);
  });

  it('recalculates Kostnader and Resultat through their formulas', () => {
    const grid = modelToGrid(recalculated, 'Resultatrapport');
    // Kostnader, Utfall perioden 2023: published -544 029, items add up to -544 028.
    expect(cellAt(grid, 22, 1).v).toBe(-544028);
    expect(cellAt(grid, 23, 1).v).toBe(152929 - 544028);
  });

  it('keeps ".." as text and the number formats', () => {
    const grid = modelToGrid(recalculated, 'Följetal');
    const texts = grid.rows.flatMap((r) => r.cells).filter((c) => c.v === '..');
    expect(texts).toHaveLength(3);
    expect(cellAt(grid, 5, 2)).toMatchObject({ v: 98803, fmt: '#,##0' });
    expect(cellAt(modelToGrid(recalculated, 'Verksamhetsrapport'), 4, 1).fmt).toBe('#,##0');
  });
});
