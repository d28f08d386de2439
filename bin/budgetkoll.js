#!/usr/bin/env node
'use strict';
// Runs the bundled command line in build/cli/ (built by `npm ci` through the
// `prepare` script, or `npm run build:cli`). In a checkout whose sources are
// newer than the bundle, it rebuilds first, so `npx budgetkoll` always runs
// the code that is there.
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const root = path.join(__dirname, '..');
const dir = path.join(root, 'build', 'cli');
const entry = path.join(dir, 'budgetkoll.mjs');
const worker = path.join(dir, 'worker.mjs');
const buildScript = path.join(root, 'scripts', 'build-cli.mjs');

/** Newest modification time under `folder` (the sources the bundle is built from). */
function newest(folder) {
  let latest = 0;
  const stack = [folder];
  while (stack.length) {
    const current = stack.pop();
    for (const e of fs.readdirSync(current, { withFileTypes: true })) {
      const p = path.join(current, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.isFile()) latest = Math.max(latest, fs.statSync(p).mtimeMs);
    }
  }
  return latest;
}

function needsBuild() {
  if (!fs.existsSync(entry) || !fs.existsSync(worker)) return true;
  const src = path.join(root, 'src');
  if (!fs.existsSync(src) || !fs.existsSync(buildScript)) return false;
  const built = fs.statSync(entry).mtimeMs;
  return newest(src) > built || fs.statSync(path.join(root, 'package.json')).mtimeMs > built;
}

function build() {
  let esbuildFound = true;
  try {
    require.resolve('esbuild', { paths: [root] });
  } catch {
    esbuildFound = false;
  }
  if (!esbuildFound || !fs.existsSync(buildScript)) return false;
  const { spawnSync } = require('node:child_process');
  const r = spawnSync(process.execPath, [buildScript], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  return r.status === 0;
}

if (needsBuild() && !build() && !fs.existsSync(entry)) {
  process.stderr.write(
    'budgetkoll: Kommandoraden är inte byggd (build/cli saknas). Kör `npm ci` eller `npm run build:cli` i projektmappen och försök igen.\n',
  );
  process.exitCode = 2;
} else {
  import(pathToFileURL(entry).href)
    .then((cli) => cli.main(process.argv.slice(2), { workerScript: worker }))
    .catch((error) => {
      const detail = String((error && error.message) || error).split('\n')[0];
      process.stderr.write(
        `budgetkoll: Kommandoraden kunde inte startas: ${detail}. Kör \`npm run build:cli\`.\n`,
      );
      process.exitCode = 2;
    });
}
