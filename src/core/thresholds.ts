/**
 * Every number the reader and the checks decide by, named once with what it
 * means and why it has its value (in the spirit of a spreadsheet engine's
 * config: a tolerance is a parameter, not a literal in an if).
 */
export const THRESHOLDS = {
  /** Rows a table's column relations are scored on; longer tables are sampled evenly (linear in rows). */
  relationSampleRows: 256,
  /**
   * Share of the rows where all three cells hold numbers on which a
   * difference or sum relation must hold for the figures to decide a column
   * (one real error or a typo per ten rows still lets the relation through).
   */
  relationHoldShare: 0.8,
  /** Rows where a relation must hold with the operands differing (not 0 = 0 − 0) before it counts. */
  relationMinInformativeRows: 2,
  /**
   * A column whose header names a forecast holds deviations when its values
   * have the opposite sign of the annual budget on at least this share of the
   * rows where both are non-zero: a full-year forecast of a cost has the
   * cost's sign, a deviation goes both ways (003's "Årsprognos 2024").
   */
  forecastOppositeSignShare: 0.3,
  /** Period budget is at most the annual budget in size on this share of rows (DOMAIN.md §4). */
  periodBudgetSmallerShare: 0.9,
  /** A deviation is smaller than its operands: median |deviation| ÷ median |operand| below this. */
  deviationMagnitudeRatio: 0.75,
  /** Tables longer than this are not searched for unlabelled group sums printed above their items (quadratic window). */
  sumAboveSearchMaxRows: 2000,
  /** Rows a labelled sum printed above its items may span. */
  sumAboveWindow: 400,
  /** Rows a header may sit above the first figures (title, unit and blank rows between are skipped). */
  headerRowsMax: 3,
  /** Blank rows that end a table. */
  tableEndBlankRows: 2,
  /** Non-integer share of amounts above which an unlabelled table's unit is mnkr rather than tkr. */
  mnkrDecimalShare: 0.5,
  /** Largest amount of a table read as mnkr when the unit is not stated (larger figures are tkr or kr). */
  mnkrMaxMagnitude: 100000,
  /** Exact agreement in at least this many columns makes two rows of two tables the same line. */
  crossTableMinExactColumns: 2,
  /** A value counts as substantial for cross-table pairing when it is at least this many units of its precision. */
  crossTableSubstantialUnits: 100,
  /** Relative tolerance of the placements = dygn / days ratio check (DOMAIN.md §6). */
  ratioTolerance: 0.01,
  /** Floating-point slack added to every rounding room. */
  epsilon: 1e-9,
  /** Decimals a value is read with at most (shown precision). */
  maxDecimals: 6,
  /**
   * References to formula cells the circular-reference check follows on one
   * sheet; past it (whole-column references over a huge sheet) it claims nothing.
   */
  circularEdgeBudget: 4_000_000,
} as const;
