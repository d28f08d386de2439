/** The formula display lives in the core, where the findings' messages use it too. */
export { swedishFormula, SWEDISH_FUNCTION_NAMES } from '../core/formulaDisplay';
