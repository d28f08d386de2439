/**
 * Where a planned sheet goes (sheetPlan.ts SheetTarget): the sheet
 * Budgetkoll generated before is replaced; a user's own sheet of the wanted
 * name is never touched, the report takes a free name instead.
 */
import { decodeMark, sheetFingerprint } from './mark';
import type { ReportKind, SheetTarget, WorkbookSheet } from './sheetPlan';

/** Excel's limit on a sheet name's length. */
const MAX_SHEET_NAME = 31;

function sameName(a: string, b: string): boolean {
  // Excel compares sheet names without regard to case.
  return a.toLocaleLowerCase('sv') === b.toLocaleLowerCase('sv');
}

/** The first of "Namn", "Namn (2)", "Namn (3)" … that no sheet and no earlier plan of this run holds. */
export function freeSheetName(wanted: string, taken: readonly string[]): string {
  const isTaken = (n: string) => taken.some((t) => sameName(t, n));
  if (!isTaken(wanted)) return wanted;
  for (let k = 2; ; k++) {
    const suffix = ` (${k})`;
    const name = wanted.slice(0, MAX_SHEET_NAME - suffix.length) + suffix;
    if (!isTaken(name)) return name;
  }
}

/**
 * The target for a sheet of `kind`: the earlier generated sheet of that kind
 * (the one named `wanted` first), else a new sheet with a free name.
 * `claimed` names are taken by other plans of the same run.
 */
export function placeSheet(
  kind: ReportKind,
  wanted: string,
  sheets: readonly WorkbookSheet[],
  claimed: readonly string[] = [],
): SheetTarget {
  const generated = sheets.filter(
    (s) => decodeMark(s.mark)?.kind === kind && !claimed.some((c) => sameName(c, s.name)),
  );
  const earlier = generated.find((s) => sameName(s.name, wanted)) ?? generated[0];
  if (earlier) {
    const mark = decodeMark(earlier.mark)!;
    return {
      action: 'replace',
      name: earlier.name,
      edited: sheetFingerprint(earlier.grid) !== mark.fingerprint,
    };
  }
  return { action: 'add', name: freeSheetName(wanted, [...sheets.map((s) => s.name), ...claimed]) };
}
