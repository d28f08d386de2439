import { useEffect, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import type { WorkbookModel } from '../workbook/model';
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

export interface WorkbenchProps {
  bridge: HostBridge;
  /** Increments when the workbook or selection changes; the component re-reads everything from the bridge. */
  version: number;
  taskpaneVisible: boolean;
  fileName: string;
  status: string;
  onRibbon(id: 'show' | 'validateStructure' | 'computeDeviations' | 'validateSums'): void;
  onOpenFile(file: File): void;
  onSave(): void;
  onSelect(sheet: string, addr: string): void;
  onActivate(sheet: string): void;
  onCloseTaskpane(): void;
  frameKey: number;
}

const RIBBON: {
  id: 'show' | 'validateStructure' | 'computeDeviations' | 'validateSums';
  label: string;
  icon: string;
}[] = [
  { id: 'show', label: 'Öppna Budgetkoll', icon: 'assets/icon-32.png' },
  { id: 'validateStructure', label: 'Validera struktur', icon: 'assets/structure-32.png' },
  { id: 'computeDeviations', label: 'Beräkna avvikelser', icon: 'assets/deviations-32.png' },
  { id: 'validateSums', label: 'Validera summor', icon: 'assets/sums-32.png' },
];

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

export function Workbench(props: WorkbenchProps) {
  const { bridge } = props;
  const model = bridge.model;
  const sheet = activeSheetOf(model);
  const selection = bridge.selection;
  const fileInput = useRef<HTMLInputElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const [localSel, setLocalSel] = useState<{ sheet: string; address: string } | null>(null);
  const sel = selection ?? localSel;
  const anchor = sel && sheet && sel.sheet === sheet.name ? anchorOf(sel.address) : undefined;
  const selectedCell = anchor && sheet ? getCell(sheet, anchor.row, anchor.col) : undefined;

  const select = (row: number, col: number) => {
    if (!sheet) return;
    const addr = address(row, col);
    setLocalSel({ sheet: sheet.name, address: addr });
    props.onSelect(sheet.name, addr);
  };

  // Bring the selected cell into view when the add-in selects it.
  useEffect(() => {
    if (!anchor) return;
    const el = gridRef.current?.querySelector<HTMLElement>(
      `[data-addr="${address(anchor.row, anchor.col)}"]`,
    );
    el?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [anchor?.row, anchor?.col, props.version]); // eslint-disable-line react-hooks/exhaustive-deps

  const onGridKey = (e: KeyboardEvent<HTMLDivElement>) => {
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
    select(Math.max(0, anchor.row + m[0]), Math.max(0, anchor.col + m[1]));
  };

  const extent = sheet ? extentOf(sheet) : { rows: 0, cols: 0 };
  const rows = Array.from({ length: extent.rows }, (_, i) => i);
  const cols = Array.from({ length: extent.cols }, (_, i) => i);

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
          <div
            className="wb-grid"
            ref={gridRef}
            tabIndex={0}
            role="region"
            aria-label={sheet ? `Bladet ${sheet.name}` : 'Inget blad'}
            onKeyDown={onGridKey}
          >
            <table
              role="grid"
              aria-readonly="true"
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
                {sheet &&
                  rows.map((r) => (
                    <tr key={r} role="row">
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
                        };
                        return (
                          <td
                            key={c}
                            role="gridcell"
                            data-addr={address(r, c)}
                            aria-selected={selected}
                            className={selected ? 'wb-sel' : undefined}
                            style={style}
                            onMouseDown={() => select(r, c)}
                          >
                            {v.text}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
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
