/**
 * Imported first by every entry that loads zod in the task pane (the gateway
 * chunk, the core worker, the in-thread core): zod decides at schema
 * construction whether to compile parsers with `new Function`, and probing
 * for it makes a strict Content-Security-Policy report a violation. Jitless
 * parsing is plenty fast for settings and journals.
 */
import { config } from 'zod';

config({ jitless: true });
