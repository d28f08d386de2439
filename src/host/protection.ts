/**
 * Worksheet and workbook protection in the simulated Excel API (Review > Protect Sheet,
 * Review > Protect Workbook): `worksheet.protection` (ExcelApi 1.2) and
 * `workbook.protection` (ExcelApi 1.7). A protected sheet refuses every change to its
 * cells, formats and layout; a protected workbook structure refuses adding, deleting,
 * hiding and showing sheets. Excel lets unlocked cells be edited on a protected sheet;
 * the host is stricter and treats every cell as locked (Excel's default).
 */
import type { SheetModel } from '../workbook/model';
import { ClientObject, type Execution, type RequestContext } from './context';
import { ErrorCodes, HostError } from './errors';

export function assertUnprotected(sheet: SheetModel, location: string): void {
  if (sheet.protected) {
    throw new HostError(
      ErrorCodes.accessDenied,
      `The sheet '${sheet.name}' is protected: its cells cannot be changed.`,
      location,
    );
  }
}

export function assertStructureUnprotected(exec: Execution, location: string): void {
  if (exec.wb.structureProtected) {
    throw new HostError(
      ErrorCodes.accessDenied,
      "The workbook's structure is protected: sheets cannot be added, deleted, hidden or shown.",
      location,
    );
  }
}

export class WorksheetProtection extends ClientObject {
  constructor(
    context: RequestContext,
    path: string,
    private readonly sheetOf: (exec: Execution) => SheetModel,
  ) {
    super(context, `${path}.protection`, (exec) => sheetOf(exec).name);
  }

  protected scalarProperties(): readonly string[] {
    return ['protected'];
  }

  protected readProperty(exec: Execution): unknown {
    return this.sheetOf(exec).protected === true;
  }

  get protected(): boolean {
    return this.get('protected');
  }

  protect(_options?: unknown, _password?: string): void {
    this.queueWrite({ op: 'protect' }, (exec) => {
      this.sheetOf(exec).protected = true;
      exec.changed = true;
    });
  }

  unprotect(_password?: string): void {
    this.queueWrite({ op: 'unprotect' }, (exec) => {
      delete this.sheetOf(exec).protected;
      exec.changed = true;
    });
  }
}

export class WorkbookProtection extends ClientObject {
  constructor(context: RequestContext) {
    super(context, 'workbook.protection', () => 'protection');
  }

  protected scalarProperties(): readonly string[] {
    return ['protected'];
  }

  protected readProperty(exec: Execution): unknown {
    return exec.wb.structureProtected === true;
  }

  get protected(): boolean {
    return this.get('protected');
  }

  protect(_password?: string): void {
    this.queueWrite({ op: 'protect' }, (exec) => {
      exec.wb.structureProtected = true;
      exec.changed = true;
    });
  }

  unprotect(_password?: string): void {
    this.queueWrite({ op: 'unprotect' }, (exec) => {
      delete exec.wb.structureProtected;
      exec.changed = true;
    });
  }
}
