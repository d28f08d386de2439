/**
 * What must hold before a command writes, learned in its first sync and
 * checked before anything is changed, so that Excel never fails halfway:
 * the sheet is not protected, and every column insert (Insert > Shift cells
 * right) can be made: it would not split an Excel table, a filter or a
 * merged area, nor push cells off the sheet. Each refusal says in Swedish
 * which sheet and cells, and what to do.
 */
import { rangeA1 } from '../core/grid';
import { MAX_COL } from '../core/refs';
import type { ColumnInsert } from '../core/plan';
import { GatewayError } from './errors';
import { isSetSupported } from './runtime';

const UNCHANGED = 'Inget har ändrats.';

export interface WriteGuard {
  /** After the first sync: throws a GatewayError when the write cannot go ahead. */
  check(): void;
}

/** The pre-insert column of each insert (an insert's column counts the inserts before it). */
function preInsertColumns(inserts: readonly ColumnInsert[]): number[] {
  return inserts.map((ins, i) => {
    let c = ins.col;
    for (let j = i - 1; j >= 0; j--) {
      const p = inserts[j]!;
      if (p.bottom >= ins.top && p.top <= ins.bottom && c > p.col) c--;
    }
    return c;
  });
}

function overlaps(a: { top: number; bottom: number; left: number; right: number }, b: typeof a): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

interface Strip {
  /** The row on each side of the band's edge. */
  outer: number;
  inner: number;
  areas: Excel.RangeAreas;
}

/**
 * Queues what the checks need into the first sync: the sheet's protection,
 * and for inserts the Excel tables and merged areas in the cells that would
 * move (getTables, ExcelApi 1.9; getMergedAreasOrNullObject, ExcelApi 1.13,
 * only where supported), the AutoFilter and the used range's right edge.
 */
export function queueWriteGuard(
  ws: Excel.Worksheet,
  sheet: string,
  inserts: readonly ColumnInsert[],
): WriteGuard {
  const protection = ws.protection;
  protection.load('protected');
  if (inserts.length === 0) return { check: () => checkProtection(sheet, protection.protected) };

  const columns = preInsertColumns(inserts);
  const tables = inserts.map((ins, i) => {
    const collection = ws.getRange(rangeA1(ins.top, columns[i]!, ins.bottom, MAX_COL)).getTables(false);
    collection.load('items/name');
    return collection;
  });
  const filter = ws.autoFilter;
  filter.load('enabled,isDataFiltered');
  const filterRange = filter.getRangeOrNullObject();
  filterRange.load('rowIndex,columnIndex,rowCount,columnCount');
  const used = ws.getUsedRange(true);
  used.load('columnIndex,columnCount');
  const merges: Strip[][] = isSetSupported('ExcelApi', '1.13')
    ? inserts.map((ins, i) => {
        const strips: Strip[] = [];
        const strip = (outer: number, inner: number) => {
          const top = Math.min(outer, inner);
          const areas = ws.getRange(rangeA1(top, columns[i]!, top + 1, MAX_COL)).getMergedAreasOrNullObject();
          areas.load('address');
          strips.push({ outer, inner, areas });
        };
        if (ins.top > 0) strip(ins.top - 1, ins.top);
        strip(ins.bottom + 1, ins.bottom);
        return strips;
      })
    : [];

  return {
    check() {
      checkProtection(sheet, protection.protected);
      inserts.forEach((ins, i) => {
        const where = rangeA1(ins.top, ins.col, ins.bottom, ins.col);
        const band = { top: ins.top, bottom: ins.bottom, left: columns[i]!, right: MAX_COL };
        const names = tables[i]!.items.map((t) => t.name);
        if (names.length > 0) {
          throw new GatewayError(
            'INSERT_CONFLICT',
            `Budgetkoll behöver infoga en kolumn i ${where} på bladet ”${sheet}”, men cellerna ligger i Excel-tabellen ${names.map((n) => `”${n}”`).join(', ')}, och Excel delar inte en tabell. Lägg till kolumnen i tabellen själv (högerklicka i tabellen → Infoga → Tabellkolumner till vänster) eller gör om tabellen till ett vanligt område (Tabelldesign → Konvertera till område) och kör kommandot igen. ${UNCHANGED}`,
          );
        }
        if (filter.enabled && !filterRange.isNullObject) {
          const f = {
            top: filterRange.rowIndex,
            left: filterRange.columnIndex,
            bottom: filterRange.rowIndex + filterRange.rowCount - 1,
            right: filterRange.columnIndex + filterRange.columnCount - 1,
          };
          if (overlaps(f, band) && (filter.isDataFiltered || f.top < ins.top || f.bottom > ins.bottom)) {
            throw new GatewayError(
              'INSERT_CONFLICT',
              filter.isDataFiltered
                ? `Budgetkoll behöver infoga en kolumn i ${where} på bladet ”${sheet}”, men ett filter döljer rader där. Visa alla rader (Data → Rensa) och kör kommandot igen. ${UNCHANGED}`
                : `Budgetkoll behöver infoga en kolumn i ${where} på bladet ”${sheet}”, men filtret i ${rangeA1(f.top, f.left, f.bottom, f.right)} skulle delas. Stäng av filtret (Data → Filter) och kör kommandot igen. ${UNCHANGED}`,
            );
          }
        }
        for (const s of merges[i] ?? []) {
          if (s.areas.isNullObject) continue;
          for (const address of s.areas.address.split(',')) {
            const local = address.slice(address.lastIndexOf('!') + 1);
            const [a, b = a] = local.split(':');
            const rows = [a, b].map((p) => Number(/\d+$/.exec(p ?? '')?.[0]) - 1);
            const top = Math.min(rows[0]!, rows[1]!);
            const bottom = Math.max(rows[0]!, rows[1]!);
            if (top <= Math.min(s.outer, s.inner) && bottom >= Math.max(s.outer, s.inner)) {
              throw new GatewayError(
                'INSERT_CONFLICT',
                `Budgetkoll behöver infoga en kolumn i ${where} på bladet ”${sheet}”, men de sammanfogade cellerna ${local} skulle delas. Dela upp dem (Start → Sammanfoga och centrera) och kör kommandot igen. ${UNCHANGED}`,
              );
            }
          }
        }
      });
      const right = used.columnIndex + used.columnCount - 1;
      if (right + inserts.length > MAX_COL) {
        throw new GatewayError(
          'INSERT_CONFLICT',
          `Budgetkoll behöver infoga en kolumn på bladet ”${sheet}”, men celler med innehåll längst till höger på bladet (kolumn XFD) skulle hamna utanför det. Flytta eller ta bort dem och kör kommandot igen. ${UNCHANGED}`,
        );
      }
    },
  };
}

function checkProtection(sheet: string, protectedSheet: boolean): void {
  if (protectedSheet) {
    throw new GatewayError(
      'SHEET_PROTECTED',
      `Bladet ”${sheet}” är skyddat, så Budgetkoll kan inte skriva i det. Ta bort skyddet (Granska → Ta bort skydd för blad) och kör kommandot igen. ${UNCHANGED}`,
    );
  }
}

/** The refusal for a protected sheet, for commands that check protection themselves (Ångra). */
export function assertUnprotected(sheet: string, protectedSheet: boolean): void {
  checkProtection(sheet, protectedSheet);
}
