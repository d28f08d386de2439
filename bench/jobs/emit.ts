/** The child's side of bench/protocol.ts: one prefixed JSON line per event, written synchronously. */
import { writeSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { LINE_PREFIX, type Line } from '../protocol';

export function emit(line: Line): void {
  // fd 1 directly: the line must be out before a long synchronous computation starts.
  writeSync(1, `${LINE_PREFIX}${JSON.stringify(line)}\n`);
}

export function phase(name: string): void {
  emit({ type: 'phase', reset: true, phase: name });
}

/** Collects garbage between timed sections when node runs with --expose-gc, so one run's garbage is not billed to the next. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

const ROOT = resolve(__dirname, '..', '..');

export function errorLine(phaseName: string, e: unknown): Extract<Line, { type: 'error' }> {
  const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  // The first frames, with paths relative to the repository so results.json reads the same on every machine.
  const where =
    e instanceof Error
      ? e.stack
          ?.split('\n')
          .slice(1, 4)
          .map((frame) => frame.trim().split(`${ROOT}${sep}`).join(''))
          .join(' | ')
      : undefined;
  return { type: 'error', reset: true, phase: phaseName, message, ...(where ? { where } : {}) };
}

export function reportMemory(): void {
  emit({ type: 'memory', maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) });
}
