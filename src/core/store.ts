import { z } from 'zod';
import { Settings, DEFAULT_SETTINGS } from './schemas';
import type { JournalEntry } from './plan';

/**
 * What Budgetkoll keeps inside the workbook: settings and the undo journal.
 * It lives as JSON text in column A of a very hidden sheet, because that
 * travels with the .xlsx through Excel (Windows, Mac, web), ExcelJS and
 * LibreOffice alike, unlike document settings or custom XML parts.
 */
export const STORE_SHEET = 'Budgetkoll_data';
/** Excel caps a cell at 32 767 characters; stay well below. */
export const STORE_CHUNK = 30000;
/** How many commands "Ångra senaste" can step back through. */
export const JOURNAL_DEPTH = 10;

const CellStateSchema = z.object({
  row: z.number().int(),
  col: z.number().int(),
  formula: z.string().nullable(),
  value: z.union([z.number(), z.string(), z.boolean(), z.null()]),
  numberFormat: z.string(),
  fill: z.string().nullable(),
  italic: z.boolean(),
});

const JournalEntrySchema = z.object({
  id: z.string(),
  command: z.enum(['computeDeviations', 'convertTextNumbers', 'highlight']),
  description: z.string(),
  createdAt: z.string(),
  sheet: z.string(),
  inserts: z.array(z.object({ col: z.number().int(), top: z.number().int(), bottom: z.number().int() })),
  before: z.array(CellStateSchema),
  after: z
    .array(
      z.object({
        row: z.number().int(),
        col: z.number().int(),
        formula: z.string().optional(),
        value: z.union([z.number(), z.string(), z.null()]).optional(),
      }),
    )
    .optional(),
});

export const StoredData = z.object({
  format: z.literal('budgetkoll/1').default('budgetkoll/1'),
  settings: Settings.default(DEFAULT_SETTINGS),
  journal: z.array(JournalEntrySchema).default([]),
});
export type StoredData = z.infer<typeof StoredData>;

export function emptyStore(): StoredData {
  return { format: 'budgetkoll/1', settings: { ...DEFAULT_SETTINGS }, journal: [] };
}

export function encodeStore(data: StoredData): string[] {
  const json = JSON.stringify(data);
  const chunks: string[] = [];
  for (let i = 0; i < json.length; i += STORE_CHUNK) chunks.push(json.slice(i, i + STORE_CHUNK));
  return chunks.length ? chunks : ['{}'];
}

/** Decodes the column-A chunks; anything unreadable gives an empty store rather than an exception. */
export function decodeStore(chunks: readonly unknown[]): StoredData {
  const text = chunks.filter((c): c is string => typeof c === 'string' && c !== '').join('');
  if (!text) return emptyStore();
  try {
    const parsed = StoredData.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : emptyStore();
  } catch {
    return emptyStore();
  }
}

/**
 * Largest encoded store (characters of JSON, as encodeStore writes it) that
 * pushJournal keeps: every before-state of a huge command is journalled, and
 * the store is read and written with every command.
 */
export const STORE_MAX_BYTES = 4 * 1024 * 1024;

/**
 * Appends `entry`, keeping the last JOURNAL_DEPTH entries and dropping the
 * oldest until the encoded store is at most `maxBytes`. The new entry is
 * always kept, even alone above the cap (all older ones are dropped then).
 */
export function pushJournal(
  data: StoredData,
  entry: JournalEntry,
  maxBytes: number = STORE_MAX_BYTES,
): StoredData {
  const journal = [...data.journal, entry].slice(-JOURNAL_DEPTH);
  const sizes = journal.map((e) => JSON.stringify(e).length);
  // The store without entries, plus the entries and the commas between them.
  let total =
    JSON.stringify({ ...data, journal: [] }).length + sizes.reduce((a, b) => a + b, 0) + sizes.length - 1;
  let drop = 0;
  while (drop < journal.length - 1 && total > maxBytes) total -= sizes[drop++]! + 1;
  return { ...data, journal: journal.slice(drop) };
}

export function popJournal(data: StoredData): { data: StoredData; entry?: JournalEntry } {
  if (data.journal.length === 0) return { data };
  const entry = data.journal[data.journal.length - 1];
  return { data: { ...data, journal: data.journal.slice(0, -1) }, entry };
}
