/**
 * Errors the simulated host raises, shaped like OfficeExtension.Error:
 * `code` is one of Excel's error codes and `debugInfo` says where it happened.
 */

export const ErrorCodes = {
  apiNotFound: 'ApiNotFound',
  accessDenied: 'AccessDenied',
  filteredRangeConflict: 'FilteredRangeConflict',
  generalException: 'GeneralException',
  insertDeleteConflict: 'InsertDeleteConflict',
  invalidOperationInCellEditMode: 'InvalidOperationInCellEditMode',
  mergedRangeConflict: 'MergedRangeConflict',
  nonBlankCellOffSheet: 'NonBlankCellOffSheet',
  notImplemented: 'NotImplemented',
  invalidArgument: 'InvalidArgument',
  invalidOperation: 'InvalidOperation',
  invalidReference: 'InvalidReference',
  itemAlreadyExists: 'ItemAlreadyExists',
  itemNotFound: 'ItemNotFound',
  propertyNotLoaded: 'PropertyNotLoaded',
  requestPayloadSizeLimitExceeded: 'RequestPayloadSizeLimitExceeded',
  responsePayloadSizeLimitExceeded: 'ResponsePayloadSizeLimitExceeded',
  valueNotLoaded: 'ValueNotLoaded',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** Excel's messages for these codes (learn.microsoft.com: Error handling with the application-specific JavaScript APIs). */
const MESSAGES: Record<ErrorCode, string> = {
  ApiNotFound:
    'The API you are trying to use could not be found. It may be available in a newer version of Excel.',
  AccessDenied: 'You cannot perform the requested operation.',
  FilteredRangeConflict: 'The attempted operation causes a conflict with a filtered range.',
  GeneralException: 'There was an internal error while processing the request.',
  InsertDeleteConflict: 'The insert or delete operation attempted resulted in a conflict.',
  InvalidOperationInCellEditMode:
    "The operation isn't available while Excel is in Edit cell mode. Exit Edit mode by using the Enter or Tab keys, or by selecting another cell, and then try again.",
  MergedRangeConflict:
    "Cannot complete the operation. A table can't overlap with another table, a PivotTable report, query results, merged cells, or an XML Map.",
  NonBlankCellOffSheet:
    "Microsoft Excel can't insert new cells because it would push non-empty cells off the end of the worksheet.",
  NotImplemented: "The requested feature isn't implemented.",
  InvalidArgument: 'The argument is invalid or missing or has an incorrect format.',
  InvalidOperation: 'The requested operation is invalid.',
  InvalidReference: 'This reference is not valid for the current operation.',
  ItemAlreadyExists: 'The resource being created already exists.',
  ItemNotFound: "The requested resource doesn't exist.",
  PropertyNotLoaded: 'The property is not available.',
  RequestPayloadSizeLimitExceeded: 'The request payload size has exceeded the limit.',
  ResponsePayloadSizeLimitExceeded: 'The response payload size has exceeded the limit.',
  ValueNotLoaded: 'The value of the result object has not been loaded yet.',
};

export class HostError extends Error {
  override readonly name = 'RichApi.Error';
  readonly code: ErrorCode;
  readonly debugInfo: { code: ErrorCode; message: string; errorLocation?: string };

  constructor(code: ErrorCode, message: string = MESSAGES[code], errorLocation?: string) {
    super(message);
    this.code = code;
    this.debugInfo = { code, message, errorLocation };
  }
}

export function propertyNotLoaded(property: string): HostError {
  return new HostError(
    ErrorCodes.propertyNotLoaded,
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

export function invalidArgument(location: string, detail?: string): HostError {
  return new HostError(ErrorCodes.invalidArgument, detail ?? MESSAGES.InvalidArgument, location);
}
