/** The synchronous core (src/core): what the core worker runs, and the pane's fallback when no worker can start. */
import './zodConfig';
import { analyzeSheet, computeDeviations, textNumberFixPlan, validateSums } from '../core';
import type { SyncCoreApi } from './ports';

export const coreApi: SyncCoreApi = { analyzeSheet, computeDeviations, validateSums, textNumberFixPlan };
