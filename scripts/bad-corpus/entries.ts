/**
 * The bad-input corpus (issue 9): hostile and messy workbooks, and files
 * that are no workbooks at all, as an economist or a careless export might
 * hand them to `budgetkoll`. Each entry builds its file's bytes; the small
 * ones are written to test/fixtures/bad/ by make.ts, the large ones (`large`)
 * are built by the corpus test in a temporary folder, so the repository
 * stays small. What each command must answer is in test/fixtures/bad/expected.json.
 *
 * Workbooks are made with ExcelJS where it can, and by editing the package
 * XML where it cannot (workbook protection, namespace prefixes, DTDs, bombs).
 */
import { createDeflateRaw } from 'node:zlib';
import * as ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { largeWorkbook, packageWith } from '../../test/cli/support/largeWorkbook';
import { encryptedPackage } from './encrypted';

export interface CorpusEntry {
  id: string;
  /** What the entry is, in English, for the developer reading the corpus. */
  kind: string;
  /** The file's extension, with the dot. */
  ext: string;
  build(): Promise<Uint8Array>;
  /** Built by the test at run time instead of committed. */
  large?: boolean;
  /** Made by converting `from` (another entry's file) with LibreOffice (make.ts only). */
  soffice?: { from: string; format: string };
}

type Cellish = ExcelJS.CellValue;

const HEADER = [
  'Verksamhet (tkr)',
  'Utfall perioden',
  'Budget perioden',
  'Avvikelse perioden',
  'Prognos helår',
  'Budget helår',
  'Avvik. helår',
];

/** Six verksamheter, costs negative, in tkr: [utfall, budget perioden, prognos, budget helår]. */
const ITEMS: [string, number, number, number, number][] = [
  ['Nämnd- och styrelseverksamh.', -1234, -1300, -1900, -1950],
  ['Vård och omsorg äldre/funkt', -183717, -183178, -274366, -273827],
  ['Insatser enligt LSS och SFB', -52310, -51900, -78400, -77850],
  ['Individ- och familjeomsorg', -41020, -42500, -62300, -63750],
  ['Försörjningsstöd', -12455, -12000, -18700, -18000],
  ['Förvaltnings/myndighetskontor', -8880, -9100, -13400, -13650],
];

export interface TableOptions {
  /** Top-left cell of the header, 1-based. */
  row?: number;
  col?: number;
  /** Replace item values: (item index, column index 1..6) → value. */
  value?: (item: number, col: number, normal: number) => Cellish;
  /** Replace a label. */
  label?: (item: number, normal: string) => Cellish;
  header?: string[];
  /** Leave out the deviation columns' formulas (Beräkna has work to do). */
  clearDeviations?: boolean;
  /** Put the SUMMA row above the items. */
  totalFirst?: boolean;
  title?: boolean;
}

function colLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * What Excel caches for a − b: the difference of numbers (empty counts as 0,
 * TRUE as 1, a date as its serial), an operand's error passed on, #VALUE! for
 * text that is no number.
 */
function difference(a: Cellish, b: Cellish): number | ExcelJS.CellErrorValue {
  const values = [shownValue(a), shownValue(b)];
  for (const v of values) if (v && typeof v === 'object' && 'error' in v) return v as ExcelJS.CellErrorValue;
  const num = (v: Cellish) =>
    v === null || v === undefined ? 0 : typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : NaN;
  const d = num(values[0]!) - num(values[1]!);
  return Number.isNaN(d) ? { error: '#VALUE!' } : d;
}

/** What a cell shows: a formula's cached result, a date as its serial number. */
function shownValue(v: Cellish): Cellish {
  if (v instanceof Date) return v.getTime() / 86_400_000 + 25569;
  if (v && typeof v === 'object' && 'formula' in v)
    return shownValue((v as ExcelJS.CellFormulaValue).result as Cellish);
  return v;
}

/** Writes the standard small table (Verksamhetsrapport layout) and returns its last row. */
export function writeTable(ws: ExcelJS.Worksheet, o: TableOptions = {}): number {
  const top = o.row ?? 4;
  const left = o.col ?? 1;
  if (o.title !== false && top > 2) {
    ws.getCell(top - 3, left).value = 'Socialnämnden – Bilaga 2 Verksamhetsrapport';
    ws.getCell(top - 2, left).value = 'Rapportperiod: 2024-08-31';
  }
  (o.header ?? HEADER).forEach((h, i) => (ws.getCell(top, left + i).value = h));
  const first = o.totalFirst ? top + 2 : top + 1;
  const last = first + ITEMS.length - 1;
  const totalRow = o.totalFirst ? top + 1 : last + 1;
  const L = (i: number) => colLetter(left + i);
  // Column sums as Excel's SUM gives them: numbers only (text, booleans and errors' cells aside).
  const sums = [0, 0, 0, 0, 0, 0];
  const sumErrors: (string | undefined)[] = [];
  ITEMS.forEach(([label, utfall, budget, prognos, annual], k) => {
    const r = first + k;
    const normal = [utfall, budget, utfall - budget, prognos, annual, prognos - annual];
    ws.getCell(r, left).value = o.label ? o.label(k, label) : label;
    const values: Cellish[] = normal.map((v, j) =>
      o.value && j !== 2 && j !== 5 ? o.value(k, j + 1, v) : v,
    );
    values.forEach((v, j) => {
      const cell = ws.getCell(r, left + 1 + j);
      const isDeviation = j === 2 || j === 5;
      let shown: Cellish = v;
      if (isDeviation && o.clearDeviations) return;
      if (isDeviation) {
        const [a, b] = j === 2 ? [values[0], values[1]] : [values[3], values[4]];
        const [ca, cb] = j === 2 ? [L(1), L(2)] : [L(4), L(5)];
        const result = o.value ? o.value(k, j + 1, normal[j]!) : v;
        // A deviation the entry overrides is a constant; otherwise a live formula with Excel's cached result.
        if (o.value && result !== normal[j]) cell.value = result;
        else cell.value = { formula: `${ca}${r}-${cb}${r}`, result: difference(a, b) };
        shown =
          cell.value && typeof cell.value === 'object' && 'formula' in cell.value
            ? (cell.value.result as Cellish)
            : (cell.value as Cellish);
      } else cell.value = v;
      cell.numFmt = '#,##0';
      shown = shownValue(shown);
      if (typeof shown === 'number') sums[j] = sums[j]! + shown;
      else if (shown && typeof shown === 'object' && 'error' in shown)
        sumErrors[j] ??= (shown as { error: string }).error;
    });
  });
  ws.getCell(totalRow, left).value = 'SUMMA';
  for (let j = 1; j <= 6; j++) {
    if (o.clearDeviations && (j === 3 || j === 6)) continue;
    const cell = ws.getCell(totalRow, left + j);
    const error = sumErrors[j - 1];
    cell.value = {
      formula: `SUM(${L(j)}${first}:${L(j)}${last})`,
      result: error ? ({ error } as ExcelJS.CellErrorValue) : sums[j - 1]!,
    };
    cell.numFmt = '#,##0';
  }
  return Math.max(last, totalRow);
}

async function workbook(build: (wb: ExcelJS.Workbook) => void | Promise<void>): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Budgetkoll bad-input corpus';
  await build(wb);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

function oneTable(o: TableOptions = {}, sheet = 'Verksamhetsrapport'): () => Promise<Uint8Array> {
  return () => workbook((wb) => void writeTable(wb.addWorksheet(sheet), o));
}

/** Edits a package's parts as text (for what ExcelJS cannot write). */
async function patch(
  bytes: Uint8Array,
  edit: (files: Map<string, string>) => void,
  options: { compression?: 'DEFLATE' | 'STORE' } = {},
): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const files = new Map<string, string>();
  for (const name of Object.keys(zip.files))
    if (!zip.files[name]!.dir) files.set(name, await zip.file(name)!.async('string'));
  edit(files);
  const out = new JSZip();
  for (const [name, text] of files) out.file(name, text);
  return out.generateAsync({ type: 'uint8array', compression: options.compression ?? 'DEFLATE' });
}

/** ExcelJS names the first sheet's part so. */
const SHEET1 = 'xl/worksheets/sheet1.xml';

/** A sheet part with the standard table, written by hand (for namespace and attribute variants). */
function handTableRows(withRefs: boolean, prefix = ''): string {
  const p = prefix ? `${prefix}:` : '';
  const rows: string[] = [];
  const cell = (r: number, c: number, inner: string, t?: string) =>
    `<${p}c${withRefs ? ` r="${colLetter(c)}${r}"` : ''}${t ? ` t="${t}"` : ''}>${inner}</${p}c>`;
  const text = (r: number, c: number, s: string) =>
    cell(r, c, `<${p}is><${p}t>${s.replace(/&/g, '&amp;')}</${p}t></${p}is>`, 'inlineStr');
  const num = (r: number, c: number, v: number) => cell(r, c, `<${p}v>${v}</${p}v>`);
  const formula = (r: number, c: number, f: string, v: number) =>
    cell(r, c, `<${p}f>${f}</${p}f><${p}v>${v}</${p}v>`);
  rows.push(`<${p}row r="4">${HEADER.map((h, i) => text(4, i + 1, h)).join('')}</${p}row>`);
  ITEMS.forEach(([label, u, b, pr, a], k) => {
    const r = 5 + k;
    rows.push(
      `<${p}row r="${r}">${text(r, 1, label)}${num(r, 2, u)}${num(r, 3, b)}${formula(r, 4, `B${r}-C${r}`, u - b)}` +
        `${num(r, 5, pr)}${num(r, 6, a)}${formula(r, 7, `E${r}-F${r}`, pr - a)}</${p}row>`,
    );
  });
  const sums = [1, 2, 3, 4, 5, 6].map((j) =>
    ITEMS.reduce((s, [, u, b, pr, a]) => s + [u, b, u - b, pr, a, pr - a][j - 1]!, 0),
  );
  rows.push(
    `<${p}row r="11">${text(11, 1, 'SUMMA')}${sums.map((s, j) => formula(11, j + 2, `SUM(${colLetter(j + 2)}5:${colLetter(j + 2)}10)`, s)).join('')}</${p}row>`,
  );
  return rows.join('');
}

function docx(): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    'word/document.xml',
    '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
      '<w:body><w:p><w:r><w:t>Periodens ekonomiska resultat och prognos för året</w:t></w:r></w:p></w:body></w:document>',
  );
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** A package whose sheet part inflates to `mb` megabytes of whitespace from a small file. */
async function zipBomb(mb: number): Promise<Uint8Array> {
  const head = Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
  );
  const tail = Buffer.from('</sheetData></worksheet>');
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  // Streamed at level 9, so the generator never holds the inflated gigabyte.
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const write = (b: Buffer) =>
    new Promise<void>((resolve) => (deflate.write(b) ? resolve() : deflate.once('drain', resolve)));
  await write(head);
  for (let i = 0; i < mb; i++) await write(chunk);
  deflate.end(tail);
  await done;
  const zip = await JSZip.loadAsync(await packageWith([{ name: 'Blad1', xml: '<worksheet/>' }]));
  zip.file(SHEET1, Buffer.concat(out), { binary: true, compression: 'STORE' });
  const stored = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
  return relabelStoredAsDeflated(stored, SHEET1, head.length + mb * chunk.length + tail.length);
}

/** Marks one stored entry as deflated (method 8) with its true uncompressed size, in both headers. */
function relabelStoredAsDeflated(zip: Uint8Array, name: string, size: number): Uint8Array {
  const buf = Buffer.from(zip);
  const nameBytes = Buffer.from(name);
  for (let i = 0; i < buf.length - 46; i++) {
    const sig = buf.readUInt32LE(i);
    if (sig === 0x04034b50 && buf.subarray(i + 30, i + 30 + nameBytes.length).equals(nameBytes)) {
      buf.writeUInt16LE(8, i + 8);
      buf.writeUInt32LE(0, i + 14); // CRC unknown: readers that check it call the file corrupt, which is fine too
      buf.writeUInt32LE(size >>> 0, i + 22);
    } else if (sig === 0x02014b50 && buf.subarray(i + 46, i + 46 + nameBytes.length).equals(nameBytes)) {
      buf.writeUInt16LE(8, i + 10);
      buf.writeUInt32LE(0, i + 16);
      buf.writeUInt32LE(size >>> 0, i + 24);
    }
  }
  return new Uint8Array(buf);
}

const BILLION_LAUGHS =
  '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE worksheet [\n<!ENTITY lol "lol">\n' +
  Array.from(
    { length: 9 },
    (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`,
  ).join('\n') +
  '\n]>\n';

export const ENTRIES: CorpusEntry[] = [
  // ---- Structure
  {
    id: 'tom-arbetsbok',
    kind: 'empty workbook: one sheet, no cells',
    ext: '.xlsx',
    build: () => workbook((wb) => void wb.addWorksheet('Blad1')),
  },
  {
    id: 'bara-rubrik',
    kind: 'header row only, no data rows',
    ext: '.xlsx',
    build: () => workbook((wb) => void wb.addWorksheet('Blad1').addRow(HEADER)),
  },
  {
    id: 'ingen-rubrik',
    kind: 'figures and text with no recognizable header',
    ext: '.xlsx',
    build: () =>
      workbook((wb) => {
        const ws = wb.addWorksheet('Blad1');
        ws.addRow(['Anteckningar inför mötet']);
        ws.addRow(['Äpplen', 12, 14]);
        ws.addRow(['Päron', 3, 9]);
      }),
  },
  { id: 'rubrik-rad-40', kind: 'header in row 40', ext: '.xlsx', build: oneTable({ row: 40 }) },
  { id: 'rubrik-kolumn-z', kind: 'table starting in column Z', ext: '.xlsx', build: oneTable({ col: 26 }) },
  {
    id: 'tvaradig-sammanslagen-rubrik',
    kind: 'two-row header with merged cells (Perioden / Helår over their columns)',
    ext: '.xlsx',
    build: () =>
      workbook((wb) => {
        const ws = wb.addWorksheet('Verksamhetsrapport');
        writeTable(ws, {
          row: 5,
          header: ['Verksamhet (tkr)', 'Utfall', 'Budget', 'Avvikelse', 'Prognos', 'Budget', 'Avvikelse'],
        });
        ws.getCell('B4').value = 'Perioden';
        ws.mergeCells('B4:D4');
        ws.getCell('E4').value = 'Helår';
        ws.mergeCells('E4:G4');
        ws.mergeCells('A4:A5');
      }),
  },
  {
    id: 'sammanslagna-etiketter',
    kind: 'labels merged across two columns and a group label merged over rows',
    ext: '.xlsx',
    build: () =>
      workbook((wb) => {
        const ws = wb.addWorksheet('Verksamhetsrapport');
        writeTable(ws, { col: 2, title: false, row: 4 });
        ws.getCell('A5').value = 'Äldreomsorg';
        ws.mergeCells('A5:A8');
        ws.mergeCells('A11:B11');
      }),
  },
  {
    id: 'dubbla-rubriker',
    kind: 'two columns with the same header',
    ext: '.xlsx',
    build: oneTable({
      header: [
        'Verksamhet (tkr)',
        'Utfall perioden',
        'Utfall perioden',
        'Avvikelse perioden',
        'Prognos helår',
        'Budget helår',
        'Avvik. helår',
      ],
    }),
  },
  {
    id: 'textnummer-mellanslag',
    kind: 'numbers stored as text with space, no-break space and narrow no-break space grouping',
    ext: '.xlsx',
    build: oneTable({
      value: (k, c, v) =>
        c === 1
          ? [
              `${v}`.replace(/\B(?=(\d{3})+$)/g, ' '),
              `${v}`.replace(/\B(?=(\d{3})+$)/g, '\u00a0'),
              `${v}`.replace(/\B(?=(\d{3})+$)/g, '\u202f'),
            ][k % 3]!
          : v,
    }),
  },
  {
    id: 'textnummer-decimalkomma',
    kind: 'numbers stored as text with a decimal comma (mnkr)',
    ext: '.xlsx',
    build: oneTable({ value: (k, c, v) => (c === 2 && k < 3 ? (v / 1000).toFixed(1).replace('.', ',') : v) }),
  },
  {
    id: 'textnummer-minustecken',
    kind: 'numbers stored as text with a Unicode minus and an en dash as the sign',
    ext: '.xlsx',
    build: oneTable({
      value: (k, c, v) => (c === 4 && k < 4 ? `${k % 2 ? '\u2212' : '\u2013'}${Math.abs(v)}` : v),
    }),
  },
  {
    id: 'textnummer-procent',
    kind: 'a percent stored as text ("3,3 %") in a share column',
    ext: '.xlsx',
    build: () =>
      workbook((wb) => {
        const ws = wb.addWorksheet('Verksamhetsrapport');
        const last = writeTable(ws);
        ws.getCell('H4').value = 'Förbrukat %';
        for (let r = 5; r < last; r++) ws.getCell(r, 8).value = `${(60 + r).toFixed(1).replace('.', ',')} %`;
      }),
  },
  {
    id: 'textnummer-kr',
    kind: 'amounts stored as text with a unit: "-183 717 kr"',
    ext: '.xlsx',
    build: oneTable({ value: (k, c, v) => (c === 1 && k === 1 ? '-183 717 kr' : v) }),
  },
  {
    id: 'textnummer-tkr',
    kind: 'amounts stored as text with a unit: "-183 717 tkr"',
    ext: '.xlsx',
    build: oneTable({ value: (k, c, v) => (c === 1 && k === 1 ? '-183 717 tkr' : v) }),
  },
  {
    id: 'textnummer-minus-efter',
    kind: 'a trailing minus, as some ledgers export it: "183717-"',
    ext: '.xlsx',
    build: oneTable({ value: (k, c, v) => (c === 1 && k === 1 ? '183717-' : v) }),
  },
  {
    id: 'procent-i-beloppskolumn',
    kind: '"-18 %" in an amount column',
    ext: '.xlsx',
    build: oneTable({ value: (k, c, v) => (c === 1 && k === 4 ? '-18 %' : v) }),
  },
  {
    id: 'saknas-punkt-punkt',
    kind: '".." (figure not available) in a few cells',
    ext: '.xlsx',
    build: oneTable({ value: (k, c, v) => (c === 4 && k === 3 ? '..' : v) }),
  },
  {
    id: 'streck-som-noll',
    kind: '"–" and "-" alone (nothing to report, zero)',
    ext: '.xlsx',
    build: oneTable({ value: (k, c, v) => (c === 1 && k === 0 ? '–' : c === 2 && k === 0 ? '-' : v) }),
  },
  {
    id: 'felvarden',
    kind: 'every error value, as cached formula results and as constants',
    ext: '.xlsx',
    build: () => {
      const errors = ['#REF!', '#DIV/0!', '#N/A', '#VALUE!', '#NAME?', '#NULL!', '#NUM!'] as const;
      const at = new Map<string, Cellish>();
      errors.forEach((e, i) =>
        at.set(
          `${i % 6},${[1, 2, 4, 5][Math.floor(i / 2) % 4]}`,
          i % 2
            ? { error: e }
            : { formula: e === '#NAME?' ? 'OKANDFUNKTION()' : '1/0', result: { error: e } },
        ),
      );
      return oneTable({ value: (k, c, v) => at.get(`${k},${c}`) ?? v })();
    },
  },
  {
    id: 'cirkular-sjalv',
    kind: 'a total that refers to itself (=B11+1 in SUMMA)',
    ext: '.xlsx',
    build: () =>
      workbook((wb) => {
        const ws = wb.addWorksheet('Verksamhetsrapport');
        writeTable(ws);
        ws.getCell('B11').value = { formula: 'B11+1', result: 0 };
      }),
  },
  {
    id: 'cirkular-par',
    kind: 'two cells that refer to each other',
    ext: '.xlsx',
    build: () =>
      workbook((wb) => {
        const ws = wb.addWorksheet('Verksamhetsrapport');
        writeTable(ws);
        ws.getCell('E6').value = { formula: 'F6+B6-C6', result: -274366 };
        ws.getCell('F6').value = { formula: 'E6-B6+C6', result: -273827 };
      }),
  },
  {
    id: 'summa-ovanfor',
    kind: 'the total above its items',
    ext: '.xlsx',
    build: oneTable({ totalFirst: true }),
  },
  {
    id: 'dolda-rader',
    kind: 'hidden rows inside the table',
    ext: '.xlsx',
    build: () =>
      workbook((wb) => {
        const ws = wb.addWorksheet('Verksamhetsrapport');
        writeTable(ws);
        ws.getRow(6).hidden = true;
        ws.getRow(7).hidden = true;
      }),
  },
  {
    id: 'dolda-kolumner',
    kind: 'a hidden column (Budget perioden)',
    ext: '.xlsx',
    build: () =>
      workbook((wb) => {
        const ws = wb.addWorksheet('Verksamhetsrapport');
        writeTable(ws);
        ws.getColumn(3).hidden = true;
      }),
  },
  {
    id: 'autofilter',
    kind: 'an autofilter over the table',
    ext: '.xlsx',
    build: () =>
      workbook((wb) => {
        const ws = wb.addWorksheet('Verksamhetsrapport');
        writeTable(ws);
        ws.autoFilter = 'A4:G11';
      }),
  },
  {
    id: 'skyddat-blad',
    kind: 'a protected sheet',
    ext: '.xlsx',
    build: () =>
      workbook(async (wb) => {
        const ws = wb.addWorksheet('Verksamhetsrapport');
        writeTable(ws, { clearDeviations: true });
        await ws.protect('nämnden', { selectLockedCells: true, selectUnlockedCells: true });
      }),
  },
  {
    id: 'skyddad-arbetsbok',
    kind: 'a workbook with its structure protected',
    ext: '.xlsx',
    build: async () =>
      patch(await oneTable({ clearDeviations: true })(), (files) => {
        const wbXml = files.get('xl/workbook.xml')!;
        files.set(
          'xl/workbook.xml',
          wbXml.replace('<sheets>', '<workbookProtection lockStructure="1"/><sheets>'),
        );
      }),
  },
  {
    id: 'bladnamn-svenska',
    kind: 'a sheet name with Swedish letters',
    ext: '.xlsx',
    build: oneTable({}, 'Äldreomsorg – Överförmyndare'),
  },
  {
    id: 'bladnamn-mellanslag',
    kind: 'a sheet name with spaces',
    ext: '.xlsx',
    build: oneTable({}, ' Blad med  mellanslag '),
  },
  {
    id: 'bladnamn-apostrof',
    kind: 'a sheet name with apostrophes',
    ext: '.xlsx',
    build: oneTable({}, "Nämndens 'egna' siffror"),
  },
  {
    id: 'bladnamn-31-tecken',
    kind: 'a 31-character sheet name',
    ext: '.xlsx',
    build: oneTable({}, 'Verksamhetsrapport augusti 2024'),
  },
  {
    id: 'bladnamn-constructor',
    kind: 'a sheet named constructor',
    ext: '.xlsx',
    build: oneTable({}, 'constructor'),
  },
  { id: 'bladnamn-tostring', kind: 'a sheet named toString', ext: '.xlsx', build: oneTable({}, 'toString') },
  { id: 'bladnamn-proto', kind: 'a sheet named __proto__', ext: '.xlsx', build: oneTable({}, '__proto__') },
  {
    id: 'varde-i-xfd1048576',
    kind: 'the table and one x in XFD1048576, the last cell of a sheet',
    ext: '.xlsx',
    build: () =>
      workbook((wb) => {
        const ws = wb.addWorksheet('Verksamhetsrapport');
        writeTable(ws);
        ws.getCell('XFD1048576').value = 'x';
      }),
  },
  {
    id: 'tal-i-z1048576-tre-blad',
    kind: 'a number at Z1048576 on three sheets',
    ext: '.xlsx',
    build: () =>
      workbook((wb) => {
        for (const name of ['Verksamhetsrapport', 'Blad2', 'Blad3']) {
          const ws = wb.addWorksheet(name);
          if (name === 'Verksamhetsrapport') writeTable(ws);
          ws.getCell('Z1048576').value = 17;
        }
      }),
  },
  {
    id: 'varde-i-a1048576',
    kind: 'the table and a single value at A1048576',
    ext: '.xlsx',
    build: () =>
      workbook((wb) => {
        const ws = wb.addWorksheet('Verksamhetsrapport');
        writeTable(ws);
        ws.getCell('A1048576').value = 'Sista raden';
      }),
  },
  {
    id: 'anvant-omrade-till-xfd',
    kind: 'a used range to XFD1048576: a formatted empty cell there and a dimension that says so',
    ext: '.xlsx',
    build: async () =>
      patch(await oneTable()(), (files) => {
        const p = SHEET1;
        files.set(
          p,
          files
            .get(p)!
            .replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>')
            .replace('</sheetData>', '<row r="1048576"><c r="XFD1048576" s="1"/></row></sheetData>'),
        );
      }),
  },
  {
    id: 'etikett-5000-tecken',
    kind: 'a 5 000-character label',
    ext: '.xlsx',
    build: oneTable({
      label: (k, l) => (k === 2 ? `${l} ${'och lite till '.repeat(400)}`.slice(0, 5000) : l),
    }),
  },
  {
    id: 'etiketter-som-formler',
    kind: 'labels starting with =, +, - and @ stored as text',
    ext: '.xlsx',
    build: oneTable(
      {
        label: (k, l) =>
          ['=Nämnd', '+Vård och omsorg', '-Insatser enligt LSS', '@Individ och familj', l, l][k]!,
      },
      'Verksamhetsrapport',
    ),
  },
  {
    id: 'stort-tal-1e15',
    kind: '1e15 in an amount cell',
    ext: '.xlsx',
    build: oneTable({ value: (k, c, v) => (c === 1 && k === 5 ? 1e15 : v) }),
  },
  {
    id: 'minus-noll',
    kind: '−0 in amount cells',
    ext: '.xlsx',
    build: async () =>
      patch(await oneTable({ value: (k, c, v) => (c === 1 && k === 5 ? 0 : v) })(), (files) => {
        const p = SHEET1;
        files.set(p, files.get(p)!.replace(/(<c r="B10"[^>]*><v>)0(<\/v>)/, '$1-0$2'));
      }),
  },
  {
    id: 'datum-i-beloppskolumn',
    kind: 'dates in an amount column',
    ext: '.xlsx',
    build: () =>
      workbook((wb) => {
        const ws = wb.addWorksheet('Verksamhetsrapport');
        writeTable(ws, { value: (k, c, v) => (k === 2 && c === 1 ? new Date(Date.UTC(2024, 7, 31)) : v) });
        ws.getCell('B7').numFmt = 'yyyy-mm-dd';
      }),
  },
  {
    id: 'sanningsvarden-i-beloppskolumn',
    kind: 'booleans in an amount column',
    ext: '.xlsx',
    build: oneTable({ value: (k, c, v) => (c === 2 && k === 3 ? true : c === 2 && k === 4 ? false : v) }),
  },
  {
    id: 'rik-text',
    kind: 'rich text in the header and labels',
    ext: '.xlsx',
    build: () =>
      workbook((wb) => {
        const ws = wb.addWorksheet('Verksamhetsrapport');
        writeTable(ws);
        ws.getCell('B4').value = {
          richText: [
            { text: 'Utfall ', font: { bold: true } },
            { text: 'perioden', font: { italic: true } },
          ],
        };
        ws.getCell('A6').value = {
          richText: [
            { text: 'Vård och omsorg ' },
            { text: 'äldre/funkt', font: { color: { argb: 'FFC00000' } } },
          ],
        };
      }),
  },
  {
    id: 'delade-formler',
    kind: 'shared formulas in the deviation columns',
    ext: '.xlsx',
    build: () =>
      workbook((wb) => {
        const ws = wb.addWorksheet('Verksamhetsrapport');
        writeTable(ws);
        for (let r = 5; r <= 10; r++) {
          const result = (ws.getCell(r, 4).value as ExcelJS.CellFormulaValue).result;
          ws.getCell(r, 4).value =
            r === 5
              ? ({ formula: 'B5-C5', result, shareType: 'shared', ref: 'D5:D10' } as ExcelJS.CellValue)
              : ({ sharedFormula: 'D5', result } as ExcelJS.CellValue);
        }
      }),
  },
  {
    id: 'matrisformel',
    kind: 'an array formula over the deviation column',
    ext: '.xlsx',
    build: () =>
      workbook((wb) => {
        const ws = wb.addWorksheet('Verksamhetsrapport');
        writeTable(ws);
        const results = [5, 6, 7, 8, 9, 10].map(
          (r) => (ws.getCell(r, 7).value as ExcelJS.CellFormulaValue).result,
        );
        ws.getCell('G5').value = {
          formula: 'E5:E10-F5:F10',
          result: results[0],
          shareType: 'array',
          ref: 'G5:G10',
        } as ExcelJS.CellValue;
        for (let r = 6; r <= 10; r++) ws.getCell(r, 7).value = results[r - 5] as number;
      }),
  },
  {
    id: 'definierade-namn',
    kind: 'defined names, one used in the total (=SUM(UtfallAlla))',
    ext: '.xlsx',
    build: () =>
      workbook((wb) => {
        const ws = wb.addWorksheet('Verksamhetsrapport');
        writeTable(ws);
        wb.definedNames.add("'Verksamhetsrapport'!$B$5:$B$10", 'UtfallAlla');
        const result = (ws.getCell('B11').value as ExcelJS.CellFormulaValue).result;
        ws.getCell('B11').value = { formula: 'SUM(UtfallAlla)', result };
      }),
  },
  {
    id: 'formelresultat-noll',
    kind: 'formulas whose cached result is 0',
    ext: '.xlsx',
    build: () =>
      workbook((wb) => {
        const ws = wb.addWorksheet('Verksamhetsrapport');
        // Utfall = budget in row 10: the deviation formula's cached result is 0.
        writeTable(ws, { value: (k, c, v) => (k === 5 && (c === 1 || c === 2) ? -9100 : v) });
      }),
  },
  {
    id: 'dold-och-mycket-dold',
    kind: 'only hidden and very hidden sheets besides one visible',
    ext: '.xlsx',
    build: () =>
      workbook((wb) => {
        writeTable(wb.addWorksheet('Verksamhetsrapport'));
        writeTable(wb.addWorksheet('Gammal', { state: 'hidden' }));
        wb.addWorksheet('Hemlig', { state: 'veryHidden' }).getCell('A1').value = 'x';
      }),
  },
  {
    id: 'inga-synliga-blad',
    kind: 'every sheet hidden (a file Excel would refuse, written by another program)',
    ext: '.xlsx',
    build: async () =>
      patch(await oneTable()(), (files) => {
        files.set(
          'xl/workbook.xml',
          files.get('xl/workbook.xml')!.replace('state="visible"', 'state="hidden"'),
        );
      }),
  },
  {
    id: 'trasiga-installningar',
    kind: "Budgetkoll's store sheet holding damaged settings JSON",
    ext: '.xlsx',
    build: () =>
      workbook((wb) => {
        writeTable(wb.addWorksheet('Verksamhetsrapport'));
        wb.addWorksheet('Budgetkoll_data', { state: 'veryHidden' }).getCell('A1').value =
          '{"format":"budgetkoll/1","settings":{"signOverr';
      }),
  },
  {
    id: 'namnrymdsprefix',
    kind: 'SpreadsheetML with a namespace prefix on every element (x:worksheet, as the Open XML SDK can write)',
    ext: '.xlsx',
    build: () =>
      packageWith([
        {
          name: 'Verksamhetsrapport',
          xml:
            '<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
            `<x:sheetData>${handTableRows(true, 'x')}</x:sheetData></x:worksheet>`,
        },
      ]),
  },
  {
    id: 'celler-utan-adress',
    kind: 'cells without r attributes (allowed by the standard: position by order)',
    ext: '.xlsx',
    build: () =>
      packageWith([
        {
          name: 'Verksamhetsrapport',
          xml:
            '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
            `<sheetData>${handTableRows(false)}</sheetData></worksheet>`,
        },
      ]),
  },
  {
    id: 'datumsystem-1904',
    kind: 'the 1904 date system (old Mac workbooks)',
    ext: '.xlsx',
    build: () =>
      workbook((wb) => {
        wb.properties.date1904 = true;
        const ws = wb.addWorksheet('Verksamhetsrapport');
        writeTable(ws);
        ws.getCell('A2').value = new Date(Date.UTC(2024, 7, 31));
        ws.getCell('A2').numFmt = 'yyyy-mm-dd';
      }),
  },
  {
    id: 'hyperlank-och-kommentar',
    kind: 'a hyperlink label and a cell comment',
    ext: '.xlsx',
    build: () =>
      workbook((wb) => {
        const ws = wb.addWorksheet('Verksamhetsrapport');
        writeTable(ws);
        ws.getCell('A7').value = { text: 'Insatser enligt LSS och SFB', hyperlink: 'https://www.ekero.se' };
        ws.getCell('B6').note = 'Kontrollera mot huvudboken';
      }),
  },
  {
    id: 'tva-hundra-blad',
    kind: '200 sheets, each with a small table',
    ext: '.xlsx',
    large: true,
    build: () =>
      workbook((wb) => {
        for (let i = 1; i <= 200; i++) writeTable(wb.addWorksheet(`Enhet ${i}`));
      }),
  },
  {
    id: 'sextiotusen-rader',
    kind: '60 000 item rows in one ledger table',
    ext: '.xlsx',
    large: true,
    build: () => largeWorkbook({ rows: 60_000 }),
  },
  // ---- Not workbooks, or not .xlsx
  { id: 'tom-fil', kind: 'an empty file (0 bytes)', ext: '.xlsx', build: async () => new Uint8Array(0) },
  {
    id: 'inte-zip',
    kind: 'random bytes with an .xlsx name',
    ext: '.xlsx',
    build: async () => {
      const b = new Uint8Array(4096);
      let s = 7;
      for (let i = 0; i < b.length; i++) b[i] = (s = (s * 1103515245 + 12345) >>> 0) >>> 24;
      return b;
    },
  },
  {
    id: 'zip-utan-arbetsbok',
    kind: 'a zip archive holding a text file',
    ext: '.xlsx',
    build: async () => {
      const zip = new JSZip();
      zip.file('anteckningar.txt', 'Inte en arbetsbok');
      return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    },
  },
  {
    id: 'gammalt-xls',
    kind: 'the old .xls format (Excel 97–2003), made by LibreOffice',
    ext: '.xls',
    soffice: { from: 'rubrik-rad-40.xlsx', format: 'xls' },
    build: notBuilt,
  },
  {
    id: 'xls-som-xlsx',
    kind: 'an .xls file renamed to .xlsx',
    ext: '.xlsx',
    soffice: { from: 'rubrik-rad-40.xlsx', format: 'xls' },
    build: notBuilt,
  },
  {
    id: 'makroarbetsbok',
    kind: 'a macro-enabled workbook (.xlsm)',
    ext: '.xlsm',
    build: async () =>
      patch(await oneTable()(), (files) => {
        files.set(
          '[Content_Types].xml',
          files
            .get('[Content_Types].xml')!
            .replace(
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
              'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
            ),
        );
      }),
  },
  {
    id: 'opendocument',
    kind: 'an OpenDocument spreadsheet (.ods), made by LibreOffice',
    ext: '.ods',
    soffice: { from: 'rubrik-rad-40.xlsx', format: 'ods' },
    build: notBuilt,
  },
  {
    id: 'csv',
    kind: 'a semicolon-separated text export',
    ext: '.csv',
    build: async () =>
      new TextEncoder().encode(
        `${HEADER.join(';')}\n${ITEMS.map(([l, u, b, p, a]) => [l, u, b, u - b, p, a, p - a].join(';')).join('\n')}\n`,
      ),
  },
  { id: 'word-dokument', kind: 'a Word document (.docx) with an .xlsx name', ext: '.xlsx', build: docx },
  {
    id: 'krypterad',
    kind: 'a password-protected (encrypted) workbook: agile encryption in an OLE container, as Excel saves it',
    ext: '.xlsx',
    build: async () => encryptedPackage(await oneTable()(), 'nämnden'),
  },
  {
    id: 'avkortad',
    kind: 'a workbook cut off halfway (an interrupted download)',
    ext: '.xlsx',
    build: async () => {
      const b = await oneTable()();
      return b.subarray(0, Math.floor(b.length / 2));
    },
  },
  {
    id: 'skadad-komprimering',
    kind: 'a workbook with damaged compressed data in its sheet part',
    ext: '.xlsx',
    build: async () => {
      const b = Buffer.from(await oneTable()());
      const name = Buffer.from('xl/worksheets/sheet1.xml');
      const at = b.indexOf(name);
      // Flip bytes inside the sheet's deflate stream, well past its local header.
      for (let i = at + name.length + 40; i < at + name.length + 60; i++) b[i] = b[i]! ^ 0xff;
      return new Uint8Array(b);
    },
  },
  {
    id: 'trasig-xml',
    kind: 'a sheet part that is not well-formed XML',
    ext: '.xlsx',
    build: async () =>
      patch(await oneTable()(), (files) => {
        const p = SHEET1;
        files.set(
          p,
          files.get(p)!.replace('</sheetData>', '<row r="99"><c r="A99"><v>1</c></row></sheetData>'),
        );
      }),
  },
  {
    id: 'zip-bomb',
    kind: 'a zip bomb: a sheet part that inflates to 1 GB of whitespace',
    ext: '.xlsx',
    large: true,
    build: () => zipBomb(1024),
  },
  {
    id: 'xml-entitetsbomb',
    kind: 'an XML entity bomb (billion laughs) in the sheet part',
    ext: '.xlsx',
    build: async () =>
      patch(await oneTable()(), (files) => {
        const p = SHEET1;
        files.set(
          p,
          files
            .get(p)!
            .replace(/^<\?xml[^>]*\?>\s*/, BILLION_LAUGHS)
            .replace(
              '<sheetData>',
              '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>',
            ),
        );
      }),
  },
  {
    id: 'xml-extern-entitet',
    kind: 'an external entity (XXE) reading /etc/passwd from the shared strings',
    ext: '.xlsx',
    build: async () =>
      patch(await oneTable()(), (files) => {
        const p = SHEET1;
        files.set(
          p,
          files
            .get(p)!
            .replace(
              /^<\?xml[^>]*\?>\s*/,
              '<?xml version="1.0"?>\n<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n',
            )
            .replace(
              '<sheetData>',
              '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row>',
            ),
        );
      }),
  },
];

async function notBuilt(): Promise<Uint8Array> {
  throw new Error('made by LibreOffice in make.ts');
}
