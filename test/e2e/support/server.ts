/**
 * Builds the add-in with webpack and serves dist/ on a free port with a tiny
 * static server, so the e2e tests run against exactly what would be deployed.
 *
 * Environment switches:
 *   BUDGETKOLL_E2E_MODE=development|production  (default production, always with the local office.js)
 *   BUDGETKOLL_E2E_SKIP_BUILD=1                  reuse an existing dist/ (e.g. after `npm run build:dev`)
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../..');
export const DIST = path.join(ROOT, 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.png': 'image/png',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

/** Set once this jest process has built dist/, so the e2e files (run in band) share one build. */
const BUILT_MARK = 'BUDGETKOLL_E2E_BUILT';

export function build(): void {
  if (process.env.BUDGETKOLL_E2E_SKIP_BUILD === '1' && existsSync(path.join(DIST, 'workbench.html'))) return;
  if (process.env[BUILT_MARK] === String(process.pid) && existsSync(path.join(DIST, 'workbench.html')))
    return;
  const mode = process.env.BUDGETKOLL_E2E_MODE === 'development' ? 'development' : 'production';
  const result = spawnSync(
    process.execPath,
    [
      require.resolve('webpack-cli/bin/cli.js'),
      '--mode',
      mode,
      '--env',
      'localOffice',
      '--stats',
      'errors-warnings',
    ],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: mode },
      timeout: 600_000,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (result.status !== 0) {
    throw new Error(`webpack failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  process.env[BUILT_MARK] = String(process.pid);
}

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

export function serve(dir: string = DIST): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = path.normalize(path.join(dir, urlPath));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise<void>((r) => server.close(() => r())),
      });
    });
  });
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
