import { DEFAULT_SETTINGS, STORE_SHEET } from '../../src/app/defaults';
import * as core from '../../src/core';

describe("the task pane's plain defaults", () => {
  it('equal the core’s (parsed with zod), so the pane can start without zod', () => {
    expect(DEFAULT_SETTINGS).toEqual(core.DEFAULT_SETTINGS);
    expect(STORE_SHEET).toBe(core.STORE_SHEET);
  });
});
