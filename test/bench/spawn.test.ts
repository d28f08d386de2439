/**
 * The benchmark's safety net: a child that passes its limit is killed with
 * everything it started, a crash is told from a normal end, a child that
 * reports progress gets a fresh limit per phase. And the statistics it prints.
 */
import { readFileSync } from 'node:fs';
import { LINE_PREFIX } from '../../bench/protocol';
import { parseMaxRss, runProcess } from '../../bench/spawn';
import { fittedExponent, figure, grouped, median } from '../../bench/stats';
import type { Line } from '../../bench/protocol';

const node = process.execPath;

/** Whether a process still runs: it exists and is not a zombie waiting to be reaped. */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

async function stopsRunning(pid: number, withinMs: number): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (running(pid)) {
    if (Date.now() > until) return false;
    await new Promise((done) => setTimeout(done, 50));
  }
  return true;
}

describe('runProcess', () => {
  it('kills a child at its limit, and the process it started', async () => {
    // The child starts a grandchild that would sleep a minute and prints its pid.
    const script = `
      const { spawn } = require('node:child_process');
      const g = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
      console.log(g.pid);
      setTimeout(() => {}, 60000);`;
    const r = await runProcess(node, ['-e', script], { limitMs: 2000 });
    expect(r.outcome).toBe('timeout');
    expect(r.wallMs).toBeLessThan(30_000);
    const grandchild = Number(r.stdout.trim());
    expect(grandchild).toBeGreaterThan(0);
    expect(await stopsRunning(grandchild, 5000)).toBe(true);
  }, 40_000);

  it('tells a crash from a normal end, and takes the exit codes it is told are normal', async () => {
    const crash = await runProcess(node, ['-e', 'process.stderr.write("boom\\n"); process.exit(3)'], {
      limitMs: 20_000,
    });
    expect(crash).toMatchObject({ outcome: 'crashed', exitCode: 3 });
    expect(crash.stderrTail).toContain('boom');
    const found = await runProcess(node, ['-e', 'process.exit(1)'], { limitMs: 20_000, okCodes: [0, 1] });
    expect(found.outcome).toBe('ok');
  }, 40_000);

  it('restarts the limit at each phase a child reports, and passes the lines on', async () => {
    // Ten phases 500 ms apart: 4.5 s in all, far past the 2.5 s limit, never near it without a line.
    const script = `
      const say = (n) => console.log(${JSON.stringify(LINE_PREFIX)} + JSON.stringify({ type: 'phase', reset: true, phase: 'p' + n }));
      let n = 0;
      say(n);
      const t = setInterval(() => {
        say(++n);
        if (n === 9) clearInterval(t);
      }, 500);
      console.log('noise that is not a protocol line');`;
    const lines: Line[] = [];
    const r = await runProcess(node, ['-e', script], { limitMs: 2500, onLine: (l) => lines.push(l) });
    expect(r.outcome).toBe('ok');
    expect(r.wallMs).toBeGreaterThan(2500);
    expect(lines.map((l) => (l.type === 'phase' ? l.phase : l.type))).toEqual(
      Array.from({ length: 10 }, (_, i) => `p${i}`),
    );
    expect(r.stdout).toContain('noise that is not a protocol line');
  }, 40_000);

  it('tells the peak memory of a child stopped at its limit', async () => {
    const script = `globalThis.keep = Buffer.alloc(120 * 1024 * 1024, 1); console.log(${JSON.stringify(
      LINE_PREFIX,
    )} + JSON.stringify({ type: 'phase', reset: true, phase: 'allocated' })); setTimeout(() => {}, 60000);`;
    let allocated = false;
    const r = await runProcess(node, ['-e', script], { limitMs: 4000, onLine: () => (allocated = true) });
    expect(r.outcome).toBe('timeout');
    if (process.platform === 'linux' && allocated) expect(r.peakRssAtKillMB).toBeGreaterThan(120);
  }, 40_000);
});

describe('statistics', () => {
  it('median of odd and even counts, undefined for none', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeUndefined();
  });

  it('the fitted exponent of linear and quadratic growth', () => {
    const sizes = [1000, 10_000, 100_000];
    expect(fittedExponent(sizes.map((size) => ({ size, ms: size * 0.01 })))).toBeCloseTo(1, 6);
    expect(fittedExponent(sizes.map((size) => ({ size, ms: (size / 1000) ** 2 })))).toBeCloseTo(2, 6);
    expect(fittedExponent([{ size: 1000, ms: 5 }])).toBeUndefined();
  });

  it('figures as the issue writes them', () => {
    expect(grouped(100_000)).toBe('100 000');
    expect(figure(1234.567, 1)).toBe('1 234.6');
    expect(figure(-0.5, 2)).toBe('-0.50');
  });

  it('reads GNU time’s peak memory', () => {
    expect(parseMaxRss('\tMaximum resident set size (kbytes): 204800\n')).toBe(200);
    expect(parseMaxRss('nothing')).toBeUndefined();
  });
});
