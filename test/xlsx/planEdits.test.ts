/**
 * From what the gateway did to the package editor's edits: only cells the
 * gateway changed, their content as the host resolved it, cached results
 * only where they are certainly Excel's (issue: a SUM over #REF! or over
 * booleans must not be cached as a number).
 */
import type { WritePlan } from '../../src/core/plan';
import { STORE_SHEET } from '../../src/core/store';
import {
  createSheet,
  createWorkbook,
  findSheet,
  setCellData,
  type WorkbookModel,
} from '../../src/workbook/model';
import { recalculate } from '../../src/workbook/recalc';
import { capturePlan, exactResult, formulaResults, packageEdits, storeChunks } from '../../src/xlsx';
import { applyThroughGateway } from '../support/gatewayApply';

function workbook(): WorkbookModel {
  const wb = createWorkbook(['Drift']);
  const s = wb.sheets[0]!;
  setCellData(s, 0, 0, { value: 'Verksamhet' });
  setCellData(s, 0, 1, { value: 'Utfall' });
  setCellData(s, 0, 2, { value: 'Budget' });
  setCellData(s, 1, 1, { value: 100 });
  setCellData(s, 1, 2, { value: 90 });
  setCellData(s, 2, 1, { value: 50 });
  setCellData(s, 2, 2, { value: '#REF!', error: true });
  setCellData(s, 3, 1, { value: true });
  setCellData(s, 3, 2, { value: 'x' });
  setCellData(s, 4, 1, { formula: '=SUM(B2:B3)', value: 150 });
  return wb;
}

describe('exactResult', () => {
  const wb = workbook();
  it('trusts plain arithmetic over numbers and empty cells', () => {
    expect(exactResult(wb, 'Drift', '=B2-C2', 10)).toBe(10);
    expect(exactResult(wb, 'Drift', '=SUM(B2:B3)+D9', 150)).toBe(150);
    expect(exactResult(wb, 'Drift', '=B2*12/8', 150)).toBe(150);
    expect(exactResult(wb, 'Drift', '=B2-B2', -0)).toBe(0);
  });

  it('leaves the result out over errors, booleans and text, and for anything but arithmetic', () => {
    expect(exactResult(wb, 'Drift', '=SUM(C2:C3)', 90)).toBeUndefined();
    expect(exactResult(wb, 'Drift', '=SUM(B2:B4)', 151)).toBeUndefined();
    expect(exactResult(wb, 'Drift', '=B2-C4', Number.NaN)).toBeUndefined();
    expect(exactResult(wb, 'Drift', '=IF(B2>0,B2,0)', 100)).toBeUndefined();
    expect(exactResult(wb, 'Drift', '=B2/0', Infinity)).toBeUndefined();
    expect(exactResult(wb, 'Saknas', '=B2', 100)).toBeUndefined();
  });
});

describe('packageEdits', () => {
  const plan: WritePlan = {
    sheet: 'Drift',
    inserts: [{ col: 2, top: 0, bottom: 5 }],
    writes: [
      { row: 0, col: 2, value: 'Avvikelse' },
      { row: 1, col: 2, formula: '=B2-D2', numberFormat: '#,##0' },
      { row: 2, col: 2, formula: '=B3-D3', numberFormat: '#,##0' },
      // The label it already has: the gateway leaves it, and so does the file.
      { row: 0, col: 0, value: 'Verksamhet' },
    ],
  };

  it('edits the cells the gateway changed, with results only where they are exact, and the store', async () => {
    const wb = workbook();
    recalculate(wb);
    const before = formulaResults(wb);
    const pending = capturePlan(wb, plan);
    const written = await applyThroughGateway(wb, plan);
    recalculate(wb);
    const edits = packageEdits(
      wb,
      [{ pending, written }],
      storeChunks(wb) === undefined ? undefined : [],
      before,
    );
    expect(edits.sheets).toHaveLength(1);
    const cells = edits.sheets[0]!.cells;
    expect(edits.sheets[0]!.inserts).toEqual(plan.inserts);
    expect(cells).toEqual([
      { row: 0, col: 2, value: 'Avvikelse' },
      { row: 1, col: 2, formula: '=B2-D2', result: 10, numberFormat: '#,##0' },
      // B3 − #REF!: no cached result, Excel and LibreOffice calculate it.
      { row: 2, col: 2, formula: '=B3-D3', numberFormat: '#,##0' },
    ]);
    // The journal entry the gateway wrote is in the store sheet, and goes into the file.
    expect(findSheet(wb, STORE_SHEET)).toBeDefined();
    expect(edits.store?.join('')).toContain('"command":"computeDeviations"');
  });

  it('gives nothing when the gateway wrote nothing', async () => {
    const wb = workbook();
    const noop: WritePlan = { sheet: 'Drift', inserts: [], writes: [{ row: 1, col: 1, value: 100 }] };
    const pending = capturePlan(wb, noop);
    const written = await applyThroughGateway(wb, noop);
    expect(written).toBe(0);
    expect(packageEdits(wb, [{ pending, written }], storeChunks(wb))).toEqual({ sheets: [] });
  });

  it('updates the cached result of a formula that reads a written cell', async () => {
    const wb = workbook();
    const other = createSheet('Summa');
    setCellData(other, 0, 0, { formula: '=Drift!B2*2', value: 200 });
    wb.sheets.push(other);
    recalculate(wb);
    const before = formulaResults(wb);
    const write: WritePlan = { sheet: 'Drift', inserts: [], writes: [{ row: 1, col: 1, value: 120 }] };
    const pending = capturePlan(wb, write);
    const written = await applyThroughGateway(wb, write);
    recalculate(wb);
    const edits = packageEdits(wb, [{ pending, written }], undefined, before);
    expect(edits.sheets.find((s) => s.sheet === 'Summa')?.cells).toEqual([
      { row: 0, col: 0, resultOnly: true, result: 240 },
    ]);
  });
});
