import {
  fromStored,
  nextUndo,
  undoSteps,
  withoutHighlights,
  type JournalHead,
} from '../../src/app/journal.logic';

const entry = (id: string, command: string, description: string, sheet = 'V') => ({
  id,
  command,
  sheet,
  description,
});

describe("the store's picture of the undo journal", () => {
  const beräkna = entry('1', 'computeDeviations', 'Beräkna avvikelser på bladet V');
  const marks: JournalHead[] = [
    {
      ...entry('2', 'highlight', 'Markering av 2 celler i ”V”'),
      group: 7,
      groupDescription: 'Markera i bladet (3 celler på 2 blad)',
    },
    {
      ...entry('3', 'highlight', 'Markering av 1 cell i ”F”', 'F'),
      group: 7,
      groupDescription: 'Markera i bladet (3 celler på 2 blad)',
    },
  ];

  it('says what the next Ångra does: the newest entry, or its whole group', () => {
    expect(nextUndo([])).toBeUndefined();
    expect(nextUndo([beräkna])).toBe('Beräkna avvikelser på bladet V');
    expect(nextUndo([beräkna, ...marks])).toBe('Markera i bladet (3 celler på 2 blad)');
  });

  it('undoes a group as one step and anything else one entry at a time', () => {
    expect(undoSteps([])).toBe(0);
    expect(undoSteps([beräkna])).toBe(1);
    expect(undoSteps([beräkna, ...marks])).toBe(2);
    expect(undoSteps([...marks, beräkna])).toBe(1);
  });

  it('keeps the groups it knew when a read brings the journal again, by entry id', () => {
    const stored = [
      beräkna,
      entry('2', 'highlight', 'Markering av 2 celler i ”V”'),
      entry('3', 'highlight', 'Markering av 1 cell i ”F”', 'F'),
    ];
    const merged = fromStored(stored, [beräkna, ...marks]);
    expect(merged.map((j) => j.group)).toEqual([undefined, 7, 7]);
    expect(nextUndo(merged)).toBe('Markera i bladet (3 celler på 2 blad)');
    // After a reload the store knows no groups: each highlight is its own step, and says so.
    expect(nextUndo(fromStored(stored, []))).toBe('Markering av 1 cell i ”F”');
  });

  it('forgets the highlights "Rensa markeringar" removed', () => {
    expect(withoutHighlights([beräkna, ...marks])).toEqual([beräkna]);
  });
});
