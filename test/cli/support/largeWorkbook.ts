/**
 * Large ledger-style workbooks for the command line's size tests and figures,
 * written straight as package XML (ExcelJS takes longer to write a 100 000-row
 * sheet than the command takes to read it). A title, a report period, the
 * header `Kod | Verksamhet | Utfall perioden 2023 | Utfall perioden | Budget
 * perioden | Avvikelse perioden | Prognos helår | Budget helår | Avvikelse
 * helår`, groups of items closed by `Summa grupp` rows (SUM formulas), areas
 * of 20 groups closed by `Summa område` rows (`+` formulas), a `Totalt` row
 * over the areas, deviation formulas, all with correct cached values, costs
 * negative, `#,##0`. Deterministic: the same `rows` give the same bytes.
 */
import JSZip from 'jszip';
import { a1 } from '../../../src/core/grid';
import { LEDGER_HEADER } from '../../../bench/sheets';

export interface LargeWorkbookOptions {
  /** Item rows (the sheet has a few more: title, header, sums). */
  rows: number;
  /** Items per group (each group ends in a `Summa` row). */
  groupSize?: number;
  sheetName?: string;
  /** Extra cells far out, e.g. `{ ref: 'XFD1048576', text: 'x' }`. */
  stray?: { ref: string; text?: string; number?: number }[];
}

/** A small PRNG with a fixed seed, so the workbook is the same every time. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The benchmark's ledger header: one definition of what a ledger export's columns are. */
const HEADER = LEDGER_HEADER;

class SheetXml {
  readonly parts: string[] = [];
  private row = -1;
  private cells: string[] = [];

  startRow(row: number): void {
    this.flush();
    this.row = row;
  }

  text(col: number, text: string): void {
    this.cells.push(`<c r="${a1(this.row, col)}" t="inlineStr"><is><t>${esc(text)}</t></is></c>`);
  }

  number(col: number, value: number, style = 1): void {
    this.cells.push(`<c r="${a1(this.row, col)}" s="${style}"><v>${value}</v></c>`);
  }

  formula(col: number, formula: string, value: number): void {
    this.cells.push(`<c r="${a1(this.row, col)}" s="1"><f>${esc(formula)}</f><v>${value}</v></c>`);
  }

  flush(): void {
    if (this.row >= 0 && this.cells.length)
      this.parts.push(`<row r="${this.row + 1}">${this.cells.join('')}</row>`);
    this.cells = [];
  }
}

const LETTERS = ['C', 'D', 'E', 'F', 'G', 'H', 'I'];

function sheetXml(opts: LargeWorkbookOptions): string {
  const rand = prng(20240831);
  const groupSize = opts.groupSize ?? 25;
  const groupsPerArea = 20;
  const x = new SheetXml();
  x.startRow(0);
  x.text(0, 'Socialnämnden – driftredovisning per ansvar och konto');
  x.startRow(1);
  x.text(0, 'Rapportperiod: 2024-08-31');
  x.startRow(3);
  HEADER.forEach((h, c) => x.text(c, h));
  let row = 4;
  let items = 0;
  let group = 0;
  const areaRows: number[] = [];
  const total = [0, 0, 0, 0, 0, 0, 0];
  while (items < opts.rows) {
    const groupRows: number[] = [];
    const area = [0, 0, 0, 0, 0, 0, 0];
    for (let g = 0; g < groupsPerArea && items < opts.rows; g++, group++) {
      const first = row;
      const sums = [0, 0, 0, 0, 0, 0, 0];
      const n = Math.min(groupSize, opts.rows - items);
      for (let k = 0; k < n; k++, row++, items++) {
        const prior = -Math.round(rand() * 900_000);
        const outcome = -Math.round(rand() * 900_000);
        const budget = -Math.round(rand() * 900_000);
        const annual = Math.round(budget * 1.5);
        const forecast = outcome + (annual - budget);
        x.startRow(row);
        x.text(0, String(5100 + ((group * groupSize + k) % 900)));
        x.text(1, `Konto ${group + 1}.${k + 1} hemtjänst och boende`);
        x.number(2, prior);
        x.number(3, outcome);
        x.number(4, budget);
        x.formula(5, `D${row + 1}-E${row + 1}`, outcome - budget);
        x.number(6, forecast);
        x.number(7, annual);
        x.formula(8, `G${row + 1}-H${row + 1}`, forecast - annual);
        const values = [prior, outcome, budget, outcome - budget, forecast, annual, forecast - annual];
        values.forEach((v, i) => (sums[i]! += v));
      }
      x.startRow(row);
      x.text(1, `Summa grupp ${group + 1}`);
      LETTERS.forEach((l, i) => x.formula(i + 2, `SUM(${l}${first + 1}:${l}${row})`, sums[i]!));
      sums.forEach((v, i) => (area[i]! += v));
      groupRows.push(row);
      row++;
    }
    x.startRow(row);
    x.text(1, `Summa område ${areaRows.length + 1}`);
    LETTERS.forEach((l, i) => x.formula(i + 2, groupRows.map((r) => `${l}${r + 1}`).join('+'), area[i]!));
    area.forEach((v, i) => (total[i]! += v));
    areaRows.push(row);
    row++;
  }
  x.startRow(row);
  x.text(1, 'Totalt');
  LETTERS.forEach((l, i) => x.formula(i + 2, areaRows.map((r) => `${l}${r + 1}`).join('+'), total[i]!));
  for (const s of opts.stray ?? []) {
    const m = /^([A-Z]+)(\d+)$/.exec(s.ref)!;
    const r = Number(m[2]) - 1;
    let col = 0;
    for (const ch of m[1]!) col = col * 26 + ch.charCodeAt(0) - 64;
    x.startRow(r);
    if (s.text !== undefined) x.text(col - 1, s.text);
    else x.number(col - 1, s.number ?? 1, 0);
  }
  x.flush();
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<sheetData>${x.parts.join('')}</sheetData></worksheet>`
  );
}

const STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border/></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
  '</styleSheet>';

/** A package with the given sheets (name → worksheet XML). */
export async function packageWith(sheets: { name: string; xml: string }[]): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      sheets
        .map(
          (_, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join('') +
      '</Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
      '</Relationships>',
  );
  zip.file(
    'xl/workbook.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      '<sheets>' +
      sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
      '</sheets></workbook>',
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      sheets
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join('') +
      `<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
      '</Relationships>',
  );
  zip.file('xl/styles.xml', STYLES);
  sheets.forEach((s, i) => zip.file(`xl/worksheets/sheet${i + 1}.xml`, s.xml));
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

/** A ledger-style workbook with `rows` item rows on one sheet. */
export async function largeWorkbook(opts: LargeWorkbookOptions): Promise<Uint8Array> {
  return packageWith([{ name: opts.sheetName ?? 'Driftredovisning', xml: sheetXml(opts) }]);
}
