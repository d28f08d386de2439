/** The workbench's look: plain CSS, injected once (the workbench has no CSS loader and needs none). */
export const WORKBENCH_CSS = `
* { box-sizing: border-box; }
html, body, #workbench { margin: 0; height: 100%; }
body { font-family: 'Segoe UI', system-ui, -apple-system, sans-serif; font-size: 13px; color: #201f1e; background: #f3f2f1; }
.wb { display: flex; flex-direction: column; height: 100vh; }
.wb-title { display: flex; gap: 12px; align-items: center; padding: 4px 12px; background: #107c41; color: #fff; }
.wb-app { font-weight: 600; font-size: 13px; margin: 0; }
.wb-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; }
.wb-ribbon { background: #fff; border-bottom: 1px solid #d2d0ce; }
.wb-tabs { display: flex; gap: 4px; padding: 0 8px; background: #f3f2f1; }
.wb-tab { padding: 6px 10px; color: #605e5c; }
.wb-tab-active { color: #107c41; font-weight: 600; border-bottom: 2px solid #107c41; background: #fff; }
.wb-groups { display: flex; gap: 0; padding: 4px 8px 0; }
.wb-group { position: relative; display: flex; gap: 2px; padding: 0 8px 18px; border-right: 1px solid #e1dfdd; }
.wb-group-label { position: absolute; bottom: 2px; left: 0; right: 0; text-align: center; color: #605e5c; font-size: 11px; }
.wb-rbtn { display: flex; flex-direction: column; align-items: center; gap: 2px; width: 84px; padding: 4px; border: 1px solid transparent; border-radius: 4px; background: none; font: inherit; font-size: 12px; cursor: pointer; text-align: center; hyphens: manual; overflow-wrap: anywhere; color: #201f1e; }
.wb-rbtn:hover { background: #f3f2f1; border-color: #e1dfdd; }
.wb-rbtn:focus-visible { outline: 2px solid #0f6cbd; }
.wb-glyph { display: block; }
.wb-file-input { position: absolute; width: 1px; height: 1px; opacity: 0; pointer-events: none; }
.wb-formula { display: flex; align-items: stretch; gap: 0; background: #fff; border-bottom: 1px solid #d2d0ce; height: 26px; }
.wb-namebox { width: 90px; padding: 4px 6px; border-right: 1px solid #d2d0ce; }
.wb-fx { padding: 4px 8px; color: #605e5c; font-style: italic; border-right: 1px solid #d2d0ce; }
.wb-fbar { flex: 1; padding: 4px 8px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; font-family: Consolas, monospace; }
.wb-body { flex: 1; display: flex; min-height: 0; }
.wb-sheet { flex: 1; display: flex; flex-direction: column; min-width: 0; }
.wb-grid { flex: 1; overflow: auto; background: #fff; outline: none; position: relative; }
.wb-chart { position: absolute; margin: 0; background: #fff; border: 1px solid #a19f9d; box-shadow: 0 1px 3px rgba(0,0,0,.15); z-index: 1; }
.wb-chart-title { font: 600 14px Calibri, 'Segoe UI', sans-serif; fill: #323130; }
.wb-chart-label { font: 11px Calibri, 'Segoe UI', sans-serif; fill: #323130; }
.wb-grid:focus-visible { box-shadow: inset 0 0 0 2px #0f6cbd; }
.wb-grid table { border-collapse: collapse; table-layout: fixed; font-family: Calibri, 'Segoe UI', sans-serif; font-size: 13px; }
.wb-grid th { position: sticky; background: #f3f2f1; color: #444; font-weight: normal; border: 1px solid #d2d0ce; padding: 0 4px; height: 20px; }
.wb-grid thead th { top: 0; z-index: 2; text-align: center; }
.wb-grid tbody th { left: 0; z-index: 1; text-align: center; }
.wb-grid thead th.wb-corner { left: 0; z-index: 3; }
.wb-grid th.wb-hsel { background: #d2e8d8; color: #0e5c2f; font-weight: 600; }
.wb-grid tbody tr { height: 21px; }
.wb-grid td { border: 1px solid #e1dfdd; padding: 0 4px; height: 20px; white-space: nowrap; overflow: hidden; text-overflow: clip; cursor: cell; }
.wb-grid td.wb-sel { outline: 2px solid #107c41; outline-offset: -2px; }
.wb-sheettabs { display: flex; gap: 2px; padding: 2px 8px; background: #f3f2f1; border-top: 1px solid #d2d0ce; }
.wb-stab { border: none; background: none; padding: 4px 12px; font: inherit; cursor: pointer; color: #444; }
.wb-stab-active { background: #fff; color: #107c41; font-weight: 600; border-bottom: 2px solid #107c41; }
.wb-stab:focus-visible { outline: 2px solid #0f6cbd; }
.wb-pane { width: 351px; flex-shrink: 0; display: flex; flex-direction: column; border-left: 1px solid #d2d0ce; background: #fff; }
.wb-pane-hidden { display: none; }
.wb-pane-title { display: flex; justify-content: space-between; align-items: center; padding: 6px 10px; font-weight: 600; border-bottom: 1px solid #e1dfdd; }
.wb-pane-title button { border: none; background: none; font-size: 18px; cursor: pointer; }
.wb-pane iframe { flex: 1; border: 0; width: 100%; }
.wb-status { padding: 3px 12px; background: #f3f2f1; border-top: 1px solid #d2d0ce; color: #444; min-height: 22px; }
`;
