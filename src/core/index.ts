/**
 * The core's public face: one function per command, each taking grids and
 * settings and returning findings or a write plan. Gateways (Office.js,
 * .xlsx, simulated host) read sheets into grids and apply plans; nothing
 * here knows where the grid came from.
 */
export * from './grid';
export * from './schemas';
export * from './plan';
export * from './store';
export { analyzeSheet, type SheetAnalysis } from './validateStructure';
export { textNumberFixPlan } from './fixes';
export { computeDeviations, type DeviationResult } from './deviations';
export { validateSums } from './validateSums';
export { CODES, sortFindings } from './findings';
export * from './labels';
