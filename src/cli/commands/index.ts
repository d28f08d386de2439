import type { Command } from '../command';
import { berakna } from './berakna';
import { exempel } from './exempel';
import { validera } from './validera';

/** In the order the overview lists them. */
export const COMMANDS: readonly Command[] = [validera, berakna, exempel];
