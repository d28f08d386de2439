/**
 * What the workbench draws for a chart object: its bars read from the cells
 * its series is bound to (so a changed cell changes the chart), in Excel's
 * order, with Swedish data labels, and its frame in pixels on the grid.
 * Pure: the SVG is in Workbench.tsx.
 */
import { cellKey, findSheet, type SheetModel, type WorkbookModel } from '../workbook/model';
import type { ChartModel, SheetRect } from '../workbook/sheetLayout';
import { cellText } from '../host/cells';
import { columnWidthPx } from './grid.logic';

export interface ChartBar {
  label: string;
  value: number;
  /** The data label as Excel shows it with the chart's number format (Swedish). */
  text: string;
}

export interface ChartView {
  title: string;
  bars: ChartBar[];
  /** Why nothing can be drawn (a series whose sheet was deleted). */
  problem?: string;
  min: number;
  max: number;
  dataLabels: boolean;
}

function cellsOf(wb: WorkbookModel, rect: SheetRect): { value: unknown; text: string }[] {
  const sheet = findSheet(wb, rect.sheet);
  const out: { value: unknown; text: string }[] = [];
  for (let r = rect.top; r <= rect.bottom; r++) {
    for (let c = rect.left; c <= rect.right; c++) {
      const cell = sheet?.cells.get(cellKey(r, c));
      out.push({ value: cell?.value ?? null, text: cell ? cellText(cell, 'sv-SE') : '' });
    }
  }
  return out;
}

export function chartView(wb: WorkbookModel, chart: ChartModel): ChartView {
  const series = chart.series[0];
  const base = {
    title: chart.titleVisible ? chart.title : '',
    dataLabels: chart.dataLabelsVisible,
    min: 0,
    max: 0,
  };
  if (!series?.values) return { ...base, bars: [], problem: '#REF!' };
  const values = cellsOf(wb, series.values);
  const labels = series.categories ? cellsOf(wb, series.categories) : [];
  let bars: ChartBar[] = values.map((v, i) => {
    const value = typeof v.value === 'number' ? v.value : 0;
    const text = cellText({ value, numberFormat: chart.dataLabelsNumberFormat }, 'sv-SE');
    return { label: labels[i]?.text || String(i + 1), value, text };
  });
  // Excel draws a bar chart's first category at the bottom unless the axis is reversed.
  if (chart.type === 'BarClustered' && !chart.categoriesReversed) bars = [...bars].reverse();
  const min = Math.min(0, ...bars.map((b) => b.value));
  const max = Math.max(0, ...bars.map((b) => b.value));
  return { ...base, bars, min, max };
}

/** The chart's frame on the workbench grid: from its anchor cells, with the grid's row height and column widths. */
export function chartFrame(
  sheet: SheetModel,
  chart: ChartModel,
  rowHeight: number,
  rowHeaderWidth: number,
): { top: number; left: number; width: number; height: number } {
  let left = rowHeaderWidth;
  for (let c = 0; c < chart.from.col; c++) left += columnWidthPx(sheet, c);
  let width = 0;
  for (let c = chart.from.col; c <= chart.to.col; c++) width += columnWidthPx(sheet, c);
  return {
    // The column header row comes first.
    top: (chart.from.row + 1) * rowHeight,
    left,
    width: Math.max(160, width),
    height: Math.max(120, (chart.to.row - chart.from.row + 1) * rowHeight),
  };
}
