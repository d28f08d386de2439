/**
 * Whole sheets from sheet plans (core/report/sheetPlan.ts) into the user's
 * package: a new worksheet part (or the replacement of the one Budgetkoll
 * generated before, in its place), its styles appended to styles.xml, column
 * widths, row heights, merges, frozen header rows, print setup (A4
 * landscape, fit to pages wide, print area and title rows as the defined
 * names Excel uses), the generated-sheet mark as a sheet-scoped defined name,
 * and each chart as a DrawingML chart part bound to the sheet's cells. Every
 * other part is left as it was, byte for byte.
 */
import { columnLetter, a1, quoteSheet } from '../../core/grid';
import { markFormula } from '../../core/report/mark';
import type { CellFormat, ChartSpec, SheetPlan } from '../../core/report/sheetPlan';
import { GENERATED_MARK_NAME } from '../../core/report/sheetPlan';
import {
  relPrefix,
  requestFullCalc,
  sheetEntries,
  structureLocked,
  workbookPath,
  type SheetEntry,
} from './index';
import { Package, relsPath, WORKSHEET_TYPE, STYLES_TYPE } from './package';
import { Styles, type SheetCellFormat } from './styles';
import { XlsxPatchError } from './types';
import {
  cellText,
  escapeAttr,
  escapeText,
  findElement,
  findElements,
  getAttr,
  rootPrefix,
  unescapeXml,
} from './xml';

const DRAWING_TYPE = 'application/vnd.openxmlformats-officedocument.drawing+xml';
const CHART_TYPE = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
/** Excel's paperSize code for A4. */
const PAPER_A4 = 9;

function fail(message: string): never {
  throw new XlsxPatchError(
    'invalid_edit',
    `Budgetkoll skapade ett ogiltigt blad (${message}); inget har skrivits.`,
  );
}

/** The format of every formatted cell: blocks in order, later properties win. */
function cellFormats(plan: SheetPlan): Map<number, Map<number, CellFormat>> {
  const out = new Map<number, Map<number, CellFormat>>();
  for (const { block, format } of plan.formats) {
    for (let r = block.top; r <= block.bottom; r++) {
      let row = out.get(r);
      if (!row) out.set(r, (row = new Map()));
      for (let c = block.left; c <= block.right; c++) row.set(c, { ...row.get(c), ...format });
    }
  }
  return out;
}

interface Built {
  xml: string;
}

function worksheetXml(plan: SheetPlan, styles: Styles, drawingId: string | undefined): Built {
  const formats = cellFormats(plan);
  const rows = new Map<number, Map<number, string>>();
  const styleOf = (row: number, col: number, quote: boolean): number => {
    const f = formats.get(row)?.get(col);
    if (!f && !quote) return 0;
    const sf: SheetCellFormat = { ...(f ?? {}) };
    if (quote) sf.quotePrefix = true;
    return styles.xfForFormat(sf);
  };
  const put = (row: number, col: number, xml: string) => {
    let r = rows.get(row);
    if (!r) rows.set(row, (r = new Map()));
    r.set(col, xml);
  };
  let maxRow = 0;
  let maxCol = 0;
  for (const c of plan.cells) {
    if (!Number.isInteger(c.row) || !Number.isInteger(c.col) || c.row < 0 || c.col < 0)
      fail(`cell ${c.row},${c.col}`);
    if ((c.formula === undefined) === (c.value === undefined)) fail(`cell ${a1(c.row, c.col)}`);
    const ref = a1(c.row, c.col);
    maxRow = Math.max(maxRow, c.row);
    maxCol = Math.max(maxCol, c.col);
    if (c.formula !== undefined) {
      const s = styleOf(c.row, c.col, false);
      put(
        c.row,
        c.col,
        `<c r="${ref}"${s ? ` s="${s}"` : ''}><f>${escapeText(c.formula.replace(/^=/, ''))}</f></c>`,
      );
    } else if (typeof c.value === 'number') {
      if (!Number.isFinite(c.value)) fail(`tal i ${ref}`);
      const s = styleOf(c.row, c.col, false);
      put(c.row, c.col, `<c r="${ref}"${s ? ` s="${s}"` : ''}><v>${String(c.value)}</v></c>`);
    } else {
      const text = String(c.value);
      // A label such as "=x" or "-x" is text in the file; the prefix keeps it text when the user edits it.
      const s = styleOf(c.row, c.col, /^[=+\-@]/.test(text));
      const space = /^\s|\s$|[\n\t]/.test(text) ? ' xml:space="preserve"' : '';
      put(
        c.row,
        c.col,
        `<c r="${ref}"${s ? ` s="${s}"` : ''} t="inlineStr"><is><t${space}>${cellText(text)}</t></is></c>`,
      );
    }
  }
  // Formatted cells without content (a border under an empty header cell, the merged area).
  for (const [row, cols] of formats) {
    for (const col of cols.keys()) {
      if (rows.get(row)?.has(col)) continue;
      const s = styleOf(row, col, false);
      if (s) put(row, col, `<c r="${a1(row, col)}" s="${s}"/>`);
      maxRow = Math.max(maxRow, row);
      maxCol = Math.max(maxCol, col);
    }
  }
  const heights = new Map(plan.rowHeights.map((h) => [h.row, h.points]));
  for (const row of heights.keys()) if (!rows.has(row)) rows.set(row, new Map());
  const sheetData = [...rows.keys()]
    .sort((x, y) => x - y)
    .map((row) => {
      const cells = rows.get(row)!;
      const ht = heights.get(row);
      const attrs = ht !== undefined ? ` ht="${ht}" customHeight="1"` : '';
      const body = [...cells.keys()]
        .sort((x, y) => x - y)
        .map((c) => cells.get(c)!)
        .join('');
      return `<row r="${row + 1}"${attrs}>${body}</row>`;
    })
    .join('');

  const cols = [...plan.columnWidths]
    .sort((x, y) => x.col - y.col)
    .map((w) => `<col min="${w.col + 1}" max="${w.col + 1}" width="${w.chars}" customWidth="1"/>`)
    .join('');
  const freeze = plan.freezeRows;
  const pane =
    freeze > 0
      ? `<pane ySplit="${freeze}" topLeftCell="A${freeze + 1}" activePane="bottomLeft" state="frozen"/>` +
        `<selection pane="bottomLeft" activeCell="A${freeze + 1}" sqref="A${freeze + 1}"/>`
      : '';
  const merges = plan.merges.length
    ? `<mergeCells count="${plan.merges.length}">${plan.merges
        .map((m) => `<mergeCell ref="${a1(m.top, m.left)}:${a1(m.bottom, m.right)}"/>`)
        .join('')}</mergeCells>`
    : '';
  const pr = plan.print;
  const xml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` +
    `<dimension ref="A1:${a1(maxRow, maxCol)}"/>` +
    `<sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    (cols ? `<cols>${cols}</cols>` : '') +
    `<sheetData>${sheetData}</sheetData>` +
    merges +
    (pr.centerHorizontally ? '<printOptions horizontalCentered="1"/>' : '') +
    '<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>' +
    `<pageSetup paperSize="${PAPER_A4}" orientation="${pr.orientation}" fitToWidth="${pr.fitToPagesWide}" fitToHeight="${pr.fitToPagesTall}"/>` +
    rowBreaks(pr.rowBreaks ?? []) +
    (drawingId ? `<drawing r:id="${drawingId}"/>` : '') +
    '</worksheet>';
  return { xml };
}

/** Manual page breaks before the given rows (the <brk> id is the 0-based row a page starts with). */
function rowBreaks(rows: readonly number[]): string {
  if (rows.length === 0) return '';
  const brk = rows.map((r) => `<brk id="${r}" max="16383" man="1"/>`).join('');
  return `<rowBreaks count="${rows.length}" manualBreakCount="${rows.length}">${brk}</rowBreaks>`;
}

function absRange(sheet: string, top: number, left: number, bottom: number, right: number): string {
  const c = (col: number) => `$${columnLetter(col)}`;
  return `${quoteSheet(sheet)}!${c(left)}$${top + 1}:${c(right)}$${bottom + 1}`;
}

function richText(text: string, size: number, bold: boolean): string {
  return (
    `<c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}"/></a:pPr>` +
    `<a:r><a:rPr lang="sv-SE" sz="${size}" b="${bold ? 1 : 0}"/><a:t>${escapeText(text)}</a:t></a:r></a:p></c:rich>`
  );
}

function textProps(size: number): string {
  return `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}"/></a:pPr><a:endParaRPr lang="sv-SE"/></a:p></c:txPr>`;
}

/** A clustered bar chart bound to the plan's cells (ECMA-376 §21.2; the element order is the schema's). */
export function chartXml(spec: ChartSpec, sheet: string): string {
  const cat = absRange(
    sheet,
    spec.categories.top,
    spec.categories.left,
    spec.categories.bottom,
    spec.categories.right,
  );
  const val = absRange(sheet, spec.values.top, spec.values.left, spec.values.bottom, spec.values.right);
  const fmt = escapeAttr(spec.valueNumberFormat);
  const labels = spec.dataLabels
    ? `<c:dLbls><c:numFmt formatCode="${fmt}" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>${textProps(900)}` +
      '<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/>' +
      '<c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>'
    : '';
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" ' +
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ' +
    `xmlns:r="${REL_NS}">` +
    '<c:lang val="sv-SE"/><c:roundedCorners val="0"/>' +
    '<c:chart>' +
    `<c:title><c:tx>${richText(spec.title, 1200, true)}</c:tx><c:overlay val="0"/></c:title>` +
    '<c:autoTitleDeleted val="0"/>' +
    '<c:plotArea><c:layout/>' +
    '<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>' +
    '<c:ser><c:idx val="0"/><c:order val="0"/>' +
    `<c:tx><c:v>${escapeText(spec.seriesName)}</c:v></c:tx>` +
    '<c:spPr><a:solidFill><a:srgbClr val="2F5597"/></a:solidFill></c:spPr>' +
    '<c:invertIfNegative val="0"/>' +
    labels +
    `<c:cat><c:strRef><c:f>${escapeText(cat)}</c:f></c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${escapeText(val)}</c:f></c:numRef></c:val>` +
    '</c:ser>' +
    '<c:gapWidth val="60"/><c:axId val="50010"/><c:axId val="50020"/></c:barChart>' +
    '<c:catAx><c:axId val="50010"/>' +
    `<c:scaling><c:orientation val="${spec.categoriesTopDown ? 'maxMin' : 'minMax'}"/></c:scaling>` +
    '<c:delete val="0"/><c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="0"/>' +
    `<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/>${textProps(900)}` +
    '<c:crossAx val="50020"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>' +
    '<c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>' +
    '<c:valAx><c:axId val="50020"/><c:scaling><c:orientation val="minMax"/></c:scaling>' +
    '<c:delete val="0"/><c:axPos val="b"/><c:majorGridlines/>' +
    `<c:numFmt formatCode="${fmt}" sourceLinked="0"/>` +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${textProps(900)}` +
    // With the categories top-down, the value axis crosses at the last category: it stays at the bottom.
    `<c:crossAx val="50010"/><c:crosses val="${spec.categoriesTopDown ? 'max' : 'autoZero'}"/>` +
    '<c:crossBetween val="between"/></c:valAx>' +
    '</c:plotArea>' +
    '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>' +
    '</c:chart>' +
    '</c:chartSpace>'
  );
}

function drawingXml(charts: { spec: ChartSpec; rid: string }[]): string {
  const anchors = charts
    .map(({ spec, rid }, i) => {
      const { from, to } = spec.anchor;
      return (
        '<xdr:twoCellAnchor editAs="oneCell">' +
        `<xdr:from><xdr:col>${from.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${from.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
        `<xdr:to><xdr:col>${to.col + 1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${to.row + 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
        `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${escapeAttr(`Diagram ${i + 1}`)}" descr="${escapeAttr(spec.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
        '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">' +
        `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="${rid}"/>` +
        '</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>'
      );
    })
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" ' +
    `xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${REL_NS}">${anchors}</xdr:wsDr>`
  );
}

/** Removes a generated sheet's drawings and charts with their relationships (the sheet is rewritten whole). */
async function dropDrawings(pkg: Package, sheetPath: string): Promise<void> {
  for (const rel of await pkg.relationships(sheetPath)) {
    if (rel.external || rel.kind !== 'drawing') continue;
    for (const inner of await pkg.relationships(rel.target)) {
      if (inner.external) continue;
      pkg.remove(inner.target);
      await pkg.setOverride(inner.target, undefined);
      if (pkg.has(relsPath(inner.target))) pkg.remove(relsPath(inner.target));
    }
    pkg.remove(rel.target);
    await pkg.setOverride(rel.target, undefined);
    if (pkg.has(relsPath(rel.target))) pkg.remove(relsPath(rel.target));
    await pkg.removeRelationshipsTo(sheetPath, rel.target);
  }
}

/** Elements of CT_Workbook a new definedNames element goes after. */
const BEFORE_DEFINED_NAMES = ['externalReferences', 'functionGroups', 'sheets'];

/** Replaces the sheet-scoped print area, print titles and mark of `index` with the plan's. */
function setSheetNames(
  wbXml: string,
  p: string,
  index: number,
  names: { name: string; text: string; hidden?: boolean }[],
): string {
  const own = new Set(names.map((n) => n.name.toLowerCase()));
  let xml = wbXml;
  const span = findElement(xml, `${p}definedNames`);
  const items = names
    .map(
      (n) =>
        `<${p}definedName name="${escapeAttr(n.name)}" localSheetId="${index}"${n.hidden ? ' hidden="1"' : ''}>${escapeText(n.text)}</${p}definedName>`,
    )
    .join('');
  if (span && !span.selfClosing) {
    let out = '';
    let last = span.openEnd;
    for (const e of findElements(xml, `${p}definedName`, span.openEnd, span.closeStart)) {
      const tag = xml.slice(e.start, e.openEnd);
      const mine =
        getAttr(tag, 'localSheetId') === String(index) && own.has((getAttr(tag, 'name') ?? '').toLowerCase());
      out += xml.slice(last, e.start);
      if (!mine) out += xml.slice(e.start, e.end);
      last = e.end;
    }
    out += xml.slice(last, span.closeStart);
    return xml.slice(0, span.openEnd) + out + items + xml.slice(span.closeStart);
  }
  if (span) xml = xml.slice(0, span.start) + xml.slice(span.end);
  const after = BEFORE_DEFINED_NAMES.map((n) => findElement(xml, `${p}${n}`)).find((e) => e !== undefined);
  if (!after) fail('arbetsboken saknar bladförteckning');
  return `${xml.slice(0, after.end)}<${p}definedNames>${items}</${p}definedNames>${xml.slice(after.end)}`;
}

/**
 * The user's package with the plans' sheets added or replaced, in order.
 * A plan to replace a sheet that is missing, or to add one whose name is
 * taken, is refused with XlsxPatchError and nothing is written.
 */
export async function addSheetPlans(original: Uint8Array, plans: readonly SheetPlan[]): Promise<Uint8Array> {
  if (plans.length === 0) return original.slice();
  let pkg: Package;
  try {
    pkg = await Package.load(original);
  } catch {
    throw new XlsxPatchError('not_xlsx', 'Filen kunde inte öppnas som Excel-arbetsbok (.xlsx).');
  }
  const wbPath = await workbookPath(pkg);
  let wbXml = (await pkg.text(wbPath))!;
  const p = rootPrefix(wbXml, 'workbook');
  const rels = await pkg.relationships(wbPath);
  const stylesRel = rels.find((r) => r.kind === 'styles' && !r.external);
  const styles = new Styles(stylesRel ? await pkg.text(stylesRel.target) : undefined);
  const dir = wbPath.slice(0, wbPath.lastIndexOf('/') + 1);

  for (const plan of plans) {
    const targets = new Map(
      (await pkg.relationships(wbPath)).filter((r) => !r.external).map((r) => [r.id, r.target]),
    );
    const entries: SheetEntry[] = sheetEntries(wbXml, p, targets);
    const name = plan.target.name;
    const existing = entries.find((e) => e.name.toLowerCase() === name.toLowerCase());
    let path: string;
    let index: number;
    if (plan.target.action === 'replace') {
      if (!existing)
        throw new XlsxPatchError(
          'sheet_missing',
          `Bladet som skulle ersättas finns inte i arbetsboken: ${name}`,
        );
      path = existing.path;
      index = existing.index;
      await dropDrawings(pkg, path);
    } else {
      if (existing)
        throw new XlsxPatchError(
          'invalid_edit',
          `Arbetsboken har redan ett blad som heter ”${name}”; inget har skrivits. Kör igen, så väljs ett ledigt namn.`,
        );
      if (structureLocked(wbXml, p))
        throw new XlsxPatchError(
          'protected_workbook',
          `Arbetsbokens struktur är skyddad, så bladet ”${name}” kan inte läggas till. ` +
            'Ta bort skyddet (Granska → Skydda arbetsbok) och kör igen; inget har ändrats.',
        );
      path = pkg.freeName(`${dir}worksheets/sheet`, '.xml');
      pkg.setText(path, '');
      await pkg.setOverride(path, WORKSHEET_TYPE);
      const id = await pkg.addRelationship(wbPath, 'worksheet', path);
      const sheets = findElement(wbXml, `${p}sheets`);
      if (!sheets || sheets.selfClosing) fail('arbetsboken saknar bladförteckning');
      const ids = findElements(wbXml, `${p}sheet`, sheets.openEnd, sheets.closeStart).map((e) =>
        Number(getAttr(wbXml.slice(e.start, e.openEnd), 'sheetId') ?? 0),
      );
      const { prefix, declare } = relPrefix(wbXml);
      const el = `<${p}sheet name="${escapeAttr(name)}" sheetId="${Math.max(0, ...ids) + 1}" ${prefix}:id="${id}"${declare}/>`;
      wbXml = wbXml.slice(0, sheets.closeStart) + el + wbXml.slice(sheets.closeStart);
      index = entries.length;
    }

    let drawingId: string | undefined;
    if (plan.charts.length > 0) {
      const drawing = pkg.freeName(`${dir}drawings/drawing`, '.xml');
      pkg.setText(drawing, '');
      await pkg.setOverride(drawing, DRAWING_TYPE);
      const charts: { spec: ChartSpec; rid: string }[] = [];
      for (const spec of plan.charts) {
        const chart = pkg.freeName(`${dir}charts/chart`, '.xml');
        pkg.setText(chart, chartXml(spec, name));
        await pkg.setOverride(chart, CHART_TYPE);
        charts.push({ spec, rid: await pkg.addRelationship(drawing, 'chart', chart) });
      }
      pkg.setText(drawing, drawingXml(charts));
      drawingId = await pkg.addRelationship(path, 'drawing', drawing);
    }
    pkg.setText(path, worksheetXml(plan, styles, drawingId).xml);

    const area = plan.print.printArea;
    const names = [
      { name: '_xlnm.Print_Area', text: absRange(name, area.top, area.left, area.bottom, area.right) },
      { name: GENERATED_MARK_NAME, text: markFormula(plan.mark).slice(1), hidden: true },
    ];
    if (plan.print.titleRows)
      names.push({
        name: '_xlnm.Print_Titles',
        text: `${quoteSheet(name)}!$${plan.print.titleRows.first + 1}:$${plan.print.titleRows.last + 1}`,
      });
    wbXml = setSheetNames(wbXml, p, index, names);
  }

  wbXml = requestFullCalc(wbXml, p);
  pkg.setText(wbPath, wbXml);
  if (styles.changed) {
    if (stylesRel) pkg.setText(stylesRel.target, styles.toXml());
    else {
      const path = `${dir}styles.xml`;
      pkg.setText(path, styles.toXml());
      await pkg.setOverride(path, STYLES_TYPE);
      await pkg.addRelationship(wbPath, 'styles', path);
    }
  }
  return pkg.generate();
}

/** Each sheet's generated-sheet mark (the text of its sheet-scoped GENERATED_MARK_NAME), by sheet name. */
export async function readSheetMarks(bytes: Uint8Array): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let pkg: Package;
  try {
    pkg = await Package.load(bytes);
  } catch {
    return out;
  }
  const wbPath = await workbookPath(pkg);
  const wbXml = (await pkg.text(wbPath)) ?? '';
  const p = rootPrefix(wbXml, 'workbook');
  const targets = new Map(
    (await pkg.relationships(wbPath)).filter((r) => !r.external).map((r) => [r.id, r.target]),
  );
  const entries = sheetEntries(wbXml, p, targets);
  const span = findElement(wbXml, `${p}definedNames`);
  if (!span || span.selfClosing) return out;
  for (const e of findElements(wbXml, `${p}definedName`, span.openEnd, span.closeStart)) {
    const tag = wbXml.slice(e.start, e.openEnd);
    if ((getAttr(tag, 'name') ?? '').toLowerCase() !== GENERATED_MARK_NAME.toLowerCase()) continue;
    const local = getAttr(tag, 'localSheetId');
    const entry = local === undefined ? undefined : entries.find((s) => s.index === Number(local));
    if (entry && !e.selfClosing) out.set(entry.name, unescapeXml(wbXml.slice(e.openEnd, e.closeStart)));
  }
  return out;
}
