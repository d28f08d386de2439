/**
 * Workbooks for the report tests: the sample, the Ekerö tables pasted as
 * plain report tables, and a konto-level ledger that adds up to Bilaga 2.
 */
import { a1 } from '../../src/core/grid';
import { buildSampleWorkbook } from '../../src/sample';
import { writeTableToSheet, type SeedTable } from '../../src/sample/seedTable';
import { createSheet, getCellData, setCellData, type WorkbookModel } from '../../src/workbook/model';
import { writeXlsx } from '../../src/xlsx';
import { loadSeedTable } from '../support/seedTables';

export const BILAGA2 = loadSeedTable('000_06') as unknown as SeedTable;
export const BILAGA3 = loadSeedTable('000_07') as unknown as SeedTable;
export const BILAGA1 = loadSeedTable('000_05') as unknown as SeedTable;

/** The three Ekerö tables pasted as values (no formulas), under sheet names of the user's own. */
export function pastedWorkbook(): WorkbookModel {
  const specs: [string, SeedTable, string][] = [
    ['Resultat', BILAGA1, 'tkr'],
    ['Budget per verksamhet', BILAGA2, 'Verksamhet (tkr)'],
    ['Volymer', BILAGA3, 'Avvik (+) fler än budget (-) färre än budget'],
  ];
  const sheets = specs.map(([name, table, labelHeader]) => {
    const sheet = createSheet(name);
    writeTableToSheet(sheet, table, {
      title: `Socialnämnden – ${table.title}`,
      unitRow: 'Rapportperiod: 2024-08-31',
      labelHeader,
    });
    return sheet;
  });
  return { sheets, activeSheet: sheets[0]!.name };
}

/** mulberry32, so the ledger is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KONTON = [
  'Personalkostnader',
  'Köp av huvudverksamhet',
  'Lokalhyror',
  'Övriga externa kostnader',
  'Interna kostnader',
  'Statsbidrag',
  'Avgifter',
  'Försäljning',
];
export const LEDGER_SHEET = 'Huvudbok';

/**
 * A ledger per ansvar × verksamhet × konto: for each Bilaga 2 verksamhet
 * `perVerksamhet` konto rows (code "<verksamhet>-<konto>") whose figures add
 * up exactly to the published row, then "Summa <verksamhet>" as SUM formulas,
 * and SUMMA adding the sums. Deviation columns are the rows' differences.
 */
export function ledgerWorkbook(perVerksamhet = 140, seed = 20240831): WorkbookModel {
  const rnd = prng(seed);
  const sheet = createSheet(LEDGER_SHEET);
  setCellData(sheet, 0, 0, { value: 'Socialnämnden – Driftredovisning per konto' });
  setCellData(sheet, 1, 0, { value: 'Rapportperiod: 2024-08-31' });
  const header = [
    'Kod',
    'Verksamhet / konto',
    'Utfall perioden 2023',
    'Utfall perioden',
    'Budget perioden',
    'Avvikelse perioden',
    'Prognos helår',
    'Budget helår',
    'Avvikelse helår',
  ];
  header.forEach((h, c) => setCellData(sheet, 3, c, { value: h }));
  // Measures in Bilaga 2's column order: prior, outcome, budget, (dev), forecast, budget annual, (dev).
  const measureIdx = [0, 1, 2, 4, 5];
  const fmt = '#,##0';
  let row = 4;
  const sumRows: number[] = [];
  const items = BILAGA2.rows.filter((r) => r.kind === 'item');
  items.forEach((item, v) => {
    const code = String(510 + v * 10);
    const first = row;
    const parts = measureIdx.map((mi) => split(item.values[mi] as number, perVerksamhet, rnd));
    for (let k = 0; k < perVerksamhet; k++) {
      const konto = 4000 + k * 10;
      setCellData(sheet, row, 0, { value: `${code}-${konto}` });
      setCellData(sheet, row, 1, { value: `${KONTON[k % KONTON.length]} ${konto}` });
      const vals = parts.map((p) => p[k]!);
      const [prior, outcome, budget, forecast, annual] = vals as [number, number, number, number, number];
      const put = (c: number, value: number) => setCellData(sheet, row, c, { value, numberFormat: fmt });
      put(2, prior);
      put(3, outcome);
      put(4, budget);
      put(5, outcome - budget);
      put(6, forecast);
      put(7, annual);
      put(8, forecast - annual);
      row++;
    }
    setCellData(sheet, row, 1, { value: `Summa ${item.label}` });
    for (let c = 2; c <= 8; c++) {
      let total = 0;
      for (let r = first; r < row; r++) total += getCellData(sheet, r, c)?.value as number;
      setCellData(sheet, row, c, {
        formula: `=SUM(${a1(first, c)}:${a1(row - 1, c)})`,
        value: total,
        numberFormat: fmt,
      });
    }
    sumRows.push(row);
    row++;
  });
  setCellData(sheet, row, 1, { value: 'SUMMA' });
  for (let c = 2; c <= 8; c++) {
    let total = 0;
    for (const r of sumRows) total += getCellData(sheet, r, c)?.value as number;
    setCellData(sheet, row, c, {
      formula: `=${sumRows.map((r) => a1(r, c)).join('+')}`,
      value: total,
      numberFormat: fmt,
    });
  }
  return { sheets: [sheet], activeSheet: sheet.name };
}

/** `n` integers adding up to `total`, of mixed size and sign. */
function split(total: number, n: number, rnd: () => number): number[] {
  const out: number[] = [];
  let rest = total;
  const scale = Math.max(10, Math.abs(total) / n);
  for (let k = 0; k < n - 1; k++) {
    const v = Math.round((rnd() - 0.35) * 2 * scale * (total < 0 ? -1 : 1));
    out.push(v);
    rest -= v;
  }
  out.push(rest);
  return out;
}

export { buildSampleWorkbook };

export async function xlsxOf(model: WorkbookModel): Promise<Uint8Array> {
  return new Uint8Array(await writeXlsx(model));
}
