/** A small report sheet plan built by hand, for the gateway's and the host's tests (the core builds real ones). */
import { planFingerprint, type PlanCell, type SheetPlan, type SheetTarget } from '../../src/core/report';
import type { WorkbookModel } from '../../src/workbook/model';

export function reportPlan(
  target: SheetTarget,
  rows: [string, number, number][] = DEFAULT_ROWS,
  title = 'Verksamhetsrapport augusti 2024',
): SheetPlan {
  const cells: PlanCell[] = [
    { row: 0, col: 0, value: title },
    { row: 2, col: 0, value: 'Verksamhet (tkr)' },
    { row: 2, col: 1, value: 'Utfall perioden' },
    { row: 2, col: 2, value: 'Budget perioden' },
    { row: 2, col: 3, value: 'Avvikelse perioden' },
  ];
  rows.forEach(([label, outcome, budget], i) => {
    const r = 3 + i;
    cells.push({ row: r, col: 0, value: label });
    cells.push({ row: r, col: 1, value: outcome });
    cells.push({ row: r, col: 2, value: budget });
    cells.push({ row: r, col: 3, formula: `=C${r + 1}-B${r + 1}` });
  });
  const sum = 3 + rows.length;
  cells.push({ row: sum, col: 0, value: 'SUMMA' });
  for (const [col, letter] of [
    [1, 'B'],
    [2, 'C'],
    [3, 'D'],
  ] as const)
    cells.push({ row: sum, col, formula: `=SUM(${letter}4:${letter}${sum})` });
  return {
    kind: 'verksamhetsrapport',
    target,
    cells,
    formats: [
      { block: { top: 0, left: 0, bottom: 0, right: 0 }, format: { bold: true, fontSize: 14 } },
      {
        block: { top: 2, left: 0, bottom: 2, right: 3 },
        format: { bold: true, borderBottom: 'thin', wrapText: true },
      },
      { block: { top: 3, left: 1, bottom: sum, right: 3 }, format: { numberFormat: '#,##0' } },
      { block: { top: sum, left: 0, bottom: sum, right: 3 }, format: { bold: true, borderTop: 'thin' } },
    ],
    columnWidths: [
      { col: 0, chars: 36 },
      { col: 1, chars: 14 },
    ],
    rowHeights: [{ row: 2, points: 30 }],
    merges: [{ top: 0, left: 0, bottom: 0, right: 3 }],
    freezeRows: 3,
    print: {
      orientation: 'landscape',
      paperSize: 'A4',
      fitToPagesWide: 1,
      fitToPagesTall: 0,
      titleRows: { first: 0, last: 2 },
      printArea: { top: 0, left: 0, bottom: sum, right: 3 },
      centerHorizontally: true,
      rowBreaks: [sum + 2],
    },
    charts: [
      {
        type: 'barClustered',
        title: 'Avvikelse per verksamhet',
        seriesName: 'Avvikelse',
        categories: { top: 3, left: 0, bottom: sum - 1, right: 0 },
        values: { top: 3, left: 3, bottom: sum - 1, right: 3 },
        categoriesTopDown: true,
        valueNumberFormat: '#,##0',
        dataLabels: true,
        anchor: { from: { row: sum + 2, col: 0 }, to: { row: sum + 20, col: 3 } },
      },
    ],
    mark: { kind: 'verksamhetsrapport', fingerprint: planFingerprint(cells) },
    activate: true,
  };
}

export const DEFAULT_ROWS: [string, number, number][] = [
  ['Gemensamt', 100, 120],
  ['-Äldreomsorg', 500, 480],
  ['=Stöd', 40, 40],
];

/** A workbook model as comparable data: every sheet but the store, with its layout, in tab order. */
export function snapshotOf(wb: WorkbookModel): unknown {
  const plain = (v: unknown): unknown =>
    v instanceof Map
      ? [...v].sort(([a], [b]) => String(a).localeCompare(String(b))).map(([k, x]) => [k, plain(x)])
      : Array.isArray(v)
        ? v.map(plain)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .filter(([, x]) => x !== undefined)
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([k, x]) => [k, plain(x)]),
            )
          : v;
  return {
    activeSheet: wb.activeSheet,
    sheets: wb.sheets.filter((s) => s.name !== 'Budgetkoll_data').map((s) => plain(s)),
  };
}
