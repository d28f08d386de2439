import {
  draftAsText,
  reportCreatedText,
  reportDescription,
  replaceQuestion,
} from '../../src/app/report.logic';

describe('what the pane says about the report commands', () => {
  it('names the report sheet, the mapping sheet and what Ångra does, in the number it is', () => {
    expect(reportCreatedText('foljetal', ['Följetal (2)'], [])).toBe(
      'Följetalen finns nu på bladet ”Följetal (2)”. ”Ångra senaste” tar bort bladet igen.',
    );
    expect(
      reportCreatedText(
        'verksamhetsrapport',
        ['Rapportrader', 'Verksamhetsrapport'],
        [
          {
            severity: 'warning',
            code: 'REPORT_UNMAPPED_ROWS',
            sheet: 'Rapportrader',
            cell: 'D5',
            message: 'x',
          },
        ],
      ),
    ).toBe(
      'Verksamhetsrapporten finns nu på bladet ”Verksamhetsrapport”. Fördelningen till rapportraderna kan ändras på bladet ”Rapportrader”. Se anmärkningen nedan. ”Ångra senaste” tar bort bladen igen.',
    );
  });

  it('asks about one edited sheet or several, and describes the undo step', () => {
    expect(replaceQuestion(['Verksamhetsrapport'])).toMatch(
      /^Bladet ”Verksamhetsrapport” har ändrats sedan Budgetkoll skapade det\. Vill du ersätta det/,
    );
    expect(replaceQuestion(['A', 'B'])).toMatch(
      /^Bladen ”A” och ”B” har ändrats sedan Budgetkoll skapade dem\./,
    );
    expect(reportDescription('foljetal', ['Följetal'])).toBe('Skapa följetal (”Följetal”)');
  });

  it('copies the draft as plain paragraphs', () => {
    expect(draftAsText({ heading: 'Rubrik', paragraphs: ['Ett.', 'Två.'] })).toBe('Rubrik\n\nEtt.\n\nTvå.');
  });
});
