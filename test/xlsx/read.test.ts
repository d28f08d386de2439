/**
 * The streaming .xlsx reader on what real files hold: cached results
 * (0 included), shared formulas, inline and rich strings, errors, booleans,
 * dates, merges, cells without addresses, namespace prefixes, a cell in
 * XFD1048576 (costs one cell), and hostile packages (bombs, DTDs, formats
 * that are no workbook) refused with Swedish messages and bounded work.
 */
import JSZip from 'jszip';
import { cellAt, cellCount, gridBounds } from '../../src/core/grid';
import { getCellData } from '../../src/workbook/model';
import { READ_LIMITS, readXlsx, readXlsxGrids, type ReadLimits } from '../../src/xlsx/read';
import { XlsxReadError } from '../../src/xlsx/errors';
import { packageWith } from '../cli/support/largeWorkbook';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

function sheet(body: string, extra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData>${body}</sheetData>${extra}</worksheet>`;
}

async function grids(xml: string, limits?: ReadLimits) {
  const bytes = await packageWith([{ name: 'Blad1', xml }]);
  const wb = await readXlsxGrids(bytes, (s) => s.map((x) => x.name), { limits });
  return wb.grids.get('Blad1')!;
}

async function reason(bytes: Uint8Array, limits?: ReadLimits): Promise<[string, string]> {
  try {
    await readXlsxGrids(bytes, (s) => s.map((x) => x.name), { limits });
  } catch (e) {
    expect(e).toBeInstanceOf(XlsxReadError);
    return [(e as XlsxReadError).reason, (e as XlsxReadError).message];
  }
  throw new Error('the reader accepted the input');
}

describe('readXlsxGrids: values as the file stores them', () => {
  it('reads a cached formula result of 0 as 0, not as empty', async () => {
    const g = await grids(sheet('<row r="1"><c r="A1"><v>5</v></c><c r="B1"><f>A1-5</f><v>0</v></c></row>'));
    expect(cellAt(g, 0, 1)).toEqual({ v: 0, f: '=A1-5' });
  });

  it('keeps a formula without a cached result as a formula with no value', async () => {
    const g = await grids(sheet('<row r="1"><c r="A1"><f>SUM(B1:B3)</f></c></row>'));
    expect(cellAt(g, 0, 0)).toEqual({ v: null, f: '=SUM(B1:B3)' });
  });

  it('reads booleans, errors, inline strings, formula strings and numbers', async () => {
    const g = await grids(
      sheet(
        '<row r="2"><c r="A2" t="b"><v>1</v></c><c r="B2" t="e"><v>#REF!</v></c>' +
          '<c r="C2" t="inlineStr"><is><t>-183 717</t></is></c><c r="D2" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>' +
          '<c r="E2"><v>-1.5E-3</v></c><c r="F2" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>',
      ),
    );
    expect(cellAt(g, 1, 0)).toEqual({ v: true });
    expect(cellAt(g, 1, 1)).toEqual({ v: '#REF!', err: true });
    expect(cellAt(g, 1, 2)).toEqual({ v: '-183 717' });
    expect(cellAt(g, 1, 3)).toEqual({ v: 'ab', f: '="a"&"b"' });
    expect(cellAt(g, 1, 4)).toEqual({ v: -0.0015 });
    expect(cellAt(g, 1, 5)).toEqual({ v: '#DIV/0!', f: '=1/0', err: true });
  });

  it('slides shared formulas from their master, keeping absolute parts', async () => {
    const g = await grids(
      sheet(
        '<row r="1"><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*2+$A$1</f><v>3</v></c></row>' +
          '<row r="2"><c r="B2"><f t="shared" si="0"/><v>5</v></c></row>' +
          '<row r="3"><c r="B3"><f t="shared" si="0"/><v>7</v></c></row>',
      ),
    );
    expect([0, 1, 2].map((r) => cellAt(g, r, 1).f)).toEqual(['=A1*2+$A$1', '=A2*2+$A$1', '=A3*2+$A$1']);
  });

  it('places cells without r attributes by their order, as the standard allows', async () => {
    const g = await grids(
      sheet('<row><c><v>1</v></c><c><v>2</v></c></row><row><c t="inlineStr"><is><t>x</t></is></c></row>'),
    );
    expect([cellAt(g, 0, 0).v, cellAt(g, 0, 1).v, cellAt(g, 1, 0).v]).toEqual([1, 2, 'x']);
  });

  it('reads SpreadsheetML written with a namespace prefix', async () => {
    const xml = `<?xml version="1.0"?><x:worksheet xmlns:x="${NS}"><x:sheetData><x:row r="3"><x:c r="C3"><x:v>42</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    expect(cellAt(await grids(xml), 2, 2)).toEqual({ v: 42 });
  });

  it('joins rich-text runs and leaves out phonetic runs; decodes _xHHHH_ escapes', async () => {
    const bytes = await packageWith([
      {
        name: 'Blad1',
        xml: sheet('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'),
      },
    ]);
    const zip = await JSZip.loadAsync(bytes);
    zip.file(
      'xl/sharedStrings.xml',
      `<?xml version="1.0"?><sst xmlns="${NS}"><si><r><t xml:space="preserve">Utfall </t></r><r><rPr><b/></rPr><t>perioden</t></r><rPh><t>ふりがな</t></rPh></si><si><t>rad_x000D_två</t></si></sst>`,
    );
    zip.file(
      'xl/_rels/workbook.xml.rels',
      (await zip.file('xl/_rels/workbook.xml.rels')!.async('string')).replace(
        '</Relationships>',
        '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
      ),
    );
    const wb = await readXlsxGrids(await zip.generateAsync({ type: 'uint8array' }), () => ['Blad1']);
    const g = wb.grids.get('Blad1')!;
    expect(cellAt(g, 0, 0).v).toBe('Utfall perioden');
    expect(cellAt(g, 0, 1).v).toBe('rad\rtvå');
  });

  it('keeps a merged range’s value in its first cell only', async () => {
    const g = await grids(
      sheet(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Perioden</t></is></c><c r="B1"><v>9</v></c></row>',
        '<mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells>',
      ),
    );
    expect(cellAt(g, 0, 0).v).toBe('Perioden');
    expect(cellAt(g, 0, 1)).toEqual({ v: null });
  });
});

describe('readXlsxGrids: size follows the cells, not the used range', () => {
  it('a value in XFD1048576 costs one cell', async () => {
    const g = await grids(
      sheet(
        '<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>',
      ),
    );
    expect(cellCount(g)).toBe(2);
    expect(g.rows).toHaveLength(2);
    expect(gridBounds(g)).toEqual({ top: 0, left: 0, bottom: 1048575, right: 16383 });
  });

  it('reads only the sheets asked for', async () => {
    const bytes = await packageWith([
      { name: 'Ett', xml: sheet('<row r="1"><c r="A1"><v>1</v></c></row>') },
      { name: 'Två', xml: '<not xml' },
    ]);
    const wb = await readXlsxGrids(bytes, () => ['Ett']);
    expect([...wb.grids.keys()]).toEqual(['Ett']);
    expect(wb.sheets.map((s) => s.name)).toEqual(['Ett', 'Två']);
  });

  it('stops past the cell limit with a Swedish message', async () => {
    const row = (r: number) =>
      `<row r="${r}">${[1, 2, 3, 4, 5].map((c) => `<c r="${String.fromCharCode(64 + c)}${r}"><v>${c}</v></c>`).join('')}</row>`;
    const xml = sheet(Array.from({ length: 30 }, (_, i) => row(i + 1)).join(''));
    const [why, message] = await reason(await packageWith([{ name: 'Blad1', xml }]), {
      ...READ_LIMITS,
      maxCells: 100,
    });
    expect(why).toBe('too_large');
    expect(message).toBe(
      'Arbetsboken har fler än 100 ifyllda eller formaterade celler; Budgetkoll läser högst 100. Dela upp arbetsboken eller ta bort tomma formaterade områden och försök igen.',
    );
  });
});

describe('readXlsxGrids: hostile packages', () => {
  it('refuses a zip bomb after a bounded amount of inflating', async () => {
    const spaces = ' '.repeat(8 * 1024 * 1024);
    const bytes = await packageWith([{ name: 'Blad1', xml: sheet(spaces) }]);
    const limits = { ...READ_LIMITS, ratioGraceBytes: 1024 * 1024, maxRatio: 100 };
    const [why, message] = await reason(bytes, limits);
    expect(why).toBe('zip_bomb');
    expect(message).toMatch(
      /^Filen packas upp till mer än .* det liknar en zip-bomb, inte en arbetsbok, och Budgetkoll läser den inte\.$/,
    );
  });

  it('refuses a part larger than the part limit', async () => {
    const bytes = await packageWith([{ name: 'Blad1', xml: sheet(' '.repeat(3 * 1024 * 1024)) }]);
    expect((await reason(bytes, { ...READ_LIMITS, maxPartBytes: 1024 * 1024 }))[0]).toBe('zip_bomb');
  });

  it('refuses any DTD, so no entity is ever expanded', async () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>`;
    const [why, message] = await reason(await packageWith([{ name: 'Blad1', xml }]));
    expect(why).toBe('xml_entities');
    expect(message).toBe(
      'Arbetsboken innehåller en DTD-deklaration (<!DOCTYPE>), som Excel aldrig skriver; Budgetkoll läser den inte av säkerhetsskäl.',
    );
  });

  it('names an OpenDocument spreadsheet and a Word document', async () => {
    const ods = new JSZip();
    ods.file('mimetype', 'application/vnd.oasis.opendocument.spreadsheet');
    ods.file('content.xml', '<office:document-content/>');
    expect((await reason(await ods.generateAsync({ type: 'uint8array' })))[1]).toMatch(
      /^Filen är ett OpenDocument-kalkylblad \(\.ods/,
    );
    const docx = new JSZip();
    docx.file('word/document.xml', '<w:document/>');
    expect((await reason(await docx.generateAsync({ type: 'uint8array' })))[1]).toBe(
      'Filen är ett Word-dokument, inte en Excel-arbetsbok (.xlsx).',
    );
  });

  it('names an encrypted package (OLE streams EncryptionInfo and EncryptedPackage)', async () => {
    const ole = new Uint8Array(2048);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const name = 'EncryptedPackage';
    for (let i = 0; i < name.length; i++) ole[1024 + i * 2] = name.charCodeAt(i);
    const [why, message] = await reason(ole);
    expect(why).toBe('encrypted');
    expect(message).toMatch(/^Arbetsboken är lösenordsskyddad \(krypterad\)/);
  });
});

describe('readXlsx: the workbook model from the same reader', () => {
  it('gives formats, fills and fonts from the styles, and a 0 result as 0', async () => {
    const bytes = await packageWith([
      { name: 'Blad1', xml: sheet('<row r="1"><c r="A1" s="1"><f>B1-B1</f><v>0</v></c></row>') },
    ]);
    const model = await readXlsx(bytes);
    expect(getCellData(model.sheets[0]!, 0, 0)).toEqual({
      value: 0,
      formula: '=B1-B1',
      numberFormat: '#,##0',
    });
  });
});

describe('readXlsx: protection', () => {
  it('reads sheet protection and workbook structure protection', async () => {
    const bytes = await packageWith([
      {
        name: 'Skyddat',
        xml: sheet('<row r="1"><c r="A1"><v>1</v></c></row>', '<sheetProtection sheet="1" objects="1"/>'),
      },
      { name: 'Öppet', xml: sheet('', '<sheetProtection sheet="0"/>') },
    ]);
    const zip = await JSZip.loadAsync(bytes);
    const wbXml = await zip.file('xl/workbook.xml')!.async('string');
    zip.file('xl/workbook.xml', wbXml.replace('<sheets>', '<workbookProtection lockStructure="1"/><sheets>'));
    const model = await readXlsx(await zip.generateAsync({ type: 'uint8array' }));
    expect(model.structureProtected).toBe(true);
    expect(model.sheets.map((s) => s.protected)).toEqual([true, undefined]);
    expect((await readXlsx(bytes)).structureProtected).toBeUndefined();
  });
});
