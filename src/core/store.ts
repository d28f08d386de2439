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

export function pushJournal(data: StoredData, entry: JournalEntry): StoredData {
  const journal = [...data.journal, entry].slice(-JOURNAL_DEPTH);
  return { ...data, journal };
}

export function popJournal(data: StoredData): { data: StoredData; entry?: JournalEntry } {
  if (data.journal.length === 0) return { data };
  const entry = data.journal[data.journal.length - 1];
  return { data: { ...data, journal: data.journal.slice(0, -1) }, entry };
}
