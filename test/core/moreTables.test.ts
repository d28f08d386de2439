/**
 * Six real tables from four municipalities the product was not built from
 * (test/fixtures/more-tables, with an audit of what holds in each), pasted
 * the way a user pastes them — at A1 and further in — and with one summed
 * cell changed at a time: every column gets an acceptable role, every sign
 * convention and unit is right, no correct cell is called an error, and
 * every changed cell is found at its row or its column.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectTables, validateSums } from '../../src/core';
import type { Finding } from '../../src/core/schemas';
import { MORE_DIR, loadSeedTables, placeSeedTable, type SeedTable } from '../support/seedTables';

const TABLES = loadSeedTables(MORE_DIR);
const AUDIT = JSON.parse(fs.readFileSync(path.join(MORE_DIR, 'audit.json'), 'utf8')) as Record<
  string,
  { holds: { kind: string; row: string; col: string; extra?: string }[] }
>;
const CORE = [
  'outcome',
  'outcome_prior_year',
  'budget_period',
  'budget_annual',
  'forecast',
  'deviation_period',
  'deviation_annual',
];
const OFFSETS = [
  [0, 0],
  [6, 2],
] as const;

const isMismatch = (f: Finding) => f.severity === 'error' && /SUM_MISMATCH|DEVIATION_MISMATCH/.test(f.code);

describe.each(TABLES.flatMap((t) => OFFSETS.map(([r, c]) => [t.file, r, c, t] as const)))(
  '%s at +%i rows, +%i columns',
  (_file, top, left, seed) => {
    const placed = placeSeedTable(seed, { top, left, formats: true });
    const [table] = detectTables(placed.grid);

    it('is found, with an acceptable role for every column', () => {
      expect(table).toBeDefined();
      const roles = placed.colIndex.map((ci) => {
        const role = table!.columns.find((c) => c.index === ci)?.role ?? 'missing';
        return CORE.includes(role) ? role : 'other';
      });
      roles.forEach((role, i) =>
        expect([seed.columns[i], seed.roles![i]!.includes(role) ? 'ok' : role]).toEqual([
          seed.columns[i],
          'ok',
        ]),
      );
    });

    it('has the right sign convention and unit, each with its evidence', () => {
      expect(seed.accepted_sign_conventions).toContain(table!.signConvention);
      expect(table!.unit).toBe(seed.unit);
      expect(table!.signEvidence).toBeTruthy();
      expect(table!.unitEvidence).toBeTruthy();
    });

    it('reads the row kinds of the audit (a sum word over parts not printed may read as a subtotal)', () => {
      placed.rowIndex.forEach((ri, i) => {
        const row = table!.rows.find((r) => r.index === ri)!;
        const want = seed.rows[i]!.kind === 'other' ? 'item' : seed.rows[i]!.kind;
        const same = row.kind === want || (want === 'item' && row.kind === 'subtotal' && !row.sumOf);
        expect([seed.rows[i]!.label, same ? 'ok' : row.kind]).toEqual([seed.rows[i]!.label, 'ok']);
      });
    });

    it('calls no correct cell an error', () => {
      const errors = validateSums([placed.grid])[0]!.findings.filter(isMismatch);
      expect(errors.map((f) => `${f.cell} ${f.message}`)).toEqual([]);
    });
  },
);

/** Item cells whose value the audit shows in a relation that holds: a change there must be found. */
function summedCells(t: SeedTable): { ri: number; ci: number }[] {
  const holds = AUDIT[t.file.replace(/\.json$/, '')]?.holds ?? [];
  const out: { ri: number; ci: number }[] = [];
  t.rows.forEach((row, ri) => {
    if (row.kind !== 'item' && row.kind !== 'varav') return;
    row.values.forEach((v, ci) => {
      if (typeof v !== 'number' || v === 0) return;
      const header = t.columns[ci]!;
      const inRelation = holds.some(
        (h) =>
          (h.kind === 'sum' && h.col === header && (h.extra ?? '').includes(row.label)) ||
          (h.row.startsWith(`${row.label} (row`) && (h.col === header || (h.extra ?? '').includes(header))),
      );
      if (inRelation) out.push({ ri, ci });
    });
  });
  return out;
}

const INJECTED = TABLES.flatMap((t) => summedCells(t).map((c) => [t.file, c.ri, c.ci, t] as const));

describe('a changed summed cell is found at its row or its column', () => {
  it('has cells to change in most tables', () => {
    expect(new Set(INJECTED.map((c) => c[0])).size).toBeGreaterThanOrEqual(4);
    expect(INJECTED.length).toBeGreaterThan(40);
  });

  it.each(INJECTED)('%s row %i column %i', (_file, ri, ci, seed) => {
    const placed = placeSeedTable(seed, { top: 2, left: 1, formats: true });
    const r = placed.rowIndex[ri]!;
    const c = placed.colIndex[ci]!;
    const cell = placed.cells[r]![c]!;
    const v = cell.v as number;
    const decimals = String(v).split('.')[1]?.length ?? 0;
    const unit = 10 ** -Math.max(decimals, seed.unit === 'mnkr' ? 1 : 0);
    placed.cells[r]![c] = { ...cell, v: Number((v + Math.max(Math.abs(v) * 0.07, 25 * unit)).toFixed(6)) };
    const errors = validateSums([placed.grid])[0]!.findings.filter(isMismatch);
    const letter = (n: number) => String.fromCharCode(65 + n);
    const found = errors.some(
      (f) => f.cell.replace(/\d+/, '') === letter(c) || Number(f.cell.replace(/\D+/, '')) === r + 1,
    );
    expect(found).toBe(true);
  });
});
