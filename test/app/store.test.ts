import { createAppStore, type AppStore } from '../../src/app/store';
import type { AppGateway, CoreApi, Progress, SheetRead } from '../../src/app/ports';
import { cellAt, forEachCell, gridFromRows, parseA1, withCells, type Grid } from '../../src/core/grid';
import { DEFAULT_SETTINGS, type Finding, type Settings } from '../../src/core/schemas';
import { emptyStore, type StoredData } from '../../src/core/store';
import type { JournalEntry, WritePlan } from '../../src/core/plan';

/**
 * A workbook the fake gateway really changes: writes land in the grids,
 * undo puts the old cells back, and the fake core finds a text number in
 * every cell that holds a string of digits, plus a SUM error it causes.
 */
function fakeWorld() {
  const grids: Record<string, Grid> = {
    Resultatrapport: gridFromRows('Resultatrapport', [
      ['tkr', 'Utfall'],
      ['Intäkter', 5],
    ]),
    Följetal: gridFromRows('Följetal', [
      ['x', 'Utfall 2024-08'],
      ['Timmar', '1 200'],
      ['Summa', 1200],
    ]),
  };
  let store: StoredData = emptyStore();
  const calls: string[] = [];
  const progress: Progress[] = [];
  let active = 'Resultatrapport';
  let nextId = 1;
  const undoCells = new Map<
    string,
    { sheet: string; cells: { row: number; col: number; cell: ReturnType<typeof cellAt> }[] }
  >();

  const read = (name?: string): SheetRead => {
    const sheet = name ?? active;
    const grid = grids[sheet];
    if (!grid) throw Object.assign(new Error('no sheet'), { userMessage: `Bladet ${sheet} finns inte.` });
    return {
      grid,
      sheetNames: ['Resultatrapport', 'Följetal', 'Budgetkoll_data'],
      activeSheet: active,
      store,
    };
  };
  const journalEntry = (
    command: JournalEntry['command'],
    description: string,
    sheet: string,
  ): JournalEntry => ({
    id: String(nextId++),
    command,
    description,
    createdAt: '',
    sheet,
    inserts: [],
    before: [],
  });
  const write = (plan: WritePlan) => {
    const grid = grids[plan.sheet]!;
    const before = plan.writes.map((w) => ({ row: w.row, col: w.col, cell: cellAt(grid, w.row, w.col) }));
    grids[plan.sheet] = withCells(
      grid,
      plan.writes.map((w) => ({
        row: w.row,
        col: w.col,
        cell: w.formula ? { v: 0, f: w.formula } : { v: (w.value ?? null) as number | string | null },
      })),
    );
    return before;
  };

  const gateway: AppGateway = {
    readSheet: async (name, options) => {
      calls.push(`read ${name ?? '(active)'}${options?.journal === false ? ' settings' : ''}`);
      const r = read(name);
      return options?.journal === false
        ? { ...r, store: { ...r.store, journal: [] }, journalRead: false }
        : r;
    },
    applyPlan: async (plan, _grid, meta, options) => {
      calls.push(`apply ${meta.command} ${plan.writes.length}`);
      await options?.onProgress?.({ phase: 'write', done: 12000, total: 30600 });
      const before = write(plan);
      const entry = journalEntry(meta.command, meta.description, plan.sheet);
      undoCells.set(entry.id, { sheet: plan.sheet, cells: before });
      store = { ...store, journal: [...store.journal, entry] };
      return { written: plan.writes.length, journalId: entry.id };
    },
    undoLast: async () => {
      calls.push('undo');
      const last = store.journal[store.journal.length - 1];
      if (!last) return undefined;
      store = { ...store, journal: store.journal.slice(0, -1) };
      const saved = undoCells.get(last.id);
      if (saved) grids[saved.sheet] = withCells(grids[saved.sheet]!, saved.cells);
      return { restored: 1, description: last.description };
    },
    highlight: async (targets) => {
      const entries = targets.map((t) => {
        calls.push(`highlight ${t.sheet} ${t.addresses.join(',')}`);
        const e = journalEntry(
          'highlight',
          `Markering av ${t.addresses.length} celler i ”${t.sheet}”`,
          t.sheet,
        );
        store = { ...store, journal: [...store.journal, e] };
        return { journalId: e.id, sheet: t.sheet, description: e.description };
      });
      return { cells: targets.reduce((n, t) => n + t.addresses.length, 0), entries };
    },
    clearHighlights: async () => {
      calls.push('clear');
      const n = store.journal.filter((e) => e.command === 'highlight').length;
      store = { ...store, journal: store.journal.filter((e) => e.command !== 'highlight') };
      return n;
    },
    selectCell: async (sheet, cell) => void calls.push(`select ${sheet}!${cell}`),
    saveSettings: async (settings: Settings) => {
      calls.push('save');
      store = { ...store, settings };
    },
  };

  const textNumbers = (grid: Grid): Finding[] => {
    const out: Finding[] = [];
    forEachCell(grid, (row, col, cell) => {
      if (typeof cell.v === 'string' && /^[\d\s]+$/.test(cell.v)) {
        const address = `${String.fromCharCode(65 + col)}${row + 1}`;
        out.push({
          severity: 'error',
          code: 'TEXT_NUMBER',
          sheet: grid.sheet,
          cell: address,
          message: `Talet i ${address} är lagrat som text.`,
          fix: 'convert_text_numbers',
        });
        out.push({
          severity: 'error',
          code: 'SUM_MISMATCH',
          sheet: grid.sheet,
          cell: `${String.fromCharCode(65 + col)}${row + 2}`,
          message: 'Summan stämmer inte.',
          causedBy: address,
        });
      }
    });
    return out;
  };
  const core: CoreApi = {
    analyzeSheet: (grid) => ({
      sheet: grid.sheet,
      tables: [],
      findings: textNumbers(grid).filter((f) => f.code === 'TEXT_NUMBER'),
    }),
    computeDeviations: (grid) => ({
      plan: { sheet: grid.sheet, inserts: [], writes: [{ row: 1, col: 2, formula: '=B2-B2' }] },
      findings: [],
      summary: { deviationCells: 1, forecastsProposed: 0, userForecastsKept: 0, insertedColumns: [] },
    }),
    validateSums: (gs) => gs.map((g) => ({ sheet: g.sheet, tables: [], findings: textNumbers(g) })),
    textNumberFixPlan: (grid, cells) => ({
      sheet: grid.sheet,
      inserts: [],
      writes: cells.map((c) => {
        const p = parseA1(c)!;
        return { ...p, value: Number(String(cellAt(grid, p.row, p.col).v).replace(/\s/g, '')) };
      }),
    }),
    // The report commands have tests of their own (test/app/reports.test.ts) over the real core.
    buildReport: () => {
      throw new Error('buildReport is not part of these tests');
    },
  };
  return {
    gateway,
    core,
    calls,
    grids,
    progress,
    getStore: () => store,
    activate: (sheet: string) => (active = sheet),
  };
}

function makeStore(world = fakeWorld()): { world: ReturnType<typeof fakeWorld>; app: AppStore } {
  return {
    world,
    app: createAppStore({
      gateway: () => world.gateway,
      core: () => world.core,
      yieldToUi: async () => undefined,
    }),
  };
}

describe('app store', () => {
  it('validates the structure of the active sheet and says what it checked', async () => {
    const { app } = makeStore();
    const seen: string[] = [];
    app.subscribe(() => seen.push(app.getState().status));
    await app.validateStructure();
    const s = app.getState();
    expect(s.status).toBe('ready');
    expect(s.busy).toBe(false);
    expect(s.activeSheet).toBe('Resultatrapport');
    expect(s.sheetNames).toEqual(['Resultatrapport', 'Följetal']);
    expect(s.results).toEqual({ kind: 'structure', sheets: ['Resultatrapport'], findings: [] });
    expect(s.message).toEqual({
      intent: 'success',
      text: 'Bladet Resultatrapport: ingen tabell hittades.',
      from: 'validateStructure',
    });
    expect(seen).toContain('busy');
  });

  it('computes deviations, shows the write progress, journals the write and can undo it', async () => {
    const { app, world } = makeStore();
    const texts: string[] = [];
    app.subscribe(() => {
      const a = app.getState().activity;
      if (a) texts.push(a.text);
    });
    await app.computeDeviations();
    expect(world.calls).toContain('apply computeDeviations 1');
    expect(texts).toContain('Skriver 12\u00a0000 av 30\u00a0600 celler …');
    expect(app.getState().results?.kind).toBe('deviations');
    expect(app.getState().journalHead).toBe('Beräkna avvikelser på bladet Resultatrapport');
    await app.undoLast();
    expect(app.getState().message?.text).toBe('Ångrade: Beräkna avvikelser på bladet Resultatrapport.');
    expect(app.getState().journalHead).toBeUndefined();
    await app.undoLast();
    expect(app.getState().message).toEqual({
      intent: 'info',
      text: 'Det finns inget att ångra.',
      from: 'undo',
    });
    expect(app.getState().status).toBe('ready');
  });

  it('validates sums on every visible sheet, reading the active sheet once and never the store sheet', async () => {
    const { app, world } = makeStore();
    await app.validateSums();
    expect(world.calls).toEqual(['read (active)', 'read Följetal settings']);
    const results = app.getState().results!;
    expect(results.kind).toBe('sums');
    expect(results.sheets).toEqual(['Resultatrapport', 'Följetal']);
    expect(results.findings.map((f) => `${f.sheet}!${f.cell}`)).toEqual(['Följetal!B2', 'Följetal!B3']);
    expect(app.getState().message).toEqual({
      intent: 'warning',
      text: 'Summorna på 2 blad är kontrollerade: 1 fel.',
      from: 'validateSums',
    });
  });

  it('reads the other sheets in one go when the gateway can', async () => {
    const world = fakeWorld();
    const asked: string[][] = [];
    world.gateway.readSheets = async (names) => {
      asked.push(names);
      return names.map((n) => world.grids[n]!);
    };
    const { app } = makeStore(world);
    await app.validateSums();
    expect(asked).toEqual([['Följetal']]);
    expect(world.calls).toEqual(['read (active)']);
  });

  it('after "Konvertera till tal" the sums are checked again: the fixed error and its effect are gone', async () => {
    const { app, world } = makeStore();
    await app.validateSums();
    expect(app.getState().results?.findings).toHaveLength(2);
    await app.convertTextNumbers(['B2'], 'Följetal');
    expect(world.calls).toContain('apply convertTextNumbers 1');
    expect(cellAt(world.grids['Följetal']!, 1, 1).v).toBe(1200);
    const s = app.getState();
    expect(s.results).toMatchObject({ kind: 'sums', findings: [] });
    expect(s.message?.text).toBe(
      '1 cell på bladet Följetal konverterades till tal. Resultatet är uppdaterat.',
    );
    expect(s.journalHead).toBe('Konvertera B2 till tal på bladet Följetal');
    // Ångra brings the text back, and with it the findings: recomputed, not remembered.
    await app.undoLast();
    expect(app.getState().results?.findings.map((f) => f.code)).toEqual(['TEXT_NUMBER', 'SUM_MISMATCH']);
  });

  it('after a structure check, a conversion re-runs the structure check of that sheet', async () => {
    const world = fakeWorld();
    world.activate('Följetal');
    const { app } = makeStore(world);
    await app.validateStructure();
    expect(app.getState().results?.findings.map((f) => f.cell)).toEqual(['B2']);
    await app.convertTextNumbers();
    expect(app.getState().results).toMatchObject({ kind: 'structure', findings: [] });
  });

  it('marks results out of date when the sheet changed outside Budgetkoll, and checks again in one click', async () => {
    const { app, world } = makeStore();
    world.activate('Följetal');
    await app.validateSums();
    await app.refresh({ quiet: true });
    expect(app.getState().results?.stale).toBeUndefined();
    // The user types the number over the text in Excel; the pane notices when it gets focus again.
    world.grids['Följetal'] = withCells(world.grids['Följetal']!, [{ row: 1, col: 1, cell: { v: 1200 } }]);
    await app.refresh({ quiet: true });
    expect(app.getState().results?.stale).toBe(
      'Bladet Följetal har ändrats sedan kontrollen. Resultatet kan vara inaktuellt.',
    );
    expect(world.calls.slice(-1)).toEqual(['read (active) settings']);
    await app.recheck();
    expect(app.getState().results).toEqual({
      kind: 'sums',
      sheets: ['Resultatrapport', 'Följetal'],
      findings: [],
    });
  });

  it('never reads the journal on a focus refresh, and keeps what it knows about the next Ångra', async () => {
    const { app, world } = makeStore();
    await app.computeDeviations();
    const head = app.getState().journalHead;
    await app.refresh({ quiet: true });
    expect(world.calls.slice(-1)).toEqual(['read (active) settings']);
    expect(app.getState().journalHead).toBe(head);
  });

  it('saves a role override with the workbook and re-analyzes; undefined goes back to automatic', async () => {
    const { app, world } = makeStore();
    const id = { sheet: 'Följetal', table: 'verksamhet#0', column: 'prognos2024', letter: 'C' };
    await app.setRole(id, 'forecast');
    expect(world.getStore().settings.roleOverrides).toEqual([
      { sheet: 'Följetal', table: 'verksamhet#0', column: 'prognos2024', role: 'forecast' },
    ]);
    expect(world.calls.slice(-2)).toEqual(['save', 'read Följetal settings']);
    expect(app.getState().message?.text).toBe(
      'Kolumn C på bladet Följetal räknas nu som prognos helår. Inställningen sparas i arbetsboken.',
    );
    await app.setRole(id, undefined);
    expect(world.getStore().settings.roleOverrides).toEqual([]);
  });

  it('saves forecast settings, takes the period as the sheet parser reads it, and rejects what it cannot read', async () => {
    const { app, world } = makeStore();
    await app.setForecastMethod('linear');
    await app.setOverwrite(true);
    await app.setPeriod('T2 2024');
    expect(world.getStore().settings).toEqual({
      ...DEFAULT_SETTINGS,
      forecastMethod: 'linear',
      overwriteForecasts: true,
      period: '2024-08',
    });
    expect(app.getState().message?.text).toBe(
      'Rapportperioden är 2024-08: jan–aug 2024 (8 månader). Inställningen sparas i arbetsboken.',
    );
    const saves = world.calls.filter((c) => c === 'save').length;
    await app.setPeriod('förra månaden');
    expect(world.calls.filter((c) => c === 'save').length).toBe(saves);
    expect(app.getState().message?.intent).toBe('warning');
    await app.setPeriod(undefined);
    expect(world.getStore().settings.period).toBeUndefined();
    expect(app.getState().message?.text).toBe('Rapportperioden läses åter ur bladet.');
  });

  it('one "Markera i bladet" over two sheets is one undo step, and the undo button says so', async () => {
    const { app, world } = makeStore();
    await app.highlightFindings();
    expect(app.getState().message).toEqual({
      intent: 'info',
      text: 'Det finns inga fel eller varningar att markera.',
      from: 'highlight',
    });
    await app.computeDeviations();
    world.grids['Resultatrapport'] = withCells(world.grids['Resultatrapport']!, [
      { row: 1, col: 1, cell: { v: '5' } },
    ]);
    await app.validateSums();
    await app.highlightFindings();
    expect(world.calls.filter((c) => c.startsWith('highlight'))).toEqual([
      'highlight Resultatrapport B2,B3',
      'highlight Följetal B2,B3',
    ]);
    expect(app.getState().highlighted).toBe(true);
    expect(app.getState().journalHead).toBe('Markera i bladet (4 celler på 2 blad)');
    await app.undoLast();
    expect(world.calls.filter((c) => c === 'undo')).toHaveLength(2);
    expect(app.getState().message?.text).toBe('Ångrade: Markera i bladet (4 celler på 2 blad).');
    expect(app.getState().highlighted).toBe(false);
    // The next Ångra is the deviation run, and the button says so.
    expect(app.getState().journalHead).toBe('Beräkna avvikelser på bladet Resultatrapport');
  });

  it('after "Rensa markeringar" the undo button tells what the next Ångra does', async () => {
    const { app, world } = makeStore();
    await app.computeDeviations();
    world.activate('Följetal');
    await app.validateSums();
    await app.highlightFindings();
    expect(app.getState().journalHead).toMatch(/^Markera i bladet/);
    await app.clearHighlights();
    expect(app.getState().highlighted).toBe(false);
    expect(app.getState().journalHead).toBe('Beräkna avvikelser på bladet Resultatrapport');
    expect(app.getState().message?.text).toBe('Markeringarna är borttagna (1 cell).');
    await app.selectFinding(app.getState().results!.findings[0]!);
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
      from: 'computeDeviations',
    });
  });

  it('says so when the failure came after the workbook was written', async () => {
    const world = fakeWorld();
    const { app } = makeStore(world);
    const original = world.gateway.readSheet;
    let n = 0;
    world.gateway.readSheet = async (name, options) => {
      n += 1;
      if (n === 2) throw new Error('lost connection');
      return original(name, options);
    };
    await app.computeDeviations();
    expect(app.getState().message?.text).toMatch(
      /^Något gick fel: lost connection\. Ändringarna i arbetsboken är gjorda/,
    );
  });

  it('skips its own re-read after a write when the gateway hands back the sheet as written', async () => {
    const world = fakeWorld();
    const original = world.gateway.applyPlan;
    world.gateway.applyPlan = async (...args) => ({
      ...(await original(...args)),
      grid: world.grids['Resultatrapport'],
    });
    const { app } = makeStore(world);
    await app.computeDeviations();
    expect(world.calls).toEqual(['read (active)', 'apply computeDeviations 1']);
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
    world.gateway.readSheet = async (name, options) => {
      order.push('start');
      await new Promise((r) => setTimeout(r, 5));
      order.push('end');
      return original(name, options);
    };
    const { app } = makeStore(world);
    await Promise.all([app.refresh(), app.refresh()]);
    expect(order).toEqual(['start', 'end', 'start', 'end']);
  });

  it('waits for the gateway and the core to load before the first command', async () => {
    const world = fakeWorld();
    let loaded = 0;
    const app = createAppStore({
      gateway: async () => {
        await new Promise((r) => setTimeout(r, 5));
        loaded++;
        return world.gateway;
      },
      core: async () => world.core,
    });
    await app.validateStructure();
    expect(loaded).toBe(1);
    expect(app.getState().status).toBe('ready');
  });
});
