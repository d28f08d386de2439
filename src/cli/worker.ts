/**
 * The worker side of isolate.ts: runs a whole command, or checks the files a
 * batch check sends it one at a time, and reports through messages. Output
 * goes to the parent, which alone writes to the process's stdout and stderr.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { nodeIO, type CliIO } from './io';
import type { FromWorker, ToWorker, WorkerJob } from './isolate';
import { runCli } from './main';

function post(m: FromWorker): void {
  parentPort!.postMessage(m);
}

function workerIO(): CliIO & { markClosed(): void } {
  const base = nodeIO();
  let closed = false;
  return {
    ...base,
    stdout: (text) => post({ type: 'out', text }),
    stderr: (text) => post({ type: 'err', text }),
    readFile: (path) => {
      post({ type: 'reading', path });
      return base.readFile(path);
    },
    prepareOutput: (path, options) =>
      base.prepareOutput(path, {
        ...options,
        onTemp: (temp, live) => post({ type: 'temp', path: temp, live }),
      }),
    outputClosed: () => closed,
    markClosed: () => {
      closed = true;
    },
  };
}

async function runJob(job: WorkerJob): Promise<void> {
  const io = workerIO();
  if (job.kind === 'command') {
    parentPort!.on('message', (m: ToWorker) => {
      if (m.type === 'closed') io.markClosed();
    });
    const code = await runCli(job.argv, io);
    post({ type: 'exit', code });
    parentPort!.close();
    return;
  }
  const { checkFile } = await import('./commands/validera');
  parentPort!.on('message', (m: ToWorker) => {
    if (m.type !== 'validate') return;
    void checkFile(io, m.file, m.summary).then((result) => post({ type: 'result', result }));
  });
}

if (parentPort && (workerData as WorkerJob | undefined)?.kind) void runJob(workerData as WorkerJob);
