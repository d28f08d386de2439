/**
 * The package editor's whole sheets (src/xlsx/patch/sheets.ts): a report
 * tab added to the user's own package leaves every other part byte for byte,
 * carries its styles, widths, merges, frozen rows, print setup, mark and
 * chart; a second run replaces it in place with nothing left over.
 */
import JSZip from 'jszip';
import { DEFAULT_SETTINGS } from '../../src/core/schemas';
import { buildSampleWorkbook } from '../../src/sample';
import { readXlsx, writeXlsx } from '../../src/xlsx';
import { isXlsxPatchError } from '../../src/xlsx/patch';
import { addSheetPlans, readSheetMarks } from '../../src/xlsx/patch/sheets';
import { buildReports, workbookSheets, writeReports } from '../../src/xlsx/report';
import { createSheet, setCellData } from '../../src/workbook/model';

async function parts(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, string>();
  for (const [name, f] of Object.entries(zip.files)) if (!f.dir) out.set(name, await f.async('string'));
  return out;
}

async function report(bytes: Uint8Array) {
  const sheets = await workbookSheets(bytes, await readXlsx(bytes));
  const results = buildReports(sheets, 'alla', DEFAULT_SETTINGS);
  return { results, bytes: await writeReports(bytes, results) };
}

describe('whole sheets in the package', () => {
  let original: Uint8Array;
  let first: Awaited<ReturnType<typeof report>>;
  beforeAll(async () => {
    original = new Uint8Array(await writeXlsx(buildSampleWorkbook()));
    first = await report(original);
  });

  it('leaves every part it need not touch byte for byte', async () => {
    const before = await parts(original);
    const after = await parts(first.bytes);
    const changed = [...before.keys()].filter((k) => after.get(k) !== before.get(k)).sort();
    expect(changed).toEqual([
      '[Content_Types].xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
    ]);
    const added = [...after.keys()].filter((k) => !before.has(k)).sort();
    expect(added).toEqual([
      'xl/charts/chart1.xml',
      'xl/drawings/_rels/drawing1.xml.rels',
      'xl/drawings/drawing1.xml',
      'xl/worksheets/_rels/sheet4.xml.rels',
      'xl/worksheets/sheet4.xml',
      'xl/worksheets/sheet5.xml',
    ]);
  });

  it('writes the sheet with its print setup, frozen header, widths, merges, names and chart', async () => {
    const p = await parts(first.bytes);
    const sheet = p.get('xl/worksheets/sheet4.xml')!;
    expect(sheet).toContain('<pageSetUpPr fitToPage="1"/>');
    expect(sheet).toContain('<pane ySplit="4" topLeftCell="A5" activePane="bottomLeft" state="frozen"/>');
    expect(sheet).toContain(
      '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>',
    );
    expect(sheet).toContain('<mergeCell ref="A1:H1"/>');
    expect(sheet).toMatch(/<col min="1" max="1" width="\d+" customWidth="1"\/>/);
    expect(sheet).toContain('<c r="C6" s="');
    expect(sheet).toContain('<f>Verksamhetsrapport!C6</f>');
    expect(sheet).toMatch(
      /<rowBreaks count="1" manualBreakCount="1"><brk id="\d+" max="16383" man="1"\/><\/rowBreaks><drawing r:id="rId1"\/>/,
    );
    const wb = p.get('xl/workbook.xml')!;
    expect(wb).toContain('<sheet name="Verksamhetsrapport (2)" sheetId="4" r:id=');
    expect(wb).toMatch(
      /<definedName name="_xlnm.Print_Area" localSheetId="3">'Verksamhetsrapport \(2\)'!\$A\$1:\$H\$\d+<\/definedName>/,
    );
    expect(wb).toContain(
      '<definedName name="_xlnm.Print_Titles" localSheetId="3">\'Verksamhetsrapport (2)\'!$1:$4</definedName>',
    );
    expect(wb).toContain('fullCalcOnLoad="1"');
    const marks = await readSheetMarks(first.bytes);
    expect([...marks.keys()]).toEqual(['Verksamhetsrapport (2)', 'Följetal (2)']);
    expect(marks.get('Följetal (2)')).toMatch(/^"budgetkoll\|foljetal\|[0-9a-f]{16}"$/);
    expect(p.get('[Content_Types].xml')).toContain(
      '<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>',
    );
    // The header's style: bold, bottom border, wrapped, right-aligned over the figures.
    const styles = p.get('xl/styles.xml')!;
    expect(styles).toContain(
      '<border><left/><right/><top/><bottom style="thin"><color indexed="64"/></bottom><diagonal/></border>',
    );
    expect(styles).toMatch(/<alignment horizontal="right" vertical="bottom" wrapText="1"\/>/);
  });

  it('a second run replaces the generated sheets in place and leaves no chart behind', async () => {
    const second = await report(first.bytes);
    expect(second.results.flatMap((r) => r.sheets.map((s) => s.target))).toEqual([
      { action: 'replace', name: 'Verksamhetsrapport (2)', edited: false },
      { action: 'replace', name: 'Följetal (2)', edited: false },
    ]);
    const a = await parts(first.bytes);
    const b = await parts(second.bytes);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    // Idempotent: the regenerated sheets, chart and workbook are the same text.
    for (const part of [
      'xl/worksheets/sheet4.xml',
      'xl/worksheets/sheet5.xml',
      'xl/charts/chart1.xml',
      'xl/workbook.xml',
      'xl/styles.xml',
    ])
      expect(b.get(part)).toBe(a.get(part));
    const model = await readXlsx(second.bytes);
    expect(model.sheets.map((s) => s.name)).toEqual([
      'Resultatrapport',
      'Verksamhetsrapport',
      'Följetal',
      'Verksamhetsrapport (2)',
      'Följetal (2)',
    ]);
  });

  it('keeps a label that starts with = as text, marked so it stays text when edited', async () => {
    const s = createSheet('Budget');
    setCellData(s, 0, 0, { value: 'Socialnämnden – budget per verksamhet, rapportperiod 2024-08' });
    ['Verksamhet', 'Utfall perioden', 'Budget perioden'].forEach((h, c) =>
      setCellData(s, 2, c, { value: h }),
    );
    ['=Övrigt', 'Vård', 'Skola'].forEach((l, i) => {
      setCellData(s, 3 + i, 0, { value: l });
      setCellData(s, 3 + i, 1, { value: -(100 + 37 * i * i) });
      setCellData(s, 3 + i, 2, { value: -(131 + 11 * i) });
    });
    const bytes = new Uint8Array(await writeXlsx({ sheets: [s], activeSheet: 'Budget' }));
    const out = await report(bytes);
    const xml = (await parts(out.bytes)).get('xl/worksheets/sheet2.xml')!;
    const a5 = /<c r="A5" s="(\d+)" t="inlineStr"><is><t>=Övrigt<\/t><\/is><\/c>/.exec(xml);
    expect(a5).not.toBeNull();
    const styles = (await parts(out.bytes)).get('xl/styles.xml')!;
    const xfs = styles.slice(styles.indexOf('<cellXfs')).match(/<xf [^>]*>/g)!;
    expect(xfs[Number(a5![1])]).toContain('quotePrefix="1"');
    const model = await readXlsx(out.bytes);
    const cell = model.sheets.find((x) => x.name === 'Verksamhetsrapport')!.cells.get('4,0')!;
    expect(cell.value).toBe('=Övrigt');
    expect(cell.formula).toBeUndefined();
  });

  it('refuses to add a sheet whose name is taken, or to a workbook whose structure is protected', async () => {
    const plan = first.results[0]!.sheets[0]!;
    await expect(
      addSheetPlans(original, [{ ...plan, target: { action: 'add', name: 'Följetal' } }]),
    ).rejects.toThrow(/har redan ett blad som heter ”Följetal”/);
    const p = await parts(original);
    const zip = await JSZip.loadAsync(original);
    zip.file(
      'xl/workbook.xml',
      p.get('xl/workbook.xml')!.replace('<sheets>', '<workbookProtection lockStructure="1"/><sheets>'),
    );
    const locked = new Uint8Array(await zip.generateAsync({ type: 'uint8array' }));
    const error = await addSheetPlans(locked, [plan]).catch((e: unknown) => e);
    expect(isXlsxPatchError(error) && error.reason).toBe('protected_workbook');
  });
});
