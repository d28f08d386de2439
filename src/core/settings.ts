/**
 * Reading and changing the user's corrections in Settings. Overrides are
 * lists (never objects keyed by a sheet name, which could be "constructor"
 * or "__proto__"), matched by sheet name as Excel does: case-insensitively.
 */
import type { ColumnRole, RoleOverride, Settings, SignConvention } from './schemas';

function sameSheet(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export interface ColumnIdentity {
  sheet: string;
  table: string;
  column: string;
  letter: string;
}

/** The role the user set for a column: by its keys, else (version 1 settings) by its letter. */
export function roleOverrideFor(settings: Settings, id: ColumnIdentity): ColumnRole | undefined {
  let byLetter: ColumnRole | undefined;
  for (const o of settings.roleOverrides) {
    if (!sameSheet(o.sheet, id.sheet)) continue;
    if (o.column !== undefined) {
      if (o.column === id.column && (o.table === undefined || o.table === id.table)) return o.role;
    } else if (o.letter !== undefined && o.letter.toUpperCase() === id.letter) byLetter = o.role;
  }
  return byLetter;
}

/** Settings with the column's role set (or, with `role` undefined, back to automatic). */
export function withRoleOverride(
  settings: Settings,
  id: ColumnIdentity,
  role: ColumnRole | undefined,
): Settings {
  const kept = settings.roleOverrides.filter(
    (o) =>
      !sameSheet(o.sheet, id.sheet) ||
      (o.column !== undefined
        ? !(o.column === id.column && (o.table === undefined || o.table === id.table))
        : o.letter?.toUpperCase() !== id.letter),
  );
  const next: RoleOverride[] = role
    ? [...kept, { sheet: id.sheet, table: id.table, column: id.column, role }]
    : kept;
  return { ...settings, roleOverrides: next };
}

export function signOverrideFor(
  settings: Settings,
  sheet: string,
  table: string,
): SignConvention | undefined {
  let sheetWide: SignConvention | undefined;
  for (const o of settings.signOverrides) {
    if (!sameSheet(o.sheet, sheet)) continue;
    if (o.table === table) return o.convention;
    if (o.table === undefined) sheetWide = o.convention;
  }
  return sheetWide;
}
