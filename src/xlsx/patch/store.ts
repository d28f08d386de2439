/**
 * Budgetkoll's very hidden store sheet: column A holds the settings and the
 * undo journal as text chunks (core/store.ts). The sheet is Budgetkoll's
 * own, so its cells are written whole; everything else in the part stays.
 */
import { cellText, findElement, rootPrefix } from './xml';

function rows(chunks: readonly string[], style: number, p: string): string {
  const s = style === 0 ? '' : ` s="${style}"`;
  return chunks
    .map((chunk, i) => {
      const space = /^\s|\s$|[\n\t]/.test(chunk) ? ' xml:space="preserve"' : '';
      return `<${p}row r="${i + 1}"><${p}c r="A${i + 1}"${s} t="inlineStr"><${p}is><${p}t${space}>${cellText(chunk)}</${p}t></${p}is></${p}c></${p}row>`;
    })
    .join('');
}

/** A new worksheet part holding the chunks (the sheet is registered very hidden by the caller). */
export function buildStoreSheet(chunks: readonly string[], style: number): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<dimension ref="A1:A${Math.max(1, chunks.length)}"/>` +
    '<sheetViews><sheetView workbookViewId="0"/></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    `<sheetData>${rows(chunks, style, '')}</sheetData>` +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    '</worksheet>'
  );
}

/** The existing store part with its cells replaced by the chunks. */
export function replaceStoreData(xml: string, chunks: readonly string[], style: number): string {
  const p = rootPrefix(xml, 'worksheet');
  const sd = findElement(xml, `${p}sheetData`);
  if (!sd) return buildStoreSheet(chunks, style);
  const data = `<${p}sheetData>${rows(chunks, style, p)}</${p}sheetData>`;
  let out = xml.slice(0, sd.start) + data + xml.slice(sd.end);
  const dim = findElement(out, `${p}dimension`);
  if (dim)
    out = `${out.slice(0, dim.start)}<${p}dimension ref="A1:A${Math.max(1, chunks.length)}"/>${out.slice(dim.end)}`;
  return out;
}
