/**
 * Requirement sets, enforced: an API newer than what the host reports fails
 * at sync with ApiNotFound, as Excel does on a build that lacks it, so the
 * gateway must guard it with isSetSupported.
 */
import type { Execution } from './context';
import { ErrorCodes, HostError } from './errors';
import { compareVersions, DEFAULT_SETS } from './office';

export function isApiSupported(exec: Execution, version: string, set = 'ExcelApi'): boolean {
  const sets = exec.host.options.supportedSets ?? DEFAULT_SETS;
  const supported = Object.entries(sets).find(([k]) => k.toLowerCase() === set.toLowerCase())?.[1];
  return supported !== undefined && compareVersions(supported, version) >= 0;
}

export function requireApi(exec: Execution, version: string, location: string, set = 'ExcelApi'): void {
  if (!isApiSupported(exec, version, set)) {
    throw new HostError(
      ErrorCodes.apiNotFound,
      `The API you are trying to use could not be found (${set} ${version}). It may be available in a newer version of Excel.`,
      location,
    );
  }
}
