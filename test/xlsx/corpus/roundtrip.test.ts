/**
 * `budgetkoll berakna` on the feature corpus: the output is the user's
 * workbook with only the planned cells changed. For every workbook: the
 * input's bytes stay, every package part is byte-identical except those that
 * must change, in those every feature is still there and moved as Excel
 * moves it (compared as parsed XML), the planned cells hold exactly the
 * planned content, a second run changes nothing, and LibreOffice opens the
 * output and computes what the formulas should give.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import { runCli } from '../../../src/cli/main';
import { nodeIO, type CliIO } from '../../../src/cli/io';
import { computeDeviations } from '../../../src/core';
import { a1, columnIndex } from '../../../src/core/grid';
import type { CellWrite } from '../../../src/core/plan';
import { DEFAULT_SETTINGS } from '../../../src/core/schemas';
import { STORE_SHEET, readEntry, readHeader } from '../../../src/core/store';
import { findSheet } from '../../../src/workbook/model';
import { modelToGrid, readXlsx } from '../../../src/xlsx';
import { convertWithCalc, describeWithCalc } from '../../support/libreoffice';
import { buildCorpus, OTHER, SHEET, type CorpusEntry } from './corpus';
import { all, parseXml, readParts, tagCounts, type Parts, type XmlElement } from './xmlTree';

const EDITED = 'xl/worksheets/sheet1.xml';
const SECOND = 'xl/worksheets/sheet2.xml';
const STORE_PART = 'xl/worksheets/sheet3.xml';
/** Parts every run changes: the edited sheet, its formats, the workbook (calcPr, names) and the package's lists. */
const ALWAYS = [
  EDITED,
  'xl/styles.xml',
  'xl/workbook.xml',
  '[Content_Types].xml',
  'xl/_rels/workbook.xml.rels',
];
/** Parts a feature adds to the changed ones (they name moved cells). */
const CHANGES: Record<string, string[]> = {
  anteckningar: ['xl/comments1.xml', 'xl/drawings/vmlDrawing1.vml'],
  'andra-bladet': [SECOND],
  diagram: ['xl/charts/chart1.xml'],
  'tabell-i-bandet': ['xl/tables/table1.xml'],
  'alla-funktioner': ['xl/comments1.xml', 'xl/drawings/vmlDrawing1.vml', SECOND, 'xl/charts/chart1.xml'],
};

/** Formulas whose text changes because the cells they read moved (address after the insert → text). */
const MOVED_FORMULAS: Record<string, Record<string, string>> = {
  base: { E8: 'SUM(E5:E7)', F8: 'SUM(F5:F7)' },
  matrisformler: { C24: 'SUM(E5:E7-F5:F7)' },
  'delade-formler': { M5: 'F5*2', B26: 'F5', C30: 'F7', C31: 'F8', C32: 'E9' },
};

interface Run {
  entry: CorpusEntry;
  input: string;
  output: string;
  code: number;
  stderr: string;
  inputBefore: Buffer;
}

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { ...nodeIO(), stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

/** One cell of a sheet part, as the file stores it. */
interface FileCell {
  s: string;
  t?: string;
  f?: { text: string; attrs: Record<string, string> };
  v?: string;
  inline?: string;
}

function cellsOf(sheet: XmlElement): Map<string, FileCell> {
  const out = new Map<string, FileCell>();
  for (const c of all(sheet, 'c')) {
    const f = c.children.find((x) => x.name === 'f');
    const v = c.children.find((x) => x.name === 'v');
    const is = c.children.find((x) => x.name === 'is');
    out.set(c.attrs.r!, {
      s: c.attrs.s ?? '0',
      ...(c.attrs.t ? { t: c.attrs.t } : {}),
      ...(f ? { f: { text: f.text, attrs: f.attrs } } : {}),
      ...(v ? { v: v.text } : {}),
      ...(is
        ? {
            inline: all(is, 't')
              .map((t) => t.text)
              .join(''),
          }
        : {}),
    });
  }
  return out;
}

/** Where a cell of the edited sheet is after berakna's insert at D4:D8. */
function movedAddress(address: string): string {
  const m = /^([A-Z]+)(\d+)$/.exec(address)!;
  const row = Number(m[2]) - 1;
  const col = columnIndex(m[1]!);
  return row >= 3 && row <= 7 && col >= 3 ? a1(row, col + 1) : address;
}

/** What a style index means: number format code, fill colour, italic. */
async function styleReader(
  parts: Parts,
): Promise<(s: string) => { numFmt: string; fill: string | null; italic: boolean }> {
  const styles = parseXml(await parts.text('xl/styles.xml'));
  const codes = new Map(all(styles, 'numFmt').map((n) => [n.attrs.numFmtId!, n.attrs.formatCode!]));
  const builtin: Record<string, string> = { '0': 'General', '3': '#,##0', '49': '@' };
  const xfs = all(all(styles, 'cellXfs')[0]!, 'xf');
  const fills = all(all(styles, 'fills')[0]!, 'fill');
  const fonts = all(all(styles, 'fonts')[0]!, 'font');
  return (s) => {
    const xf = xfs[Number(s)]!;
    const fill = fills[Number(xf.attrs.fillId ?? 0)]!;
    const pattern = all(fill, 'patternFill')[0];
    const fg = pattern ? all(pattern, 'fgColor')[0] : undefined;
    const font = fonts[Number(xf.attrs.fontId ?? 0)]!;
    const id = xf.attrs.numFmtId ?? '0';
    return {
      numFmt: codes.get(id) ?? builtin[id] ?? `#${id}`,
      fill: pattern?.attrs.patternType === 'solid' && fg?.attrs.rgb ? `#${fg.attrs.rgb.slice(2)}` : null,
      italic: font.children.some((c) => c.name === 'i' && c.attrs.val !== '0'),
    };
  };
}

let dir: string;
const runs: Run[] = [];
const ok = (): Run[] => runs.filter((r) => !r.entry.refusal);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'budgetkoll-korpus-'));
  for (const entry of await buildCorpus()) {
    const input = join(dir, `${entry.name}.xlsx`);
    const output = join(dir, `${entry.name}-ut.xlsx`);
    writeFileSync(input, entry.bytes);
    const inputBefore = readFileSync(input);
    const r = await cli('berakna', input, '-o', output, '--blad', SHEET);
    runs.push({ entry, input, output, code: r.code, stderr: r.stderr, inputBefore });
  }
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('berakna on the feature corpus', () => {
  it('runs on every workbook and never changes the input file', () => {
    expect(runs.length).toBeGreaterThanOrEqual(24);
    for (const r of runs) expect(readFileSync(r.input).equals(r.inputBefore)).toBe(true);
  });

  it('refuses, in one Swedish line and writing nothing, where Excel would refuse', () => {
    const refused = runs.filter((r) => r.entry.refusal);
    expect(refused.map((r) => r.entry.name).sort()).toEqual(
      [
        'sammanfogning-delas',
        'skyddad-struktur-utan-lager',
        'skyddat-budgetblad',
        'tabell-over-budget',
      ].sort(),
    );
    for (const r of refused) {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(r.entry.refusal!);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(r.output)).toBe(false);
    }
  });

  it.each(['definierade-namn', 'alla-funktioner', 'delade-formler', 'diagram'])('%s: exit 0', (name) => {
    expect(runs.find((r) => r.entry.name === name)!).toMatchObject({ code: 0, stderr: '' });
  });

  it('keeps every part byte for byte except those that must change, and changes those', async () => {
    for (const r of ok()) {
      expect({ name: r.entry.name, code: r.code }).toEqual({ name: r.entry.name, code: 0 });
      const before = await readParts(r.entry.bytes);
      const after = await readParts(readFileSync(r.output));
      const allowed = new Set([...ALWAYS, ...(CHANGES[r.entry.name] ?? [])]);
      const hadStore = r.entry.name === 'skyddad-struktur-med-lager';
      if (hadStore) allowed.add(STORE_PART);
      const changed: string[] = [];
      for (const name of before.names) {
        if (!after.names.includes(name)) {
          changed.push(`${name} (removed)`);
          continue;
        }
        if (!Buffer.from(await before.bytes(name)).equals(Buffer.from(await after.bytes(name))))
          changed.push(name);
      }
      const added = after.names.filter((n) => !before.names.includes(n));
      const removedOk = ['berakningskedja', 'alla-funktioner'].includes(r.entry.name)
        ? ['xl/calcChain.xml (removed)']
        : [];
      expect({
        name: r.entry.name,
        unexpected: changed.filter((n) => !allowed.has(n) && !removedOk.includes(n)),
      }).toEqual({
        name: r.entry.name,
        unexpected: [],
      });
      // What must change did change (a moved note or chart series left behind would fail here).
      for (const must of CHANGES[r.entry.name] ?? [])
        expect({ name: r.entry.name, must, changed: changed.includes(must) }).toEqual({
          name: r.entry.name,
          must,
          changed: true,
        });
      expect({ name: r.entry.name, added }).toEqual({
        name: r.entry.name,
        added: hadStore ? [] : [STORE_PART],
      });
      for (const name of removedOk) expect(changed).toContain(name);
    }
  });

  it('parses every changed part, and keeps every element outside the cells', async () => {
    for (const r of ok()) {
      const before = await readParts(r.entry.bytes);
      const after = await readParts(readFileSync(r.output));
      for (const name of after.names.filter((n) => n.endsWith('.xml') || n.endsWith('.rels')))
        parseXml(await after.text(name));
      const b = parseXml(await before.text(EDITED));
      const a = parseXml(await after.text(EDITED));
      expect({ name: r.entry.name, tags: tagCounts(a, ['sheetData']) }).toEqual({
        name: r.entry.name,
        tags: tagCounts(b, ['sheetData']),
      });
    }
  });

  it('leaves every cell it does not plan as it was, moved where the insert moves it', async () => {
    for (const r of ok()) {
      const before = cellsOf(parseXml(await (await readParts(r.entry.bytes)).text(EDITED)));
      const after = cellsOf(parseXml(await (await readParts(readFileSync(r.output))).text(EDITED)));
      const plan = planOf(r.entry);
      const planned = new Set(plan.map((w) => a1(w.row, w.col)));
      const expectedFormulas = { ...MOVED_FORMULAS.base, ...(MOVED_FORMULAS[r.entry.name] ?? {}) };
      if (r.entry.name === 'alla-funktioner')
        Object.assign(expectedFormulas, MOVED_FORMULAS.matrisformler, MOVED_FORMULAS['delade-formler']);
      const seen = new Set<string>();
      for (const [address, cell] of before) {
        const to = movedAddress(address);
        seen.add(to);
        if (planned.has(to)) continue;
        const got = after.get(to);
        const want = expectedFormulas[to];
        // Formula cells whose result the plan changed get a new cached value (or none).
        // Formula cells whose result the plan changed get a new cached value, or none where it cannot be
        // known here (=SUM(PrognosAlla) reads the proposals through a name).
        const resultChanged = to === 'E8' || (to === 'B22' && cell.f?.text === 'SUM(PrognosAlla)');
        const expected: FileCell = {
          ...cell,
          ...(cell.f && want ? { f: { text: want, attrs: cell.f.attrs } } : {}),
        };
        if (resultChanged) {
          expect({ at: `${r.entry.name}!${to}`, v: got?.v }).toEqual({
            at: `${r.entry.name}!${to}`,
            v: to === 'E8' ? '-28650' : undefined,
          });
          delete expected.v;
          if (got) delete (got as Partial<FileCell>).v;
        }
        if (r.entry.name === 'delade-formler' || r.entry.name === 'alla-funktioner') {
          // The group straddling the moved rows is written out cell by cell.
          if (['C30', 'C31', 'C32'].includes(to)) expected.f = { text: want!, attrs: {} };
          if (to === 'M5') expected.f = { text: want!, attrs: { ...cell.f!.attrs, ref: 'M5:M7' } };
        }
        // An array formula's range moves with its cell.
        if (cell.f?.attrs.t === 'array' && to !== address)
          expected.f = { ...cell.f, attrs: { ...cell.f.attrs, ref: to } };
        expect({ at: `${r.entry.name}!${to}`, cell: got }).toEqual({
          at: `${r.entry.name}!${to}`,
          cell: expected,
        });
      }
      // Nothing else appeared but the planned cells and inserted cells taking their neighbour's format.
      for (const [address, cell] of after) {
        if (seen.has(address) || planned.has(address)) continue;
        expect({
          at: `${r.entry.name}!${address}`,
          col: address[0],
          empty: cell.v === undefined && !cell.f,
        }).toEqual({
          at: `${r.entry.name}!${address}`,
          col: 'D',
          empty: true,
        });
      }
    }
  });

  it('writes exactly the planned content, formats included', async () => {
    for (const r of ok()) {
      const parts = await readParts(readFileSync(r.output));
      const after = cellsOf(parseXml(await parts.text(EDITED)));
      const style = await styleReader(parts);
      for (const w of planOf(r.entry)) {
        const at = `${r.entry.name}!${a1(w.row, w.col)}`;
        const cell = after.get(a1(w.row, w.col));
        expect({ at, exists: cell !== undefined }).toEqual({ at, exists: true });
        if (w.formula !== undefined)
          expect({ at, f: cell!.f?.text, attrs: cell!.f?.attrs }).toEqual({
            at,
            f: w.formula.slice(1),
            attrs: {},
          });
        if (typeof w.value === 'string')
          expect({ at, t: cell!.t, text: cell!.inline }).toEqual({
            at,
            t: 'inlineStr',
            text: w.value.replace(/^'/, ''),
          });
        if (typeof w.value === 'number') expect({ at, v: cell!.v }).toEqual({ at, v: String(w.value) });
        const s = style(cell!.s);
        if (w.numberFormat !== undefined)
          expect({ at, numFmt: s.numFmt }).toEqual({ at, numFmt: w.numberFormat });
        if (w.fill !== undefined) expect({ at, fill: s.fill }).toEqual({ at, fill: w.fill });
        if (w.italic !== undefined) expect({ at, italic: s.italic }).toEqual({ at, italic: w.italic });
      }
    }
  });

  it('keeps a journal entry for Ångra in the very hidden store sheet, and the settings already there', async () => {
    for (const r of ok()) {
      const model = await readXlsx(readFileSync(r.output));
      const store = findSheet(model, STORE_SHEET)!;
      expect(store.visibility).toBe('VeryHidden');
      // Column A holds the header (settings and the journal's index) and the entries below it (src/core/store.ts).
      const columnA: unknown[] = [];
      for (const [key, cell] of store.cells) {
        const [row, col] = key.split(',').map(Number) as [number, number];
        if (col === 0) columnA[row] = cell.value;
      }
      const head = readHeader(columnA);
      if (head.kind !== 'header') throw new Error(`store header: ${head.kind}`);
      expect(head.header.journal).toHaveLength(1);
      const place = head.header.journal[0]!;
      expect(place).toMatchObject({ command: 'computeDeviations', sheet: SHEET });
      const entry = readEntry(columnA.slice(place.row, place.row + place.rows), place);
      expect(entry).toMatchObject({ inserts: [{ col: 3, top: 3, bottom: 7 }] });
    }
  });

  it('changes nothing when run again on its own output: the same bytes', async () => {
    for (const name of ['alla-funktioner', 'definierade-namn', 'skyddad-struktur-med-lager']) {
      const r = runs.find((x) => x.entry.name === name)!;
      const again = join(dir, `${name}-igen.xlsx`);
      const second = await cli('berakna', r.output, '-o', again, '--blad', SHEET);
      expect(second.code).toBe(0);
      expect(readFileSync(again).equals(readFileSync(r.output))).toBe(true);
    }
  });
});

/** The plan berakna computes for an entry's budget sheet (its coordinates are those after the insert). */
const plans = new Map<string, CellWrite[]>();
function planOf(entry: CorpusEntry): CellWrite[] {
  return plans.get(entry.name)!;
}
beforeAll(async () => {
  for (const entry of await buildCorpus()) {
    const model = await readXlsx(entry.bytes);
    plans.set(entry.name, computeDeviations(modelToGrid(model, SHEET), DEFAULT_SETTINGS).plan.writes);
  }
}, 60_000);

describe('features, compared as parsed XML', () => {
  const part = async (name: string, path: string): Promise<{ before: XmlElement; after: XmlElement }> => {
    const r = runs.find((x) => x.entry.name === name)!;
    return {
      before: parseXml(await (await readParts(r.entry.bytes)).text(path)),
      after: parseXml(await (await readParts(readFileSync(r.output))).text(path)),
    };
  };
  const attrs = (el: XmlElement, name: string, attr: string) => all(el, name).map((e) => e.attrs[attr]);
  const texts = (el: XmlElement, name: string) => all(el, name).map((e) => e.text);

  it.each(['definierade-namn', 'alla-funktioner'])(
    '%s: defined names follow the moved cells',
    async (name) => {
      const { after } = await part(name, 'xl/workbook.xml');
      const names = Object.fromEntries(all(after, 'definedName').map((d) => [d.attrs.name, d.text]));
      expect(names).toMatchObject({ UtfallAlla: `${SHEET}!$B$5:$B$7`, PrognosAlla: `${SHEET}!$E$5:$E$7` });
      expect(attrs(after, 'calcPr', 'fullCalcOnLoad')).toEqual(['1']);
    },
  );

  it.each(['sammanfogade-celler', 'alla-funktioner'])('%s: merges move with their cells', async (name) => {
    const { after } = await part(name, EDITED);
    expect(attrs(after, 'mergeCell', 'ref')).toEqual(['A1:F1', 'I5:J5']);
  });

  it.each(['autofilter', 'alla-funktioner'])(
    '%s: the autofilter widens and its filter column follows',
    async (name) => {
      const { before, after } = await part(name, EDITED);
      expect(attrs(after, 'autoFilter', 'ref')).toEqual(['A4:G8']);
      expect(attrs(after, 'filterColumn', 'colId')).toEqual(['5']);
      expect(all(after, 'customFilter')).toEqual(all(before, 'customFilter'));
    },
  );

  it.each(['frysta-rutor', 'dolda-rader-och-kolumner', 'kantlinjer-hojd-bredd', 'alla-funktioner'])(
    '%s: panes, hidden rows and columns, widths and heights stay',
    async (name) => {
      const { before, after } = await part(name, EDITED);
      expect(all(after, 'sheetViews')).toEqual(all(before, 'sheetViews'));
      expect(all(after, 'cols')).toEqual(all(before, 'cols'));
      const rowAttrs = (el: XmlElement) => all(el, 'row').map(({ attrs: { spans: _s, ...rest } }) => rest);
      expect(rowAttrs(after)).toEqual(rowAttrs(before));
    },
  );

  it.each(['anteckningar', 'alla-funktioner'])(
    '%s: notes and their shapes move with their cells',
    async (name) => {
      const comments = await part(name, 'xl/comments1.xml');
      expect(attrs(comments.after, 'comment', 'ref')).toEqual(['A5', 'F5']);
      expect(all(comments.after, 'text')).toEqual(all(comments.before, 'text'));
      const r = runs.find((x) => x.entry.name === name)!;
      const vml = await (await readParts(readFileSync(r.output))).text('xl/drawings/vmlDrawing1.vml');
      expect([...vml.matchAll(/<x:Column>(\d+)<\/x:Column>/g)].map((m) => m[1])).toEqual(['0', '5']);
    },
  );

  it.each(['dataverifiering', 'alla-funktioner'])(
    '%s: data validation moves with its cells',
    async (name) => {
      const { after } = await part(name, EDITED);
      expect(attrs(after, 'dataValidation', 'sqref')).toEqual(['I5:I7']);
      expect(texts(after, 'formula1')).toEqual(['"Ja,Nej"']);
    },
  );

  it.each(['villkorsstyrd-formatering', 'alla-funktioner'])(
    '%s: conditional formatting ranges and formulas move',
    async (name) => {
      const { before, after } = await part(name, EDITED);
      expect(attrs(after, 'conditionalFormatting', 'sqref')).toEqual(['G5:G8', 'F5:F7', 'C5:C7']);
      expect(texts(after, 'formula')).toEqual(['0', 'F5<B5']);
      expect(texts(after, 'xm:sqref')).toEqual(['C5:C7']);
      expect(all(after, 'x14:cfRule')).toEqual(all(before, 'x14:cfRule'));
    },
  );

  it.each(['hyperlankar', 'alla-funktioner'])(
    '%s: hyperlinks move with their cells and keep their targets',
    async (name) => {
      const { before, after } = await part(name, EDITED);
      expect(attrs(after, 'hyperlink', 'ref')).toEqual(['I7', 'A23']);
      expect(attrs(after, 'hyperlink', 'r:id')).toEqual(attrs(before, 'hyperlink', 'r:id'));
      expect(attrs(after, 'hyperlink', 'location')).toEqual(attrs(before, 'hyperlink', 'location'));
    },
  );

  it.each(['matrisformler', 'alla-funktioner'])(
    '%s: array formulas keep their range and read the moved cells',
    async (name) => {
      const { after } = await part(name, EDITED);
      const arrays = all(after, 'f').filter((f) => f.attrs.t === 'array');
      expect(arrays.map((f) => [f.attrs.ref, f.text])).toEqual([
        ['I6', 'MAX(B6:C6)'],
        ['B24', 'SUM(B5:B7*C5:C7)'],
        ['C24', 'SUM(E5:E7-F5:F7)'],
      ]);
    },
  );

  it.each(['andra-bladet', 'alla-funktioner'])(
    '%s: formulas on the other sheet follow the moved cells',
    async (name) => {
      const { before, after } = await part(name, SECOND);
      const f = (el: XmlElement) =>
        Object.fromEntries(
          all(el, 'c')
            .filter((c) => c.children.some((x) => x.name === 'f'))
            .map((c) => [c.attrs.r, c.children.find((x) => x.name === 'f')!.text]),
        );
      expect(f(after)).toEqual({ ...f(before), B2: `${SHEET}!E8`, B4: `SUM(${SHEET}!F5:F7)` });
      expect(all(after, 'sheetProtection')).toEqual(all(before, 'sheetProtection'));
    },
  );

  it.each(['diagram', 'alla-funktioner'])('%s: chart series follow the moved cells', async (name) => {
    const { before, after } = await part(name, 'xl/charts/chart1.xml');
    expect(texts(after, 'c:f')).toEqual([`${SHEET}!$F$4`, `${SHEET}!$A$5:$A$7`, `${SHEET}!$F$5:$F$7`]);
    expect(tagCounts(after)).toEqual(tagCounts(before));
  });

  it('tabell-i-bandet: a table right of the insert moves whole', async () => {
    const { before, after } = await part('tabell-i-bandet', 'xl/tables/table1.xml');
    expect(after.attrs.ref).toBe('I4:J7');
    expect(attrs(after, 'autoFilter', 'ref')).toEqual(['I4:J7']);
    expect(all(after, 'tableColumns')).toEqual(all(before, 'tableColumns'));
  });

  it('talformat-och-tema: the inserted header takes its left neighbour’s format, theme fill included', async () => {
    const r = runs.find((x) => x.entry.name === 'talformat-och-tema')!;
    const cells = cellsOf(parseXml(await (await readParts(readFileSync(r.output))).text(EDITED)));
    expect(cells.get('D4')!.s).toBe(cells.get('C4')!.s);
  });
});

describeWithCalc('LibreOffice opens every output and computes what the formulas should give', () => {
  let recalculated: string;
  let asSaved: string;
  beforeAll(() => {
    const files = ok().map((r) => r.output);
    recalculated = convertWithCalc(dir, files, 'xlsx', true);
    asSaved = convertWithCalc(dir, files, 'xlsx', false);
  }, 300_000);

  const load = async (folder: string, r: Run): Promise<ExcelJS.Workbook> => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(folder, `${r.entry.name}-ut.xlsx`)) as unknown as ExcelJS.Buffer);
    return wb;
  };
  const value = (wb: ExcelJS.Workbook, sheet: string, address: string): unknown => {
    const cell = wb.getWorksheet(sheet)!.getCell(address);
    return cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value;
  };
  const EXPECTED: Record<string, number> = {
    D5: 165,
    D6: -1250,
    D7: 1910,
    D8: 825,
    E5: -300,
    E6: -1260,
    E7: -27090,
    E8: -28650,
    G5: 180,
    G6: -1250,
    G7: 1910,
    G8: 840,
  };

  it.each([
    ['recalculating on load', () => recalculated],
    ['trusting the cached results', () => asSaved],
  ])('deviations, forecasts and the sums over them, %s', async (_how, folder) => {
    for (const r of ok()) {
      const wb = await load(folder(), r);
      const got = Object.fromEntries(Object.keys(EXPECTED).map((a) => [a, value(wb, SHEET, a)]));
      expect({ name: r.entry.name, got }).toEqual({ name: r.entry.name, got: EXPECTED });
    }
  });

  it.each([
    ['recalculating on load', () => recalculated],
    ['trusting the cached results', () => asSaved],
  ])('a formula reading the proposals through a defined name, %s', async (_how, folder) => {
    for (const name of ['definierade-namn', 'alla-funktioner']) {
      const wb = await load(
        folder(),
        runs.find((r) => r.entry.name === name)!,
      );
      expect({ name, B21: value(wb, SHEET, 'B21'), B22: value(wb, SHEET, 'B22') }).toEqual({
        name,
        B21: -19016,
        B22: -28650,
      });
    }
  });

  it('exports the outputs as CSV and PDF, the chart included', () => {
    const chart = runs.find((r) => r.entry.name === 'diagram')!;
    const csv = convertWithCalc(
      dir,
      [chart.output],
      'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false',
      false,
    );
    const lines = readFileSync(join(csv, 'diagram-ut.csv'), 'utf8').trim().split('\n');
    expect(lines[3]!.split(',').slice(0, 7)).toEqual([
      'Verksamhet (tkr)',
      'Utfall perioden',
      'Budget perioden',
      'Avvikelse perioden',
      'Prognos helår',
      'Budget helår',
      'Avvik. helår',
    ]);
    expect(lines[5]!.split(',').slice(0, 7)).toEqual([
      'Flyktingmottagning',
      '-1257',
      '-7',
      '-1250',
      '-1260',
      '-10',
      '-1250',
    ]);
    const pdf = convertWithCalc(dir, [chart.output], 'pdf', false);
    // The sheet and the chart (a page of vector drawing) make a PDF well above a bare table's size.
    expect(readFileSync(join(pdf, 'diagram-ut.pdf')).length).toBeGreaterThan(30_000);
  }, 120_000);

  it('names, shared and array formulas and the other sheet, recalculated', async () => {
    const wb = await load(
      recalculated,
      runs.find((r) => r.entry.name === 'alla-funktioner')!,
    );
    expect(value(wb, SHEET, 'B21')).toBe(-19016);
    expect(value(wb, SHEET, 'B22')).toBe(-28650);
    expect(value(wb, SHEET, 'C24')).toBe(840);
    expect(value(wb, SHEET, 'B24')).toBe(-154 * -319 + -1257 * -7 + -17605 * -19515);
    expect([
      value(wb, SHEET, 'M5'),
      value(wb, SHEET, 'M7'),
      value(wb, SHEET, 'B28'),
      value(wb, SHEET, 'C31'),
    ]).toEqual([-960, -58000, -29000, -29490]);
    expect([value(wb, OTHER, 'B2'), value(wb, OTHER, 'B3'), value(wb, OTHER, 'B4')]).toEqual([
      -28650, -19016, -29490,
    ]);
  });
});
