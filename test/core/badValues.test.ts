/**
 * Values a user's sheet really holds (issue 9 items 2 and 10): text in an
 * operand never becomes a #VALUE! formula, and every Swedish way of writing
 * a number as text is found as a number stored as text.
 */
import { analyzeSheet, computeDeviations, gridFromRows, type CellValue } from '../../src/core';
import { parseSwedishNumber } from '../../src/core/numbers';

const sheet = (outcome: CellValue) =>
  gridFromRows('Blad1', [
    ['Verksamhet', 'Utfall', 'Budget', 'Avvikelse'],
    ['Äldreomsorg', -1100, -1000, null],
    ['IFO', outcome, -500, null],
    ['LSS', -700, -720, null],
  ]);

describe('Beräkna avvikelser never writes a formula over text', () => {
  it.each([['x'], ['*'], ['n/a'], [' '], ['-183 717 kr'], ['ej klart']])('an operand holding %j', (text) => {
    const { plan, findings } = computeDeviations(sheet(text));
    const writes = plan.writes.filter((w) => w.col === 3);
    expect(writes.map((w) => w.row)).toEqual([1, 3]);
    const f = findings.find((x) => x.code === 'TEXT_OPERAND')!;
    expect(f.cell).toBe('B3');
    expect(f.message).toMatch(/B3 innehåller text, så formeln skulle visa #VALUE!/);
  });

  it('a lone dash is zero and is read through N()', () => {
    const { plan } = computeDeviations(sheet('–'));
    expect(plan.writes.find((w) => w.row === 2 && w.col === 3)?.formula).toBe('=N(B3)-C3');
  });
});

describe('numbers stored as text, however they are written', () => {
  it.each([
    ['-183 717 kr', -183717],
    ['-183 717 tkr', -183717],
    ['183717-', -183717],
    ['−183 717', -183717],
    ['(183 717)', -183717],
    ['1 234,5', 1234.5],
    ['12,5 mnkr', 12.5],
  ])('%j is the number %d', (text, value) => {
    expect(parseSwedishNumber(text)).toMatchObject({ kind: 'number', value });
    const f = analyzeSheet(sheet(text)).findings.filter((x) => x.code === 'TEXT_NUMBER');
    expect(f.map((x) => [x.cell, x.severity, x.actual])).toEqual([['B3', 'error', value]]);
    if (/kr$/.test(text)) expect(f[0]!.message).toMatch(/Ta bort enheten ur cellen/);
  });

  it('"-18 %" in an amount column is −0,18 and said to be a percentage among amounts', () => {
    const f = analyzeSheet(sheet('-18 %')).findings.find((x) => x.code === 'TEXT_NUMBER')!;
    expect(f.actual).toBeCloseTo(-0.18, 10);
    expect(f.message).toMatch(/procenttal i en kolumn med belopp/);
  });
});
