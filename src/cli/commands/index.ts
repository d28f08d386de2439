import type { CommandEntry } from '../command';

/** In the order the overview lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'validera',
    summary: 'kontrollera tabellerna i en arbetsbok (.xlsx)',
    load: async () => (await import('./validera')).validera,
  },
  {
    name: 'berakna',
    summary: 'fyll i avvikelser och prognosförslag, skriv till en ny fil',
    load: async () => (await import('./berakna')).berakna,
  },
  {
    name: 'rapport',
    summary: 'skapa flikarna verksamhetsrapport och följetal, skriv till en ny fil',
    load: async () => (await import('./rapport')).rapport,
  },
  {
    name: 'exempel',
    summary: 'skriv en exempelarbetsbok (delårsrapport augusti 2024)',
    load: async () => (await import('./exempel')).exempel,
  },
];
