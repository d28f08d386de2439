/** Dates in Excel cells: the pure functions live in the core (src/core/dates.ts). */
export * from '../core/dates';
