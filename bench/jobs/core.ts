/**
 * The core commands on a generated ledger sheet, each run side by side with
 * JSON.parse of the same sheet's range payload: parse, command, parse,
 * command …, so both see the same machine state and the ratio is fair.
 */
import { performance } from 'node:perf_hooks';
import {
  a1,
  analyzeSheet,
  computeDeviations,
  DEFAULT_SETTINGS,
  validateSums,
  type Finding,
} from '../../src/core';
import type { CoreCommand, CoreJob, FindingCounts, Line, PlantedCheck } from '../protocol';
import { ledgerSheet, rangePayloadJson, type GeneratedSheet, type LedgerManifest } from '../sheets';
import { collectGarbage, emit, errorLine, phase } from './emit';

function counts(findings: readonly Finding[]): FindingCounts {
  const out: FindingCounts = {};
  for (const f of findings) out[f.code] = (out[f.code] ?? 0) + 1;
  return out;
}

function check(planted: readonly string[], found: ReadonlySet<string>): PlantedCheck {
  const missed = planted.filter((c) => !found.has(c));
  return { planted: planted.length, found: planted.length - missed.length, missed: missed.slice(0, 10) };
}

function textNumberCheck(manifest: LedgerManifest, findings: readonly Finding[]): PlantedCheck {
  const found = new Set(findings.filter((f) => f.code === 'TEXT_NUMBER').map((f) => f.cell));
  return check(
    manifest.textNumbers.map((t) => t.cell),
    found,
  );
}

interface Sheet {
  sheet: GeneratedSheet<LedgerManifest>;
  payload: string;
}

export function runCoreJob(job: CoreJob): void {
  const sheets = new Map<'reported' | 'exported', Sheet>();
  const sheetFor = (stage: 'reported' | 'exported'): Sheet => {
    let s = sheets.get(stage);
    if (!s) {
      phase(`generate ${stage} ${job.size}`);
      const t0 = performance.now();
      const sheet = ledgerSheet({ rows: job.size, seed: job.seed, stage });
      const payload = rangePayloadJson(sheet.grid);
      const m = sheet.manifest;
      emit({
        type: 'setup',
        reset: true,
        size: job.size,
        stage,
        payloadBytes: Buffer.byteLength(payload),
        cells: sheet.cells.length,
        ms: performance.now() - t0,
        sheet: {
          rows: m.rows,
          items: m.items,
          groupSums: m.groupSums.length,
          areaSums: m.areaSums.length,
          textNumbers: m.textNumbers.length,
          missingForecasts: m.missingForecasts.length,
          valueErrors: m.valueErrors.length,
          formulas: m.formulas,
        },
      });
      s = { sheet, payload };
      sheets.set(stage, s);
    }
    return s;
  };

  for (const command of job.commands) {
    const { sheet, payload } = sheetFor(command === 'computeDeviationsExported' ? 'exported' : 'reported');
    const grid = sheet.grid;
    const settings = DEFAULT_SETTINGS;
    const run = (): unknown => {
      switch (command) {
        case 'analyzeSheet':
          return analyzeSheet(grid, settings);
        case 'validateSums':
          return validateSums([grid], settings);
        case 'computeDeviations':
        case 'computeDeviationsExported':
          return computeDeviations(grid, settings);
      }
    };
    let first: unknown;
    try {
      for (let i = 0; i < job.runs; i++) {
        collectGarbage();
        let t0 = performance.now();
        JSON.parse(payload);
        const parseMs = performance.now() - t0;
        collectGarbage();
        emit({ type: 'parse', reset: true, command, run: i + 1, parseMs });
        t0 = performance.now();
        const result = run();
        const ms = performance.now() - t0;
        if (i === 0) first = result;
        emit({ type: 'run', reset: true, command, run: i + 1, ms, parseMs });
      }
    } catch (e) {
      emit(errorLine(`${command} ${job.size}`, e));
      continue;
    }
    emit(describe(command, first, sheet.manifest));
  }
}

function describe(command: CoreCommand, result: unknown, manifest: LedgerManifest): Line {
  if (command === 'analyzeSheet') {
    const r = result as ReturnType<typeof analyzeSheet>;
    return {
      type: 'core',
      reset: true,
      command,
      findings: counts(r.findings),
      textNumbers: textNumberCheck(manifest, r.findings),
    };
  }
  if (command === 'validateSums') {
    const findings = (result as ReturnType<typeof validateSums>).flatMap((s) => s.findings);
    return {
      type: 'core',
      reset: true,
      command,
      findings: counts(findings),
      textNumbers: textNumberCheck(manifest, findings),
    };
  }
  const r = result as ReturnType<typeof computeDeviations>;
  const written = new Set(r.plan.writes.map((w) => a1(w.row, w.col)));
  return {
    type: 'core',
    reset: true,
    command,
    findings: counts(r.findings),
    writes: r.plan.writes.length,
    ...(command === 'computeDeviations'
      ? { missingForecasts: check(manifest.missingForecasts, written) }
      : {}),
  };
}
