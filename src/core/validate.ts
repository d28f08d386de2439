/**
 * The two checking commands, each one function over the sheet readings:
 * "Validera struktur" (analyzeSheet) and "Validera summor" (validateSums).
 * Both read every sheet once (read/index.ts keeps the reading per grid), and
 * Validera summor folds the consequences of a fault under their cause: a
 * total that misses a number stored as text is named in the text number's
 * finding, not reported as a second error.
 */
import { crossTableFindings } from './checks/crossTable';
import { structureFindings } from './checks/structure';
import { tableSumFindings } from './checks/sums';
import { circularFindings, type CircularResult } from './checks/circular';
import { CODES, sortFindings } from './findings';
import { append, parseA1, type Grid } from './grid';
import type { SheetReading } from './model';
import { readSheet } from './read';
import type { Finding, Settings, TableModel } from './schemas';
import { DEFAULT_SETTINGS } from './schemas';

export interface SheetAnalysis {
  sheet: string;
  tables: TableModel[];
  findings: Finding[];
}

/** Recognizes the tables of a sheet and reports what is wrong with their structure, cell by cell. */
export function analyzeSheet(grid: Grid, settings: Settings = DEFAULT_SETTINGS): SheetAnalysis {
  const reading = readSheet(grid, settings);
  return {
    sheet: grid.sheet,
    tables: reading.tables.map((t) => t.model),
    findings: sortFindings(structureFindings(reading)),
  };
}

function sheetSums(reading: SheetReading): Finding[] {
  const textSums = new Map<string, string[]>();
  const causes = new Map<string, string>();
  const out: Finding[] = [];
  for (const t of reading.tables) {
    const r = tableSumFindings(t);
    append(out, r.findings);
    for (const [k, v] of r.textNumberSums) textSums.set(k, [...(textSums.get(k) ?? []), ...v]);
    for (const [k, v] of r.errorCauses) causes.set(k, v);
  }
  const circular = circularFindings(reading.grid, reading.formulaLanguage);
  return [
    ...restructure(structureFindings(reading, { causes, circular }), textSums),
    ...foldUnderCircles(out, circular),
  ];
}

const SUM_CODES = new Set<string>([CODES.SUM_MISMATCH, CODES.SUM_ROUNDING]);

/**
 * A cell on a circle shows no result: its own sum check says nothing the
 * circle's error does not, and a finding on its row (a deviation over it)
 * is a consequence, named so.
 */
function foldUnderCircles(findings: Finding[], circular: CircularResult): Finding[] {
  if (circular.cells.size === 0) return findings;
  const out: Finding[] = [];
  for (const f of findings) {
    if (circular.cells.has(f.cell)) {
      if (SUM_CODES.has(f.code)) continue;
      out.push(f);
      continue;
    }
    const ref = parseA1(f.cell);
    const cause = ref ? circular.rows.get(ref.row) : undefined;
    out.push(cause && !f.causedBy ? { ...f, causedBy: cause } : f);
  }
  return out;
}

/** Text-number findings name the sums they break (found by the sum pass); the rest as they are. */
function restructure(findings: Finding[], textSums: Map<string, string[]>): Finding[] {
  return findings.map((f) => {
    if (f.code !== 'TEXT_NUMBER' || f.severity !== 'error') return f;
    const sums = textSums.get(f.cell);
    if (!sums || sums.length === 0) return f;
    const named = sums.slice(0, 4).join(', ') + (sums.length > 4 ? ' …' : '');
    return {
      ...f,
      message: f.message.replace(
        ' och räknas inte med i summor.',
        ` och räknas inte med i summorna ${named}, som därför visar för lite.`,
      ),
      related: sums,
    };
  });
}

/**
 * "Validera summor": every sum, deviation and varav relation of every table,
 * plus the structure findings that break sums (text numbers, error values),
 * and the relations between tables of the workbook.
 */
export function validateSums(grids: readonly Grid[], settings: Settings = DEFAULT_SETTINGS): SheetAnalysis[] {
  const readings = grids.map((g) => readSheet(g, settings));
  const findings = readings.map((r) => sheetSums(r).filter((f) => f.code !== 'NO_TABLE'));
  const cross = crossTableFindings(readings.flatMap((r) => r.tables));
  return readings.map((r, i) => ({
    sheet: r.sheet,
    tables: r.tables.map((t) => t.model),
    findings: sortFindings([...findings[i]!, ...cross.filter((f) => f.sheet === r.sheet)]),
  }));
}
