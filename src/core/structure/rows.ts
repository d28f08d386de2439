import { compact, stripFootnoteMarkers } from '../text';
import type { RowKind } from '../schemas';

/** A row as the kind classifier sees it. */
export interface RowShape {
  label: string;
  /** At least one amount cell holds a value (number, text number, "..", dash or formula). */
  hasValues: boolean;
  blank: boolean;
}

const VARAV = /^[\s\-–—•]*(varav|därav|darav)\b/i;
const GENDER_SPLIT = /^\s*[KM]\s*:\s*\S/;
const FOOTNOTE_START =
  /^(\*+\)?|[\u00b9\u00b2\u00b3\u2070-\u2079]+|\d{1,2}\)|\d\s+[A-ZÅÄÖa-zåäö]|(not|anm|anmärkning|källa|kalla|obs|fotnot|kommentar|förklaring)\b)/i;

/** Sum labels (DOMAIN.md §6): Summa, SUMMA, Totalt, TOTALT, "Summa:", Resultat, Nettokostnad, "Totalt Socialtjänsten". */
export function isSumLabel(label: string): boolean {
  const l = stripFootnoteMarkers(label).toLowerCase().trim();
  if (
    /^(summa|s:a|totalt?|total|resultat|nettokostnad(er)?|netto|årets resultat|periodens resultat|verksamhetens nettokostnad(er)?)\b/.test(
      l,
    )
  )
    return true;
  return isBlockSumLabel(label);
}

/** "Intäkter", "Kostnader", "Summa intäkter" ...: the two halves of a result statement. */
export function isBlockSumLabel(label: string): boolean {
  const c = compact(stripFootnoteMarkers(label));
  return /^(summa)?(verksamhetens)?(intakter|kostnader)(totalt)?$/.test(c);
}

/** Labels that name the grand total rather than a part. */
export function isGrandTotalLabel(label: string): boolean {
  const c = compact(stripFootnoteMarkers(label));
  return (
    /^(summa|totalt?|total|resultat|nettokostnad(er)?|netto|aretsresultat|periodensresultat|verksamhetensnettokostnad(er)?)$/.test(
      c,
    ) || /^(totalt|summa)(socialtjansten|socialnamnden|namnden|forvaltningen)/.test(c)
  );
}

export function isVaravLabel(label: string): boolean {
  return VARAV.test(label) || GENDER_SPLIT.test(label);
}

export function isFootnoteLabel(label: string): boolean {
  return FOOTNOTE_START.test(label.trim());
}

/** Revenue rows: in a costs-positive table their deviation is utfall − budget (DOMAIN.md §5). */
export function isRevenueLabel(label: string): boolean {
  const c = compact(label);
  return (
    /intakt|^(riktade)?statsbidrag|^(taxoroch)?avgifter|ersattningfran|forsaljning/.test(c) &&
    !/kostnad/.test(c)
  );
}

/** Volume units read from a följetal label: "Hemtjänst, timmar", "antal årsplatser", "antal hushåll". */
export function rowUnit(label: string): string | undefined {
  const l = label.toLowerCase();
  if (/\btimmar\b|\btim\b|timmar\d?$/.test(l)) return 'timmar';
  if (/årsplats|arsplats/.test(l)) return 'årsplatser';
  if (/hushåll|hushall/.test(l)) return 'hushåll';
  if (/årsantal|arsantal/.test(l)) return 'årsantal';
  if (/\bdygn\b|vårddygn/.test(l)) return 'dygn';
  if (/\(%\)|\bandel\b|%\s*$|procent/.test(l)) return '%';
  if (/placering/.test(l)) return 'placeringar';
  if (/\bantal\b|\bbrukare\b|\bpersoner\b|\binsatser\b|\bkunder\b/.test(l)) return 'antal';
  return undefined;
}

/** Stock measures are levels, not flows: a forecast keeps the current level (DOMAIN.md §9). */
export function isStockUnit(unit: string | undefined): boolean {
  return unit === 'årsplatser' || unit === 'hushåll' || unit === 'årsantal' || unit === '%';
}

/**
 * Flow measures accumulate over the year (hours, days, insatser, visits) and
 * are extrapolated; everything else on a följetal sheet (places, households,
 * persons, rows without a unit such as "Boende/behandlingshem") is a level.
 */
export function isFlowMeasure(row: { label: string; unit?: string }): boolean {
  if (row.unit === 'timmar' || row.unit === 'dygn') return true;
  return (
    /insats|besök|besok|timmar|dygn|beslut|ansökning|ansokning|aktualisering|utredning/i.test(row.label) &&
    !isStockUnit(row.unit)
  );
}

/**
 * Row kinds for the data rows of one table (DOMAIN.md §6). Totals and
 * subtotals are told apart afterwards: among the sum rows the grand one is
 * the last (or a leading TOTALT); the others are subtotals.
 */
export function classifyRows(rows: RowShape[]): RowKind[] {
  const kinds: RowKind[] = rows.map((r, i) => {
    if (r.blank) return 'blank';
    const label = r.label.trim();
    if (!r.hasValues) {
      if (label === '') return 'blank';
      if (isFootnoteLabel(label)) return 'footnote';
      // A label-only row followed by rows with values opens a group.
      if (rows.slice(i + 1).some((n) => n.hasValues)) return 'group_header';
      // After the last figures: a numbered indicator without values is still an item ("9. Övriga …").
      const numbered = /^\d{1,2}\.\s/;
      if (numbered.test(label) && rows.slice(0, i).some((p) => p.hasValues && numbered.test(p.label.trim())))
        return 'item';
      return 'group_header';
    }
    if (isVaravLabel(label)) return 'varav';
    if (label !== '' && isSumLabel(label)) return 'subtotal';
    return 'item';
  });

  const sumIdx = kinds.map((k, i) => (k === 'subtotal' ? i : -1)).filter((i) => i >= 0);
  if (sumIdx.length > 0) {
    const firstValueRow = kinds.findIndex((k) => k !== 'blank' && k !== 'group_header');
    const first = sumIdx[0]!;
    const last = sumIdx[sumIdx.length - 1]!;
    let grand: number;
    if (
      first === firstValueRow &&
      isGrandTotalLabel(rows[first]!.label) &&
      !sumIdx.slice(1).some((i) => isGrandTotalLabel(rows[i]!.label))
    )
      grand = first;
    else if (!isBlockSumLabel(rows[last]!.label) || sumIdx.length === 1) grand = last;
    else grand = -1;
    if (grand >= 0) kinds[grand] = 'total';
  }
  return kinds;
}
