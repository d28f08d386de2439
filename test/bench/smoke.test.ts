/**
 * npm run bench, small: every measurement at a few hundred rows with short
 * limits, into a temporary results file. It checks that the run completes
 * and that the file has its structure and every row of issue 8's table. It
 * never checks a figure against a target: timings belong to `npm run bench`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_OPTIONS, formatTargets, parseOptions, runBench, type BenchResults } from '../../bench/run';
import { ISSUE_ROWS } from '../../bench/targets';
import { measureInitialScripts, scriptTags } from '../../bench/measureTaskpane';

let dir: string;
let results: BenchResults;
let written: BenchResults;

/** A stand-in for a production build, so the smoke run skips webpack: an inline script, a deferred bundle, the CDN. */
function fakeDist(root: string): string {
  const dist = join(root, 'dist');
  mkdirSync(dist);
  writeFileSync(
    join(dist, 'taskpane.html'),
    '<!doctype html><html><head><script>window.OsfOptOut = true;</script>' +
      '<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>' +
      '<script defer="defer" src="taskpane.0123abcd.js"></script></head><body></body></html>',
  );
  writeFileSync(join(dist, 'taskpane.0123abcd.js'), 'console.log("Budgetkoll");\n'.repeat(200));
  writeFileSync(join(dist, 'lazy.0123abcd.js'), 'never referenced by the page');
  return dist;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'budgetkoll-bench-smoke-'));
  const out = join(dir, 'results.json');
  results = await runBench({
    ...DEFAULT_OPTIONS,
    sizes: [200, 400],
    appSizes: [200, 400],
    runs: 2,
    cliRuns: 1,
    limitS: 90,
    buildLimitS: 120,
    largeRows: 300,
    katalog: { files: 2, rows: 200 },
    dist: fakeDist(dir),
    out,
    quiet: true,
  });
  written = JSON.parse(readFileSync(out, 'utf8')) as BenchResults;
}, 600_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm run bench, smoke run', () => {
  it('writes what it returns, with the machine and the commit', () => {
    expect(written).toEqual(JSON.parse(JSON.stringify(results)));
    expect(written.schema).toBe('budgetkoll-bench/1');
    expect(written.machine.node).toBe(process.version);
    expect(written.machine.cpus).toBeGreaterThan(0);
    expect(Date.parse(written.date)).not.toBeNaN();
    expect(written.commit === null || /^[0-9a-f]{40}$/.test(written.commit.hash)).toBe(true);
  });

  it('has every row of issue 8 with at least one target, and targets of the documented shape', () => {
    expect(written.rows.map((r) => r.id)).toEqual(ISSUE_ROWS.map((r) => r.id));
    for (const row of ISSUE_ROWS) {
      expect(written.targets.filter((t) => t.row === row.id).length).toBeGreaterThan(0);
    }
    for (const t of written.targets) {
      expect(typeof t.name).toBe('string');
      expect(t.value === null || typeof t.value === 'number').toBe(true);
      expect(typeof t.limit).toBe('number');
      expect(typeof t.unit).toBe('string');
      expect(typeof t.met).toBe('boolean');
      expect(['ok', 'timeout', 'crashed', 'error', 'failed', 'skipped']).toContain(t.status);
      // A target is met only by a complete measurement within its limit.
      if (t.met) expect(t.status === 'ok' && t.value !== null && t.value <= t.limit && !t.bound).toBe(true);
    }
    const row = (id: string) => written.rows.find((r) => r.id === id)!;
    for (const r of written.rows) {
      expect(r.met).toBe(written.targets.filter((t) => t.row === r.id).every((t) => t.met));
    }
    expect(row('syncs-10k').targets).toBe(3);
    expect(row('syncs-100k').targets).toBe(6);
  });

  it('measured every part: core at both sizes, the app path, the page, the command line', () => {
    expect(written.core!.sizes.map((s) => s.size)).toEqual([200, 400]);
    for (const size of written.core!.sizes) {
      for (const r of Object.values(size.commands)) {
        expect(r.status === 'ok' ? r.runs.length : 2).toBe(2);
      }
      expect(size.payloadBytes.reported).toBeGreaterThan(0);
    }
    expect(written.app!.map((s) => Object.keys(s.commands).sort())).toEqual([
      ['computeDeviations', 'validateStructure', 'validateSums'],
      ['computeDeviations', 'validateStructure', 'validateSums'],
    ]);
    const validate = written.app![0]!.commands.validateStructure!;
    expect(validate.syncs.length).toBeGreaterThan(0);
    expect(validate.readPayloadBytes).toBeGreaterThan(0);
    // Beräkna on the exported sheet writes every deviation and forecast: its plan is counted in the budget.
    const berakna = written.app![0]!.commands.computeDeviations!;
    if (berakna.status === 'ok') {
      expect(berakna.writes).toBeGreaterThan(0);
      expect(berakna.writePayloadBytes).toBeGreaterThan(0);
      expect(berakna.syncBudget).toBeGreaterThanOrEqual(3);
    }
    expect(written.taskpane!.scripts.map((s) => s.src)).toEqual(['inline', 'taskpane.0123abcd.js']);
    expect(written.taskpane!.external).toEqual([
      'https://appsforoffice.microsoft.com/lib/1/hosted/office.js',
    ]);
    expect(written.cli!.sample!.rows).toBeGreaterThan(0);
    expect(written.cli!.katalog!.files).toBe(2);
  });

  it('reports what the commands found against what the generator planted', () => {
    const structure = written.core!.sizes[0]!.commands.analyzeSheet!;
    if (structure.status === 'ok') {
      expect(structure.textNumbers!.planted).toBeGreaterThan(0);
      expect(structure.textNumbers!.found).toBeLessThanOrEqual(structure.textNumbers!.planted);
    }
  });

  it('prints one line per target under its issue row', () => {
    const text = formatTargets(written.targets);
    for (const row of ISSUE_ROWS) expect(text).toContain(row.measure);
    for (const t of written.targets) expect(text).toContain(t.name.slice(0, 40));
  });
});

describe('bench options', () => {
  it('--quick measures a subset at smaller sizes; --sizes, --only and --out as given', () => {
    const quick = parseOptions(['--quick']);
    expect(quick.sizes).toEqual([1000, 10_000]);
    expect(quick.largeRows).toBeLessThan(DEFAULT_OPTIONS.largeRows);
    const o = parseOptions([
      '--sizes',
      '1000,5_000',
      '--only',
      'core,app',
      '--out',
      '/tmp/x.json',
      '--limit',
      '30',
      '--app-limit',
      '90',
    ]);
    expect(o.appLimitS).toBe(90);
    expect(o.sizes).toEqual([1000, 5000]);
    expect(o.parts).toEqual(['core', 'app']);
    expect(o.out).toBe('/tmp/x.json');
    expect(o.limitS).toBe(30);
    expect(parseOptions(['--skip', 'taskpane,large']).parts).not.toContain('taskpane');
  });

  it('refuses what it cannot use, with the reason', () => {
    expect(() => parseOptions(['--sizes', 'many'])).toThrow(/--sizes takes positive whole numbers/);
    expect(() => parseOptions(['--only', 'everything'])).toThrow(/unknown part everything/);
    expect(() => parseOptions(['--katalog', '50'])).toThrow(/FILESxROWS/);
    expect(() => parseOptions(['--fast'])).toThrow();
  });
});

describe('the task pane page', () => {
  it('reads script tags with any quoting, and counts only what the page loads', () => {
    const tags = scriptTags(
      `<script src='a.js' async></script><SCRIPT type="module" src=b.js></SCRIPT><script>x()</script>`,
    );
    expect(tags.map((t) => [t.attrs.get('src'), t.attrs.has('async'), t.attrs.get('type'), t.body])).toEqual([
      ['a.js', true, undefined, ''],
      ['b.js', false, 'module', ''],
      [undefined, false, undefined, 'x()'],
    ]);
    const sizes = measureInitialScripts(join(dir, 'dist'));
    expect(sizes.scripts.map((s) => [s.src, s.loading])).toEqual([
      ['inline', 'blocking'],
      ['taskpane.0123abcd.js', 'defer'],
    ]);
    const bundle = sizes.scripts[1]!;
    expect(bundle.bytes).toBe('console.log("Budgetkoll");\n'.length * 200);
    expect(bundle.gzipBytes).toBeLessThan(bundle.bytes / 10);
  });
});
