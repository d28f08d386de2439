/** Ribbon commands show the task pane before the work starts, so the user sees the progress. */
import { commandHandler } from '../../src/commands/commands';
import { createAppStore } from '../../src/app/store';

jest.mock('../../src/app', () => ({ appStore: {} }));

describe('a ribbon command', () => {
  const g = globalThis as unknown as { Office: unknown };
  afterEach(() => delete g.Office);

  async function run(showAsTaskpane: (events: string[]) => Promise<void>): Promise<string[]> {
    const events: string[] = [];
    g.Office = { addin: { showAsTaskpane: () => showAsTaskpane(events) } };
    const store = createAppStore({ gateway: () => ({}) as never, core: () => ({}) as never });
    store.computeDeviations = async () => {
      events.push('work starts');
      await Promise.resolve();
      events.push('work ends');
    };
    await commandHandler(
      store,
      'computeDeviations',
    )({
      completed: () => events.push('completed'),
    } as unknown as Office.AddinCommands.Event);
    return events;
  }

  it('shows the task pane before the work starts and completes after it', async () => {
    expect(await run(async (events) => void events.push('pane shown'))).toEqual([
      'pane shown',
      'work starts',
      'work ends',
      'completed',
    ]);
  });

  it('still runs the work when the host cannot show the pane', async () => {
    expect(
      await run(async () => {
        throw new Error('no shared runtime');
      }),
    ).toEqual(['work starts', 'work ends', 'completed']);
  });
});
