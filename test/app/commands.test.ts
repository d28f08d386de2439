import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandHandler, registerCommands } from '../../src/commands/commands';
import { COMMAND_IDS } from '../../src/commands/registry';
import { createAppStore, type AppStore } from '../../src/app/store';

jest.mock('../../src/app', () => ({ appStore: {} }));

function fakeStore(fail = false): AppStore & { ran: string[] } {
  const ran: string[] = [];
  const store = createAppStore({ gateway: () => ({}) as never, core: () => ({}) as never }) as AppStore & {
    ran: string[];
  };
  store.ran = ran;
  const action = (name: string) => async () => {
    ran.push(name);
    if (fail) throw new Error('boom');
  };
  store.validateStructure = action('validateStructure');
  store.computeDeviations = action('computeDeviations');
  store.validateSums = action('validateSums');
  store.createReport = async (type) => action(`createReport ${type}`)();
  return store;
}

describe('ribbon commands', () => {
  const g = globalThis as unknown as { Office: unknown };
  let associated: Map<string, (e: { completed(): void }) => Promise<void>>;
  let shown: number;

  beforeEach(() => {
    associated = new Map();
    shown = 0;
    g.Office = {
      actions: {
        associate: (id: string, h: (e: { completed(): void }) => Promise<void>) => associated.set(id, h),
      },
      addin: { showAsTaskpane: async () => void (shown += 1) },
    };
  });
  afterEach(() => delete g.Office);

  it('associates a handler with every command id of the manifest', () => {
    registerCommands(fakeStore());
    expect([...associated.keys()]).toEqual([...COMMAND_IDS]);
  });

  it('every ExecuteFunction of manifest.xml has a handler, and every handler a button', () => {
    const manifest = readFileSync(join(__dirname, '..', '..', 'manifest.xml'), 'utf8');
    const functionNames = [...manifest.matchAll(/<FunctionName>\s*([^<\s]+)\s*<\/FunctionName>/g)].map(
      (m) => m[1]!,
    );
    expect(functionNames.length).toBeGreaterThan(0);
    registerCommands(fakeStore());
    expect(new Set(associated.keys())).toEqual(new Set(functionNames));
  });

  it('runs the action, shows the task pane and completes the event', async () => {
    const store = fakeStore();
    const completed = jest.fn();
    await commandHandler(store, 'validateSums')({ completed } as unknown as Office.AddinCommands.Event);
    expect(store.ran).toEqual(['validateSums']);
    expect(shown).toBe(1);
    expect(completed).toHaveBeenCalledTimes(1);
  });

  it('the report buttons create the report of their kind', async () => {
    const store = fakeStore();
    const completed = jest.fn();
    const event = { completed } as unknown as Office.AddinCommands.Event;
    await commandHandler(store, 'createVerksamhetsrapport')(event);
    await commandHandler(store, 'createFoljetal')(event);
    expect(store.ran).toEqual(['createReport verksamhetsrapport', 'createReport foljetal']);
    expect(shown).toBe(2);
    expect(completed).toHaveBeenCalledTimes(2);
  });

  it('completes the event even when the action or showAsTaskpane fails', async () => {
    (g.Office as { addin: { showAsTaskpane(): Promise<void> } }).addin.showAsTaskpane = async () => {
      throw new Error('no shared runtime');
    };
    const completed = jest.fn();
    await commandHandler(
      fakeStore(true),
      'computeDeviations',
    )({ completed } as unknown as Office.AddinCommands.Event);
    expect(completed).toHaveBeenCalledTimes(1);
    const completed2 = jest.fn();
    await commandHandler(
      fakeStore(false),
      'validateStructure',
    )({ completed: completed2 } as unknown as Office.AddinCommands.Event);
    expect(completed2).toHaveBeenCalledTimes(1);
  });
});
