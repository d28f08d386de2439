/**
 * The parts of a worksheet beyond its cells that report tabs set: cell styles
 * (borders, alignment, font size), frozen panes, defined names scoped to the
 * sheet, row heights and charts. Plain data, held by SheetModel; the
 * simulated host edits it with Excel's rules and the workbench draws it.
 */

export type BorderWeightModel = 'Thin' | 'Medium';

/** Formatting of one cell beyond number format, fill, bold, italic and font colour. */
export interface CellStyle {
  borderTop?: BorderWeightModel;
  borderBottom?: BorderWeightModel;
  horizontalAlignment?: 'Left' | 'Center' | 'Right';
  verticalAlignment?: 'Top' | 'Center' | 'Bottom';
  wrapText?: boolean;
  indentLevel?: number;
  /** Points; absent: the workbook's default (11). */
  fontSize?: number;
}

/** An inclusive block of cells on a named sheet (a chart series' data). */
export interface SheetRect {
  sheet: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface ChartSeriesModel {
  name: string;
  /** One column or row of values; null once its sheet was deleted (Excel shows #REF!). */
  values: SheetRect | null;
  categories: SheetRect | null;
}

export type ChartTypeModel = 'BarClustered' | 'ColumnClustered';

/** A chart object on a sheet, bound to cells by its series. */
export interface ChartModel {
  /** Unique in the workbook and kept by copies of it, so proxies find their chart after a batch. */
  id: number;
  name: string;
  type: ChartTypeModel;
  title: string;
  titleVisible: boolean;
  legendVisible: boolean;
  series: ChartSeriesModel[];
  /** The frame: top-left cell and the cell its bottom-right corner ends in (0-based). */
  from: { row: number; col: number };
  to: { row: number; col: number };
  /** categoryAxis.reversePlotOrder: the first category is drawn at the top of a bar chart. */
  categoriesReversed: boolean;
  /** categoryAxis.position: where the value axis crosses the category axis (Maximum keeps it at the bottom of a reversed bar chart). */
  categoryAxisPosition: 'Automatic' | 'Maximum' | 'Minimum';
  valueAxisNumberFormat: string;
  dataLabelsVisible: boolean;
  dataLabelsNumberFormat: string;
}

export function cloneChart(c: ChartModel): ChartModel {
  return {
    ...c,
    from: { ...c.from },
    to: { ...c.to },
    series: c.series.map((s) => ({
      name: s.name,
      values: s.values ? { ...s.values } : null,
      categories: s.categories ? { ...s.categories } : null,
    })),
  };
}
