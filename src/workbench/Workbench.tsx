import {
  memo,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
} from 'react';
import type { SheetModel, WorkbookModel } from '../workbook/model';
import type { HostBridge } from './hostBridge';
import {
  address,
  anchorOf,
  cellView,
  columnWidthPx,
  extentOf,
  formulaBarText,
  getCell,
  visibleSheets,
} from './grid.logic';
import { columnLetter } from '../core/grid';
import type { ChartModel } from '../workbook/sheetLayout';
import { chartFrame, chartView } from './chart.logic';

export interface WorkbenchProps {
  bridge: HostBridge;
  /** Increments when the workbook or selection changes; the component re-reads everything from the bridge. */
  version: number;
  taskpaneVisible: boolean;
  fileName: string;
  status: string;
  onRibbon(id: RibbonId): void;
  onOpenFile(file: File): void;
  onSave(): void;
  onSelect(sheet: string, addr: string): void;
  onActivate(sheet: string): void;
  onCloseTaskpane(): void;
  frameKey: number;
}

export type RibbonId =
  | 'show'
  | 'validateStructure'
  | 'computeDeviations'
  | 'validateSums'
  | 'createVerksamhetsrapport'
  | 'createFoljetal';

const RIBBON: { id: RibbonId; label: string; icon: string }[] = [
  { id: 'show', label: 'Öppna Budgetkoll', icon: 'assets/icon-32.png' },
  { id: 'validateStructure', label: 'Validera struktur', icon: 'assets/structure-32.png' },
  { id: 'computeDeviations', label: 'Beräkna avvikelser', icon: 'assets/deviations-32.png' },
  { id: 'validateSums', label: 'Validera summor', icon: 'assets/sums-32.png' },
  // A soft hyphen lets the long label break inside its ribbon button, as Excel's ribbon does.
  { id: 'createVerksamhetsrapport', label: 'Skapa verksamhets\u00adrapport', icon: 'assets/report-32.png' },
  { id: 'createFoljetal', label: 'Skapa följetal', icon: 'assets/foljetal-32.png' },
];

/** A chart object as Excel would show it: a bar per category of its bound cells, drawn as SVG. */
function ChartObject({
  model,
  sheet,
  chart,
}: {
  model: WorkbookModel;
  sheet: SheetModel;
  chart: ChartModel;
}) {
  const frame = chartFrame(sheet, chart, ROW_HEIGHT, 40);
  const view = chartView(model, chart);
  const titleH = view.title ? 28 : 8;
  const labelW = Math.round(frame.width * 0.38);
  // Room on both sides of the plot for the data labels of the longest bars.
  const plotW = frame.width - labelW - 100;
  const rowH = view.bars.length ? (frame.height - titleH - 8) / view.bars.length : 0;
  const span = view.max - view.min || 1;
  const x = (v: number) => labelW + 50 + ((v - view.min) / span) * plotW;
  return (
    <figure
      className="wb-chart"
      data-testid="chart"
      data-chart={chart.name}
      style={{ top: frame.top, left: frame.left, width: frame.width, height: frame.height }}
    >
      <svg width={frame.width} height={frame.height} role="img" aria-label={view.title || chart.name}>
        {view.title && (
          <text x={frame.width / 2} y={19} textAnchor="middle" className="wb-chart-title">
            {view.title}
          </text>
        )}
        {view.problem && (
          <text x={frame.width / 2} y={frame.height / 2} textAnchor="middle">
            {view.problem}
          </text>
        )}
        {view.bars.map((b, i) => {
          const y = titleH + i * rowH;
          const x0 = x(0);
          const x1 = x(b.value);
          return (
            <g key={i} data-testid="chart-bar" data-label={b.label} data-value={b.value}>
              <text x={labelW - 6} y={y + rowH / 2 + 4} textAnchor="end" className="wb-chart-label">
                {b.label.length > 34 ? `${b.label.slice(0, 33)}…` : b.label}
              </text>
              <rect
                x={Math.min(x0, x1)}
                y={y + rowH * 0.15}
                width={Math.max(1, Math.abs(x1 - x0))}
                height={rowH * 0.7}
                fill={b.value < 0 ? '#c4314b' : '#1b5e9e'}
              />
              {view.dataLabels && (
                <text
                  x={b.value < 0 ? Math.min(x0, x1) - 3 : Math.max(x0, x1) + 3}
                  y={y + rowH / 2 + 4}
                  textAnchor={b.value < 0 ? 'end' : 'start'}
                  className="wb-chart-label"
                >
                  {b.text}
                </text>
              )}
            </g>
          );
        })}
        {view.bars.length > 0 && (
          <line x1={x(0)} x2={x(0)} y1={titleH} y2={frame.height - 8} stroke="#605e5c" />
        )}
      </svg>
      <figcaption className="wb-sr">{view.title}</figcaption>
    </figure>
  );
}

function FolderGlyph() {
  return (
    <svg className="wb-glyph" width="32" height="32" viewBox="0 0 32 32" aria-hidden="true">
      <path d="M3 8h9l3 3h14v15H3z" fill="#f4c542" stroke="#b8860b" />
      <path d="M3 13h26v13H3z" fill="#ffd966" stroke="#b8860b" />
    </svg>
  );
}

function SaveGlyph() {
  return (
    <svg className="wb-glyph" width="32" height="32" viewBox="0 0 32 32" aria-hidden="true">
      <path d="M5 5h18l4 4v18H5z" fill="#2b579a" />
      <rect x="9" y="5" width="12" height="8" fill="#fff" />
      <rect x="9" y="17" width="14" height="10" fill="#dfe7f3" />
    </svg>
  );
}

function activeSheetOf(model: WorkbookModel) {
  const sheets = visibleSheets(model);
  return sheets.find((s) => s.name === model.activeSheet) ?? sheets[0];
}

/** Height of one grid row in pixels (CSS: .wb-grid tr). Rows outside the view are not drawn. */
const ROW_HEIGHT = 21;
/** Rows drawn above and below the visible ones, so scrolling shows no gaps. */
const OVERSCAN = 20;

interface SheetGridProps {
  model: WorkbookModel;
  sheet: SheetModel | undefined;
  /** Changes when the workbook's cells or the selection change; the grid is drawn again only then. */
  version: number;
  anchor: { row: number; col: number } | undefined;
  onSelect(sheet: string, address: string): void;
}

/**
 * The sheet's cells. Only the rows in view (and a margin) are in the DOM, and
 * the grid is not drawn again for anything but a change of cells or
 * selection: a 20 000-row sheet must not stall the page (and the task pane
 * in its frame, which shares the page's thread) on every status line.
 */
const SheetGrid = memo(function SheetGrid({ model, sheet, anchor, onSelect: selectCell }: SheetGridProps) {
  const gridRef = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 600 });
  const extent = sheet ? extentOf(sheet) : { rows: 0, cols: 0 };
  const first = Math.max(0, Math.floor(view.top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(extent.rows - 1, Math.ceil((view.top + view.height) / ROW_HEIGHT) + OVERSCAN);
  const rows: number[] = [];
  for (let r = first; r <= last; r++) rows.push(r);
  const cols = Array.from({ length: extent.cols }, (_, i) => i);
  const onSelect = (row: number, col: number) => {
    if (sheet) selectCell(sheet.name, address(row, col));
  };

  useLayoutEffect(() => {
    const el = gridRef.current;
    if (el) setView({ top: el.scrollTop, height: el.clientHeight });
  }, []);

  // Bring the selected cell into view when the add-in selects it.
  useEffect(() => {
    const el = gridRef.current;
    if (!anchor || !el) return;
    const y = anchor.row * ROW_HEIGHT;
    if (y < el.scrollTop || y + 2 * ROW_HEIGHT > el.scrollTop + el.clientHeight) {
      el.scrollTop = Math.max(0, y - el.clientHeight / 2);
      setView({ top: el.scrollTop, height: el.clientHeight });
    }
    requestAnimationFrame(() =>
      el
        .querySelector<HTMLElement>(`[data-addr="${address(anchor.row, anchor.col)}"]`)
        ?.scrollIntoView({ block: 'nearest', inline: 'nearest' }),
    );
  }, [anchor?.row, anchor?.col]); // eslint-disable-line react-hooks/exhaustive-deps

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!anchor) return;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    const m = moves[e.key];
    if (!m) return;
    e.preventDefault();
    onSelect(Math.max(0, anchor.row + m[0]), Math.max(0, anchor.col + m[1]));
  };

  return (
    <div
      className="wb-grid"
      ref={gridRef}
      tabIndex={0}
      role="region"
      aria-label={sheet ? `Bladet ${sheet.name}` : 'Inget blad'}
      onKeyDown={onKey}
      onScroll={(e) => {
        const el = e.currentTarget;
        if (Math.abs(el.scrollTop - view.top) >= ROW_HEIGHT || el.clientHeight !== view.height)
          setView({ top: el.scrollTop, height: el.clientHeight });
      }}
    >
      <table
        // A fixed layout needs the table's width, or a long text would widen its column.
        style={{ width: sheet ? 40 + cols.reduce((w, c) => w + columnWidthPx(sheet, c), 0) : undefined }}
        role="grid"
        aria-readonly="true"
        aria-rowcount={extent.rows + 1}
        aria-label={sheet ? `Celler på bladet ${sheet.name}` : 'Celler'}
      >
        <colgroup>
          <col style={{ width: 40 }} />
          {sheet && cols.map((c) => <col key={c} style={{ width: columnWidthPx(sheet, c) }} />)}
        </colgroup>
        <thead>
          <tr role="row">
            <th className="wb-corner" role="columnheader">
              <span className="wb-sr">Rad</span>
            </th>
            {cols.map((c) => (
              <th key={c} role="columnheader" className={anchor?.col === c ? 'wb-hsel' : undefined}>
                {columnLetter(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {first > 0 && <tr aria-hidden="true" style={{ height: first * ROW_HEIGHT }} />}
          {sheet &&
            rows.map((r) => (
              <tr key={r} role="row" aria-rowindex={r + 2}>
                <th role="rowheader" className={anchor?.row === r ? 'wb-hsel' : undefined}>
                  {r + 1}
                </th>
                {cols.map((c) => {
                  const v = cellView(getCell(sheet, r, c));
                  const selected = anchor?.row === r && anchor?.col === c;
                  const style: CSSProperties = {
                    textAlign: v.align,
                    background: v.fill,
                    fontWeight: v.bold ? 600 : undefined,
                    fontStyle: v.italic ? 'italic' : undefined,
                    color: v.color,
                    borderTop: v.borderTop,
                    borderBottom: v.borderBottom,
                    fontSize: v.fontSize ? `${Math.round((v.fontSize * 13) / 11)}px` : undefined,
                    paddingLeft: v.indent ? `${4 + v.indent * 9}px` : undefined,
                  };
                  return (
                    <td
                      key={c}
                      role="gridcell"
                      data-addr={address(r, c)}
                      aria-selected={selected}
                      className={selected ? 'wb-sel' : undefined}
                      style={style}
                      onMouseDown={() => onSelect(r, c)}
                    >
                      {v.text}
                    </td>
                  );
                })}
              </tr>
            ))}
          {last < extent.rows - 1 && (
            <tr aria-hidden="true" style={{ height: (extent.rows - 1 - last) * ROW_HEIGHT }} />
          )}
        </tbody>
      </table>
      {sheet?.charts?.map((chart) => (
        <ChartObject key={chart.id} model={model} sheet={sheet} chart={chart} />
      ))}
    </div>
  );
}, sameGrid);

/** The grid is drawn again only for new cells (version), another sheet or a moved selection. */
function sameGrid(a: SheetGridProps, b: SheetGridProps): boolean {
  return (
    a.version === b.version &&
    a.sheet === b.sheet &&
    a.onSelect === b.onSelect &&
    a.anchor?.row === b.anchor?.row &&
    a.anchor?.col === b.anchor?.col
  );
}

export function Workbench(props: WorkbenchProps) {
  const { bridge } = props;
  const model = bridge.model;
  const sheet = activeSheetOf(model);
  const selection = bridge.selection;
  const fileInput = useRef<HTMLInputElement>(null);
  const anchor =
    selection && sheet && selection.sheet === sheet.name ? anchorOf(selection.address) : undefined;
  const selectedCell = anchor && sheet ? getCell(sheet, anchor.row, anchor.col) : undefined;

  return (
    <div className="wb">
      <header className="wb-title">
        <h1 className="wb-app">Excel (simulerad)</h1>
        <span className="wb-file">{props.fileName}</span>
      </header>
      <nav className="wb-ribbon" aria-label="Menyfliksområdet">
        <div className="wb-tabs" role="presentation">
          <span className="wb-tab">Arkiv</span>
          <span className="wb-tab">Start</span>
          <span className="wb-tab wb-tab-active">Budgetkoll</span>
        </div>
        <div className="wb-groups">
          <div className="wb-group" role="group" aria-label="Budgetkoll">
            {RIBBON.map((b) => (
              <button
                key={b.id}
                type="button"
                className="wb-rbtn"
                data-ribbon={b.id}
                onClick={() => props.onRibbon(b.id)}
              >
                <img src={b.icon} alt="" width={32} height={32} />
                <span>{b.label}</span>
              </button>
            ))}
            <span className="wb-group-label">Budgetkoll</span>
          </div>
          <div className="wb-group" role="group" aria-label="Fil">
            <button type="button" className="wb-rbtn" onClick={() => fileInput.current?.click()}>
              <FolderGlyph />
              <span>Öppna .xlsx</span>
            </button>
            <input
              ref={fileInput}
              type="file"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              className="wb-file-input"
              aria-label="Öppna .xlsx"
              data-testid="open-xlsx"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) props.onOpenFile(f);
                e.target.value = '';
              }}
            />
            <button type="button" className="wb-rbtn" onClick={props.onSave}>
              <SaveGlyph />
              <span>Spara .xlsx</span>
            </button>
            <span className="wb-group-label">Fil</span>
          </div>
        </div>
      </nav>
      <div className="wb-formula">
        <output className="wb-namebox" aria-label="Namnruta" data-testid="namebox">
          {anchor && sheet ? address(anchor.row, anchor.col) : ''}
        </output>
        <span className="wb-fx" aria-hidden="true">
          fx
        </span>
        <output className="wb-fbar" aria-label="Formelfältet" data-testid="formula-bar">
          {formulaBarText(selectedCell)}
        </output>
      </div>
      <main className="wb-body">
        <div className="wb-sheet">
          <SheetGrid
            model={model}
            sheet={sheet}
            version={props.version}
            anchor={anchor}
            onSelect={props.onSelect}
          />
          <div className="wb-sheettabs" role="tablist" aria-label="Blad">
            {visibleSheets(model).map((s) => (
              <button
                key={s.name}
                type="button"
                role="tab"
                aria-selected={s.name === sheet?.name}
                className={s.name === sheet?.name ? 'wb-stab wb-stab-active' : 'wb-stab'}
                onClick={() => props.onActivate(s.name)}
              >
                {s.name}
              </button>
            ))}
          </div>
        </div>
        <aside
          className={props.taskpaneVisible ? 'wb-pane' : 'wb-pane wb-pane-hidden'}
          aria-label="Åtgärdsfönster"
        >
          <div className="wb-pane-title">
            <span>Budgetkoll</span>
            <button type="button" aria-label="Stäng åtgärdsfönstret" onClick={props.onCloseTaskpane}>
              ×
            </button>
          </div>
          <iframe
            key={props.frameKey}
            title="Budgetkoll åtgärdsfönster"
            src="taskpane.html"
            name="taskpane"
          />
        </aside>
      </main>
      <div className="wb-status" role="status" aria-live="polite">
        {props.status}
      </div>
    </div>
  );
}
