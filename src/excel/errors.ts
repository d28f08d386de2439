/**
 * Every failure that leaves the gateway is a GatewayError with a Swedish
 * message the task pane can show as is; raw Office.js errors never reach the UI.
 */

export type GatewayErrorCode =
  | 'SHEET_CHANGED'
  | 'REPORT_EDITED'
  | 'SHEET_NOT_FOUND'
  | 'EXCEL_ERROR'
  | 'NO_EXCEL'
  | 'CELL_EDIT_MODE'
  | 'SHEET_PROTECTED'
  | 'WORKBOOK_PROTECTED'
  | 'STORE_UNREADABLE'
  | 'INSERT_CONFLICT'
  | 'TOO_LARGE'
  | 'INVALID_PLAN'
  | 'INVALID_ADDRESS';

export class GatewayError extends Error {
  readonly code: GatewayErrorCode;
  readonly userMessage: string;

  constructor(code: GatewayErrorCode, userMessage: string, options?: { cause?: unknown }) {
    super(`${code}: ${userMessage}`, options);
    this.name = 'GatewayError';
    this.code = code;
    this.userMessage = userMessage;
  }
}

export function isGatewayError(e: unknown): e is GatewayError {
  return e instanceof GatewayError;
}

export function sheetChanged(sheet: string): GatewayError {
  return new GatewayError(
    'SHEET_CHANGED',
    `Bladet ”${sheet}” ändrades medan Budgetkoll arbetade. Inget har ändrats – kör kommandot igen.`,
  );
}

export function sheetNotFound(sheet: string): GatewayError {
  return new GatewayError('SHEET_NOT_FOUND', `Bladet ”${sheet}” finns inte i arbetsboken.`);
}

/** Office.js errors carry a string `code` (OfficeExtension.ErrorCodes / Excel.ErrorCodes). */
function officeCode(e: unknown): string | undefined {
  if (e && typeof e === 'object' && 'code' in e) {
    const code = (e as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

const CELL_EDIT =
  'Excel redigerar en cell just nu. Avsluta redigeringen (Enter eller Esc) och försök igen. Inget har ändrats.';

/** Translates anything thrown inside Excel.run into a GatewayError. */
export function toGatewayError(e: unknown, sheet?: string): GatewayError {
  if (e instanceof GatewayError) return e;
  const code = officeCode(e);
  const on = sheet ? ` på bladet ”${sheet}”` : '';
  switch (code) {
    case 'InvalidOperationInCellEditMode':
      return new GatewayError('CELL_EDIT_MODE', CELL_EDIT, { cause: e });
    case 'InvalidOperation':
      // Some Excel clients report cell-edit mode with the general InvalidOperation.
      return new GatewayError(
        'EXCEL_ERROR',
        `Excel kunde inte utföra åtgärden just nu${on}. Redigerar du en cell? Avsluta redigeringen (Enter eller Esc) och försök igen.`,
        { cause: e },
      );
    case 'ItemNotFound':
      return sheet
        ? new GatewayError('SHEET_NOT_FOUND', sheetNotFound(sheet).userMessage, { cause: e })
        : new GatewayError('EXCEL_ERROR', 'Excel hittade inte det som efterfrågades. Försök igen.', {
            cause: e,
          });
    case 'AccessDenied':
      return new GatewayError(
        'SHEET_PROTECTED',
        `Excel nekade ändringen${on}. Är bladet eller arbetsboken skyddad? Ta bort skyddet (Granska → Ta bort skydd för blad) och försök igen.`,
        { cause: e },
      );
    case 'InsertDeleteConflict':
      return new GatewayError(
        'INSERT_CONFLICT',
        `Excel kunde inte infoga kolumnen${on}: den skulle dela en Excel-tabell eller ett filtrerat område. Lägg till kolumnen i tabellen själv, eller konvertera tabellen till ett område, och kör kommandot igen.`,
        { cause: e },
      );
    case 'FilteredRangeConflict':
      return new GatewayError(
        'INSERT_CONFLICT',
        `Excel kunde inte infoga kolumnen${on} i ett filtrerat område. Rensa filtret (Data → Rensa) och kör kommandot igen.`,
        { cause: e },
      );
    case 'MergedRangeConflict':
      return new GatewayError(
        'INSERT_CONFLICT',
        `Excel kunde inte infoga kolumnen${on}: den skulle dela sammanfogade celler. Dela upp de sammanfogade cellerna (Start → Sammanfoga och centrera) och kör kommandot igen.`,
        { cause: e },
      );
    case 'NonBlankCellOffSheet':
      return new GatewayError(
        'INSERT_CONFLICT',
        `Excel kunde inte infoga kolumnen${on}: celler med innehåll längst till höger på bladet skulle hamna utanför det. Flytta eller ta bort dem och kör kommandot igen.`,
        { cause: e },
      );
    case 'RequestPayloadSizeLimitExceeded':
    case 'ResponsePayloadSizeLimitExceeded':
    case 'PayloadTooLarge':
      return new GatewayError(
        'TOO_LARGE',
        'Bladet är för stort för att Excel ska kunna överföra det. Dela upp tabellen.',
        {
          cause: e,
        },
      );
    default: {
      const detail = e instanceof Error && e.message ? ` (${e.message})` : '';
      return new GatewayError('EXCEL_ERROR', `Excel kunde inte utföra åtgärden${detail}. Försök igen.`, {
        cause: e,
      });
    }
  }
}
