/**
 * The core commands on generated ledger sheets. Each timed run of a command
 * follows JSON.parse of the same sheet's range payload (parse, command,
 * parse, command …), and each run goes through the command's sizes in turn,
 * so the ratio to JSON.parse and the growth from size to size are both
 * measured side by side, in one process, under the same machine load.
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

type Stage = 'reported' | 'exported';

interface Sheet {
  sheet: GeneratedSheet<LedgerManifest>;
  payload: string;
}

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

/** The generated sheets, built once per stage and size. */
function sheets(seed: number): (stage: Stage, size: number) => Sheet {
  const cache = new Map<string, Sheet>();
  return (stage, size) => {
    const key = `${stage} ${size}`;
    let s = cache.get(key);
    if (s) return s;
    phase(`generate ${key}`);
    const t0 = performance.now();
    const sheet = ledgerSheet({ rows: size, seed, stage });
    const payload = rangePayloadJson(sheet.grid);
    const m = sheet.manifest;
    emit({
      type: 'setup',
      reset: true,
      size,
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
    cache.set(key, s);
    return s;
  };
}

function runCommand(command: CoreCommand, sheet: GeneratedSheet<LedgerManifest>): unknown {
  const settings = DEFAULT_SETTINGS;
  switch (command) {
    case 'analyzeSheet':
      return analyzeSheet(sheet.grid, settings);
    case 'validateSums':
      return validateSums([sheet.grid], settings);
    case 'computeDeviations':
    case 'computeDeviationsExported':
      return computeDeviations(sheet.grid, settings);
  }
}

export function runCoreJob(job: CoreJob): void {
  const sheetFor = sheets(job.seed);
  for (const { command, sizes, runs } of job.work) {
    const stage: Stage = command === 'computeDeviationsExported' ? 'exported' : 'reported';
    // Generate every size first, so no run waits for a sheet.
    for (const size of sizes) sheetFor(stage, size);
    const failed = new Set<number>();
    const most = Math.max(0, ...runs);
    for (let i = 0; i < most; i++) {
      sizes.forEach((size, j) => {
        if (i >= runs[j]! || failed.has(size)) return;
        const { sheet, payload } = sheetFor(stage, size);
        try {
          emit({ type: 'start', reset: true, command, size, run: i + 1 });
          collectGarbage();
          let t0 = performance.now();
          JSON.parse(payload);
          const parseMs = performance.now() - t0;
          collectGarbage();
          t0 = performance.now();
          const result = runCommand(command, sheet);
          const ms = performance.now() - t0;
          emit({ type: 'run', reset: true, command, size, run: i + 1, ms, parseMs });
          if (i === 0) emit(describe(command, size, result, sheet.manifest));
        } catch (e) {
          // A command that throws at a size (a stack overflow, say) throws at the larger ones too.
          for (const s of sizes) if (s >= size) failed.add(s);
          emit({ ...errorLine(`${command} ${size}`, e), command, size });
        }
      });
    }
  }
}

function describe(command: CoreCommand, size: number, result: unknown, manifest: LedgerManifest): Line {
  if (command === 'analyzeSheet') {
    const r = result as ReturnType<typeof analyzeSheet>;
    return {
      type: 'core',
      reset: true,
      command,
      size,
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
      size,
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
    size,
    findings: counts(r.findings),
    writes: r.plan.writes.length,
    ...(command === 'computeDeviations'
      ? { missingForecasts: check(manifest.missingForecasts, written) }
      : {}),
  };
}
