import type { Finding } from '../../src/core/schemas';
import {
  causeLine,
  compareCells,
  countBySeverity,
  deviationSummaryText,
  errorText,
  findingItems,
  findingsHeadline,
  groupFindings,
  highlightTargets,
  messagePattern,
  repeatLine,
  resultsHeadline,
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
        f('Resultatrapport', 'B12', 'error', { code: 'Y' }),
        f('Resultatrapport', 'AA2', 'error'),
      ],
      ['Resultatrapport', 'Verksamhetsrapport', 'Följetal'],
    );
    expect(groups.map((g) => g.sheet)).toEqual(['Resultatrapport', 'Följetal']);
    const first = groups[0]!;
    expect(first.counts).toEqual({ error: 3, warning: 0, info: 1 });
    expect(first.groups.map((g) => g.label)).toEqual(['Fel', 'Upplysningar']);
    expect(first.groups[0]!.items.map((x) => x.cell)).toEqual(['AA2', 'B12', 'C12']);
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

describe('one cause, one finding group', () => {
  const textNumber = f('V', 'D14', 'error', {
    code: 'TEXT_NUMBER',
    message: 'Talet ”1 200” i D14 är lagrat som text och räknas inte med i summorna.',
    fix: 'convert_text_numbers',
  });
  const sum = (cell: string) =>
    f('V', cell, 'error', {
      code: 'SUM_MISMATCH',
      message: `Summan i ${cell} stämmer inte.`,
      causedBy: 'D14',
    });

  it('puts the findings a text number causes under it: one line, its effects listed', () => {
    const items = findingItems([sum('E24'), sum('D23'), textNumber, sum('E23'), sum('D24')]);
    expect(items).toHaveLength(1);
    const [line] = items;
    expect(line!.cell).toBe('D14');
    expect(line!.leadIsCause).toBe(true);
    expect(line!.effects.map((e) => e.cell)).toEqual(['D23', 'E23', 'D24', 'E24']);
    expect(line!.fixCells).toEqual(['D14']);
    expect(causeLine(line!)).toBe('D14 är text – det påverkar D23, E23, D24 och E24');
    // What the user counts: one error, not five.
    expect(groupFindings([sum('E24'), sum('D23'), textNumber])[0]!.counts).toEqual({
      error: 1,
      warning: 0,
      info: 0,
    });
    expect(findingsHeadline([sum('E24'), sum('D23'), textNumber])).toBe('1 fel');
  });

  it('groups effects whose cause has no finding of its own under that cell, at their severity', () => {
    const effects = [
      f('V', 'D23', 'warning', { causedBy: "'V'!$D$14", message: 'x' }),
      f('V', 'D24', 'error', { causedBy: 'D14', message: 'y' }),
    ];
    const [line] = findingItems(effects);
    expect(line!.cell).toBe('D14');
    expect(line!.leadIsCause).toBe(false);
    expect(line!.severity).toBe('error');
    expect(line!.effects.map((e) => e.cell)).toEqual(['D23', 'D24']);
    expect(causeLine(line!)).toBe('Felet i D14 – det påverkar D23 och D24');
  });

  it('reports a formula defect repeated across the columns of a row once, naming every cell', () => {
    const varav = (col: string) =>
      f('V', `${col}23`, 'error', {
        code: 'SUM_FORMULA_INCLUDES_VARAV',
        message: `Formeln =SUM(${col}10:${col}22) räknar med varav-raden ”varav SiS”. Ta bort ${col}15 ur summan.`,
      });
    const otherRow = f('V', 'D30', 'error', {
      code: 'SUM_FORMULA_INCLUDES_VARAV',
      message: 'Formeln =SUM(D25:D29) räknar med varav-raden ”varav SiS”. Ta bort D27 ur summan.',
    });
    const items = findingItems([varav('F'), varav('D'), varav('E'), otherRow]);
    expect(items.map((i) => i.cells)).toEqual([['D23', 'E23', 'F23'], ['D30']]);
    expect(repeatLine(items[0]!)).toBe('Samma fel i E23 och F23.');
    expect(items[0]!.members).toHaveLength(3);
  });

  it('keeps mismatches of different amounts apart: each column is its own finding', () => {
    const items = findingItems([
      f('V', 'D20', 'error', {
        code: 'SUM_MISMATCH',
        message: 'Summan ska vara −426 278, men cellen visar −436 280.',
      }),
      f('V', 'E20', 'error', {
        code: 'SUM_MISMATCH',
        message: 'Summan ska vara 1 200, men cellen visar 1 300.',
      }),
    ]);
    expect(items.map((i) => i.cells)).toEqual([['D20'], ['E20']]);
    expect(messagePattern('Formeln =SUM(D10:D22) i D23 och $E$7')).toBe('Formeln =SUM(#:#) i # och #');
  });

  it('stays linear: 20 000 findings group in one pass', () => {
    const many: Finding[] = [];
    for (let r = 5; r < 5005; r++)
      for (const c of ['C', 'D', 'E', 'F'])
        many.push(
          f('V', `${c}${r}`, 'error', {
            code: 'SUM_FORMULA_MISSES_ROW',
            message: `Formeln =SUM(${c}1:${c}3) saknar rad 4.`,
          }),
        );
    const items = findingItems(many);
    expect(items).toHaveLength(5000);
    expect(items[0]!.cells).toEqual(['C5', 'D5', 'E5', 'F5']);
  });
});

describe('compareCells', () => {
  it('orders by row, then column, ranges by their first cell', () => {
    const cells = ['B10', 'A2', 'C2:D4', 'B2', 'Z1'];
    expect([...cells].sort(compareCells)).toEqual(['Z1', 'A2', 'B2', 'C2:D4', 'B10']);
  });
});

describe('headlines', () => {
  it('counts problems as lines in Swedish; information comes after, in one word', () => {
    expect(findingsHeadline([])).toBe('Inga fel');
    expect(findingsHeadline([f('S', 'A1', 'info')])).toBe('Inga fel. 1 upplysning');
    expect(
      findingsHeadline([
        f('S', 'A1', 'error'),
        f('S', 'A2', 'error'),
        f('S', 'A3', 'warning'),
        f('S', 'A4', 'info'),
      ]),
    ).toBe('2 fel, 1 varning. 1 upplysning');
    expect(countBySeverity([f('S', 'A1', 'warning'), f('S', 'A2', 'warning')]).warning).toBe(2);
  });

  it('never calls a structure check or a deviation run "Inga fel": it points to Validera summor', () => {
    expect(resultsHeadline('structure', [])).toEqual({
      ok: true,
      text: 'Strukturen är godkänd.',
      hint: 'Summorna är inte kontrollerade: välj Validera summor.',
    });
    expect(resultsHeadline('structure', [f('S', 'A1', 'error')]).text).toBe('Strukturen: 1 fel.');
    expect(resultsHeadline('deviations', [f('S', 'A1', 'warning')])).toMatchObject({
      ok: false,
      text: 'Beräkningen: 1 varning.',
      hint: 'Summorna är inte kontrollerade: välj Validera summor.',
    });
    expect(resultsHeadline('sums', [])).toEqual({ ok: true, text: 'Inga fel i summorna.' });
    expect(resultsHeadline('sums', [f('S', 'A1', 'info'), f('S', 'A2', 'info')]).text).toBe(
      'Inga fel i summorna. 2 upplysningar.',
    );
  });

  it('summarizes a structure check, a sum check and a deviation run with grouped numbers', () => {
    expect(structureSummary('Resultatrapport', [], [])).toBe(
      'Bladet Resultatrapport: ingen tabell hittades.',
    );
    const table = { range: 'A4:H20' } as never;
    expect(structureSummary('Verksamhetsrapport', [table], [])).toBe(
      'Strukturen är godkänd: 1 tabell på bladet Verksamhetsrapport.',
    );
    expect(structureSummary('V', [table, table], [f('V', 'A1', 'warning')])).toBe(
      'Bladet V, 2 tabeller: 1 varning i strukturen.',
    );
    expect(sumsSummaryText(3, [f('S', 'A1', 'error')])).toBe('Summorna på 3 blad är kontrollerade: 1 fel.');
    expect(sumsSummaryText(1, [])).toBe('Summorna på 1 blad är kontrollerade: inga fel.');
    const text = deviationSummaryText(
      'Verksamhetsrapport',
      { deviationCells: 16002, forecastsProposed: 1100, userForecastsKept: 1, insertedColumns: ['E'] },
      17102,
    );
    expect(text).toContain('16\u00a0002 avvikelseceller och 1\u00a0100 prognosförslag skrevs');
    expect(text).toContain('1 egen prognos behölls');
    expect(text).toContain('Ny kolumn: E.');
    // The legend tells proposals from the user's own forecasts.
    expect(text).toContain('Föreslagna prognoser är kursiva med gul fyllning.');
    expect(
      deviationSummaryText(
        'V',
        { deviationCells: 1, forecastsProposed: 0, userForecastsKept: 2, insertedColumns: ['D', 'G'] },
        3,
      ),
    ).toMatch(
      /1 avvikelsecell och 0 prognosförslag skrevs\. 2 egna prognoser behölls\. Nya kolumner: D och G\./,
    );
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
    expect(textNumberCells(list, 'B')).toEqual(['C7']);
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
