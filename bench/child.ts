/**
 * A benchmark child process: `node --import tsx bench/child.ts '<job json>'`.
 * Started by bench/spawn.ts; speaks bench/protocol.ts on stdout.
 */
import type { Job } from './protocol';
import { emit, errorLine, reportMemory } from './jobs/emit';
import { runAppJob } from './jobs/app';
import { runCoreJob } from './jobs/core';
import { runXlsxJob } from './jobs/xlsx';

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '') as Job;
  if (job.kind === 'core') runCoreJob(job);
  else if (job.kind === 'app') await runAppJob(job);
  else await runXlsxJob(job);
  reportMemory();
}

main().catch((e: unknown) => {
  emit(errorLine('child', e));
  process.exitCode = 1;
});
