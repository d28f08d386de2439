import { detectEnvironment, workbenchBridge } from '../../src/taskpane/bootstrap.logic';

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
});
