import { createAppStore } from '../../src/app/store';
import type { AppGateway, CoreApi, SheetRead } from '../../src/app/ports';
import { gridFromRows, type Grid } from '../../src/core/grid';
import { DEFAULT_SETTINGS, type Finding, type Settings } from '../../src/core/schemas';
import { emptyStore, type StoredData } from '../../src/core/store';
import type { WritePlan } from '../../src/core/plan';

function fakeWorld() {
  const grids: Record<string, Grid> = {
    Resultatrapport: gridFromRows('Resultatrapport', [
      ['tkr', 'Utfall'],
      ['Intäkter', 5],
    ]),
    Följetal: gridFromRows('Följetal', [
      ['x', 'Utfall 2024-08'],
      ['Timmar', '1 200'],
    ]),
  };
  let store: StoredData = emptyStore();
  const calls: string[] = [];
  const read = (name?: string): SheetRead => {
    const sheet = name ?? 'Resultatrapport';
    const grid = grids[sheet];
    if (!grid) throw Object.assign(new Error('no sheet'), { userMessage: `Bladet ${sheet} finns inte.` });
    return {
      grid,
      sheetNames: ['Resultatrapport', 'Följetal', 'Budgetkoll_data'],
      activeSheet: 'Resultatrapport',
      store,
    };
  };
  const gateway: AppGateway = {
    readSheet: async (name) => {
      calls.push(`read ${name ?? '(active)'}`);
      return read(name);
    },
    applyPlan: async (plan: WritePlan, _grid, meta) => {
      calls.push(`apply ${meta.command} ${plan.writes.length}`);
      store = {
        ...store,
        journal: [
          ...store.journal,
          {
            id: '1',
            command: meta.command,
            description: meta.description,
            createdAt: '',
            sheet: plan.sheet,
            inserts: [],
            before: [],
          },
        ],
      };
      return { written: plan.writes.length };
    },
    undoLast: async () => {
      calls.push('undo');
      const last = store.journal[store.journal.length - 1];
      if (!last) return undefined;
      store = { ...store, journal: store.journal.slice(0, -1) };
      return { restored: 1, description: last.description };
    },
    highlightCells: async (sheet, cells) => void calls.push(`highlight ${sheet} ${cells.join(',')}`),
    clearHighlights: async () => void calls.push('clear'),
    selectCell: async (sheet, cell) => void calls.push(`select ${sheet}!${cell}`),
    saveSettings: async (settings: Settings) => {
      calls.push('save');
      store = { ...store, settings };
    },
  };
  const finding = (sheet: string, cell: string, extra: Partial<Finding> = {}): Finding => ({
    severity: 'error',
    code: 'TEXT_NUMBER',
    sheet,
    cell,
    message: 'Talet är lagrat som text.',
    fix: 'convert_text_numbers',
    ...extra,
  });
  const core: CoreApi = {
    analyzeSheet: (grid) => ({
      sheet: grid.sheet,
      tables: [],
      findings: grid.sheet === 'Följetal' ? [finding('Följetal', 'B2')] : [],
    }),
    computeDeviations: (grid) => ({
      plan: { sheet: grid.sheet, inserts: [], writes: [{ row: 1, col: 2, value: 1 }] },
      findings: [],
      summary: { deviationCells: 1, forecastsProposed: 0, userForecastsKept: 0, insertedColumns: [] },
    }),
    validateSums: (gs) =>
      gs.map((g) => ({
        sheet: g.sheet,
        tables: [],
        findings: [finding(g.sheet, 'B2', { code: 'SUM', fix: undefined })],
      })),
    textNumberFixPlan: (grid, cells) => ({
      sheet: grid.sheet,
      inserts: [],
      writes: cells.map((_, i) => ({ row: 1, col: i, value: 1 })),
    }),
  };
  return { gateway, core, calls, grids, getStore: () => store };
}

function makeStore(world = fakeWorld()) {
  return { world, app: createAppStore({ gateway: () => world.gateway, core: () => world.core }) };
}

describe('app store', () => {
  it('validates the active sheet and notifies subscribers', async () => {
    const { app } = makeStore();
    const seen: string[] = [];
    app.subscribe(() => seen.push(app.getState().status));
    await app.validateStructure();
    const s = app.getState();
    expect(s.status).toBe('ready');
    expect(s.busy).toBe(false);
    expect(s.activeSheet).toBe('Resultatrapport');
    expect(s.sheetNames).toEqual(['Resultatrapport', 'Följetal']);
    expect(s.findingsFrom).toBe('validateStructure');
    expect(s.message).toEqual({
      intent: 'success',
      text: 'Bladet Resultatrapport: ingen tabell hittades. Inga fel.',
    });
    expect(seen).toContain('busy');
  });

  it('computes deviations, journals the write and can undo it', async () => {
    const { app, world } = makeStore();
    await app.computeDeviations();
    expect(world.calls).toContain('apply computeDeviations 1');
    expect(app.getState().journalHead).toBe('Beräkna avvikelser på bladet Resultatrapport');
    await app.undoLast();
    expect(app.getState().message?.text).toBe('Ångrade: Beräkna avvikelser på bladet Resultatrapport.');
    expect(app.getState().journalHead).toBeUndefined();
    await app.undoLast();
    expect(app.getState().message).toEqual({ intent: 'info', text: 'Det finns inget att ångra.' });
    expect(app.getState().status).toBe('ready');
  });

  it('validates sums on every visible sheet, never the store sheet', async () => {
    const { app, world } = makeStore();
    await app.validateSums();
    expect(world.calls.filter((c) => c.startsWith('read'))).not.toContain('read Budgetkoll_data');
    expect(app.getState().findings.map((f) => f.sheet)).toEqual(['Resultatrapport', 'Följetal']);
    expect(app.getState().message?.intent).toBe('warning');
  });

  it('converts text numbers and re-analyzes the sheet', async () => {
    const { app, world } = makeStore();
    await app.convertTextNumbers(['B2'], 'Följetal');
    expect(world.calls).toContain('apply convertTextNumbers 1');
    expect(app.getState().message?.text).toBe('1 cell konverterades till tal på bladet Följetal.');
    expect(app.getState().journalHead).toBe('Konvertera B2 till tal på bladet Följetal');
  });

  it('saves a role override with the workbook and re-analyzes; undefined goes back to automatic', async () => {
    const { app, world } = makeStore();
    const id = { sheet: 'Följetal', table: 'verksamhet#0', column: 'prognos2024', letter: 'C' };
    await app.setRole(id, 'forecast');
    expect(world.getStore().settings.roleOverrides).toEqual([
      { sheet: 'Följetal', table: 'verksamhet#0', column: 'prognos2024', role: 'forecast' },
    ]);
    expect(world.calls.slice(-2)).toEqual(['save', 'read Följetal']);
    await app.setRole(id, undefined);
    expect(world.getStore().settings.roleOverrides).toEqual([]);
  });

  it('saves forecast settings and rejects a malformed period without saving', async () => {
    const { app, world } = makeStore();
    await app.setForecastMethod('linear');
    await app.setOverwrite(true);
    await app.setPeriod('2024-08');
    expect(world.getStore().settings).toEqual({
      ...DEFAULT_SETTINGS,
      forecastMethod: 'linear',
      overwriteForecasts: true,
      period: '2024-08',
    });
    const saves = world.calls.filter((c) => c === 'save').length;
    await app.setPeriod('augusti');
    expect(world.calls.filter((c) => c === 'save').length).toBe(saves);
    expect(app.getState().message?.intent).toBe('warning');
    await app.setPeriod(undefined);
    expect(world.getStore().settings.period).toBeUndefined();
  });

  it('highlights problem cells, clears them and selects a finding', async () => {
    const { app, world } = makeStore();
    await app.highlightFindings();
    expect(app.getState().message).toEqual({
      intent: 'info',
      text: 'Det finns inga fel eller varningar att markera.',
    });
    await app.validateSums();
    await app.highlightFindings();
    expect(world.calls).toContain('highlight Resultatrapport B2');
    expect(app.getState().highlighted).toBe(true);
    await app.clearHighlights();
    expect(app.getState().highlighted).toBe(false);
    await app.selectFinding(app.getState().findings[1]!);
    expect(world.calls).toContain('select Följetal!B2');
  });

  it('turns a gateway error into its own message and anything else into a generic one; never throws', async () => {
    const world = fakeWorld();
    const { app } = makeStore(world);
    await expect(app.convertTextNumbers(['A1'], 'Saknas')).resolves.toBeUndefined();
    expect(app.getState()).toMatchObject({
      status: 'error',
      busy: false,
      error: 'Bladet Saknas finns inte.',
    });
    world.core.computeDeviations = () => {
      throw new TypeError('plan is broken');
    };
    await app.computeDeviations();
    expect(app.getState().message).toEqual({
      intent: 'error',
      text: 'Något gick fel: plan is broken. Inget har ändrats i arbetsboken.',
    });
  });

  it('says so when the failure came after the workbook was written', async () => {
    const world = fakeWorld();
    const { app } = makeStore(world);
    const original = world.gateway.readSheet;
    let n = 0;
    world.gateway.readSheet = async (name) => {
      n += 1;
      if (n === 2) throw new Error('lost connection');
      return original(name);
    };
    await app.computeDeviations();
    expect(app.getState().message?.text).toMatch(
      /^Något gick fel: lost connection\. Ändringarna i arbetsboken är gjorda/,
    );
  });

  it('refreshes quietly: no busy state, no message, failures ignored', async () => {
    const world = fakeWorld();
    const { app } = makeStore(world);
    const statuses: string[] = [];
    app.subscribe(() => statuses.push(app.getState().status));
    await app.refresh({ quiet: true });
    expect(statuses).not.toContain('busy');
    expect(app.getState().analyses.Resultatrapport).toBeDefined();
    world.gateway.readSheet = async () => {
      throw new Error('gone');
    };
    await expect(app.refresh({ quiet: true })).resolves.toBeUndefined();
    expect(app.getState().message).toBeUndefined();
  });

  it('runs actions one at a time', async () => {
    const world = fakeWorld();
    const order: string[] = [];
    const original = world.gateway.readSheet;
    world.gateway.readSheet = async (name) => {
      order.push('start');
      await new Promise((r) => setTimeout(r, 5));
      order.push('end');
      return original(name);
    };
    const { app } = makeStore(world);
    await Promise.all([app.refresh(), app.refresh()]);
    expect(order).toEqual(['start', 'end', 'start', 'end']);
  });
});
