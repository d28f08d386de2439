#!/usr/bin/env node
// Bundles the command line into build/cli/ with esbuild, so `npx budgetkoll`
// starts in a fraction of a second instead of transpiling TypeScript at every
// start. Runs as the `prepare` script, i.e. at `npm ci`; bin/budgetkoll.js
// rebuilds when the sources are newer than the bundle.
//
// ES modules with code splitting: the entry holds only argument parsing and
// help; each command, the workbook reader, the core and ExcelJS are chunks
// loaded when a command needs them. worker.mjs is the memory-limited worker
// that runs the work on a user's file (src/cli/isolate.ts).
//
// Usage: node scripts/build-cli.mjs [--outdir DIR]
import { build } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const at = process.argv.indexOf('--outdir');
const outdir = at > 0 ? resolve(process.argv[at + 1]) : join(root, 'build', 'cli');
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
const started = Date.now();
const result = await build({
  absWorkingDir: root,
  entryPoints: { budgetkoll: 'src/cli/main.ts', worker: 'src/cli/worker.ts' },
  outdir,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // CommonJS dependencies (ExcelJS, JSZip) call require() for Node's built-ins.
  banner: {
    js: "import { createRequire as __budgetkollRequire } from 'node:module'; const require = __budgetkollRequire(import.meta.url);",
  },
  minify: true,
  keepNames: true,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
});
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
writeFileSync(join(outdir, 'package.json'), '{"type":"module"}\n');
writeFileSync(join(outdir, 'stamp.json'), `${JSON.stringify({ builtAt: new Date().toISOString() })}\n`);
console.log(
  `budgetkoll: command line built into ${outdir} (${Math.round(bytes / 1024)} KB, ${Date.now() - started} ms)`,
);
