/**
 * The table model every command reads: built once per read of a sheet
 * (read/index.ts) and shared by structure validation, Validera summor,
 * Beräkna avvikelser, forecasts and report tabs. `model` is the public,
 * JSON-ready part (schemas.ts TableModel, the `validera --json` contract);
 * the rest is the reader's working data: column arrays by row position, the
 * sum tree, the deviation definitions.
 */
import type { Grid } from './grid';
import type { ColumnData, TableData } from './read/data';
import type { Hierarchy } from './read/hierarchy';
import type { Relation } from './read/relations';
import type { RowTraits } from './read/rows';
import type { ColumnRole, RowKind, SignConvention, TableModel } from './schemas';

/** +1: deviation = actual − budget; −1: deviation = budget − actual. */
export type Direction = 1 | -1;

export interface DeviationDef {
  dev: ColumnData;
  /** Utfall for the period deviation, Prognos for the annual one. */
  actual: ColumnData;
  budget: ColumnData;
  role: 'deviation_period' | 'deviation_annual';
  /** The column's values run against the table's convention (decided by its values, or by its header when they cannot tell). */
  flipped: boolean;
  /** The header spells out a direction ("Avvik budget − utfall"). */
  stated?: Direction;
  /** Rows whose values fit the convention's direction, and rows that fit only the opposite one. */
  votes: { convention: number; opposite: number };
  relation?: Relation;
}

export interface NettoDef {
  net: ColumnData;
  revenue: ColumnData;
  cost: ColumnData;
  form: 'sum' | 'cost_minus_revenue';
}

export interface TableReading {
  model: TableModel;
  grid: Grid;
  data: TableData;
  /** Every value column, parallel to model.columns. */
  columns: ColumnData[];
  /** The columns holding amounts (shares, years and codes left out). */
  amount: ColumnData[];
  traits: RowTraits[];
  hierarchy: Hierarchy;
  kinds: RowKind[];
  /** Rows whose deviation is utfall − budget in a costs-positive table (revenues shown positive). */
  revenue: Uint8Array;
  signConvention: SignConvention;
  deviations: DeviationDef[];
  nettos: NettoDef[];
  /** Deviation columns that cannot be computed, and why (Swedish). */
  uncomputable: { column: ColumnData; reason: string }[];
  /** How messages write formulas (Settings.formulaLanguage). */
  formulaLanguage: 'sv' | 'en';
  byRole(role: ColumnRole): ColumnData | undefined;
}

export interface SheetReading {
  sheet: string;
  grid: Grid;
  tables: TableReading[];
  /** How messages write formulas (Settings.formulaLanguage). */
  formulaLanguage: 'sv' | 'en';
}

/** The direction the table's sign convention prescribes for a row (DOMAIN.md §5). */
export function conventionDirection(t: TableReading, pos: number): Direction {
  return t.signConvention === 'costs_positive' && !t.revenue[pos] ? -1 : 1;
}

/** The direction a deviation column follows on a row: the convention's, or its opposite when the column runs against it. */
export function deviationDirection(t: TableReading, def: DeviationDef, pos: number): Direction {
  const d = conventionDirection(t, pos);
  return (def.flipped ? -d : d) as Direction;
}

export function isFigureKind(kind: RowKind): boolean {
  return kind === 'item' || kind === 'subtotal' || kind === 'total' || kind === 'varav';
}
