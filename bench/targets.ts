/**
 * Issue 8's target table, row by row, and how each row's targets are read
 * from the measured figures. A row can hold several targets (one per command,
 * or time and memory); every target names its row.
 *
 * A measurement that timed out gives a lower bound (`bound: "at least"`), one
 * that crashed or was skipped gives no value; neither is met.
 */
import { COMMAND_LABEL, coreTotal, type CoreResults, type Status } from './measureCore';
import { APP_LABEL, SYNC_PAYLOAD_LIMIT, type AppCommandResult, type AppSizeResult } from './measureApp';
import type { CliResults, TimedCommand } from './measureCli';
import type { TaskpaneResult } from './measureTaskpane';
import { APP_COMMANDS, CORE_TOTAL, type CoreCommand } from './protocol';
import { figure, grouped, round } from './stats';

export interface IssueRow {
  id: string;
  measure: string;
  limit: string;
}

/** The rows of issue 8's table, in its order. */
export const ISSUE_ROWS: readonly IssueRow[] = [
  {
    id: 'core-vs-parse',
    measure:
      'core (structure + deviations + sums) at 100 000 rows, against JSON.parse of the same range payload',
    limit: '≤ 1.0 ×',
  },
  { id: 'core-growth', measure: 'growth from 10 000 to 100 000 rows', limit: '≤ 12 ×' },
  {
    id: 'syncs-10k',
    measure: 'context.sync() per command at ~10 000 rows (struktur / summor / Beräkna)',
    limit: '≤ 3 each',
  },
  {
    id: 'syncs-100k',
    measure: 'at 100 000 rows, syncs against ceil(payload / 4 MB) + 2',
    limit: 'within it, every request and response ≤ 4 MB',
  },
  { id: 'taskpane-gzip', measure: 'task-pane initial JavaScript, gzip', limit: '≤ 130 KB' },
  { id: 'cli-start', measure: '`npx budgetkoll --help` / a 117-row `validera`', limit: '≤ 0.5 s / ≤ 0.8 s' },
  { id: 'cli-large', measure: 'a 100 000-row .xlsx through `validera`', limit: '≤ 15 s, ≤ 600 MB' },
  { id: 'cli-katalog', measure: '`validera --katalog`, 50 workbooks × 2 000 rows', limit: '≤ 8 s' },
];

export interface Target {
  /** The issue row (ISSUE_ROWS id). */
  row: string;
  name: string;
  /** The figure; with bound "at least" a lower bound (the run was stopped); null when nothing was measured. */
  value: number | null;
  limit: number;
  unit: string;
  met: boolean;
  status: Status;
  bound?: 'at least';
  note?: string;
}

export interface Measured {
  core?: CoreResults;
  app?: AppSizeResult[];
  taskpane?: TaskpaneResult;
  cli?: CliResults;
}

const MB = 1024 * 1024;

function target(
  row: string,
  name: string,
  value: number | null,
  limit: number,
  unit: string,
  status: Status,
  extra: { bound?: 'at least'; note?: string } = {},
): Target {
  const met = status === 'ok' && value !== null && extra.bound === undefined && value <= limit;
  return {
    row,
    name,
    value: value === null ? null : round(value, value < 10 ? 2 : 1),
    limit,
    unit,
    met,
    status,
    ...extra,
  };
}

function skipped(row: string, name: string, limit: number, unit: string, note: string): Target {
  return target(row, name, null, limit, unit, 'skipped', { note });
}

function sizeNote(wanted: number, got: number): string | undefined {
  return wanted === got ? undefined : `measured at ${grouped(got)} rows, not ${grouped(wanted)}`;
}

function joinNotes(...notes: (string | undefined)[]): string | undefined {
  const n = notes.filter(Boolean);
  return n.length ? n.join('; ') : undefined;
}

function coreTargets(core: CoreResults | undefined): Target[] {
  const rowA = 'core-vs-parse';
  const rowB = 'core-growth';
  const nameA = 'core ÷ JSON.parse at 100 000 rows';
  if (!core || core.sizes.length === 0) {
    return [
      skipped(rowA, nameA, 1, '×', 'the core was not measured'),
      skipped(rowB, 'growth 10 000 → 100 000 rows', 12, '×', 'the core was not measured'),
    ];
  }
  const limitMs = core.limitS * 1000;
  const sizes = core.sizes;
  const largest = sizes.find((s) => s.size === 100_000) ?? sizes[sizes.length - 1]!;
  const total = coreTotal(largest, limitMs);
  const failed = CORE_TOTAL.map((c) => [c, largest.commands[c]] as const).filter(
    ([, r]) => r && r.status !== 'ok',
  );
  const failNote = failed
    .map(([c, r]) => `${COMMAND_LABEL[c]}: ${r!.status}${r!.note ? ` (${r!.note})` : ''}`)
    .join('; ');
  const noteA = joinNotes(
    sizeNote(100_000, largest.size),
    failNote || undefined,
    total.missing.length ? `no figure for ${total.missing.join(', ')}` : undefined,
  );
  const out: Target[] = [
    target(rowA, nameA, total.ratio ?? null, 1, '×', failed.length ? failed[0]![1]!.status : 'ok', {
      ...(total.atLeast ? { bound: 'at least' as const } : {}),
      ...(noteA ? { note: noteA } : {}),
    }),
  ];
  const small =
    sizes.find((s) => s.size === 10_000) ?? (sizes.length > 1 ? sizes[sizes.length - 2] : undefined);
  for (const command of GROWTH_COMMANDS) {
    const name = `growth 10 000 → 100 000 rows: ${COMMAND_LABEL[command]}`;
    if (!small || small === largest) {
      out.push(skipped(rowB, name, 12, '×', 'needs two sizes'));
      continue;
    }
    const a = small.commands[command];
    const b = largest.commands[command];
    const k = core.exponents[command];
    const sizesNote =
      small.size === 10_000 && largest.size === 100_000
        ? undefined
        : `measured from ${grouped(small.size)} to ${grouped(largest.size)} rows`;
    const expNote =
      k !== undefined
        ? `fitted exponent ${k.k.toFixed(2)} over ${k.sizes.map(grouped).join(', ')} rows`
        : undefined;
    if (!a || a.status !== 'ok' || a.medianMs === undefined) {
      out.push(
        target(rowB, name, null, 12, '×', a?.status ?? 'skipped', {
          note:
            joinNotes(`no figure at ${grouped(small.size)} rows${a?.note ? `: ${a.note}` : ''}`, sizesNote) ??
            '',
        }),
      );
      continue;
    }
    if (b && b.status === 'ok' && b.medianMs !== undefined) {
      const note = joinNotes(expNote, sizesNote);
      out.push(target(rowB, name, b.medianMs / a.medianMs, 12, '×', 'ok', note ? { note } : {}));
    } else if (b && (b.status === 'timeout' || (b.status === 'skipped' && b.after === 'timeout'))) {
      out.push(
        target(rowB, name, limitMs / a.medianMs, 12, '×', 'timeout', {
          bound: 'at least',
          note: joinNotes(
            `a run at ${grouped(largest.size)} rows passed the limit of ${core.limitS} s`,
            expNote,
            sizesNote,
          )!,
        }),
      );
    } else {
      out.push(
        target(rowB, name, null, 12, '×', b?.status ?? 'skipped', {
          note: joinNotes(b?.note, expNote, sizesNote) ?? '',
        }),
      );
    }
  }
  return out;
}

/** Growth is reported for every core command, the exported sheet's Beräkna included. */
const GROWTH_COMMANDS: readonly CoreCommand[] = [
  'analyzeSheet',
  'validateSums',
  'computeDeviations',
  'computeDeviationsExported',
];

function appMissing(r: AppCommandResult | undefined): string {
  return r ? `${r.status}${r.note ? `: ${r.note}` : ''}` : 'not measured';
}

function appTargets(app: AppSizeResult[] | undefined): Target[] {
  const out: Target[] = [];
  const small = app?.find((s) => s.size === 10_000) ?? app?.[0];
  const large =
    app?.find((s) => s.size === 100_000) ?? (app && app.length > 1 ? app[app.length - 1] : undefined);
  for (const command of APP_COMMANDS) {
    const name = `context.sync() at 10 000 rows: ${APP_LABEL[command]}`;
    const r = small?.commands[command];
    if (!small || !r) {
      out.push(skipped('syncs-10k', name, 3, 'syncs', 'the app path was not measured'));
      continue;
    }
    const note = joinNotes(sizeNote(10_000, small.size), r.status === 'ok' ? undefined : appMissing(r));
    out.push(
      target('syncs-10k', name, r.syncs.length, 3, 'syncs', r.status, {
        ...(r.status === 'timeout' ? { bound: 'at least' as const } : {}),
        ...(note ? { note } : {}),
      }),
    );
  }
  for (const command of APP_COMMANDS) {
    const syncName = `syncs at 100 000 rows against ceil(payload / 4 MB) + 2: ${APP_LABEL[command]}`;
    const sizeName = `largest request or response at 100 000 rows: ${APP_LABEL[command]}`;
    const r = large?.commands[command];
    if (!large || !r) {
      out.push(skipped('syncs-100k', syncName, 0, 'syncs', 'no second app size was measured'));
      out.push(skipped('syncs-100k', sizeName, 4, 'MB', 'no second app size was measured'));
      continue;
    }
    const base = joinNotes(sizeNote(100_000, large.size), r.status === 'ok' ? undefined : appMissing(r));
    const budget = r.syncBudget ?? 0;
    const mb = (bytes: number) => `${figure(bytes / MB, 1)} MB`;
    const payload =
      r.readPayloadBytes === undefined
        ? 'payload unknown: the command did not start'
        : r.writePayloadBytes === undefined && command === 'computeDeviations'
          ? `payload at least ${mb(r.readPayloadBytes)}, the read; the command ended before its plan, so the budget counts the read only`
          : `payload ${mb(r.readPayloadBytes + (r.writePayloadBytes ?? 0))} (read ${mb(r.readPayloadBytes)}, write ${mb(r.writePayloadBytes ?? 0)})`;
    out.push(
      target('syncs-100k', syncName, r.syncs.length, budget, 'syncs', r.status, {
        ...(r.status === 'timeout' ? { bound: 'at least' as const } : {}),
        note: joinNotes(payload, base)!,
      }),
    );
    const biggest = Math.max(r.largestRequestBytes, r.largestResponseBytes);
    const which = r.largestRequestBytes >= r.largestResponseBytes ? 'request' : 'response';
    out.push(
      target('syncs-100k', sizeName, biggest / MB, SYNC_PAYLOAD_LIMIT / MB, 'MB', r.status, {
        ...(r.status === 'timeout' ? { bound: 'at least' as const } : {}),
        note: joinNotes(
          `largest request ${figure(r.largestRequestBytes / MB, 2)} MB, largest response ${figure(r.largestResponseBytes / MB, 2)} MB (the ${which})`,
          base,
        )!,
      }),
    );
  }
  return out;
}

function taskpaneTarget(t: TaskpaneResult | undefined): Target {
  const name = 'task-pane JavaScript before first paint, gzip';
  if (!t) return skipped('taskpane-gzip', name, 130, 'KB', 'the task pane was not measured');
  if (t.status !== 'ok' || t.totalGzipBytes === undefined) {
    return target('taskpane-gzip', name, null, 130, 'KB', t.status, { note: t.note ?? '' });
  }
  const parts = t.scripts.map((s) => `${s.src} ${figure(s.gzipBytes / 1000, 1)} KB`).join(', ');
  const external = t.external.length ? `; not counted: ${t.external.join(', ')}` : '';
  return target('taskpane-gzip', name, t.totalGzipBytes / 1000, 130, 'KB', 'ok', {
    note: `${t.scripts.length} script(s): ${parts}${external}`,
  });
}

function timedTarget(
  row: string,
  name: string,
  t: TimedCommand | undefined,
  limitS: number,
  note?: string,
): Target {
  if (!t) return skipped(row, name, limitS, 's', 'not measured');
  if (t.status === 'ok' && t.medianMs !== undefined) {
    const runs = `median of ${t.runs.length} run${t.runs.length === 1 ? '' : 's'}`;
    return target(row, name, t.medianMs / 1000, limitS, 's', 'ok', { note: joinNotes(runs, note)! });
  }
  return target(row, name, null, limitS, 's', t.status, { note: joinNotes(t.note, note) ?? '' });
}

function cliTargets(cli: CliResults | undefined, limitMs: number): Target[] {
  const npx = cli?.helpNpx?.medianMs;
  const npxNote =
    npx !== undefined
      ? `the bin run by node, as npx starts it; npx budgetkoll --help took ${figure(npx / 1000, 2)} s with npm's own start-up`
      : 'the bin run by node, as npx starts it';
  const large = cli?.large;
  const largeName = `validera a ${grouped(large?.rows ?? 100_000)}-row .xlsx`;
  const timeout = (t: TimedCommand | undefined) => t?.status === 'timeout';
  const out: Target[] = [
    timedTarget('cli-start', 'budgetkoll --help', cli?.help, 0.5, npxNote),
    timedTarget(
      'cli-start',
      `validera the sample workbook${cli?.sample ? ` (${cli.sample.rows} rows on 3 sheets)` : ''}`,
      cli?.sample,
      0.8,
      'the workbook `budgetkoll exempel` writes; the issue calls it 117 rows',
    ),
    timeout(large)
      ? target('cli-large', `${largeName}: wall time`, limitMs / 1000, 15, 's', 'timeout', {
          bound: 'at least',
          note: large!.note ?? '',
        })
      : timedTarget(
          'cli-large',
          `${largeName}: wall time`,
          large,
          15,
          sizeNote(100_000, large?.rows ?? 100_000),
        ),
  ];
  if (large?.maxRssMB !== undefined) {
    out.push(
      target('cli-large', `${largeName}: peak memory`, large.maxRssMB, 600, 'MB', large.status, {
        ...(large.status === 'timeout' ? { bound: 'at least' as const } : {}),
        note: joinNotes(
          'maximum resident set size of the process',
          large.status === 'ok' ? undefined : large.note,
        )!,
      }),
    );
  } else
    out.push(
      target('cli-large', `${largeName}: peak memory`, null, 600, 'MB', large?.status ?? 'skipped', {
        note: large?.note ?? 'not measured',
      }),
    );
  const k = cli?.katalog;
  const kName = `validera --katalog, ${k?.files ?? 50} workbooks × ${grouped(k?.rowsPerFile ?? 2000)} rows`;
  out.push(
    timeout(k)
      ? target('cli-katalog', kName, limitMs / 1000, 8, 's', 'timeout', {
          bound: 'at least',
          note: k!.note ?? '',
        })
      : timedTarget('cli-katalog', kName, k, 8),
  );
  return out;
}

export function evaluateTargets(m: Measured, cliLimitMs: number): Target[] {
  return [
    ...coreTargets(m.core),
    ...appTargets(m.app),
    taskpaneTarget(m.taskpane),
    ...cliTargets(m.cli, cliLimitMs),
  ];
}
