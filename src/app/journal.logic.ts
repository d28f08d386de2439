/**
 * What the store knows of the workbook's undo journal: each entry's command,
 * sheet and description, enough for the undo button to say what the next
 * "Ångra senaste" does. Pure; the journal itself lives in the workbook
 * (src/core/store.ts), read by the gateway.
 *
 * Entries one "Markera i bladet" wrote on several sheets share a group and
 * are undone as one step (a gateway that writes one entry for all sheets
 * makes a group of one).
 */
export interface JournalHead {
  id?: string;
  command: string;
  sheet: string;
  description: string;
  group?: number;
  /** What the undo button says for the whole group. */
  groupDescription?: string;
}

/** The journal as a read tells it, keeping the group of every entry the store already knew. */
export function fromStored(
  stored: readonly { id: string; command: string; sheet: string; description: string }[],
  known: readonly JournalHead[],
): JournalHead[] {
  const byId = new Map(known.flatMap((j) => (j.id ? [[j.id, j] as const] : [])));
  return stored.map((e) => {
    const k = byId.get(e.id);
    const head: JournalHead = { id: e.id, command: e.command, sheet: e.sheet, description: e.description };
    if (k?.group !== undefined) {
      head.group = k.group;
      head.groupDescription = k.groupDescription;
    }
    return head;
  });
}

/** What the next "Ångra senaste" undoes, in the user's words; undefined: nothing. */
export function nextUndo(journal: readonly JournalHead[]): string | undefined {
  const last = journal[journal.length - 1];
  if (!last) return undefined;
  return last.group !== undefined && last.groupDescription ? last.groupDescription : last.description;
}

/** How many entries the next "Ångra senaste" takes off: the newest, and the rest of its group. */
export function undoSteps(journal: readonly JournalHead[]): number {
  const last = journal[journal.length - 1];
  if (!last) return 0;
  if (last.group === undefined) return 1;
  let steps = 1;
  while (steps < journal.length && journal[journal.length - 1 - steps]!.group === last.group) steps++;
  return steps;
}

/** After "Rensa markeringar": the gateway drops every highlight entry, and so does the store's picture. */
export function withoutHighlights(journal: readonly JournalHead[]): JournalHead[] {
  return journal.filter((j) => j.command !== 'highlight');
}
