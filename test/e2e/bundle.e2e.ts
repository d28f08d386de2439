/**
 * What the production build ships, checked on the built files (the same
 * build the workbench tests run against, local office.js):
 *  - every chunk parses at the declared ECMAScript edition (scripts/browser-target.cjs)
 *    and uses no regular-expression lookbehind, so Excel for Mac with Safari 15 loads it;
 *  - the scripts taskpane.html loads before its first paint stay within 130 KiB gzip;
 *  - no source maps; the task pane's Content-Security-Policy allows scripts from its
 *    own origin (and Microsoft's office.js CDN in a CDN build) only, connections to
 *    its own origin only, and taskpane.html has no inline script;
 *  - the dev server does not answer with `Access-Control-Allow-Origin: *`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as acorn from 'acorn';
import { build, DIST, ROOT } from './support/server';

jest.setTimeout(600_000);

// The target and the webpack config are CommonJS files (webpack and swc read them as such).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const TARGET = require(path.join(ROOT, 'scripts/browser-target.cjs')) as {
  ecmaVersion: acorn.ecmaVersion;
  browsers: string[];
};
const BUDGET = 130 * 1024;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/** Our chunks: everything the build emitted, not Microsoft's office.js copied beside it. */
function shippedChunks(): string[] {
  return files(DIST).filter((f) => f.endsWith('.js') && !path.relative(DIST, f).startsWith('office-js'));
}

/** Regular expressions with lookbehind, which Safari before 16.4 cannot even parse. */
function lookbehinds(source: string): string[] {
  const found: string[] = [];
  for (const token of acorn.tokenizer(source, { ecmaVersion: TARGET.ecmaVersion })) {
    if (token.type === acorn.tokTypes.regexp) {
      const { pattern } = (token as unknown as { value: { pattern: string } }).value;
      if (pattern.includes('(?<=') || pattern.includes('(?<!')) found.push(pattern);
    }
  }
  return found;
}

function parseError(source: string): string | undefined {
  try {
    acorn.parse(source, { ecmaVersion: TARGET.ecmaVersion, sourceType: 'script' });
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

beforeAll(() => build());

describe('the shipped bundle', () => {
  it('the check itself rejects what Safari 15 cannot parse', () => {
    expect(parseError('class A { static { this.x = 1; } }')).toMatch(/Unexpected token/);
    expect(parseError('a ||= b;')).toMatch(/Unexpected token/);
    expect(lookbehinds('const re = /(?<=a)b/;')).toEqual(['(?<=a)b']);
  });

  it(`parses at ES${TARGET.ecmaVersion} (${TARGET.browsers.join(', ')}), every chunk, with no lookbehind`, () => {
    const chunks = shippedChunks();
    // The entry, the gateway, the core, its worker and the folded sections at least.
    expect(chunks.map((f) => path.basename(f).replace(/\.[0-9a-f]{8}\.js$/, ''))).toEqual(
      expect.arrayContaining(['taskpane', 'gateway', 'core', 'core-worker', 'details', 'workbench']),
    );
    const problems: Record<string, string> = {};
    for (const file of chunks) {
      const source = readFileSync(file, 'utf8');
      const error = parseError(source);
      if (error) problems[path.basename(file)] = error;
      const lb = lookbehinds(source);
      if (lb.length) problems[path.basename(file)] = `lookbehind: ${lb.join(' ')}`;
    }
    expect(problems).toEqual({});
  });

  it('loads at most 130 KiB of script (gzip) before the first paint', () => {
    const html = readFileSync(path.join(DIST, 'taskpane.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
    const srcs = scripts.map((attrs) => /\bsrc="([^"]+)"/.exec(attrs)?.[1]);
    // No inline scripts: each one needs a hash or 'unsafe-inline' under the CSP.
    expect(srcs.every((s) => s !== undefined)).toBe(true);
    const ours = (srcs as string[]).filter((s) => !s.startsWith('office-js/') && !s.startsWith('https://'));
    expect(ours.some((s) => /^taskpane\.[0-9a-f]{8}\.js$/.test(s))).toBe(true);
    const total = ours.reduce(
      (n, s) => n + gzipSync(readFileSync(path.join(DIST, s)), { level: 9 }).length,
      0,
    );
    expect(total).toBeLessThanOrEqual(BUDGET);
    // The gateway and the core are not among them.
    expect(ours.some((s) => /gateway|core/.test(s))).toBe(false);
  });

  it('ships no source maps', () => {
    expect(files(DIST).filter((f) => f.endsWith('.map'))).toEqual([]);
    for (const file of shippedChunks()) expect(readFileSync(file, 'utf8')).not.toMatch(/sourceMappingURL=/);
  });

  it('gives the task pane a Content-Security-Policy: scripts and connections from its own origin only', () => {
    const html = readFileSync(path.join(DIST, 'taskpane.html'), 'utf8');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    const directives = new Map(
      csp.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name!, values] as const;
      }),
    );
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('worker-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(csp).not.toContain('unsafe-eval');
  });
});

describe('the webpack configuration', () => {
  type Config = {
    devServer?: { headers?: Record<string, string> };
    plugins: { userOptions?: { filename?: string; csp?: string } }[];
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require(path.join(ROOT, 'webpack.config.js')) as (
    env: Record<string, unknown>,
    argv: { mode: string },
  ) => Promise<Config>;

  it('lets the production task pane load office.js from Microsoft’s CDN and nothing else from outside', async () => {
    const production = await config({}, { mode: 'production' });
    const taskpane = production.plugins.find((p) => p.userOptions?.filename === 'taskpane.html');
    expect(taskpane?.userOptions?.csp).toContain("script-src 'self' https://appsforoffice.microsoft.com;");
    expect(taskpane?.userOptions?.csp).toContain("connect-src 'self';");
  });

  it('does not let the dev server answer every origin (no Access-Control-Allow-Origin: *)', async () => {
    const development = await config({}, { mode: 'development' });
    const headers = development.devServer?.headers ?? {};
    expect(Object.keys(headers).map((h) => h.toLowerCase())).not.toContain('access-control-allow-origin');
  });
});
