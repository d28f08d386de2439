/** Writes generated workbooks as .xlsx files for the command-line measurements. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { XlsxJob } from '../protocol';
import { benchWorkbook, workbookXlsx } from '../sheets';
import { emit, phase } from './emit';

export async function runXlsxJob(job: XlsxJob): Promise<void> {
  for (const file of job.files) {
    phase(`write ${file.path}`);
    const t0 = performance.now();
    const bytes = await workbookXlsx(benchWorkbook({ ledgerRows: file.rows, seed: file.seed }).model);
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, bytes);
    emit({ type: 'file', reset: true, path: file.path, bytes: bytes.length, ms: performance.now() - t0 });
  }
}
