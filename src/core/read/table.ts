/**
 * One table's reading, from its region on the sheet to the model every
 * command shares: column arrays, row traits, the sum tree, roles, sign
 * convention, unit, period and deviation definitions, each with evidence.
 */
import { columnLetter, rangeA1, type Grid } from '../grid';
import type { DeviationDef, Direction, NettoDef, TableReading } from '../model';
import type { ColumnRole, RowKind, Settings, TableColumn, TableModel, TableRow } from '../schemas';
import { roleOverrideFor, signOverrideFor } from '../settings';
import { labelKey } from '../text';
import { decideSign, decideUnit } from './context';
import { decidePeriod } from './period';
import { readTableData, type ColumnData } from './data';
import { inferHierarchy } from './hierarchy';
import type { SheetLayout, TableRegion } from './layout';
import { assignRoles, nonAmountReason } from './roles';
import { rowTraits } from './rows';
import { SIGN_LABELS } from '../labels';

/** A table's key: its label header as a key, with the ordinal of tables before it that share it. */
export function tableKeyOf(labelHeader: string, ordinal: number): string {
  return `${labelKey(labelHeader) || 'tabell'}#${ordinal}`;
}

/** Keys for headers: the header as a key, "#2", "#3" … for repeats ("Utfall | Utfall | Utfall"). */
function keysOf(headers: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return headers.map((h) => {
    const base = labelKey(h) || 'kolumn';
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}#${n}`;
  });
}

function rowList(rows: readonly number[]): string {
  const nums = rows.map((r) => r + 1);
  const contiguous = nums.length > 2 && nums.every((n, i) => i === 0 || n === nums[i - 1]! + 1);
  if (contiguous) return `rad ${nums[0]}–${nums[nums.length - 1]}`;
  return `rad ${nums.join(', ')}`;
}

export function readTable(
  grid: Grid,
  region: TableRegion,
  layout: SheetLayout,
  settings: Settings,
  labelHeaderKey: (labelHeader: string) => number,
): TableReading {
  const data = readTableData(grid, region, layout);
  const provisionalAmount = data.cols.filter((c) => !nonAmountReason(c));
  const traits = rowTraits(data, provisionalAmount);
  const figureRows: number[] = [];
  for (let p = 0; p < data.n; p++) if (traits[p]!.base === 'figure') figureRows.push(p);

  const roles = assignRoles(data.cols, figureRows);
  const tableKey = tableKeyOf(data.labelHeader, labelHeaderKey(data.labelHeader));
  const keys = keysOf(data.cols.map((c) => c.header));
  const columns: TableColumn[] = data.cols.map((c, i) => {
    const d = roles.decisions[i]!;
    const letter = columnLetter(c.col);
    const override = roleOverrideFor(settings, {
      sheet: grid.sheet,
      table: tableKey,
      column: keys[i]!,
      letter,
    });
    const col: TableColumn = {
      index: c.col,
      column: letter,
      header: c.header,
      role: override ?? d.role,
      roleSource: override ? 'user' : d.source,
      key: keys[i]!,
      evidence: override ? 'Du har angett rollen.' : d.evidence,
    };
    if (d.measure && !override) col.measure = d.measure;
    if (d.part) col.part = d.part;
    if (d.nonAmount) col.nonAmount = true;
    return col;
  });
  const amount = data.cols.filter((_, i) => !columns[i]!.nonAmount);
  const hierarchy = inferHierarchy(data, traits, amount);

  // Row kinds: what the hierarchy decided, the rest from the row's shape.
  const kinds: RowKind[] = traits.map((t) =>
    t.base === 'figure' ? 'item' : t.base === 'header' ? 'header' : t.base,
  );
  for (const l of hierarchy.parts) kinds[l.row] = 'varav';
  for (const node of hierarchy.nodes) kinds[node.row] = 'subtotal';
  // A sum word over parts the table does not print ("Summa externa intäkter", "Intäkter") is still a subtotal.
  traits.forEach((t, p) => {
    if (kinds[p] === 'item' && (t.sum === 'strong' || t.block)) kinds[p] = 'subtotal';
  });
  const roots = hierarchy.nodes.filter((n) => hierarchy.parent[n.row] === -1 && kinds[n.row] !== 'varav');
  const firstFigure = traits.findIndex((t) => t.base === 'figure');
  const lastRoot = roots[roots.length - 1];
  if (lastRoot) {
    const topFirst = roots.find((r) => r.row === firstFigure && r.above && traits[r.row]!.sum !== 'none');
    if (topFirst && (roots.length === 1 || traits[topFirst.row]!.grand)) kinds[topFirst.row] = 'total';
    else if (!traits[lastRoot.row]!.block || roots.length === 1) kinds[lastRoot.row] = 'total';
  }

  const unit = decideUnit(data, traits, amount);
  const sign = decideSign(
    data,
    traits,
    data.cols,
    columns.map((c) => ({ role: c.role, source: 'header', evidence: '' })),
    roles.nettos,
    hierarchy,
    unit.value,
  );
  const signOverride = signOverrideFor(settings, grid.sheet, tableKey);
  const signConvention = signOverride ?? sign.value;

  // Revenue rows: by label, or as parts of a revenue sum ("Intäkter"), and shown positive.
  const revenue = new Uint8Array(data.n);
  const revenueSum = new Set(
    hierarchy.nodes
      .filter((n) => traits[n.row]!.revenue || /intakt/.test(labelKey(data.labels[n.row]!)))
      .map((n) => n.row),
  );
  const measureCols = data.cols.filter((_, i) =>
    ['outcome', 'budget_period', 'budget_annual', 'forecast', 'outcome_prior_year'].includes(
      columns[i]!.role,
    ),
  );
  for (let p = 0; p < data.n; p++) {
    if (traits[p]!.base !== 'figure') continue;
    let isRevenue = traits[p]!.revenue;
    for (let a = hierarchy.parent[p]!; !isRevenue && a >= 0; a = hierarchy.parent[a]!)
      if (revenueSum.has(a)) isRevenue = true;
    if (!isRevenue) continue;
    if (signConvention === 'costs_positive') {
      // A revenue shown negative (a net-cost view) follows the costs: budget − utfall.
      let pos = 0;
      let neg = 0;
      for (const c of measureCols) {
        const v = c.value[p]!;
        if (Number.isNaN(v) || v === 0) continue;
        if (v > 0) pos++;
        else neg++;
      }
      if (neg > pos) continue;
    }
    revenue[p] = 1;
  }

  const roleCol = (role: ColumnRole): ColumnData | undefined => {
    const i = columns.findIndex((c) => c.role === role && !c.nonAmount);
    return i >= 0 ? data.cols[i] : undefined;
  };
  const partial = {
    grid,
    data,
    columns: data.cols,
    amount,
    traits,
    hierarchy,
    kinds,
    revenue,
    signConvention,
  };
  const nettos: NettoDef[] = roles.nettos.map((b) => ({
    net: data.cols[b.net]!,
    revenue: data.cols[b.revenue]!,
    cost: data.cols[b.cost]!,
    form: b.form,
  }));
  const outcome = roleCol('outcome');
  const period = decidePeriod(
    [grid.sheet, ...region.above, data.labelHeader],
    outcome?.header,
    data.cols.map((c) => c.header),
    settings,
  );
  const { deviations, uncomputable } = deviationDefs(
    { ...partial, byRole: roleCol } as unknown as TableReading,
    roles.deviations.map((d) => ({
      dev: data.cols[d.dev]!,
      actual: data.cols[d.actual]!,
      budget: data.cols[d.budget]!,
      relation: d.relation,
    })),
    columns,
    period?.monthsElapsed,
  );

  const left = Math.min(region.labelCol, region.codeCol ?? region.labelCol);
  const top = region.headerRows[0]!;
  const rows: TableRow[] = [];
  for (let p = 0; p < data.n; p++) {
    const r = data.rows[p]!;
    const row: TableRow = { index: r, row: r + 1, label: data.labels[p]!, kind: kinds[p]! };
    const t = traits[p]!;
    if (t.unit) row.unit = t.unit;
    if (revenue[p]) row.revenue = true;
    const node = hierarchy.nodeAt.get(p);
    if (node) {
      const childRows = node.children.map((c) => data.rows[c]!);
      const components =
        node.children.some((c) => traits[c]!.revenue) && node.children.some((c) => traits[c]!.cost);
      if (components) row.components = childRows.map((x) => x + 1);
      row.sumOf = childRows.map((x) => x + 1);
      const how =
        node.source === 'formula'
          ? 'enligt summaformeln'
          : node.source === 'label'
            ? 'enligt etiketten, men beloppen stämmer inte'
            : node.exact === node.evaluated
              ? `stämmer exakt i ${node.evaluated} ${node.evaluated === 1 ? 'kolumn' : 'kolumner'}`
              : `stämmer i ${node.fits} av ${node.evaluated} kolumner${node.fits > node.exact ? ' (avrundning)' : ''}`;
      row.evidence = `${node.minus ? 'Skillnaden' : 'Summan'} av ${rowList(childRows)}${node.above ? ' (under raden)' : ''}, ${how}.`;
    }
    rows.push(row);
  }
  const title = region.above.find(
    (t) => labelKey(t).length > 3 && !/^(tkr|mnkr|mkr|kr|belopp i \w+)$/i.test(t.trim()),
  );
  const model: TableModel = {
    sheet: grid.sheet,
    key: tableKey,
    range: rangeA1(top, left, region.lastRow, region.right),
    top,
    left,
    bottom: region.lastRow,
    right: region.right,
    headerRows: region.headerRows.map((r) => r + 1),
    labelColumn: region.labelCol,
    unit: unit.value,
    unitEvidence: unit.evidence,
    signConvention,
    signEvidence: signOverride ? `Du har angett ${SIGN_LABELS[signOverride].toLowerCase()}.` : sign.evidence,
    columns,
    rows,
  };
  if (region.codeCol !== undefined) model.codeColumn = region.codeCol;
  if (title) model.title = title;
  if (period) model.period = period;
  return {
    ...partial,
    model,
    deviations,
    nettos,
    uncomputable,
    byRole: roleCol,
    formulaLanguage: settings.formulaLanguage ?? 'sv',
  };
}

/**
 * Which columns each deviation column compares, and in which direction. A
 * deviation the arithmetic confirmed keeps the pair it fits; the others
 * compare by role: the period deviation utfall against the period budget (the
 * annual budget in a year-end table), the annual one the forecast against the
 * annual budget.
 */
function deviationDefs(
  t: TableReading,
  pairs: { dev: ColumnData; actual: ColumnData; budget: ColumnData; relation?: DeviationDef['relation'] }[],
  columns: readonly TableColumn[],
  months: number | undefined,
): { deviations: DeviationDef[]; uncomputable: TableReading['uncomputable'] } {
  const roleOf = (c: ColumnData) => columns[t.columns.indexOf(c)]!.role;
  const out: DeviationDef[] = [];
  const uncomputable: TableReading['uncomputable'] = [];
  for (const role of ['deviation_period', 'deviation_annual'] as const) {
    const dev = t.byRole(role);
    if (!dev) continue;
    const pair = pairs.find(
      (p) =>
        p.dev === dev &&
        (roleOf(p.actual) === 'outcome' || roleOf(p.actual) === 'forecast') &&
        roleOf(p.budget).startsWith('budget'),
    );
    let actual: ColumnData | undefined;
    let budget: ColumnData | undefined;
    if (pair) {
      actual = pair.actual;
      budget = pair.budget;
    } else if (role === 'deviation_period') {
      actual = t.byRole('outcome');
      budget = t.byRole('budget_period');
      if (!budget && t.byRole('budget_annual')) {
        if (months !== undefined && months < 12 && t.byRole('outcome')?.info.scope === 'period')
          uncomputable.push({
            column: dev,
            reason: `utfallet avser perioden (${months} månader) men tabellen har bara budget för helåret`,
          });
        else budget = t.byRole('budget_annual');
      }
    } else {
      actual = t.byRole('forecast') ?? (t.byRole('budget_period') ? undefined : t.byRole('outcome'));
      budget = t.byRole('budget_annual') ?? t.byRole('budget_period');
    }
    if (!actual || !budget) continue;
    const def: DeviationDef = {
      dev,
      actual,
      budget,
      role,
      flipped: false,
      votes: { convention: 0, opposite: 0 },
    };
    if (pair?.relation) def.relation = pair.relation;
    const stated = dev.info.statedDirection;
    if (stated) def.stated = stated === 'outcome_minus_budget' ? 1 : -1;
    def.votes = directionVotes(t, def);
    def.flipped = isFlipped(t, def);
    out.push(def);
  }
  return { deviations: out, uncomputable };
}

/**
 * Counts rows whose deviation fits the convention's direction and rows that
 * fit only the opposite one. Rows where actual and budget are within rounding
 * of each other cannot tell the directions apart and are skipped.
 */
function directionVotes(t: TableReading, def: DeviationDef): { convention: number; opposite: number } {
  const votes = { convention: 0, opposite: 0 };
  for (let p = 0; p < t.data.n; p++) {
    if (t.traits[p]!.base !== 'figure') continue;
    const a = def.actual.value[p]!;
    const b = def.budget.value[p]!;
    const d = def.dev.value[p]!;
    if (Number.isNaN(a) || Number.isNaN(b) || Number.isNaN(d)) continue;
    const tol = (def.actual.prec[p]! + def.budget.prec[p]! + def.dev.prec[p]!) / 2;
    const diff = a - b;
    if (Math.abs(diff) <= 2 * tol) continue;
    const dir: Direction = t.signConvention === 'costs_positive' && !t.revenue[p] ? -1 : 1;
    if (Math.abs(d - dir * diff) <= tol) votes.convention++;
    else if (Math.abs(d + dir * diff) <= tol) votes.opposite++;
  }
  return votes;
}

/**
 * Whether a deviation column runs against the table's convention: decided
 * by its values when they decide it, else by a direction its header spells
 * out ("Avvikelse budget − utfall"). Both the check and the writer follow it.
 */
function isFlipped(t: TableReading, def: DeviationDef): boolean {
  const { convention, opposite } = def.votes;
  if (opposite >= 2 && opposite > 2 * convention) return true;
  if (convention > 0) return false;
  if (def.stated === undefined) return false;
  const conventionSign = t.signConvention === 'costs_positive' ? -1 : 1;
  return def.stated !== conventionSign;
}
