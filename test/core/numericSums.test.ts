import { detectTables } from '../../src/core';
import { validateSums } from '../../src/core';
import { gridFromRows } from '../../src/core/grid';

// A layout seen in other municipalities: group totals named "<group> totalt" and a grand total named after the nämnd.
const rows = [
  ['Socialnämnden, tkr', null, null, null],
  [null, null, null, null],
  ['Verksamhet', 'Utfall', 'Budget', 'Avvikelse'],
  ['Äldreomsorg', null, null, null],
  ['Hemtjänst', -1200, -1100, -100],
  ['Särskilt boende', -3400, -3500, 100],
  ['Äldreomsorg totalt', -4600, -4600, 0],
  ['Individ- och familjeomsorg', null, null, null],
  ['Ekonomiskt bistånd', -900, -1000, 100],
  ['Placeringar barn och unga', -2100, -1900, -200],
  ['Antal brukare totalt', -7, -3, -4],
  ['Individ- och familjeomsorg totalt', -3007, -2903, -104],
  ['Socialnämnden', -7607, -7503, -104],
];

describe('sum rows recognised by their figures', () => {
  const grid = gridFromRows('Blad1', rows);
  const table = detectTables(grid)[0]!;
  const kind = (label: string) => table.rows.find((r) => r.label === label)!.kind;

  it('promotes group totals and the grand total, keeps look-alike items', () => {
    expect(kind('Äldreomsorg totalt')).toBe('subtotal');
    expect(kind('Individ- och familjeomsorg totalt')).toBe('subtotal');
    expect(kind('Socialnämnden')).toBe('total');
    expect(kind('Antal brukare totalt')).toBe('item');
    expect(kind('Hemtjänst')).toBe('item');
  });

  it('then checks them: a changed item makes its deviation and its group total fail', () => {
    expect(
      validateSums([gridFromRows('Blad1', rows)])[0]!.findings.filter((f) => f.severity === 'error'),
    ).toEqual([]);
    const changed = rows.map((r) => [...r]);
    changed[4]![1] = -1500; // Hemtjänst utfall, its deviation cell and the totals no longer hold
    const errors = validateSums([gridFromRows('Blad1', changed)])[0]!.findings.filter(
      (f) => f.severity === 'error',
    );
    expect(errors.map((f) => `${f.code} ${f.cell}`).sort()).toEqual([
      'DEVIATION_MISMATCH D5',
      'SUM_MISMATCH B7',
    ]);
  });
});
