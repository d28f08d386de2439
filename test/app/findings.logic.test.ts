import type { Finding } from '../../src/core/schemas';
import {
  compareCells,
  countBySeverity,
  deviationSummaryText,
  errorText,
  findingsHeadline,
  groupFindings,
  highlightTargets,
  sheetsWithTextNumbers,
  splitAddress,
  structureSummary,
  sumsSummaryText,
  textNumberCells,
  userMessageOf,
} from '../../src/app/findings.logic';

const f = (
  sheet: string,
  cell: string,
  severity: Finding['severity'],
  extra: Partial<Finding> = {},
): Finding => ({
  sheet,
  cell,
  severity,
  code: extra.code ?? 'X',
  message: extra.message ?? `${severity} ${cell}`,
  ...extra,
});

describe('groupFindings', () => {
  it('groups by sheet in workbook order, then errors, warnings, information, each in reading order', () => {
    const groups = groupFindings(
      [
        f('Följetal', 'B7', 'warning'),
        f('Resultatrapport', 'C12', 'error'),
        f('Resultatrapport', 'C9', 'info'),
        f('Resultatrapport', 'B12', 'error'),
        f('Resultatrapport', 'AA2', 'error'),
      ],
      ['Resultatrapport', 'Verksamhetsrapport', 'Följetal'],
    );
    expect(groups.map((g) => g.sheet)).toEqual(['Resultatrapport', 'Följetal']);
    const first = groups[0]!;
    expect(first.counts).toEqual({ error: 3, warning: 0, info: 1 });
    expect(first.groups.map((g) => g.label)).toEqual(['Fel', 'Information']);
    expect(first.groups[0]!.findings.map((x) => x.cell)).toEqual(['AA2', 'B12', 'C12']);
    expect(groups[1]!.groups.map((g) => g.label)).toEqual(['Varningar']);
  });

  it('keeps sheets not in the order list last, in first-seen order', () => {
    const groups = groupFindings([f('Okänt', 'A1', 'error'), f('Blad1', 'A1', 'error')], ['Blad1']);
    expect(groups.map((g) => g.sheet)).toEqual(['Blad1', 'Okänt']);
  });

  it('returns nothing for no findings', () => {
    expect(groupFindings([])).toEqual([]);
  });
});

describe('compareCells', () => {
  it('orders by row, then column, ranges by their first cell', () => {
    const cells = ['B10', 'A2', 'C2:D4', 'B2', 'Z1'];
    expect([...cells].sort(compareCells)).toEqual(['Z1', 'A2', 'B2', 'C2:D4', 'B10']);
  });
});

describe('headlines', () => {
  it('says "Inga fel" when only information remains', () => {
    expect(findingsHeadline([])).toBe('Inga fel');
    expect(findingsHeadline([f('S', 'A1', 'info')])).toBe('Inga fel (1 upplysning)');
  });

  it('counts errors and warnings in Swedish', () => {
    expect(
      findingsHeadline([
        f('S', 'A1', 'error'),
        f('S', 'A2', 'error'),
        f('S', 'A3', 'warning'),
        f('S', 'A4', 'info'),
      ]),
    ).toBe('2 fel, 1 varning, 1 upplysning');
    expect(countBySeverity([f('S', 'A1', 'warning'), f('S', 'A2', 'warning')]).warning).toBe(2);
  });

  it('summarizes a structure check, a sum check and a deviation run', () => {
    expect(structureSummary('Resultatrapport', [], [])).toBe(
      'Bladet Resultatrapport: ingen tabell hittades. Inga fel.',
    );
    expect(sumsSummaryText(3, [f('S', 'A1', 'error')])).toBe('Summorna på 3 blad är kontrollerade. 1 fel.');
    const text = deviationSummaryText(
      'Verksamhetsrapport',
      { deviationCells: 24, forecastsProposed: 11, userForecastsKept: 1, insertedColumns: ['E'] },
      35,
    );
    expect(text).toContain('24 avvikelseceller och 11 prognosförslag skrevs');
    expect(text).toContain('1 egen prognos behölls');
    expect(text).toContain('Nya kolumner: E');
    // The legend tells proposals from the user's own forecasts.
    expect(text).toContain('Föreslagna prognoser är kursiva med gul fyllning.');
    expect(
      deviationSummaryText(
        'V',
        { deviationCells: 3, forecastsProposed: 0, userForecastsKept: 2, insertedColumns: [] },
        3,
      ),
    ).not.toContain('kursiva');
    expect(
      deviationSummaryText(
        'V',
        { deviationCells: 0, forecastsProposed: 0, userForecastsKept: 0, insertedColumns: [] },
        0,
      ),
    ).toContain('inget behövde skrivas');
  });
});

describe('highlight and fix targets', () => {
  it('collects each problem cell and its related cells per sheet, without duplicates or information', () => {
    const t = highlightTargets([
      f('A', 'C12', 'error', { related: ['C5', "'A'!C6", 'C12'] }),
      f('A', 'C5', 'warning'),
      f('B', 'D4', 'info'),
    ]);
    expect([...t.keys()]).toEqual(['A']);
    expect(t.get('A')).toEqual(['C5', 'C6', 'C12']);
  });

  it('puts related cells on other sheets where they belong', () => {
    const t = highlightTargets([
      f('Resultatrapport', 'C24', 'error', { related: ['Verksamhetsrapport!C20', "'Blad 1'!$B$2"] }),
    ]);
    expect(t.get('Resultatrapport')).toEqual(['C24']);
    expect(t.get('Verksamhetsrapport')).toEqual(['C20']);
    expect(t.get('Blad 1')).toEqual(['B2']);
    expect(splitAddress("'Kim''s'!A1", 'X')).toEqual({ sheet: "Kim's", cell: 'A1' });
  });

  it('finds the cells the text-number fix applies to', () => {
    const list = [
      f('A', 'C9', 'error', { fix: 'convert_text_numbers' }),
      f('A', 'C7', 'error', { fix: 'convert_text_numbers' }),
      f('A', 'C8', 'error'),
      f('B', 'C7', 'error', { fix: 'convert_text_numbers' }),
    ];
    expect(textNumberCells(list, 'A')).toEqual(['C7', 'C9']);
    expect(sheetsWithTextNumbers(list)).toEqual(['A', 'B']);
  });
});

describe('errorText', () => {
  it("uses a gateway error's own Swedish message", () => {
    const e = Object.assign(new Error('x'), { code: 'SHEET_PROTECTED', userMessage: 'Bladet är skyddat.' });
    expect(userMessageOf(e)).toBe('Bladet är skyddat.');
    expect(errorText(e)).toBe('Bladet är skyddat.');
  });

  it('wraps anything else in a generic Swedish message that says nothing changed', () => {
    expect(errorText(new TypeError('x is undefined'))).toBe(
      'Något gick fel: x is undefined. Inget har ändrats i arbetsboken.',
    );
    expect(errorText(undefined)).toBe('Något gick fel. Inget har ändrats i arbetsboken.');
  });

  it('does not claim that nothing changed after a write', () => {
    expect(errorText(new Error('boom'), true)).toMatch(/Ändringarna i arbetsboken är gjorda/);
  });
});
