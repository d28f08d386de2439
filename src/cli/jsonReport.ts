/**
 * The JSON contract of `budgetkoll validera --json`: exactly one object on
 * stdout, validated against ValidationReport before it is printed. Scripts
 * (the central ekonomiavdelning collecting every nämnd's workbook) rely on
 * it, so fields are only ever added, as optional, never renamed or removed.
 *
 * {
 *   "file": "budget.xlsx",                       // the path as given
 *   "sheets": [{                                  // visible sheets in tab order (or the --blad sheet)
 *     "name": "Verksamhetsrapport",
 *     "tables": [{
 *       "range": "A4:H20",                         // header and data rows
 *       "headerRows": [4],                         // 1-based row numbers
 *       "unit": "tkr",                             // tkr | mnkr | kr | % | timmar | antal | mixed | unknown
 *       "signConvention": "costs_negative",        // costs_negative | costs_positive | volumes | unknown
 *       "period": {"year": 2024, "month": 8, "monthsElapsed": 8, "source": "Rapportperiod: 2024-08-31"},  // when found
 *       "signEvidence": "Summan är negativ: …",      // why the sign convention (Swedish)
 *       "unitEvidence": "Texten ”Belopp i tkr” anger tkr.",
 *       "columns": [{"column": "B", "header": "Utfall perioden 2023", "role": "outcome_prior_year",
 *                    "part": "net", "measure": "outcome",           // part/measure only in Intäkter/Kostnader/Netto blocks
 *                    "evidence": "Rubriken …; Avvikelse = … stämmer på 15 av 16 rader."}],  // why the role (Swedish)
 *       "rows": [{"row": 5, "label": "Nämnd- och styrelseverksamh.", "kind": "item", "unit": "timmar",  // unit when read from the label
 *                 "sumOf": [6, 7, 8], "components": [9, 10], "evidence": "Summan av rad 6–8, …"}]  // sum rows: what they add up
 *     }],
 *     "findings": [{"severity": "error", "code": "TEXT_NUMBER", "sheet": "Verksamhetsrapport", "cell": "C7",
 *                   "message": "…", "expected": 0, "actual": 0, "difference": 0, "tolerance": 0, "related": ["C8"]}]
 *   }]
 * }
 */
import { z } from 'zod';
import {
  ColumnPart,
  ColumnRole,
  ReportPeriod,
  RowKind,
  Severity,
  SignConvention,
  Unit,
  type Finding,
  type TableModel,
} from '../core/schemas';

export const ReportColumn = z.strictObject({
  column: z.string(),
  header: z.string(),
  role: ColumnRole,
  part: ColumnPart.optional(),
  measure: ColumnRole.optional(),
  evidence: z.string().optional(),
});

export const ReportRow = z.strictObject({
  row: z.number().int().positive(),
  label: z.string(),
  kind: RowKind,
  unit: z.string().optional(),
  sumOf: z.array(z.number().int().positive()).optional(),
  components: z.array(z.number().int().positive()).optional(),
  evidence: z.string().optional(),
});

export const ReportTable = z.strictObject({
  range: z.string().regex(/^[A-Z]{1,3}\d+(:[A-Z]{1,3}\d+)?$/),
  headerRows: z.array(z.number().int().positive()),
  unit: Unit,
  signConvention: SignConvention,
  signEvidence: z.string().optional(),
  unitEvidence: z.string().optional(),
  period: ReportPeriod.optional(),
  columns: z.array(ReportColumn),
  rows: z.array(ReportRow),
});

export const ReportFinding = z.strictObject({
  severity: Severity,
  code: z.string(),
  sheet: z.string(),
  cell: z.string(),
  message: z.string(),
  expected: z.number().optional(),
  actual: z.number().optional(),
  difference: z.number().optional(),
  tolerance: z.number().optional(),
  related: z.array(z.string()).optional(),
  /** The cell whose fault this finding follows from (a text number, an error value). */
  causedBy: z.string().optional(),
});

export const ReportSheet = z.strictObject({
  name: z.string(),
  tables: z.array(ReportTable),
  findings: z.array(ReportFinding),
});

export const ValidationReport = z.strictObject({
  file: z.string(),
  sheets: z.array(ReportSheet),
});

export type ReportColumn = z.infer<typeof ReportColumn>;
export type ReportRow = z.infer<typeof ReportRow>;
export type ReportTable = z.infer<typeof ReportTable>;
export type ReportFinding = z.infer<typeof ReportFinding>;
export type ReportSheet = z.infer<typeof ReportSheet>;
export type ValidationReport = z.infer<typeof ValidationReport>;

/** Drops keys whose value is undefined, so they are absent from the JSON rather than null-ish. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function reportTable(t: TableModel): ReportTable {
  return defined({
    range: t.range,
    headerRows: [...t.headerRows],
    unit: t.unit,
    signConvention: t.signConvention,
    signEvidence: t.signEvidence,
    unitEvidence: t.unitEvidence,
    period: t.period ? defined({ ...t.period }) : undefined,
    columns: t.columns.map((c) =>
      defined({
        column: c.column,
        header: c.header,
        role: c.role,
        part: c.part,
        measure: c.measure,
        evidence: c.evidence,
      }),
    ),
    rows: t.rows.map((r) =>
      defined({
        row: r.row,
        label: r.label,
        kind: r.kind,
        unit: r.unit,
        sumOf: r.sumOf ? [...r.sumOf] : undefined,
        components: r.components ? [...r.components] : undefined,
        evidence: r.evidence,
      }),
    ),
  });
}

export function reportFinding(f: Finding): ReportFinding {
  return defined({
    severity: f.severity,
    code: f.code,
    sheet: f.sheet,
    cell: f.cell,
    message: f.message,
    expected: f.expected,
    actual: f.actual,
    difference: f.difference,
    tolerance: f.tolerance,
    related: f.related ? [...f.related] : undefined,
    causedBy: f.causedBy,
  });
}

export interface SheetResult {
  name: string;
  tables: readonly TableModel[];
  findings: readonly Finding[];
}

/** Builds the report and checks it against the contract; a mismatch is a bug here, not bad input. */
export function buildValidationReport(file: string, sheets: readonly SheetResult[]): ValidationReport {
  const report: ValidationReport = {
    file,
    sheets: sheets.map((s) => ({
      name: s.name,
      tables: s.tables.map(reportTable),
      findings: s.findings.map(reportFinding),
    })),
  };
  return ValidationReport.parse(report);
}
