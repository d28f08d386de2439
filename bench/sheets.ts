/**
 * Realistic large budget sheets for the benchmark and for tests, generated
 * from a fixed seed, so a figure measured today can be measured again.
 *
 *   const ledger = ledgerSheet({ rows: 100_000 });
 *   ledger.grid                      // the core's Grid
 *   ledger.manifest.textNumbers      // which cells hold numbers as text
 *   const book = benchWorkbook({ ledgerRows: 10_000 });
 *   book.model                       // a WorkbookModel for the simulated host
 *   await workbookXlsx(book.model)   // the same content as an .xlsx file
 *
 * The ledger sheet is a municipality's export per ansvar × verksamhet × konto
 * (costs negative, tkr): items, `Summa <verksamhet>` rows as SUM formulas over
 * their items, `Summa <område>` rows adding their group sums with +, a grand
 * total adding the areas, deviation columns as difference formulas. Every
 * formula carries the value Excel would show: SUM skips a number stored as
 * text, and a difference that reads one is #VALUE!, as in Excel and in the
 * workbook engine (src/workbook/recalc.ts).
 *
 * The volumes sheet is a följetal (DOMAIN.md §3): group header rows without
 * values, items with their unit in the label, `..` where a figure is not
 * available, no sums.
 */
import { GridBuilder, a1, type Cell, type Grid } from '../src/core/grid';
import { createWorkbook, setCellData, type CellData, type WorkbookModel } from '../src/workbook/model';
import { writeXlsx } from '../src/xlsx';

/** Seed of every generated sheet unless the caller picks another. */
export const DEFAULT_SEED = 20240831;
export const LEDGER_SHEET = 'Driftredovisning';
export const VOLUMES_SHEET = 'Följetal';
export const PERIOD_LINE = 'Rapportperiod: 2024-08-31';
const AMOUNT_FORMAT = '#,##0';
const VALUE_NA = '..';
const VALUE_ERROR = '#VALUE!';
/** Text Excel's arithmetic reads as a number ("-873"); with a separator or Unicode minus it gives #VALUE!. */
const PLAIN_INTEGER = /^-?\d+$/;

export const LEDGER_HEADER = [
  'Kod',
  'Verksamhet',
  'Utfall perioden 2023',
  'Utfall perioden',
  'Budget perioden',
  'Avvikelse perioden',
  'Prognos helår',
  'Budget helår',
  'Avvikelse helår',
] as const;

/** Ledger columns, 0-based (A = 0). */
export const LEDGER_COL = {
  code: 0,
  label: 1,
  outcomePrior: 2,
  outcome: 3,
  budgetPeriod: 4,
  deviationPeriod: 5,
  forecast: 6,
  budgetAnnual: 7,
  deviationAnnual: 8,
} as const;

export const VOLUMES_HEADER = [
  'Avvik (+) fler än budget (-) färre än budget',
  'Utfall 2023-08',
  'Utfall 2024-08',
  'Budget 2024-08',
  'Avvik. period',
  'Prognos 2024',
  'Budget 2024',
  'Avvik. helår',
] as const;

/** Rows above the ledger's and the volumes sheet's header: title, report period, a blank row. */
export const HEADER_ROW = 3;

/** mulberry32: a small, fast 32-bit generator; the same seed gives the same sheet on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;

function intBetween(rnd: Random, lo: number, hi: number): number {
  return lo + Math.floor(rnd() * (hi - lo + 1));
}

/** k distinct indices out of n, ascending (Floyd's algorithm; k ≤ n). */
function sampleIndices(rnd: Random, n: number, k: number): number[] {
  const chosen = new Set<number>();
  for (let j = n - k; j < n; j++) {
    const t = intBetween(rnd, 0, j);
    chosen.add(chosen.has(t) ? j : t);
  }
  return [...chosen].sort((x, y) => x - y);
}

/** Swedish number text as pasted from another system: space, no-break space or Unicode minus. */
function swedishText(value: number, variant: number): string {
  const digits = String(Math.abs(value));
  const sep = variant === 1 ? '\u00a0' : ' ';
  let grouped = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) grouped += sep;
    grouped += digits[i];
  }
  if (value >= 0) return grouped;
  return (variant === 2 ? '\u2212' : '-') + grouped;
}

/** One cell of a generated sheet, row-major order. */
export interface PlacedCell {
  row: number;
  col: number;
  cell: Cell;
}

export interface TextNumberCell {
  /** A1 address, e.g. "D12". */
  cell: string;
  row: number;
  col: number;
  /** What the cell holds: Swedish number text. */
  text: string;
  /** The number the text means. */
  value: number;
}

export interface LedgerManifest {
  rows: number;
  headerRow: number;
  firstDataRow: number;
  /** 0-based rows of items, group sums, area sums and the grand total. */
  items: number;
  groupSums: number[];
  areaSums: number[];
  totalRow: number;
  /** Amount cells that hold a number as text (not counted by SUM; a difference reading one shows #VALUE!). */
  textNumbers: TextNumberCell[];
  /** Item forecast cells left empty (A1), in the stage 'reported'. */
  missingForecasts: string[];
  /** Formula cells whose cached value is #VALUE! because they read a text number. */
  valueErrors: string[];
  /** Formula cells, by kind. */
  formulas: { sum: number; add: number; difference: number };
}

export interface GeneratedSheet<M> {
  name: string;
  /** Row-major cells; the one source of the grid, the model sheet and the .xlsx sheet. */
  cells: PlacedCell[];
  grid: Grid;
  manifest: M;
}

export interface LedgerOptions {
  /** Rows from the title to the grand total (at least 8). */
  rows: number;
  seed?: number;
  sheet?: string;
  /**
   * 'reported': the sheet after the follow-up, every deviation and forecast
   * filled. 'exported': as pasted from the ledger before Beräkna avvikelser,
   * deviation columns empty and no item forecasts.
   */
  stage?: 'reported' | 'exported';
  /** Amount cells holding a number as text; default one per 2 500 rows, at least 1. */
  textNumbers?: number;
  /** Item forecasts left empty in the stage 'reported'; default one per 2 500 rows, at least 1. */
  missingForecasts?: number;
  /** Label of the grand total. */
  totalLabel?: 'Summa socialnämnden' | 'Totalt';
}

const AREAS = [
  'Äldreomsorg',
  'Funktionsstöd',
  'Individ- och familjeomsorg',
  'Försörjningsstöd och arbetsmarknad',
  'Förvaltningsgemensamt',
];

const GROUPS = [
  'Hemtjänst',
  'Särskilt boende',
  'Korttidsboende',
  'Dagverksamhet äldre',
  'Gruppbostad LSS',
  'Daglig verksamhet LSS',
  'Personlig assistans',
  'Boendestöd',
  'Missbruksvård vuxna',
  'Familjehemsvård',
  'Institutionsvård barn och unga',
  'Öppenvård barn och unga',
  'Ekonomiskt bistånd',
  'Ensamkommande barn och unga',
  'Nämnd och förvaltningsledning',
];

/** Accounts (konton): name, sign (+1 revenue, −1 cost), typical year-to-date size in tkr. */
const ACCOUNTS: readonly (readonly [number, string, 1 | -1, number])[] = [
  [3010, 'Avgifter och ersättningar', 1, 900],
  [3120, 'Statsbidrag', 1, 2500],
  [3150, 'Ersättning från Migrationsverket', 1, 1800],
  [3410, 'Hyresintäkter', 1, 600],
  [3710, 'Försäljning av verksamhet', 1, 1200],
  [4010, 'Köp av huvudverksamhet', -1, 9000],
  [4520, 'Försörjningsstöd', -1, 6000],
  [4560, 'Familjehemsersättningar', -1, 2500],
  [4610, 'Bostadsanpassningsbidrag', -1, 700],
  [5010, 'Löner tillsvidareanställda', -1, 14000],
  [5020, 'Löner visstidsanställda', -1, 3500],
  [5060, 'Timavlönade', -1, 2000],
  [5110, 'Övertid och mertid', -1, 600],
  [5410, 'Sociala avgifter', -1, 5200],
  [5510, 'Pensionskostnader', -1, 1500],
  [5810, 'Utbildning', -1, 300],
  [5910, 'Personalsociala kostnader', -1, 150],
  [6110, 'Lokalhyror', -1, 4200],
  [6210, 'Energi och vatten', -1, 800],
  [6410, 'Förbrukningsmaterial', -1, 700],
  [6440, 'Livsmedel', -1, 1100],
  [6510, 'Leasing bilar', -1, 450],
  [6610, 'IT-tjänster', -1, 650],
  [6620, 'Telefoni', -1, 200],
  [6810, 'Konsulttjänster', -1, 900],
  [6910, 'Resor och transporter', -1, 350],
  [7310, 'Avskrivningar', -1, 500],
  [7610, 'Interna kostnader', -1, 1900],
  [7910, 'Övriga kostnader', -1, 250],
];

const MONTHS_ELAPSED = 8;

interface ItemValues {
  prior: number;
  outcome: number;
  budgetPeriod: number;
  forecast: number;
  budgetAnnual: number;
}

function itemValues(rnd: Random, sign: 1 | -1, scale: number): ItemValues {
  // Log-uniform sizes around the account's typical size: a few large lines, many small ones.
  const size = Math.max(1, Math.round(scale * Math.exp((rnd() - 0.5) * 3)));
  const outcome = sign * size;
  const unbudgeted = rnd() < 0.04;
  const budgetPeriod = unbudgeted ? 0 : sign * Math.max(1, Math.round(size * (0.85 + rnd() * 0.3)));
  const budgetAnnual = unbudgeted ? 0 : Math.round((budgetPeriod * 12) / MONTHS_ELAPSED);
  const prior = sign * Math.max(0, Math.round(size * (0.9 + rnd() * 0.2)));
  // Utfall + återstående budget, nudged by the economist's judgment.
  const forecast = outcome + (budgetAnnual - budgetPeriod) + Math.round(sign * size * (rnd() - 0.5) * 0.1);
  return { prior, outcome, budgetPeriod, forecast, budgetAnnual };
}

/** The plan of the ledger's rows: areas of groups of items, sized to land exactly on `rows`. */
function ledgerLayout(rnd: Random, rows: number): number[][] {
  // Rows left for items and sums: minus title, period, blank, header and the grand total.
  let left = rows - HEADER_ROW - 2;
  if (left < 3) throw new RangeError(`A ledger sheet needs at least ${HEADER_ROW + 5} rows, got ${rows}.`);
  // Areas hold more groups on larger sheets, so the grand total's formula (one term per area,
  // about 540 at 100 000 rows) stays under Excel's 8 192 characters at any size.
  const spread = Math.max(1, Math.ceil(rows / 100_000));
  const areas: number[][] = [];
  while (left > 0) {
    if (left < 3) {
      // Too few rows for another area (its sum, a group sum, an item): the last group takes them.
      const last = areas[areas.length - 1]!;
      last[last.length - 1]! += left;
      break;
    }
    left -= 1; // the area's sum row
    const groups: number[] = [];
    const wanted = intBetween(rnd, 4, 16) * spread;
    while (left >= 2 && groups.length < wanted) {
      let items = Math.min(intBetween(rnd, 6, ACCOUNTS.length), left - 1);
      // Never leave a remainder too small for a group of its own (its sum and an item).
      const rest = left - (items + 1);
      if (rest === 1) items += rest;
      groups.push(items);
      left -= items + 1;
    }
    areas.push(groups);
  }
  return areas;
}

class SheetCells {
  readonly cells: PlacedCell[] = [];
  put(row: number, col: number, cell: Cell): void {
    this.cells.push({ row, col, cell });
  }
}

function gridOf(name: string, cells: readonly PlacedCell[]): Grid {
  const b = new GridBuilder(name);
  for (const { row, col, cell } of cells) b.set(row, col, cell);
  return b.build();
}

function amount(v: number): Cell {
  return { v, fmt: AMOUNT_FORMAT };
}

function formulaCell(f: string, v: number | string): Cell {
  return typeof v === 'string' ? { v, f, fmt: AMOUNT_FORMAT, err: true } : { v, f, fmt: AMOUNT_FORMAT };
}

/** Columns that hold entered amounts (the rest are formulas). */
const ENTERED = [
  LEDGER_COL.outcomePrior,
  LEDGER_COL.outcome,
  LEDGER_COL.budgetPeriod,
  LEDGER_COL.forecast,
  LEDGER_COL.budgetAnnual,
] as const;

export function ledgerSheet(options: LedgerOptions): GeneratedSheet<LedgerManifest> {
  const { rows } = options;
  const name = options.sheet ?? LEDGER_SHEET;
  const stage = options.stage ?? 'reported';
  const rnd = prng(options.seed ?? DEFAULT_SEED);
  const areas = ledgerLayout(rnd, rows);
  const out = new SheetCells();
  const C = LEDGER_COL;

  out.put(0, 0, { v: 'Socialnämnden – driftredovisning per ansvar, verksamhet och konto (tkr)' });
  out.put(1, 0, { v: PERIOD_LINE });
  LEDGER_HEADER.forEach((h, col) => out.put(HEADER_ROW, col, { v: h }));

  // Item rows first, so the sprinkles can be chosen among them before any cell is written.
  const itemCount = areas.reduce((n, groups) => n + groups.reduce((m, g) => m + g, 0), 0);
  const defaultSprinkle = Math.max(1, Math.round(rows / 2500));
  const textCount = Math.min(options.textNumbers ?? defaultSprinkle, itemCount);
  const missingCount =
    stage === 'reported' ? Math.min(options.missingForecasts ?? defaultSprinkle, itemCount - textCount) : 0;
  // Distinct item ordinals: the first textCount get a text number, the rest a missing forecast.
  const picked = sampleIndices(rnd, itemCount, textCount + missingCount);
  for (let i = picked.length - 1; i > 0; i--) {
    const j = intBetween(rnd, 0, i);
    [picked[i], picked[j]] = [picked[j]!, picked[i]!];
  }
  const textAt = new Map<number, number>(); // item ordinal → variant
  const missingAt = new Set<number>();
  picked.forEach((ordinal, k) => (k < textCount ? textAt.set(ordinal, k % 3) : missingAt.add(ordinal)));
  const enteredCols = stage === 'reported' ? ENTERED : ENTERED.filter((c) => c !== C.forecast);

  const manifest: LedgerManifest = {
    rows,
    headerRow: HEADER_ROW,
    firstDataRow: HEADER_ROW + 1,
    items: itemCount,
    groupSums: [],
    areaSums: [],
    totalRow: rows - 1,
    textNumbers: [],
    missingForecasts: [],
    valueErrors: [],
    formulas: { sum: 0, add: 0, difference: 0 },
  };

  /** Cached values of the five entered columns per sum row, in ENTERED order; NaN never occurs. */
  type Sums = [number, number, number, number, number];
  type Operands = [number | null, number | null, number | null, number | null, number | null];
  const zero = (): Sums => [0, 0, 0, 0, 0];
  const present = (k: number) => stage === 'reported' || ENTERED[k] !== C.forecast;

  let r = HEADER_ROW + 1;
  let ordinal = 0;
  const areaRows: number[] = [];
  const totals = zero();

  /** Writes both difference formulas of a row; an operand of null is text Excel cannot read as a number. */
  const writeDifferences = (
    row: number,
    d: number | null,
    e: number | null,
    g: number | null,
    h: number | null,
  ) => {
    if (stage !== 'reported') return;
    const ref = (col: number) => a1(row, col);
    const period = d === null || e === null ? VALUE_ERROR : d - e;
    const annual = g === null || h === null ? VALUE_ERROR : g - h;
    out.put(row, C.deviationPeriod, formulaCell(`=${ref(C.outcome)}-${ref(C.budgetPeriod)}`, period));
    out.put(row, C.deviationAnnual, formulaCell(`=${ref(C.forecast)}-${ref(C.budgetAnnual)}`, annual));
    manifest.formulas.difference += 2;
    if (period === VALUE_ERROR) manifest.valueErrors.push(ref(C.deviationPeriod));
    if (annual === VALUE_ERROR) manifest.valueErrors.push(ref(C.deviationAnnual));
  };
  const differencesOf = (row: number, s: Sums) => writeDifferences(row, s[1], s[2], s[3], s[4]);

  areas.forEach((groups, areaIndex) => {
    const areaName = `${AREAS[areaIndex % AREAS.length]}, område ${areaIndex + 1}`;

    const groupRows: number[] = [];
    const areaSums = zero();
    groups.forEach((items, groupIndex) => {
      // Four-digit ansvar codes 5100–9999, three-digit verksamhet codes 400–999.
      const ansvar = 5100 + ((areaIndex * 20 + groupIndex) % 4900);
      const verksamhet = 400 + ((areaIndex * 7 + groupIndex * 3) % 600);
      const groupName = `${GROUPS[(areaIndex * 3 + groupIndex) % GROUPS.length]}, ansvar ${ansvar}`;
      const first = r;
      const groupSums = zero();
      // The group's accounts: a subset in chart order, repeated with a suffix when the group is larger.
      const chosen = sampleIndices(rnd, ACCOUNTS.length, Math.min(items, ACCOUNTS.length));
      for (let i = 0; i < items; i++) {
        const [konto, kontoName, sign, scale] = ACCOUNTS[chosen[i % chosen.length]!]!;
        const round = Math.floor(i / chosen.length);
        const v = itemValues(rnd, sign, scale);
        const vals: Sums = [v.prior, v.outcome, v.budgetPeriod, v.forecast, v.budgetAnnual];
        out.put(r, C.code, { v: `${ansvar}-${verksamhet}-${konto}` });
        out.put(r, C.label, { v: round === 0 ? kontoName : `${kontoName} ${round + 1}` });
        const variant = textAt.get(ordinal);
        const textCol = variant === undefined ? -1 : enteredCols[intBetween(rnd, 0, enteredCols.length - 1)]!;
        const missing = missingAt.has(ordinal);
        /** What SUM counts (text is skipped) and what arithmetic reads (text it can parse, else null). */
        const counted: Sums = zero();
        const operand: Operands = [0, 0, 0, 0, 0];
        ENTERED.forEach((col, k) => {
          if (!present(k) || (missing && col === C.forecast)) return;
          if (col === textCol) {
            const text = swedishText(vals[k]!, variant!);
            out.put(r, col, { v: text });
            manifest.textNumbers.push({ cell: a1(r, col), row: r, col, text, value: vals[k]! });
            operand[k] = PLAIN_INTEGER.test(text) ? Number(text) : null;
            return;
          }
          out.put(r, col, amount(vals[k]!));
          counted[k] = vals[k]!;
          operand[k] = vals[k]!;
        });
        if (missing) manifest.missingForecasts.push(a1(r, C.forecast));
        writeDifferences(r, operand[1], operand[2], operand[3], operand[4]);
        counted.forEach((x, k) => (groupSums[k]! += x));
        ordinal++;
        r++;
      }
      out.put(r, C.label, { v: `Summa ${groupName}` });
      ENTERED.forEach((col, k) => {
        const f = `=SUM(${a1(first, col)}:${a1(r - 1, col)})`;
        out.put(r, col, formulaCell(f, groupSums[k]!));
        manifest.formulas.sum++;
      });
      differencesOf(r, groupSums);
      groupSums.forEach((x, k) => (areaSums[k]! += x));
      manifest.groupSums.push(r);
      groupRows.push(r);
      r++;
    });
    out.put(r, C.label, { v: `Summa ${areaName}` });
    ENTERED.forEach((col, k) => {
      out.put(r, col, formulaCell(`=${groupRows.map((g) => a1(g, col)).join('+')}`, areaSums[k]!));
      manifest.formulas.add++;
    });
    differencesOf(r, areaSums);
    areaSums.forEach((x, k) => (totals[k]! += x));
    manifest.areaSums.push(r);
    areaRows.push(r);
    r++;
  });
  out.put(r, C.label, { v: options.totalLabel ?? 'Summa socialnämnden' });
  ENTERED.forEach((col, k) => {
    out.put(r, col, formulaCell(`=${areaRows.map((g) => a1(g, col)).join('+')}`, totals[k]!));
    manifest.formulas.add++;
  });
  differencesOf(r, totals);
  if (r !== rows - 1) throw new Error(`ledger layout ended on row ${r + 1}, expected ${rows}`);
  return { name, cells: out.cells, grid: gridOf(name, out.cells), manifest };
}

export interface VolumesManifest {
  rows: number;
  headerRow: number;
  groupHeaders: number[];
  items: number;
  /** Cells holding `..` (figure not available). */
  notAvailable: string[];
}

export interface VolumesOptions {
  /** Rows from the title to the last item (at least 7). */
  rows: number;
  seed?: number;
  sheet?: string;
  /** Share of items whose prior-year figure is `..`; default 0.1. */
  notAvailableShare?: number;
}

/** A volume measure: its label with the unit, a flow (scaled to the year) or a stock, its typical level. */
type VolumeItem = readonly [string, 'flow' | 'stock', number];

const VOLUME_GROUPS: readonly (readonly [string, readonly VolumeItem[]])[] = [
  [
    'Äldreomsorg',
    [
      ['Hemtjänst, timmar', 'flow', 95_000],
      ['Särskilt boende, antal årsplatser', 'stock', 225],
      ['Korttidsvistelse, antal årsplatser', 'stock', 24],
      ['Trygghetslarm, antal hushåll', 'stock', 610],
    ],
  ],
  [
    'Insatser för personer med funktionsneds.',
    [
      ['Gruppbostad, antal årsplatser', 'stock', 91],
      ['Daglig verksamhet, antal årsplatser', 'stock', 120],
      ['Personlig assistans, timmar', 'flow', 25_000],
      ['Boendestöd, timmar', 'flow', 9_100],
    ],
  ],
  [
    'Insatser för vuxna missbrukare',
    [
      ['Behandlingshem (SoL/LVM), antal årsplatser', 'stock', 5],
      ['Öppenvårdsinsatser, antal personer', 'stock', 70],
    ],
  ],
  [
    'Insatser för barn och unga',
    [
      ['Institutionsvård, antal årsplatser', 'stock', 7],
      ['Familjehem/jourhem, antal årsplatser', 'stock', 39],
      ['Kontaktperson/kontaktfamilj, årsantal', 'stock', 33],
    ],
  ],
  ['Försörjningsstöd', [['Försörjningsstöd, antal hushåll', 'stock', 170]]],
];

export function volumesSheet(options: VolumesOptions): GeneratedSheet<VolumesManifest> {
  const { rows } = options;
  if (rows < HEADER_ROW + 4)
    throw new RangeError(`A volumes sheet needs at least ${HEADER_ROW + 4} rows, got ${rows}.`);
  const name = options.sheet ?? VOLUMES_SHEET;
  const rnd = prng((options.seed ?? DEFAULT_SEED) ^ 0x5f0e);
  const naShare = options.notAvailableShare ?? 0.1;
  const out = new SheetCells();
  out.put(0, 0, { v: 'Socialnämnden – följetal' });
  out.put(1, 0, { v: PERIOD_LINE });
  VOLUMES_HEADER.forEach((h, col) => out.put(HEADER_ROW, col, { v: h }));
  const manifest: VolumesManifest = {
    rows,
    headerRow: HEADER_ROW,
    groupHeaders: [],
    items: 0,
    notAvailable: [],
  };
  let r = HEADER_ROW + 1;
  const writeItem = ([label, kind, scale]: VolumeItem) => {
    const outcome = Math.max(0, Math.round(scale * (0.7 + rnd() * 0.6)));
    const budget = Math.max(0, Math.round(outcome * (0.85 + rnd() * 0.3)));
    const prior = Math.max(0, Math.round(outcome * (0.85 + rnd() * 0.3)));
    // Flows (timmar) run linearly to the full year; stocks (årsplatser, hushåll) stay at their level.
    const forecast = kind === 'flow' ? Math.round((outcome * 12) / MONTHS_ELAPSED) : outcome;
    const budgetYear = kind === 'flow' ? Math.round((budget * 12) / MONTHS_ELAPSED) : budget;
    out.put(r, 0, { v: label });
    if (rnd() < naShare) {
      out.put(r, 1, { v: VALUE_NA });
      manifest.notAvailable.push(a1(r, 1));
    } else out.put(r, 1, amount(prior));
    out.put(r, 2, amount(outcome));
    out.put(r, 3, amount(budget));
    out.put(r, 4, amount(outcome - budget));
    out.put(r, 5, amount(forecast));
    out.put(r, 6, amount(budgetYear));
    out.put(r, 7, amount(forecast - budgetYear));
    manifest.items++;
    r++;
  };
  let previous: readonly VolumeItem[] = [];
  for (let round = 0; r < rows; round++) {
    for (const [group, items] of VOLUME_GROUPS) {
      if (r >= rows) break;
      if (rows - r === 1) {
        // No room for another group: the last group gets one more line.
        writeItem(previous[0]!);
        break;
      }
      out.put(r, 0, { v: `${group}${round === 0 ? '' : `, distrikt ${round + 1}`}` });
      manifest.groupHeaders.push(r);
      r++;
      for (const item of items) {
        if (r >= rows) break;
        writeItem(item);
      }
      previous = items;
    }
  }
  return { name, cells: out.cells, grid: gridOf(name, out.cells), manifest };
}

/** A model sheet's cell data for a grid cell. */
function cellData(cell: Cell): CellData {
  const data: CellData = { value: cell.v };
  if (cell.f !== undefined) data.formula = cell.f;
  if (cell.fmt !== undefined) data.numberFormat = cell.fmt;
  if (cell.err) data.error = true;
  return data;
}

/** A workbook holding the given sheets, in order; the first is active. */
export function modelOf(sheets: readonly GeneratedSheet<unknown>[]): WorkbookModel {
  const wb = createWorkbook(sheets.map((s) => s.name));
  sheets.forEach((s, i) => {
    const target = wb.sheets[i]!;
    for (const { row, col, cell } of s.cells) setCellData(target, row, col, cellData(cell));
  });
  return wb;
}

export interface BenchWorkbookOptions {
  ledgerRows: number;
  /** Rows of the följetal sheet; default 120. 0 leaves it out. */
  volumeRows?: number;
  seed?: number;
  stage?: LedgerOptions['stage'];
  textNumbers?: number;
  missingForecasts?: number;
}

export interface BenchWorkbook {
  ledger: GeneratedSheet<LedgerManifest>;
  volumes?: GeneratedSheet<VolumesManifest>;
  model: WorkbookModel;
  grids: Grid[];
}

/** The benchmark's workbook: the ledger sheet (active) and a följetal sheet. */
export function benchWorkbook(options: BenchWorkbookOptions): BenchWorkbook {
  const ledger = ledgerSheet({
    rows: options.ledgerRows,
    seed: options.seed,
    stage: options.stage,
    textNumbers: options.textNumbers,
    missingForecasts: options.missingForecasts,
  });
  const volumeRows = options.volumeRows ?? 120;
  const volumes = volumeRows > 0 ? volumesSheet({ rows: volumeRows, seed: options.seed }) : undefined;
  const sheets = volumes ? [ledger, volumes] : [ledger];
  return {
    ledger,
    ...(volumes ? { volumes } : {}),
    model: modelOf(sheets),
    grids: sheets.map((s) => s.grid),
  };
}

/** The workbook as an .xlsx file (ExcelJS, through the product's writer). */
export function workbookXlsx(model: WorkbookModel): Promise<Uint8Array> {
  return writeXlsx(model);
}

/**
 * The JSON text Office.js would return for the grid's used range when asked
 * for `values`, `formulas` and `numberFormat`: three row-major matrices,
 * "" for empty cells, constants in `formulas` where a cell has no formula,
 * "General" where it has no format.
 */
export function rangePayloadJson(grid: Grid): string {
  const rows = grid.rows;
  if (rows.length === 0) return '{"values":[],"formulas":[],"numberFormat":[]}';
  let left = Infinity;
  let right = -Infinity;
  for (const r of rows) {
    if (r.cols.length === 0) continue;
    if (r.cols[0]! < left) left = r.cols[0]!;
    if (r.cols[r.cols.length - 1]! > right) right = r.cols[r.cols.length - 1]!;
  }
  const top = rows[0]!.index;
  const bottom = rows[rows.length - 1]!.index;
  const width = right - left + 1;
  const values: unknown[][] = [];
  const formulas: unknown[][] = [];
  const formats: string[][] = [];
  let k = 0;
  for (let row = top; row <= bottom; row++) {
    const v: unknown[] = new Array(width).fill('');
    const f: unknown[] = new Array(width).fill('');
    const n: string[] = new Array(width).fill('General');
    const gridRow = rows[k]?.index === row ? rows[k++] : undefined;
    if (gridRow) {
      for (let j = 0; j < gridRow.cols.length; j++) {
        const c = gridRow.cols[j]! - left;
        const cell = gridRow.cells[j]!;
        v[c] = cell.v ?? '';
        f[c] = cell.f ?? cell.v ?? '';
        if (cell.fmt) n[c] = cell.fmt;
      }
    }
    values.push(v);
    formulas.push(f);
    formats.push(n);
  }
  return JSON.stringify({ values, formulas, numberFormat: formats });
}
