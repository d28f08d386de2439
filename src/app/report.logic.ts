/**
 * What the pane says about the report commands (Skapa verksamhetsrapport,
 * Skapa följetal): descriptions for the undo journal, the outcome, the
 * question before replacing a report the user edited, and the draft text as
 * the copy button puts it on the clipboard. Pure.
 */
import type { Finding } from '../core/schemas';
import type { DraftText } from '../core/report/sheetPlan';
import type { ReportType } from './ports';

export const REPORT_LABELS: Record<ReportType, string> = {
  verksamhetsrapport: 'Skapa verksamhetsrapport',
  foljetal: 'Skapa följetal',
};

const REPORT_NOUNS: Record<ReportType, string> = {
  verksamhetsrapport: 'Verksamhetsrapporten',
  foljetal: 'Följetalen',
};

function quoted(names: readonly string[]): string {
  const q = names.map((n) => `”${n}”`);
  return q.length <= 1 ? (q[0] ?? '') : `${q.slice(0, -1).join(', ')} och ${q[q.length - 1]}`;
}

/** The undo journal's line for the command. */
export function reportDescription(type: ReportType, sheets: readonly string[]): string {
  return `${REPORT_LABELS[type]} (${quoted(sheets)})`;
}

/** The message after the sheets were written. */
export function reportCreatedText(
  type: ReportType,
  sheets: readonly string[],
  findings: readonly Finding[],
): string {
  const [report, ...others] = [...sheets].reverse();
  let text = `${REPORT_NOUNS[type]} finns nu på bladet ”${report}”.`;
  if (others.length)
    text += ` Fördelningen till rapportraderna kan ändras på bladet ${quoted(others.reverse())}.`;
  const warnings = findings.filter((f) => f.severity === 'warning' || f.severity === 'error').length;
  if (warnings === 1) text += ' Se anmärkningen nedan.';
  else if (warnings > 1) text += ` Se de ${warnings} anmärkningarna nedan.`;
  return `${text} ”Ångra senaste” tar bort ${sheets.length === 1 ? 'bladet' : 'bladen'} igen.`;
}

/** The question the pane asks before it replaces generated sheets the user edited. */
export function replaceQuestion(sheets: readonly string[]): string {
  const one = sheets.length === 1;
  return (
    `${one ? 'Bladet' : 'Bladen'} ${quoted(sheets)} har ändrats sedan Budgetkoll skapade ${one ? 'det' : 'dem'}. ` +
    `Vill du ersätta ${one ? 'det' : 'dem'} med en ny version? Den ändrade versionen går att få tillbaka med ”Ångra senaste”.`
  );
}

/** Why no report could be made: the core's error findings, or a general reason. */
export function noReportText(type: ReportType, findings: readonly Finding[]): string {
  const reasons = findings.filter((f) => f.severity === 'error').map((f) => f.message);
  return reasons.length
    ? reasons.join(' ')
    : `${REPORT_LABELS[type]}: arbetsboken har ingen tabell som rapporten kan byggas från.`;
}

/** The draft as plain text: heading, then the paragraphs, a blank line between. */
export function draftAsText(draft: DraftText): string {
  return [draft.heading, ...draft.paragraphs].join('\n\n');
}
