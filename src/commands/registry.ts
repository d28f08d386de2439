/**
 * The ribbon commands. Each id is an ExecuteFunction FunctionName in manifest.xml and is associated with its
 * handler through Office.actions.associate; test/manifest checks that both lists stay equal.
 */
export const COMMAND_IDS = [
  'validateStructure',
  'computeDeviations',
  'validateSums',
  'createVerksamhetsrapport',
  'createFoljetal',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];
