import { z } from 'zod';

/** Column roles (DOMAIN.md §4). The JSON contract of `budgetkoll validera --json` uses exactly these names. */
export const ColumnRole = z.enum([
  'outcome',
  'outcome_prior_year',
  /** Prior year's full-year outcome ("Utfall helår 2023", "Bokslut 2023"), used by the prior-year profile forecast. */
  'outcome_prior_year_annual',
  'budget_period',
  'budget_annual',
  'forecast',
  'deviation_period',
  'deviation_annual',
  'other',
]);
export type ColumnRole = z.infer<typeof ColumnRole>;

/** In Intäkter/Kostnader/Netto blocks a column is one part of a measure (001_03, 004_04). */
export const ColumnPart = z.enum(['revenue', 'cost', 'net']);
export type ColumnPart = z.infer<typeof ColumnPart>;

/** `header`: the header repeated inside the table (a page break in a pasted PDF table). */
export const RowKind = z.enum([
  'item',
  'group_header',
  'subtotal',
  'total',
  'varav',
  'footnote',
  'blank',
  'header',
]);
export type RowKind = z.infer<typeof RowKind>;

export const SignConvention = z.enum(['costs_negative', 'costs_positive', 'volumes', 'unknown']);
export type SignConvention = z.infer<typeof SignConvention>;

export const Unit = z.enum(['tkr', 'mnkr', 'kr', '%', 'timmar', 'antal', 'mixed', 'unknown']);
export type Unit = z.infer<typeof Unit>;

export const ForecastMethod = z.enum(['utfall_plus_budget', 'linear', 'prior_year_profile']);
export type ForecastMethod = z.infer<typeof ForecastMethod>;

export const TableColumn = z.object({
  /** 0-based absolute column index. */
  index: z.number().int().nonnegative(),
  /** Column letter, e.g. "B". */
  column: z.string(),
  /** Header text as printed; a multi-row header is joined as "upper / lower". */
  header: z.string(),
  role: ColumnRole,
  /** For revenue/cost/net part columns: which measure the part belongs to (outcome, budget_period, ...). */
  measure: ColumnRole.optional(),
  part: ColumnPart.optional(),
  /** Where the role came from. */
  roleSource: z.enum(['header', 'data', 'user']),
  /**
   * The column's identity within its table, from its header text (and an
   * ordinal when two headers read the same): a role the user sets is stored
   * against it, so it survives inserted or moved columns.
   */
  key: z.string(),
  /** Why the column has its role, in Swedish ("Avvikelse = Utfall − Budget på 23 av 24 rader"). */
  evidence: z.string().optional(),
  /** True when the column holds no amounts (note numbers, years, codes, percentages). */
  nonAmount: z.boolean().optional(),
});
export type TableColumn = z.infer<typeof TableColumn>;

export const TableRow = z.object({
  /** 0-based absolute row index. */
  index: z.number().int().nonnegative(),
  /** 1-based row number as Excel shows it. */
  row: z.number().int().positive(),
  label: z.string(),
  kind: RowKind,
  /** Volume unit read from the label (timmar, årsplatser, hushåll, ...), when any. */
  unit: z.string().optional(),
  /**
   * True for rows whose label reads as revenue (Intäkter, Externa intäkter, statsbidrag ...); in a
   * costs-positive table only when the row is shown positive, since only then its deviation is utfall − budget.
   */
  revenue: z.boolean().optional(),
  /** For a sum row: the 1-based row numbers it adds up. */
  sumOf: z.array(z.number().int().positive()).optional(),
  /** For a netto row: the 1-based row numbers of its components (intäkter, kostnader). */
  components: z.array(z.number().int().positive()).optional(),
  /** Why the row is a sum ("Summa av rad 6–11, exakt i 5 kolumner"). */
  evidence: z.string().optional(),
});
export type TableRow = z.infer<typeof TableRow>;

export const ReportPeriod = z.object({
  year: z.number().int().optional(),
  /** Last month of the period, 1-12. */
  month: z.number().int().min(1).max(12),
  monthsElapsed: z.number().int().min(1).max(12),
  /** The text the period was read from, e.g. "Utfall 2024-08". */
  source: z.string(),
});
export type ReportPeriod = z.infer<typeof ReportPeriod>;

export const TableModel = z.object({
  sheet: z.string(),
  /** The table's identity on its sheet (from its label header and position among tables). */
  key: z.string(),
  /** A1 range covering header rows and data rows, e.g. "A4:H22". */
  range: z.string(),
  top: z.number().int(),
  left: z.number().int(),
  bottom: z.number().int(),
  right: z.number().int(),
  /** 1-based row numbers of the header rows. */
  headerRows: z.array(z.number().int().positive()),
  labelColumn: z.number().int().nonnegative(),
  /** A column of cost-centre codes left of the labels (003), when any. */
  codeColumn: z.number().int().nonnegative().optional(),
  title: z.string().optional(),
  unit: Unit,
  signConvention: SignConvention,
  /** Why the table has its sign convention, in Swedish. */
  signEvidence: z.string().optional(),
  /** Why the table has its unit, in Swedish. */
  unitEvidence: z.string().optional(),
  period: ReportPeriod.optional(),
  columns: z.array(TableColumn),
  rows: z.array(TableRow),
});
export type TableModel = z.infer<typeof TableModel>;

export const Severity = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof Severity>;

export const Finding = z.object({
  severity: Severity,
  code: z.string(),
  sheet: z.string(),
  cell: z.string(),
  message: z.string(),
  expected: z.number().optional(),
  actual: z.number().optional(),
  difference: z.number().optional(),
  tolerance: z.number().optional(),
  /** Further cells the finding concerns (highlighted by "Markera i bladet"). */
  related: z.array(z.string()).optional(),
  /** A fix the task pane can offer. */
  fix: z.enum(['convert_text_numbers']).optional(),
  /**
   * The cell whose fault this finding follows from (a text number or an error
   * value that breaks the sums above it): the task pane and the command line
   * show such findings under their cause instead of as separate errors.
   */
  causedBy: z.string().optional(),
});
export type Finding = z.infer<typeof Finding>;

/**
 * A role the user set for a column: stored against the table's and the
 * column's keys (header text), never the column letter, so it survives
 * inserted columns. Entries from version 1 named a letter; they still apply
 * to the column at that letter until the user sets the role again.
 */
export const RoleOverride = z.object({
  sheet: z.string(),
  /** TableModel.key; absent: any table on the sheet. */
  table: z.string().optional(),
  /** TableColumn.key. */
  column: z.string().optional(),
  /** Version 1 entries: the column letter. */
  letter: z.string().optional(),
  role: ColumnRole,
});
export type RoleOverride = z.infer<typeof RoleOverride>;

export const SignOverride = z.object({
  sheet: z.string(),
  /** TableModel.key; absent: every table on the sheet. */
  table: z.string().optional(),
  convention: SignConvention,
});
export type SignOverride = z.infer<typeof SignOverride>;

/** Version 1 kept overrides as objects keyed by sheet name (and letter); they are lists now. */
function listFromRecord<T>(convert: (sheet: string, value: unknown) => T[]) {
  return (input: unknown): unknown => {
    if (input === undefined || Array.isArray(input)) return input;
    if (!input || typeof input !== 'object') return input;
    const out: T[] = [];
    for (const [sheet, value] of Object.entries(input as Record<string, unknown>))
      for (const item of convert(sheet, value)) out.push(item);
    return out;
  };
}

/** Settings saved with the workbook. */
export const Settings = z.object({
  version: z
    .union([z.literal(1), z.literal(2)])
    .transform(() => 2 as const)
    .default(2),
  roleOverrides: z
    .preprocess(
      listFromRecord((sheet, byLetter) =>
        byLetter && typeof byLetter === 'object'
          ? Object.entries(byLetter as Record<string, unknown>).map(([letter, role]) => ({
              sheet,
              letter,
              role,
            }))
          : [],
      ),
      z.array(RoleOverride),
    )
    .default([]),
  signOverrides: z
    .preprocess(
      listFromRecord((sheet, convention) => [{ sheet, convention }]),
      z.array(SignOverride),
    )
    .default([]),
  forecastMethod: ForecastMethod.default('utfall_plus_budget'),
  /**
   * How messages write formulas: as Swedish Excel shows them (`=SUMMA(B8:B11)`)
   * or in Excel's invariant English. The task pane sets it from Excel's
   * display language at every command; absent means Swedish.
   */
  formulaLanguage: z.enum(['sv', 'en']).optional(),
  overwriteForecasts: z.boolean().default(false),
  /** Report period override as "YYYY-MM". */
  period: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = Settings.parse({});
