/**
 * Why a file could not be read as a workbook. The messages are Swedish
 * because the command line and the workbench show them to the user as they
 * are; each one says what the file is and what to do with it.
 */
export type XlsxReadReason =
  | 'empty'
  | 'legacy_xls'
  | 'encrypted'
  | 'other_format'
  | 'not_zip'
  | 'not_xlsx'
  | 'corrupt'
  | 'too_large'
  | 'zip_bomb'
  | 'xml_entities';

export class XlsxReadError extends Error {
  readonly reason: XlsxReadReason;

  constructor(reason: XlsxReadReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'XlsxReadError';
    this.reason = reason;
  }
}

export function isXlsxReadError(e: unknown): e is XlsxReadError {
  return e instanceof XlsxReadError;
}

const SAVE_AS_XLSX =
  'Öppna den i Excel och spara som Excel-arbetsbok (.xlsx) (Arkiv → Spara som), och försök igen.';

/** The messages, in one place so the tests and the bad-input corpus name the same sentences. */
export const READ_MESSAGES = {
  empty: 'Filen är tom (0 byte).',
  legacyXls: `Filen är i det äldre Excel-formatet .xls. ${SAVE_AS_XLSX}`,
  encrypted:
    'Arbetsboken är lösenordsskyddad (krypterad) och kan inte läsas. Öppna den i Excel, ta bort lösenordet ' +
    '(Arkiv → Information → Skydda arbetsbok → Kryptera med lösenord, töm fältet), spara och försök igen.',
  otherOle: `Filen är ett äldre Office-dokument, inte en Excel-arbetsbok. ${SAVE_AS_XLSX}`,
  word: 'Filen är ett Word-dokument, inte en Excel-arbetsbok (.xlsx).',
  powerpoint: 'Filen är en PowerPoint-presentation, inte en Excel-arbetsbok (.xlsx).',
  ods: `Filen är ett OpenDocument-kalkylblad (.ods, från LibreOffice eller OpenOffice). Spara den som Excel-arbetsbok (.xlsx) och försök igen.`,
  odf: 'Filen är ett OpenDocument-dokument, inte en Excel-arbetsbok (.xlsx).',
  xlsm:
    'Filen är en makroaktiverad arbetsbok (.xlsm). Budgetkoll läser bara .xlsx: spara en kopia som ' +
    'Excel-arbetsbok (.xlsx) i Excel (Arkiv → Spara som) och kör kopian.',
  xlsb: `Filen är en binär Excel-arbetsbok (.xlsb). ${SAVE_AS_XLSX}`,
  csv: `Filen är en textfil (CSV eller liknande), inte en Excel-arbetsbok. ${SAVE_AS_XLSX}`,
  spreadsheetMl2003: `Filen är en XML-kalkylbok i Excel 2003-format. ${SAVE_AS_XLSX}`,
  html: `Filen är en webbsida (HTML), inte en Excel-arbetsbok. ${SAVE_AS_XLSX}`,
  pdf: 'Filen är en PDF, inte en Excel-arbetsbok (.xlsx).',
  notZip: 'Filen är ingen Excel-arbetsbok (.xlsx).',
  zipNotWorkbook:
    'Filen är en zip-fil men ingen Excel-arbetsbok (.xlsx): arbetsboksdelen (xl/workbook.xml) saknas.',
  noSheets: 'Arbetsboken innehåller inga kalkylblad.',
  corrupt: 'Filen kunde inte läsas som Excel-arbetsbok; den verkar vara skadad eller ofullständig.',
  xmlEntities:
    'Arbetsboken innehåller en DTD-deklaration (<!DOCTYPE>), som Excel aldrig skriver; ' +
    'Budgetkoll läser den inte av säkerhetsskäl.',
} as const;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY_MAGIC = [0x50, 0x4b, 0x05, 0x06];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: readonly number[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[at + i] !== magic[i]) return false;
  return true;
}

/** True when the UTF-16LE name occurs in the bytes (the directory of an OLE compound file). */
function hasUtf16Name(bytes: Uint8Array, name: string): boolean {
  const needle = new Uint8Array(name.length * 2);
  for (let i = 0; i < name.length; i++) needle[i * 2] = name.charCodeAt(i);
  const first = needle[0]!;
  const last = bytes.length - needle.length;
  outer: for (let i = bytes.indexOf(first); i >= 0 && i <= last; i = bytes.indexOf(first, i + 1)) {
    for (let k = 1; k < needle.length; k++) if (bytes[i + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}

/**
 * An OLE compound file (the container of .xls, .doc and of every
 * password-protected Office Open XML file): which one it is, told by the names
 * of its streams.
 */
function oleError(bytes: Uint8Array): XlsxReadError {
  if (hasUtf16Name(bytes, 'EncryptedPackage') || hasUtf16Name(bytes, 'EncryptionInfo'))
    return new XlsxReadError('encrypted', READ_MESSAGES.encrypted);
  if (hasUtf16Name(bytes, 'WordDocument')) return new XlsxReadError('other_format', READ_MESSAGES.word);
  if (hasUtf16Name(bytes, 'PowerPoint Document'))
    return new XlsxReadError('other_format', READ_MESSAGES.powerpoint);
  if (hasUtf16Name(bytes, 'Workbook') || hasUtf16Name(bytes, 'Book') || bytes.length < 512)
    return new XlsxReadError('legacy_xls', READ_MESSAGES.legacyXls);
  return new XlsxReadError('other_format', READ_MESSAGES.otherOle);
}

/** The start of the file as text, for telling text formats apart (at most 4 KB are looked at). */
function head(bytes: Uint8Array): string {
  const n = Math.min(bytes.length, 4096);
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(bytes[i]!);
  return s.replace(/^\xef\xbb\xbf/, '').trimStart();
}

function looksLikeText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096);
  if (n === 0) return false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return false;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return control * 100 < n;
}

/**
 * Rejects, before any unzipping, input that cannot be an .xlsx file, and
 * names what it is instead. `fileName` (optional) lets a text file called
 * .csv be called a CSV file.
 */
export function checkXlsxSignature(bytes: Uint8Array, fileName?: string): void {
  if (bytes.length === 0) throw new XlsxReadError('empty', READ_MESSAGES.empty);
  if (startsWith(bytes, ZIP_MAGIC)) return;
  if (startsWith(bytes, OLE_MAGIC.slice(0, 4))) throw oleError(bytes);
  if (startsWith(bytes, ZIP_EMPTY_MAGIC)) throw new XlsxReadError('not_xlsx', READ_MESSAGES.zipNotWorkbook);
  const text = head(bytes);
  // Not a zip: reason not_zip throughout, with a message that names what the file is.
  if (text.startsWith('%PDF')) throw new XlsxReadError('not_zip', READ_MESSAGES.pdf);
  if (looksLikeText(bytes)) {
    const lower = text.slice(0, 1024).toLowerCase();
    if (lower.startsWith('<?xml') && lower.includes('urn:schemas-microsoft-com:office:spreadsheet'))
      throw new XlsxReadError('not_zip', READ_MESSAGES.spreadsheetMl2003);
    if (lower.startsWith('<!doctype html') || lower.startsWith('<html') || lower.includes('<table'))
      throw new XlsxReadError('not_zip', READ_MESSAGES.html);
    if (/\.(csv|txt|tsv|tab|prn)$/i.test(fileName ?? '') || /[;,\t]/.test(text.split('\n', 1)[0] ?? ''))
      throw new XlsxReadError('not_zip', READ_MESSAGES.csv);
  }
  throw new XlsxReadError('not_zip', READ_MESSAGES.notZip);
}
