import { cellAt } from '../../src/core/grid';
import type { WritePlan } from '../../src/core/plan';
import { createSheet, getCellData, setCellData, type WorkbookModel } from '../../src/workbook/model';
import {
  listFormulaRefs,
  modelToGrid,
  readXlsx,
  shiftFormulaForInsert,
  slideFormula,
  writeXlsx,
} from '../../src/xlsx';
import { applyThroughGateway } from '../support/gatewayApply';

describe('slideFormula (shared formulas)', () => {
  it('moves relative parts and keeps absolute ones', () => {
    expect(slideFormula('SUM(B5:B9)+$A$1+B$2+$C3', 2, 1)).toBe('SUM(C7:C11)+$A$1+C$2+$C5');
  });

  it('leaves text, function names and other sheets’ names alone', () => {
    expect(slideFormula('IF(LOG10(A1)>0,"A1",\'Blad 2\'!B2)', 1, 0)).toBe(
      'IF(LOG10(A2)>0,"A1",\'Blad 2\'!B3)',
    );
  });

  it('leaves names that merely end like a reference alone', () => {
    expect(slideFormula('Sales2020Q1+A1+[1]Blad!B2', 1, 0)).toBe('Sales2020Q1+A2+[1]Blad!B2');
  });

  it('gives #REF! for a reference pushed off the sheet', () => {
    expect(slideFormula('A1+B2', -1, 0)).toBe('#REF!+B1');
  });

  it('reads quoted sheet names with apostrophes and non-ASCII names', () => {
    const refs = listFormulaRefs("='Bilaga 3 ''följetal'''!$B$2:C3+Följetal!D4");
    expect(refs.map((r) => r.sheet)).toEqual(["Bilaga 3 'följetal'", 'Följetal']);
    expect(refs[0]!.start).toEqual({ row: 1, col: 1, rowAbs: true, colAbs: true });
    expect(refs[0]!.end).toEqual({ row: 2, col: 2, rowAbs: false, colAbs: false });
  });
});

describe('shiftFormulaForInsert', () => {
  const insertD = { sheet: 'Verksamhetsrapport', col: 3, top: 3, bottom: 19 };

  it('moves references at or right of the inserted column inside the moved rows', () => {
    expect(shiftFormulaForInsert('=C7-D7', 'Verksamhetsrapport', insertD)).toBe('=C7-E7');
    expect(shiftFormulaForInsert('=SUM(D5:D19)', 'Verksamhetsrapport', insertD)).toBe('=SUM(E5:E19)');
  });

  it('widens a range that spans the inserted column', () => {
    expect(shiftFormulaForInsert('=SUM(B5:H5)', 'Verksamhetsrapport', insertD)).toBe('=SUM(B5:I5)');
  });

  it('keeps references left of the insert, outside its rows, or straddling its rows', () => {
    expect(shiftFormulaForInsert('=SUM(C5:C9)', 'Verksamhetsrapport', insertD)).toBe('=SUM(C5:C9)');
    expect(shiftFormulaForInsert('=D21+D2', 'Verksamhetsrapport', insertD)).toBe('=D21+D2');
    expect(shiftFormulaForInsert('=SUM(D1:D30)', 'Verksamhetsrapport', insertD)).toBe('=SUM(D1:D30)');
  });

  it('turns a reference pushed past XFD into #REF! and clips a range there', () => {
    expect(shiftFormulaForInsert('=XFD4+C4', 'Verksamhetsrapport', insertD)).toBe('=#REF!+C4');
    expect(shiftFormulaForInsert('=SUM(A4:XFD4)', 'Verksamhetsrapport', insertD)).toBe('=SUM(A4:XFD4)');
  });

  it('follows references from other sheets only when they name the sheet', () => {
    expect(shiftFormulaForInsert('=Verksamhetsrapport!D7+D7', 'Sammanställning', insertD)).toBe(
      '=Verksamhetsrapport!E7+D7',
    );
  });
});

function reportModel(): WorkbookModel {
  const sheet = createSheet('Verksamhetsrapport');
  const rows: [string, number, number][] = [
    ['Familjerätt', -154, -319],
    ['Flyktingmottagning', -1257, -7],
    ['Ekonomiskt bistånd', -17605, -19515],
  ];
  setCellData(sheet, 3, 0, { value: 'Verksamhet (tkr)' });
  setCellData(sheet, 3, 1, { value: 'Utfall perioden' });
  setCellData(sheet, 3, 2, { value: 'Budget perioden' });
  setCellData(sheet, 3, 3, { value: 'Prognos helår' });
  rows.forEach(([label, outcome, budget], i) => {
    setCellData(sheet, 4 + i, 0, { value: label });
    setCellData(sheet, 4 + i, 1, { value: outcome, numberFormat: '#,##0' });
    setCellData(sheet, 4 + i, 2, { value: budget, numberFormat: '#,##0' });
    setCellData(sheet, 4 + i, 3, { formula: `=B${5 + i}*12/8`, value: (outcome * 12) / 8 });
  });
  setCellData(sheet, 7, 0, { value: 'SUMMA' });
  setCellData(sheet, 7, 1, { formula: '=SUM(B5:B7)', value: -19016 });
  setCellData(sheet, 7, 2, { formula: '=SUM(C5:C7)', value: -19841 });
  setCellData(sheet, 7, 3, { formula: '=SUM(D5:D7)', value: -28524 });
  const other = createSheet('Sammanställning');
  setCellData(other, 0, 0, { formula: '=Verksamhetsrapport!D8', value: -28524 });
  return { sheets: [sheet, other], activeSheet: 'Verksamhetsrapport' };
}

/** What computeDeviations plans: a deviation column after Budget perioden, header through SUMMA. */
const deviationPlan: WritePlan = {
  sheet: 'Verksamhetsrapport',
  inserts: [{ col: 3, top: 3, bottom: 7 }],
  writes: [
    { row: 3, col: 3, value: 'Avvikelse perioden' },
    ...[4, 5, 6, 7].map((row) => ({
      row,
      col: 3,
      formula: `=B${row + 1}-C${row + 1}`,
      numberFormat: '#,##0',
      fill: '#FFF2CC',
    })),
  ],
};

describe('a plan applied through the gateway on the simulated host', () => {
  it('shifts cells right and rewrites formulas that pointed at them', async () => {
    const model = reportModel();
    await applyThroughGateway(model, deviationPlan);
    const s = model.sheets[0]!;
    expect(getCellData(s, 3, 4)?.value).toBe('Prognos helår');
    expect(getCellData(s, 4, 4)).toEqual({ formula: '=B5*12/8', value: -231 });
    expect(getCellData(s, 7, 4)).toEqual({ formula: '=SUM(E5:E7)', value: -28524 });
    // Columns left of the insert keep their formulas.
    expect(getCellData(s, 7, 1)?.formula).toBe('=SUM(B5:B7)');
    expect(getCellData(s, 7, 2)?.formula).toBe('=SUM(C5:C7)');
    // A reference from another sheet follows the moved cell.
    expect(getCellData(model.sheets[1]!, 0, 0)?.formula).toBe('=Verksamhetsrapport!E8');
  });

  it('writes formulas, values, formats and fills in post-insert coordinates', async () => {
    const model = reportModel();
    await applyThroughGateway(model, deviationPlan);
    const s = model.sheets[0]!;
    expect(getCellData(s, 3, 3)).toEqual({ value: 'Avvikelse perioden' });
    expect(getCellData(s, 5, 3)).toEqual({
      formula: '=B6-C6',
      // The host calculates, as Excel does: −1 257 − −7.
      value: -1250,
      numberFormat: '#,##0',
      fill: '#FFF2CC',
    });
    expect(cellAt(modelToGrid(model, 'Verksamhetsrapport'), 7, 3)).toEqual({
      v: -19016 - -19841,
      f: '=B8-C8',
      fmt: '#,##0',
    });
  });

  it('only moves the rows of the insert', async () => {
    const model = reportModel();
    setCellData(model.sheets[0]!, 9, 3, { value: 'Not under the table' });
    await applyThroughGateway(model, deviationPlan);
    expect(getCellData(model.sheets[0]!, 9, 3)?.value).toBe('Not under the table');
    expect(getCellData(model.sheets[0]!, 9, 4)).toBeUndefined();
  });

  it('applies several inserts in order, each in the coordinates left by the previous', async () => {
    const model = reportModel();
    await applyThroughGateway(model, {
      sheet: 'Verksamhetsrapport',
      inserts: [
        { col: 3, top: 3, bottom: 7 },
        { col: 5, top: 3, bottom: 7 },
      ],
      writes: [],
    });
    const s = model.sheets[0]!;
    expect(getCellData(s, 3, 4)?.value).toBe('Prognos helår');
    expect(getCellData(s, 7, 4)?.formula).toBe('=SUM(E5:E7)');
    expect(getCellData(s, 7, 5)).toBeUndefined();
  });

  it('stores an apostrophe-prefixed value as text, clears formulas and fills', async () => {
    const model = reportModel();
    await applyThroughGateway(model, {
      sheet: 'Verksamhetsrapport',
      inserts: [],
      writes: [
        { row: 8, col: 0, value: "'-varav statsbidrag" },
        { row: 7, col: 3, value: -28524, fill: null, italic: true },
        { row: 4, col: 1, value: '-154' },
      ],
    });
    const s = model.sheets[0]!;
    // Excel would read a typed -varav as a formula: the cell keeps its apostrophe (quote prefix), as Excel's own text.
    expect(getCellData(s, 8, 0)).toEqual({ value: '-varav statsbidrag', quotePrefix: true });
    expect(getCellData(s, 7, 3)).toEqual({ value: -28524, italic: true });
    expect(getCellData(s, 4, 1)).toEqual({ value: '-154', numberFormat: '#,##0', quotePrefix: true });
  });

  it('survives a trip through .xlsx with the written formulas intact', async () => {
    const model = reportModel();
    await applyThroughGateway(model, deviationPlan);
    const back = await readXlsx(await writeXlsx(model));
    expect(getCellData(back.sheets[0]!, 7, 3)?.formula).toBe('=B8-C8');
    expect(getCellData(back.sheets[0]!, 7, 4)?.formula).toBe('=SUM(E5:E7)');
  });

  it('refuses a plan for a sheet that does not exist, in Swedish', async () => {
    const plan = { ...deviationPlan, sheet: 'Finns inte' };
    await expect(
      applyThroughGateway(reportModel(), plan, { sheet: 'Finns inte', rows: [] }),
    ).rejects.toMatchObject({
      userMessage: expect.stringMatching(/Finns inte/),
    });
  });
});
