/** The terminal report of `budgetkoll validera`, in Swedish. */
import type { ReportFinding, ReportTable, ValidationReport } from './jsonReport';
import { PART_NAMES, ROLE_NAMES, ROW_KIND_NAMES, SEVERITY_NAMES, SIGN_NAMES, unitName } from './labels';
import type { RowKind, Severity } from '../core/schemas';

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function periodText(t: ReportTable): string | undefined {
  const p = t.period;
  if (!p) return undefined;
  const month = String(p.month).padStart(2, '0');
  const when = p.year !== undefined ? `${p.year}-${month}` : `månad ${month}`;
  return `period ${when} (${plural(p.monthsElapsed, 'månad', 'månader')})`;
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
    const width = Math.max(...t.columns.map((c) => c.header.length));
    for (const c of t.columns) {
      let role = ROLE_NAMES[c.role];
      if (c.part) role = `${c.measure ? ROLE_NAMES[c.measure] : role}, ${PART_NAMES[c.part]}`;
      lines.push(`      ${c.column.padEnd(3)} ${c.header.padEnd(width)}  → ${role}`);
    }
  }
  const counts = new Map<RowKind, number>();
  for (const r of t.rows) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
  if (counts.size) {
    const parts = [...counts].map(([kind, n]) => plural(n, ...ROW_KIND_NAMES[kind]));
    lines.push(`    Rader: ${parts.join(', ')}`);
  }
  return lines;
}

function findingLines(findings: readonly ReportFinding[]): string[] {
  const lines: string[] = [];
  for (const severity of SEVERITIES) {
    const group = findings.filter((f) => f.severity === severity);
    if (!group.length) continue;
    lines.push(`  ${SEVERITY_NAMES[severity]} (${group.length}):`);
    const width = Math.max(...group.map((f) => f.cell.length));
    for (const f of group) lines.push(`    ${f.cell.padEnd(width)}  ${f.message}`);
  }
  return lines;
}

export function countFindings(report: ValidationReport): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const s of report.sheets) for (const f of s.findings) counts[f.severity] += 1;
  return counts;
}

export function formatHumanReport(report: ValidationReport): string {
  const lines = [`Fil: ${report.file}`];
  let tables = 0;
  for (const sheet of report.sheets) {
    lines.push('', `Blad "${sheet.name}"`);
    tables += sheet.tables.length;
    if (!sheet.tables.length) lines.push('  Ingen tabell hittades.');
    for (const t of sheet.tables) lines.push(...tableLines(t));
    if (sheet.findings.length) lines.push(...findingLines(sheet.findings));
    else lines.push('  Inga anmärkningar.');
  }
  const c = countFindings(report);
  lines.push(
    '',
    `Summering: ${plural(report.sheets.length, 'blad', 'blad')}, ${plural(tables, 'tabell', 'tabeller')}, ` +
      `${plural(c.error, 'fel', 'fel')}, ${plural(c.warning, 'varning', 'varningar')}, ` +
      `${plural(c.info, 'upplysning', 'upplysningar')}.`,
  );
  return lines.join('\n') + '\n';
}
