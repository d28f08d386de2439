import { detectEnvironment, statusBarText, workbenchBridge } from '../../src/taskpane/bootstrap.logic';
import { initialState } from '../../src/app/store';

describe('task pane bootstrap', () => {
  it('runs as Excel in Excel, as the workbench in a frame with a bridge, else not at all', () => {
    expect(detectEnvironment('Excel', false)).toBe('excel');
    expect(detectEnvironment(null, true)).toBe('workbench');
    expect(detectEnvironment(null, false)).toBe('unsupported');
    expect(detectEnvironment('Word', true)).toBe('unsupported');
  });

  it('finds the bridge only in a frame whose parent exposes install()', () => {
    const top = {} as Window;
    (top as { parent: Window }).parent = top;
    expect(workbenchBridge(top)).toBeUndefined();
    const install = () => undefined;
    const parent = { budgetkollWorkbench: { install } } as unknown as Window;
    const child = { parent } as unknown as Window;
    expect(workbenchBridge(child)?.install).toBe(install);
    const noBridge = { parent: {} } as unknown as Window;
    expect(workbenchBridge(noBridge)).toBeUndefined();
  });

  it('treats a cross-origin parent (Excel on the web) as no bridge', () => {
    const parent = new Proxy(
      {},
      {
        get: () => {
          throw new DOMException('cross-origin');
        },
      },
    ) as Window;
    expect(workbenchBridge({ parent } as unknown as Window)).toBeUndefined();
  });

  it('tells the workbench status bar what runs, how far it has come, and what the command said', () => {
    const idle = initialState();
    expect(statusBarText(idle)).toBeUndefined();
    expect(
      statusBarText({
        ...idle,
        busy: true,
        activity: {
          command: 'computeDeviations',
          text: 'Skriver 12 000 av 30 600 celler …',
          done: 12000,
          total: 30600,
        },
      }),
    ).toBe('Beräkna avvikelser: Skriver 12 000 av 30 600 celler …');
    expect(
      statusBarText({
        ...idle,
        lastCommand: 'validateSums',
        message: {
          intent: 'warning',
          text: 'Summorna på 3 blad är kontrollerade: 1 fel.',
          from: 'validateSums',
        },
      }),
    ).toBe('Validera summor är klar. Summorna på 3 blad är kontrollerade: 1 fel.');
    // Going to a cell, or a quiet refresh, says nothing of its own.
    expect(
      statusBarText({
        ...idle,
        busy: true,
        activity: { command: 'selectFinding', text: 'Markerar cellen …' },
      }),
    ).toBeUndefined();
    expect(
      statusBarText({ ...idle, lastCommand: 'refresh', message: { intent: 'info', text: 'x' } }),
    ).toBeUndefined();
  });
});
