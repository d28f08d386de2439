/** The CoreApi backed by the pure core in src/core. */
import { analyzeSheet, computeDeviations, textNumberFixPlan, validateSums } from '../core';
import type { CoreApi } from './ports';

export const coreApi: CoreApi = { analyzeSheet, computeDeviations, validateSums, textNumberFixPlan };
