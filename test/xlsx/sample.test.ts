import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cellAt, parseA1 } from '../../src/core/grid';
import { getCellData } from '../../src/workbook/model';
import {
  SAMPLE_SHEETS,
  buildSampleWorkbook,
  sampleLayouts,
  swedishNumberText,
  tableToGrid,
  tableToRows,
  type SeedTable,
} from '../../src/sample';
import { modelToGrid, readXlsx, writeXlsx } from '../../src/xlsx';

const SEED_DIR = join(__dirname, '..', 'fixtures', 'seed-tables');
const seed = (name: string): SeedTable => JSON.parse(readFileSync(join(SEED_DIR, name), 'utf8')) as SeedTable;
const allSeeds = readdirSync(SEED_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('tableToRows', () => {
  const verksamhet = seed('000_06_bilaga2_verksamhetsrapport.json');

  it('puts title, unit line, blank row, header and rows where the layout says', () => {
    const layout = tableToRows(verksamhet, { startRow: 2, startCol: 1 });
    expect([layout.titleRow, layout.unitRow, layout.headerRows]).toEqual([2, 3, [5]]);
    expect(layout.labelColumn).toBe(1);
    expect(layout.columns).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(layout.dataRows[0]).toBe(6);
    expect(layout.dataRows[15]).toBe(21);
    expect(layout.address(15, -1)).toBe('B22');
    expect(layout.address(15, 1)).toBe('D22');
    const { grid } = tableToGrid(verksamhet, 'Verksamhetsrapport', { startRow: 2, startCol: 1 });
    expect(cellAt(grid, 2, 1).v).toBe('Bilaga 2 Verksamhetsrapport');
    expect(cellAt(grid, 3, 1).v).toBe('Belopp i tkr');
    expect(cellAt(grid, 4, 1).v).toBeNull();
    expect(cellAt(grid, 5, 1).v).toBe('Verksamhet (tkr)');
    expect(cellAt(grid, 5, 8).v).toBe('Avvik. helår');
    expect(cellAt(grid, 21, 1).v).toBe('SUMMA');
    expect(cellAt(grid, 21, 3).v).toBe(-412059);
  });

  it('leaves out title and unit line on request, and the blank row with them', () => {
    const layout = tableToRows(verksamhet, { includeTitle: false, unitRow: false });
    expect([layout.titleRow, layout.unitRow, layout.headerRows, layout.dataRows[0]]).toEqual([
      undefined,
      undefined,
      [0],
      1,
    ]);
    expect(layout.rows[0]![0]).toBe('Verksamhet (tkr)');
  });

  it('writes numbers as Swedish text when asked, keeping ".." and empty cells', () => {
    const layout = tableToRows(seed('000_07_bilaga3_foljetal.json'), { valuesAsText: true });
    const row = (label: string) => layout.rows[layout.dataRows[layoutIndex(label)]! - layout.top]!;
    const foljetal = seed('000_07_bilaga3_foljetal.json');
    const layoutIndex = (label: string) => foljetal.rows.findIndex((r) => r.label === label);
    expect(row('Hemtjänst, timmar ¹').slice(1, 4)).toEqual(['88 789', '98 803', '92 352']);
    expect(row('Kontaktperson/kontaktfamilj ³')[1]).toBe('..');
    expect(row('Äldreomsorg')[1]).toBeNull();
    expect(layout.rows[layout.headerRows[0]!]![0]).toBe('Avvik (+) fler än budget (-) färre än budget');
  });

  it('formats Swedish number text with decimal comma and minus', () => {
    expect(swedishNumberText(-412059, 0)).toBe('-412 059');
    expect(swedishNumberText(-1012.2, 1)).toBe('-1 012,2');
    expect(swedishNumberText(-124, 1)).toBe('-124,0');
    expect(swedishNumberText(14.2, 1, '\u00a0')).toBe('14,2');
    expect(swedishNumberText(1234567, 0, '\u00a0')).toBe('1\u00a0234\u00a0567');
  });

  it('splits an "upper / lower" header into two rows with the group text in its first column', () => {
    const t = seed('001_03_ekonomiskt_resultat_per_verksamhet.json');
    const layout = tableToRows(t);
    expect(layout.headerRows).toHaveLength(2);
    const [upper, lower] = layout.headerRows.map((r) => layout.rows[r - layout.top]!);
    expect(upper!.slice(1, 5)).toEqual(['Ack utfall 2023', null, null, 'Ack budget 2023']);
    expect(lower!.slice(1, 4)).toEqual(['Utfall intäkter', 'Utfall kostnader', 'Utfall netto']);
    expect(layout.dataRows[0]).toBe(layout.headerRows[1]! + 1);
  });

  it.each(allSeeds)('lays out %s so every value sits at its address', (file) => {
    const t = seed(file);
    const { grid, layout } = tableToGrid(t, 'Blad1', { startRow: 1, startCol: 2 });
    expect(layout.dataRows).toHaveLength(t.rows.length);
    t.rows.forEach((r, i) => {
      const label = parseA1(layout.address(i, -1))!;
      expect(cellAt(grid, label.row, label.col).v).toBe(r.label);
      t.columns.forEach((_, j) => {
        const at = parseA1(layout.address(i, j))!;
        expect(cellAt(grid, at.row, at.col).v).toBe(r.values[j] ?? null);
      });
    });
    expect(layout.bottom).toBe(layout.dataRows[layout.dataRows.length - 1]);
    expect(layout.right).toBe(layout.columns[layout.columns.length - 1]);
  });
});

describe('buildSampleWorkbook', () => {
  const model = buildSampleWorkbook();

  it('has the three report sheets in order', () => {
    expect(model.sheets.map((s) => s.name)).toEqual(['Resultatrapport', 'Verksamhetsrapport', 'Följetal']);
    expect(model.sheets.every((s) => s.visibility === 'Visible')).toBe(true);
  });

  it('lays every sheet out as the pasted report: title, period, blank row, header in row 4', () => {
    const headers = {
      Resultatrapport: 'tkr',
      Verksamhetsrapport: 'Verksamhet (tkr)',
      Följetal: 'Avvik (+) fler än budget (-) färre än budget',
    };
    for (const [name, header] of Object.entries(headers)) {
      const grid = modelToGrid(model, name);
      expect(cellAt(grid, 0, 0).v).toMatch(/^Socialnämnden – Bilaga \d /);
      expect(cellAt(grid, 1, 0).v).toBe('Rapportperiod: 2024-08-31');
      expect(cellAt(grid, 2, 0).v).toBeNull();
      expect(cellAt(grid, 3, 0).v).toBe(header);
    }
  });

  it('makes Intäkter, Kostnader and Resultat live formulas over their items', () => {
    const grid = modelToGrid(model, 'Resultatrapport');
    expect(cellAt(grid, 9, 0).v).toBe('Intäkter');
    expect(cellAt(grid, 9, 1)).toEqual({ v: 152929, f: '=SUM(B5:B9)', fmt: '#,##0' });
    expect(cellAt(grid, 22, 0).v).toBe('Kostnader');
    expect(cellAt(grid, 22, 2)).toEqual({ v: -557214, f: '=SUM(C11:C22)', fmt: '#,##0' });
    expect(cellAt(grid, 23, 0).v).toBe('Resultat');
    // Cached: what the formula computes (the report printed −391 100, its rounded parts add to −391 099).
    expect(cellAt(grid, 23, 1)).toEqual({ v: -391099, f: '=B10+B23', fmt: '#,##0' });
  });

  it('caches what the SUMMA formula computes, so the file and a recalculating reader agree', () => {
    const grid = modelToGrid(model, 'Verksamhetsrapport');
    expect(cellAt(grid, 19, 0).v).toBe('SUMMA');
    // Published -426 280; the rounded items add up to -426 278 (rounding in the report).
    expect(cellAt(grid, 19, 3)).toEqual({ v: -426278, f: '=SUM(D5:D19)', fmt: '#,##0' });
  });

  it('keeps Följetal free of formulas, with ".." as text and volumes grouped by thousands', () => {
    const sheet = model.sheets[2]!;
    expect([...sheet.cells.values()].some((c) => c.formula !== undefined)).toBe(false);
    const layout = sampleLayouts().get('Följetal')!;
    const rowIndex = SAMPLE_SHEETS[2]!.table.rows.findIndex((r) => r.label.startsWith('Kontaktperson'));
    const na = parseA1(layout.address(rowIndex, 0))!;
    expect(getCellData(sheet, na.row, na.col)).toEqual({ value: '..' });
    const hours = parseA1(layout.address(1, 1))!;
    expect(getCellData(sheet, hours.row, hours.col)).toEqual({ value: 98803, numberFormat: '#,##0' });
  });

  it('survives a trip through .xlsx', async () => {
    const back = await readXlsx(await writeXlsx(model));
    for (const name of ['Resultatrapport', 'Verksamhetsrapport', 'Följetal']) {
      expect(modelToGrid(back, name)).toEqual(modelToGrid(model, name));
    }
  });
});
