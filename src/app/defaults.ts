/**
 * Plain-data defaults the task pane needs before the gateway and the core
 * are loaded (they carry zod; the pane's first paint does not).
 * test/app/defaults.test.ts keeps them equal to the core's.
 */
import type { Settings } from '../core/schemas';

/** The settings of a workbook that has none: core/schemas DEFAULT_SETTINGS, without zod. */
export const DEFAULT_SETTINGS: Settings = {
  version: 2,
  roleOverrides: [],
  signOverrides: [],
  forecastMethod: 'utfall_plus_budget',
  overwriteForecasts: false,
};

/** The very hidden sheet that holds Budgetkoll's settings and journal: core/store STORE_SHEET. */
export const STORE_SHEET = 'Budgetkoll_data';
