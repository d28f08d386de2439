/**
 * The JavaScript the task pane downloads before its first paint: the local
 * scripts taskpane.html references (not chunks loaded later with import()),
 * from a production build, gzip-compressed as a web server would send them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Status } from './measureCore';
import { describeFailure, ROOT, runProcess } from './spawn';

export interface ScriptSize {
  /** The src attribute, or "inline" for a script written in the page. */
  src: string;
  loading: 'blocking' | 'defer' | 'async' | 'module';
  bytes: number;
  gzipBytes: number;
}

export interface TaskpaneResult {
  status: Status;
  note?: string;
  /** "build" when this run built it, else the directory it measured. */
  source: string;
  buildMs?: number;
  scripts: ScriptSize[];
  /** Remote scripts (office.js from Microsoft's CDN): loaded too, but not the add-in's code. */
  external: string[];
  totalBytes?: number;
  totalGzipBytes?: number;
}

export interface TaskpaneOptions {
  /** Measure this build instead of building. */
  dist?: string;
  /** Where to build. */
  outDir: string;
  limitMs: number;
  log: (text: string) => void;
}

/** Gzip level 9 (`gzip -9`), as a static web server with precompressed files sends them. */
const GZIP_LEVEL = 9;

interface ScriptTag {
  attrs: Map<string, string>;
  body: string;
}

/** The <script> elements of an HTML page with their attributes (generated HTML: no comments around scripts). */
export function scriptTags(html: string): ScriptTag[] {
  const tags: ScriptTag[] = [];
  const re = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
  const attrRe = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const attrs = new Map<string, string>();
    for (let a = attrRe.exec(m[1]!); a; a = attrRe.exec(m[1]!)) {
      attrs.set(a[1]!.toLowerCase(), a[2] ?? a[3] ?? a[4] ?? '');
    }
    tags.push({ attrs, body: m[2]! });
  }
  return tags;
}

function loadingOf(attrs: Map<string, string>): ScriptSize['loading'] {
  if (attrs.get('type') === 'module') return 'module';
  if (attrs.has('async')) return 'async';
  if (attrs.has('defer')) return 'defer';
  return 'blocking';
}

/** Measures the scripts taskpane.html in `dir` loads at start. */
export function measureInitialScripts(dir: string): Omit<TaskpaneResult, 'status' | 'source'> {
  const html = readFileSync(join(dir, 'taskpane.html'), 'utf8');
  const scripts: ScriptSize[] = [];
  const external: string[] = [];
  for (const tag of scriptTags(html)) {
    const type = tag.attrs.get('type');
    if (type !== undefined && type !== 'module' && !/javascript/i.test(type)) continue;
    const src = tag.attrs.get('src');
    if (src === undefined) {
      if (tag.body.trim() === '') continue;
      const body = Buffer.from(tag.body);
      scripts.push({
        src: 'inline',
        loading: 'blocking',
        bytes: body.length,
        gzipBytes: gzipSync(body, { level: GZIP_LEVEL }).length,
      });
      continue;
    }
    if (/^(https?:)?\/\//i.test(src)) {
      external.push(src);
      continue;
    }
    const file = join(dir, src.split(/[?#]/)[0]!);
    const bytes = readFileSync(file);
    scripts.push({
      src,
      loading: loadingOf(tag.attrs),
      bytes: bytes.length,
      gzipBytes: gzipSync(bytes, { level: GZIP_LEVEL }).length,
    });
  }
  return {
    scripts,
    external,
    totalBytes: scripts.reduce((n, s) => n + s.bytes, 0),
    totalGzipBytes: scripts.reduce((n, s) => n + s.gzipBytes, 0),
  };
}

export async function measureTaskpane(options: TaskpaneOptions): Promise<TaskpaneResult> {
  let dir = options.dist;
  let buildMs: number | undefined;
  if (!dir) {
    dir = options.outDir;
    options.log('  building the task pane (webpack --mode production) …');
    const proc = await runProcess(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'webpack-cli', 'bin', 'cli.js'),
        '--mode',
        'production',
        '--output-path',
        dir,
        '--stats',
        'errors-warnings',
      ],
      { limitMs: options.limitMs, env: { ...process.env, NODE_ENV: 'production' } },
    );
    if (proc.outcome !== 'ok') {
      const note = `the production build failed: ${describeFailure(proc, options.limitMs)}`;
      options.log(`  ${note}`);
      return {
        status: proc.outcome === 'timeout' ? 'timeout' : 'crashed',
        note,
        source: 'build',
        scripts: [],
        external: [],
      };
    }
    buildMs = proc.wallMs;
  }
  if (!existsSync(join(dir, 'taskpane.html'))) {
    return { status: 'failed', note: `no taskpane.html in ${dir}`, source: dir, scripts: [], external: [] };
  }
  const sizes = measureInitialScripts(dir);
  const result: TaskpaneResult = {
    status: 'ok',
    source: options.dist ? dir : 'build',
    ...(buildMs !== undefined ? { buildMs } : {}),
    ...sizes,
  };
  options.log(
    `  task pane: ${sizes.scripts.length} script(s) before first paint, ${((sizes.totalGzipBytes ?? 0) / 1000).toFixed(1)} KB gzip` +
      (sizes.external.length ? ` (plus ${sizes.external.join(', ')})` : ''),
  );
  return result;
}
