/**
 * Why a file could not be read as a workbook. The message is Swedish because
 * the command line and the workbench show it to the user as it is.
 */
export type XlsxReadReason = 'empty' | 'legacy_xls' | 'not_zip' | 'not_xlsx' | 'corrupt';

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

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** Rejects, before ExcelJS sees it, input that cannot be an .xlsx file. */
export function checkXlsxSignature(bytes: Uint8Array): void {
  if (bytes.length === 0) throw new XlsxReadError('empty', 'Filen är tom.');
  if (startsWith(bytes, OLE_MAGIC)) {
    throw new XlsxReadError(
      'legacy_xls',
      'Filen är i det äldre formatet .xls. Spara den som Excel-arbetsbok (.xlsx) och försök igen.',
    );
  }
  if (!startsWith(bytes, ZIP_MAGIC)) {
    throw new XlsxReadError('not_zip', 'Filen är ingen Excel-arbetsbok (.xlsx).');
  }
}
