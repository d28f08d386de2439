/**
 * Reading a sheet: its tables, each with the one model every command uses.
 * A reading is kept per grid and settings, so commands that run on the same
 * read of a sheet (the structure check, then Validera summor) never read
 * the table again.
 */
import type { Grid } from '../grid';
import type { SheetReading } from '../model';
import type { Settings } from '../schemas';
import { DEFAULT_SETTINGS } from '../schemas';
import { labelKey } from '../text';
import { findTables } from './layout';
import { readTable } from './table';

const cache = new WeakMap<Grid, { settings: string; reading: SheetReading }>();

export function readSheet(grid: Grid, settings: Settings = DEFAULT_SETTINGS): SheetReading {
  const key = JSON.stringify(settings);
  const hit = cache.get(grid);
  if (hit && hit.settings === key) return hit.reading;
  const { regions, layout } = findTables(grid);
  const seen = new Map<string, number>();
  const ordinal = (labelHeader: string) => {
    const k = labelKey(labelHeader);
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    return n;
  };
  const reading: SheetReading = {
    sheet: grid.sheet,
    grid,
    tables: regions.map((r) => readTable(grid, r, layout, settings, ordinal)),
    formulaLanguage: settings.formulaLanguage ?? 'sv',
  };
  cache.set(grid, { settings: key, reading });
  return reading;
}
