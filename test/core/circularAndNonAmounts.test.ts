/**
 * Cells Excel cannot compute or that are no amounts: circular references,
 * dates and truth values in amount columns, and labels that merely start
 * with a dash.
 */
import { gridFromCells, type Cell } from '../../src/core/grid';
import { analyzeSheet, computeDeviations, validateSums } from '../../src/core';
import { circularFindings } from '../../src/core/checks/circular';

const HEADER = ['Verksamhet (tkr)', 'Utfall perioden', 'Budget perioden', 'Avvikelse perioden'];
const ITEMS: [string, number, number][] = [
  ['Äldreomsorg', -183_717, -183_178],
  ['Insatser enligt LSS', -52_310, -51_900],
  ['Individ- och familjeomsorg', -41_020, -42_500],
  ['Försörjningsstöd', -12_455, -12_000],
];

/** The table from row 4 (0-based 3): items 5–8, SUMMA in row 9, deviations as formulas. */
function sheet(change: (rows: (Cell | undefined)[][]) => void = () => {}) {
  const rows: (Cell | undefined)[][] = [
    [{ v: 'Socialnämnden' }],
    [{ v: 'Rapportperiod: 2024-08-31' }],
    [],
    HEADER.map((v) => ({ v })),
  ];
  ITEMS.forEach(([label, a, b], i) =>
    rows.push([{ v: label }, { v: a }, { v: b }, { v: a - b, f: `=B${i + 5}-C${i + 5}` }]),
  );
  const sa = ITEMS.reduce((n, x) => n + x[1], 0);
  const sb = ITEMS.reduce((n, x) => n + x[2], 0);
  rows.push([
    { v: 'SUMMA' },
    { v: sa, f: '=SUM(B5:B8)' },
    { v: sb, f: '=SUM(C5:C8)' },
    { v: sa - sb, f: '=SUM(D5:D8)' },
  ]);
  change(rows);
  return gridFromCells('Verksamhetsrapport', rows);
}

const errors = (grid: ReturnType<typeof sheet>) =>
  validateSums([grid])[0]!.findings.filter((f) => f.severity === 'error');

describe('circular references', () => {
  it('a total that refers to itself is one error naming it, and its shown 0 is no sum mismatch', () => {
    const grid = sheet((rows) => (rows[8]![1] = { v: 0, f: '=B9+1' }));
    const found = errors(grid);
    const circle = found.filter((f) => f.code === 'CIRCULAR_REFERENCE');
    expect(circle.map((f) => f.cell)).toEqual(['B9']);
    expect(circle[0]!.message).toContain('=B9+1');
    expect(found.filter((f) => f.code === 'SUM_MISMATCH' && f.cell === 'B9')).toEqual([]);
    // The SUMMA deviation, which reads B9, is named as its consequence.
    expect(found.find((f) => f.cell === 'D9')?.causedBy).toBe('B9');
  });

  it('two cells that refer to each other are two errors, each naming the other', () => {
    const grid = sheet((rows) => {
      rows[5]![1] = { v: -52_310, f: '=C6+D6' };
      rows[5]![3] = { v: -410, f: '=B6-C6' };
    });
    const circle = analyzeSheet(grid).findings.filter((f) => f.code === 'CIRCULAR_REFERENCE');
    expect(circle.map((f) => [f.cell, f.related])).toEqual([
      ['B6', ['D6']],
      ['D6', ['B6']],
    ]);
  });

  it('follows ranges and leaves other sheets alone; a consistent sheet has none', () => {
    expect(circularFindings(sheet()).findings).toEqual([]);
    const viaRange = sheet((rows) => (rows[4]![3] = { v: 0, f: '=SUM(D5:D9)' }));
    expect(circularFindings(viaRange).cells).toEqual(new Set(['D5', 'D9']));
    const otherSheet = sheet((rows) => (rows[8]![1] = { v: 0, f: "='Annat blad'!B9+1" }));
    expect(circularFindings(otherSheet).findings).toEqual([]);
  });
});

describe('cells in an amount column that are no amounts', () => {
  it('a date is a warning naming the cell and the serial Excel counts', () => {
    const grid = sheet((rows) => (rows[6]![1] = { v: 45_535, fmt: 'yyyy-mm-dd' }));
    const f = analyzeSheet(grid).findings.filter((x) => x.code === 'NOT_AN_AMOUNT');
    expect(f.map((x) => [x.severity, x.cell])).toEqual([['warning', 'B7']]);
    expect(f[0]!.message).toContain('2024-08-31');
    expect(f[0]!.message).toContain('45\u00a0535');
  });

  it('a date read as ISO text (as the gateway reads it) is the same warning', () => {
    const grid = sheet((rows) => (rows[6]![1] = { v: '2024-08-31' }));
    expect(
      analyzeSheet(grid)
        .findings.filter((x) => x.code === 'NOT_AN_AMOUNT')
        .map((x) => x.cell),
    ).toEqual(['B7']);
  });

  it('SANT and FALSKT are warnings, and Beräkna leaves deviations over them alone, saying why', () => {
    const grid = sheet((rows) => {
      rows[6]![2] = { v: true };
      rows[7]![2] = { v: false };
      rows[6]![3] = { v: null };
      rows[7]![3] = { v: null };
    });
    const f = analyzeSheet(grid).findings.filter((x) => x.code === 'NOT_AN_AMOUNT');
    expect(f.map((x) => x.cell)).toEqual(['C7', 'C8']);
    expect(f[0]!.message).toContain('SANT');
    const result = computeDeviations(grid);
    expect(result.plan.writes.filter((w) => w.col === 3 && (w.row === 6 || w.row === 7))).toEqual([]);
    const skipped = result.findings.find((x) => x.code === 'TEXT_OPERAND')!;
    expect(skipped.message).toContain('SANT eller FALSKT');
    expect(skipped.related).toEqual(['C7', 'C8']);
  });
});

describe('a sum row over a truth value', () => {
  // Row 7's budget is SANT: its own difference counts it as 1, SUM leaves it out of the budget's sum.
  const withTruth = (extra: number) =>
    sheet((rows) => {
      const [, a] = ITEMS[2]!;
      rows[6]![2] = { v: true };
      rows[6]![3] = { v: a - 1, f: '=B7-C7' };
      const sb = ITEMS.reduce((n, x, i) => n + (i === 2 ? 0 : x[2]), 0);
      const devs = ITEMS.reduce((n, x, i) => n + (i === 2 ? x[1] - 1 : x[1] - x[2]), 0);
      rows[8]![2] = { v: sb, f: '=SUM(C5:C8)' };
      rows[8]![3] = { v: devs + extra, f: extra === 0 ? '=SUM(D5:D8)' : undefined };
    });

  it('is off by the SANT alone: the truth value’s warning explains it, no deviation note of its own', () => {
    const findings = validateSums([withTruth(0)])[0]!.findings;
    expect(findings.filter((f) => f.cell === 'D9')).toEqual([]);
    expect(findings.filter((f) => f.code === 'NOT_AN_AMOUNT').map((f) => f.cell)).toEqual(['C7']);
  });

  it('is noted when it is off by one more than the SANT explains', () => {
    const findings = validateSums([withTruth(1)])[0]!.findings;
    expect(findings.filter((f) => f.cell === 'D9').map((f) => f.code)).toContain('SUM_ROUNDING');
  });

  it('is still an error when it is off by more than the truth values can explain', () => {
    const findings = validateSums([withTruth(500)])[0]!.findings;
    expect(findings.filter((f) => f.cell === 'D9' && f.severity === 'error').length).toBeGreaterThan(0);
  });
});

describe('labels that start with a dash', () => {
  it('are items when they do not add up to the row above: no varav, no false error', () => {
    const grid = sheet((rows) => {
      rows[5]![0] = { v: '-Insatser enligt LSS' };
      rows[6]![0] = { v: '+Individ- och familjeomsorg' };
    });
    const reading = validateSums([grid])[0]!;
    expect(reading.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(reading.tables[0]!.rows.filter((r) => r.kind === 'item')).toHaveLength(4);
  });

  it('still are the breakdown of the row above when they add up to it', () => {
    const grid = gridFromCells('Blad1', [
      HEADER.map((v) => ({ v })),
      [{ v: 'Äldreomsorg' }, { v: -300 }, { v: -280 }, { v: -20 }],
      [{ v: '- Hemtjänst' }, { v: -100 }, { v: -90 }, { v: -10 }],
      [{ v: '- Särskilt boende' }, { v: -200 }, { v: -190 }, { v: -10 }],
      [{ v: 'Individ- och familjeomsorg' }, { v: -50 }, { v: -60 }, { v: 10 }],
      [{ v: 'Summa' }, { v: -350 }, { v: -340 }, { v: -10 }],
    ]);
    const reading = validateSums([grid])[0]!;
    expect(reading.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    const parts = reading.tables[0]!.rows.filter((r) => r.label.startsWith('- '));
    expect(parts.map((r) => r.kind)).toEqual(['varav', 'varav']);
  });
});
