/** The synchronous core (src/core): what the core worker runs, and the pane's fallback when no worker can start. */
import './zodConfig';
import { analyzeSheet, computeDeviations, textNumberFixPlan, validateSums } from '../core';
import { buildFoljetal, buildVerksamhetsrapport, type WorkbookSheet } from '../core/report';
import type { SyncCoreApi } from './ports';

export const coreApi: SyncCoreApi = {
  analyzeSheet,
  computeDeviations,
  validateSums,
  textNumberFixPlan,
  buildReport(type, grids, marks, settings, options) {
    // Grids travel to the worker packed; the sheets are put back together here.
    const sheets: WorkbookSheet[] = grids.map((grid, i) => {
      const mark = marks[i];
      return mark ? { name: grid.sheet, grid, mark } : { name: grid.sheet, grid };
    });
    const build = type === 'foljetal' ? buildFoljetal : buildVerksamhetsrapport;
    return build(sheets, settings, options);
  },
};
