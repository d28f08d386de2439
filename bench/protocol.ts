/**
 * What the benchmark's parent and its child processes say to each other.
 *
 * Every heavy measurement runs in a child process (bench/child.ts), so a
 * command that takes twenty minutes, overflows the stack or runs out of
 * memory is killed or dies alone, and the run goes on. The child writes one
 * JSON object per line on stdout; a line marked `reset` starts a new timed
 * phase (a run of a core command, one app command), so the parent's limit
 * applies to each phase rather than to the whole child.
 */

export type CoreCommand = 'analyzeSheet' | 'validateSums' | 'computeDeviations' | 'computeDeviationsExported';
export type AppCommand = 'validateStructure' | 'validateSums' | 'computeDeviations';

export const CORE_COMMANDS: readonly CoreCommand[] = [
  'analyzeSheet',
  'validateSums',
  'computeDeviations',
  'computeDeviationsExported',
];
export const APP_COMMANDS: readonly AppCommand[] = ['validateStructure', 'validateSums', 'computeDeviations'];

/** The three core commands the first row adds up, all on the same (reported) grid. */
export const CORE_TOTAL: readonly CoreCommand[] = ['analyzeSheet', 'computeDeviations', 'validateSums'];

/**
 * Core commands to time: each command's sizes are run in turn within one run
 * (1 000, 10 000, 100 000, 1 000, …), so its growth is measured side by side
 * in one process like its ratio to JSON.parse.
 */
export interface CoreJob {
  kind: 'core';
  seed: number;
  work: { command: CoreCommand; sizes: number[]; runs: number[] }[];
}

export interface AppJob {
  kind: 'app';
  size: number;
  commands: AppCommand[];
  seed: number;
}

/** Writes one generated workbook (or a folder of them) as .xlsx files. */
export interface XlsxJob {
  kind: 'xlsx';
  files: { path: string; rows: number; seed: number }[];
}

export type Job = CoreJob | AppJob | XlsxJob;

/** What a generated ledger sheet holds (bench/sheets.ts LedgerManifest, counted). */
export interface SheetSummary {
  rows: number;
  items: number;
  groupSums: number;
  areaSums: number;
  textNumbers: number;
  missingForecasts: number;
  valueErrors: number;
  formulas: { sum: number; add: number; difference: number };
}

export interface FindingCounts {
  [code: string]: number;
}

/** Whether a command found what the generator planted (see bench/sheets.ts manifests). */
export interface PlantedCheck {
  planted: number;
  found: number;
  /** Planted cells the command did not report, first few. */
  missed: string[];
}

export type Line =
  | { type: 'phase'; reset: true; phase: string }
  | {
      type: 'setup';
      reset: true;
      size: number;
      stage: 'reported' | 'exported';
      payloadBytes: number;
      cells: number;
      ms: number;
      sheet: SheetSummary;
    }
  /** A run starts: JSON.parse of the payload, then the command (the run's time limit starts now). */
  | { type: 'start'; reset: true; command: CoreCommand; size: number; run: number }
  | { type: 'run'; reset: true; command: CoreCommand; size: number; run: number; ms: number; parseMs: number }
  | {
      type: 'core';
      reset: true;
      command: CoreCommand;
      size: number;
      findings: FindingCounts;
      writes?: number;
      textNumbers?: PlantedCheck;
      missingForecasts?: PlantedCheck;
    }
  | { type: 'appSetup'; reset: true; command: AppCommand; readPayloadBytes: number }
  /** The store handed a plan to the gateway: what it must write, known before the writing starts. */
  | { type: 'appPlan'; command: AppCommand; writePayloadBytes: number; writes: number }
  | { type: 'sync'; command: AppCommand; requestBytes: number; responseBytes: number }
  | {
      type: 'app';
      reset: true;
      command: AppCommand;
      ms: number;
      status: string;
      message?: string;
      /** Absent when the command ended before it had a plan to write. */
      writePayloadBytes?: number;
      writes: number;
    }
  | { type: 'file'; reset: true; path: string; bytes: number; ms: number }
  | {
      type: 'error';
      reset: true;
      phase: string;
      message: string;
      where?: string;
      /** Set when a core command threw at a size; the child goes on without that size. */
      command?: CoreCommand;
      size?: number;
    }
  | { type: 'memory'; maxRssMB: number };

export const LINE_PREFIX = '@bench ';
