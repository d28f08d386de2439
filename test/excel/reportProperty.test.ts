/**
 * Report tabs never destroy user work, regenerate idempotently, and Ångra
 * right after Skapa gives the workbook back exactly: random sequences of the
 * report commands, Ångra and the user's own edits, through the Office.js
 * gateway on the simulated host, on the sample workbook (fixed seed).
 */
import fc from 'fast-check';
import { buildFoljetal, buildVerksamhetsrapport } from '../../src/core/report';
import { DEFAULT_SETTINGS } from '../../src/core/schemas';
import { BACKUP_PREFIX, applyReport, readReportWorkbook } from '../../src/excel/reports';
import { setRuntime } from '../../src/excel/runtime';
import { undoLast } from '../../src/excel/undo';
import { createSimulatedExcel, type SimulatedHost } from '../../src/host';
import { buildSampleWorkbook } from '../../src/sample';
import type { WorkbookModel } from '../../src/workbook/model';
import { snapshotOf } from './reportFixture';

type Op =
  | { kind: 'create'; type: 'verksamhetsrapport' | 'foljetal'; replaceEdited: boolean; undoAtOnce: boolean }
  | { kind: 'undo' }
  | { kind: 'editReport'; row: number; col: number; value: number }
  | { kind: 'editUser'; row: number; col: number; value: number }
  | { kind: 'userSheet'; name: string };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('create' as const),
      type: fc.constantFrom('verksamhetsrapport' as const, 'foljetal' as const),
      replaceEdited: fc.boolean(),
      undoAtOnce: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'undo' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('editReport' as const),
      row: fc.integer({ min: 0, max: 60 }),
      col: fc.integer({ min: 0, max: 12 }),
      value: fc.integer({ min: 1, max: 9999 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('editUser' as const),
      row: fc.integer({ min: 40, max: 60 }),
      col: fc.integer({ min: 0, max: 8 }),
      value: fc.integer({ min: 1, max: 9999 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('userSheet' as const),
      name: fc.constantFrom('Verksamhetsrapport (2)', 'Följetal (2)', 'Rapportrader'),
    }),
  },
);

/** Contents of the visible sheets, the report's own state without the very hidden backups and store. */
function visible(wb: WorkbookModel): unknown {
  // A new chart object has a new id (as in Excel); the rest of it must be the same.
  const sheets = wb.sheets
    .filter((s) => s.visibility === 'Visible')
    .map((s) => (s.charts ? { ...s, charts: s.charts.map((c) => ({ ...c, id: 0 })) } : s));
  return snapshotOf({ activeSheet: wb.activeSheet, sheets });
}

function valueAt(wb: WorkbookModel, sheet: string, row: number, col: number): unknown {
  return wb.sheets.find((s) => s.name === sheet)?.cells.get(`${row},${col}`)?.value;
}

async function userEdit(sim: SimulatedHost, sheet: string, row: number, col: number, value: number | string) {
  await sim.Excel.run(async (context) => {
    context.workbook.worksheets.getItem(sheet).getRangeByIndexes(row, col, 1, 1).values = [[value]];
    await context.sync();
  });
}

afterEach(() => setRuntime(undefined));

describe('report tabs under random use', () => {
  it('keep user work, regenerate idempotently and undo exactly', async () => {
    /** What the runs went through, so the property is known to test each case. */
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 9 }), async (ops) => {
        const wb = buildSampleWorkbook();
        const sim = createSimulatedExcel(wb);
        setRuntime({ Excel: sim.Excel, Office: sim.Office });
        /** The user's own cells: on their sheets, and on generated sheets they edited. */
        const userCells: { sheet: string; row: number; col: number; value: number | string }[] = [];
        const generated: string[] = [];
        for (const o of ops) {
          if (o.kind === 'create') {
            const read = await readReportWorkbook();
            const build = o.type === 'foljetal' ? buildFoljetal : buildVerksamhetsrapport;
            const result = build(read.sheets, DEFAULT_SETTINGS);
            expect(result.sheets.length).toBeGreaterThan(0);
            const before = snapshotOf(wb);
            const visibleBefore = visible(wb);
            const edited = result.sheets.some((p) => p.target.action === 'replace' && p.target.edited);
            const replacesUnedited = result.sheets.every(
              (p) => p.target.action === 'replace' && !p.target.edited,
            );
            try {
              const applied = await applyReport(result.sheets, {
                description: o.type,
                replaceEdited: o.replaceEdited,
              });
              expect(edited && !o.replaceEdited).toBe(false);
              for (const s of applied.sheets) if (!generated.includes(s)) generated.push(s);
            } catch (e) {
              seen.add('refused');
              // Refused only to ask first; nothing changed then.
              expect((e as { code?: string }).code).toBe('REPORT_EDITED');
              expect(edited && !o.replaceEdited).toBe(true);
              expect(snapshotOf(wb)).toEqual(before);
              continue;
            }
            // Regenerating over its own unedited sheets changes no visible content.
            if (replacesUnedited) {
              seen.add('regenerated');
              expect(visible(wb)).toEqual(visibleBefore);
            }
            if (edited) seen.add('replaced edited');
            if (o.undoAtOnce) {
              seen.add('undone at once');
              await undoLast();
              expect(snapshotOf(wb)).toEqual(before);
            }
          } else if (o.kind === 'undo') {
            try {
              await undoLast();
            } catch (e) {
              seen.add('undo refused');
              // Refused when the user edited the sheet the report made.
              expect(['SHEET_CHANGED', 'SHEET_NOT_FOUND']).toContain((e as { code?: string }).code);
            }
          } else if (o.kind === 'editReport') {
            const sheet = generated.find((n) =>
              wb.sheets.some((s) => s.name === n && s.visibility === 'Visible'),
            );
            if (!sheet) continue;
            await userEdit(sim, sheet, o.row, o.col, o.value);
            userCells.push({ sheet, row: o.row, col: o.col, value: o.value });
          } else if (o.kind === 'editUser') {
            await userEdit(sim, 'Resultatrapport', o.row, o.col, o.value);
            userCells.push({ sheet: 'Resultatrapport', row: o.row, col: o.col, value: o.value });
          } else if (o.kind === 'userSheet') {
            if (wb.sheets.some((s) => s.name.toLowerCase() === o.name.toLowerCase())) continue;
            await sim.Excel.run(async (context) => {
              context.workbook.worksheets.add(o.name).getRange('A1').values = [['Mitt eget']];
              await context.sync();
            });
            userCells.push({ sheet: o.name, row: 0, col: 0, value: 'Mitt eget' });
          }
          // Nothing the user typed is ever lost: it is on its sheet, or (a replaced report) kept for Ångra.
          for (const c of userCells) {
            const here = valueAt(wb, c.sheet, c.row, c.col) === c.value;
            const kept = wb.sheets.some(
              (s) =>
                s.name.startsWith(BACKUP_PREFIX) &&
                s.visibility === 'VeryHidden' &&
                s.cells.get(`${c.row},${c.col}`)?.value === c.value,
            );
            expect(here || kept).toBe(true);
          }
        }
      }),
      { seed: 20261202, numRuns: 20 },
    );
    expect([...seen].sort()).toEqual([
      'refused',
      'regenerated',
      'replaced edited',
      'undo refused',
      'undone at once',
    ]);
  }, 120_000);
});
