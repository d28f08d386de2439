import { detectTables } from '../../src/core';
import { loadSeedTables, placeSeedTable } from '../support/seedTables';

/** The conventions a table accepts: its own, or for tables where none applies the list the fixture names. */
function acceptedSigns(seed: { sign_convention: string; accepted_sign_conventions?: string[] }): string[] {
  if (seed.accepted_sign_conventions) return seed.accepted_sign_conventions;
  if (seed.sign_convention === 'not_applicable')
    throw new Error('a not_applicable table must list its accepted conventions');
  return [seed.sign_convention];
}
const UNIT: Record<string, string[]> = {
  tkr: ['tkr'],
  mnkr: ['mnkr'],
  timmar: ['timmar'],
  antal: ['antal'],
  '%': ['%'],
  mixed: ['mixed'],
};

describe.each(loadSeedTables().map((t) => [t.file, t] as const))('seed table %s', (_file, seed) => {
  const placed = placeSeedTable(seed);
  const tables = detectTables(placed.grid);

  it('is found as one table with its header rows', () => {
    expect(tables).toHaveLength(1);
    expect(tables[0]!.headerRows).toEqual(placed.headerRows.map((r) => r + 1));
  });

  it('gets the row kinds of the fixture', () => {
    const t = tables[0]!;
    const kinds = placed.rowIndex.map((ri) => t.rows.find((r) => r.index === ri)?.kind ?? 'missing');
    expect(kinds).toEqual(seed.rows.map((r) => (r.kind === 'other' ? 'item' : r.kind)));
  });

  it('gets an acceptable role for every column', () => {
    const t = tables[0]!;
    const got = placed.colIndex.map((ci) => t.columns.find((c) => c.index === ci)?.role ?? 'missing');
    // Every seed table names its acceptable roles: a table without them would test nothing here.
    expect(seed.roles).toHaveLength(seed.columns.length);
    got.forEach((role, i) =>
      expect([seed.columns[i], seed.roles![i]!.includes(role) ? 'ok' : role]).toEqual([
        seed.columns[i],
        'ok',
      ]),
    );
  });

  it('gets unit and sign convention', () => {
    const t = tables[0]!;
    expect(UNIT[seed.unit]).toContain(t.unit);
    expect(acceptedSigns(seed)).toContain(t.signConvention);
  });
});
