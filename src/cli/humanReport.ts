/** The terminal report of `budgetkoll validera`, in Swedish. */
import { append } from '../core/grid';
import type { ReportFinding, ReportTable, ValidationReport } from './jsonReport';
import { PART_NAMES, ROLE_NAMES, ROW_KIND_NAMES, SIGN_NAMES, count, unitName } from './labels';
import { CODES } from '../core/findings';
import type { RowKind, Severity } from '../core/schemas';

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

/** Group headings in the report; the summary counts them with `count`. */
const SEVERITY_HEADINGS: Record<Severity, string> = {
  error: 'Fel',
  warning: 'Varningar',
  info: 'Upplysningar',
};

/** Differences that rounding explains: listed as a count unless the user asks for them all (--alla). */
const ROUNDING_CODES: ReadonlySet<string> = new Set([
  CODES.SUM_ROUNDING,
  CODES.DEVIATION_ROUNDING,
  CODES.CROSS_TABLE_ROUNDING,
]);

export function isRoundingNote(f: { code: string }): boolean {
  return ROUNDING_CODES.has(f.code);
}

export interface HumanReportOptions {
  /** List every rounding note instead of their count. */
  all?: boolean;
}

function periodText(t: ReportTable): string | undefined {
  const p = t.period;
  if (!p) return undefined;
  const month = String(p.month).padStart(2, '0');
  const when = p.year !== undefined ? `${p.year}-${month}` : `månad ${month}`;
  return `period ${when} (${count(p.monthsElapsed, 'månad', 'månader')})`;
}

function widest(texts: readonly string[]): number {
  let w = 0;
  for (const t of texts) if (t.length > w) w = t.length;
  return w;
}

function tableLines(t: ReportTable): string[] {
  const head = [
    `Tabell ${t.range}`,
    `enhet ${unitName(t.unit)}`,
    `teckenkonvention: ${SIGN_NAMES[t.signConvention]}`,
  ];
  const period = periodText(t);
  if (period) head.push(period);
  const lines = [`  ${head.join(' · ')}`];
  if (t.columns.length) {
    lines.push('    Kolumner:');
    const width = widest(t.columns.map((c) => c.header));
    for (const c of t.columns) {
      let role = ROLE_NAMES[c.role];
      if (c.part) role = `${c.measure ? ROLE_NAMES[c.measure] : role}, ${PART_NAMES[c.part]}`;
      lines.push(`      ${c.column.padEnd(3)} ${c.header.padEnd(width)}  → ${role}`);
    }
  }
  const counts = new Map<RowKind, number>();
  for (const r of t.rows) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
  if (counts.size) {
    const parts = [...counts].map(([kind, n]) => count(n, ...ROW_KIND_NAMES[kind]));
    lines.push(`    Rader: ${parts.join(', ')}`);
  }
  return lines;
}

function findingLines(findings: readonly ReportFinding[], options: HumanReportOptions): string[] {
  const lines: string[] = [];
  for (const severity of SEVERITIES) {
    const group = findings.filter((f) => f.severity === severity);
    if (!group.length) continue;
    const shown = options.all ? group : group.filter((f) => !isRoundingNote(f));
    const rounding = group.length - shown.length;
    lines.push(`  ${SEVERITY_HEADINGS[severity]} (${count(group.length)}):`);
    const width = widest(shown.map((f) => f.cell));
    for (const f of shown) lines.push(`    ${f.cell.padEnd(width)}  ${f.message}`);
    if (rounding > 0) lines.push(`    ${count(rounding, 'avrundning', 'avrundningar')}, visa med --alla`);
  }
  return lines;
}

export function countFindings(report: ValidationReport): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const s of report.sheets) for (const f of s.findings) counts[f.severity] += 1;
  return counts;
}

/** "3 fel, 1 varning, 32 upplysningar": the counts every summary line of the command line uses. */
export function findingCounts(c: Record<Severity, number>): string {
  return `${count(c.error, 'fel', 'fel')}, ${count(c.warning, 'varning', 'varningar')}, ${count(c.info, 'upplysning', 'upplysningar')}`;
}

export function formatHumanReport(report: ValidationReport, options: HumanReportOptions = {}): string {
  const lines = [`Fil: ${report.file}`];
  let tables = 0;
  for (const sheet of report.sheets) {
    lines.push('', `Blad "${sheet.name}"`);
    tables += sheet.tables.length;
    if (!sheet.tables.length) lines.push('  Ingen tabell hittades.');
    for (const t of sheet.tables) append(lines, tableLines(t));
    if (sheet.findings.length) append(lines, findingLines(sheet.findings, options));
    else lines.push('  Inga anmärkningar.');
  }
  lines.push(
    '',
    `Summering: ${count(report.sheets.length, 'blad', 'blad')}, ${count(tables, 'tabell', 'tabeller')}, ` +
      `${findingCounts(countFindings(report))}.`,
  );
  return lines.join('\n') + '\n';
}
