import type { ReportResult, SheetPlan } from '../../core/report/sheetPlan';
import { CODES } from '../../core/findings';
import type { Finding } from '../../core/schemas';
import { isXlsxPatchError } from '../../xlsx/patch';
import { buildReports, sheetsWithMarks, writeReports, type ReportType } from '../../xlsx/report';
import { parseCommandArgs } from '../args';
import type { Command } from '../command';
import { CliError, EXIT, type CliIO } from '../io';
import { SEVERITY_WORDS } from '../labels';
import { isStoreSheet, loadGrids } from '../workbook';

const USAGE = `Användning: budgetkoll rapport <in.xlsx> -o <ut.xlsx>
         [--typ verksamhetsrapport|foljetal|alla] [--blad NAMN]
         [--ersatt-andrad] [--skriv-over]

Skapar rapportflikarna till nämnden i en kopia av arbetsboken:
  Verksamhetsrapport  en rad per verksamhet med utfall, budget, avvikelse,
                      prognos och SUMMA, ett stapeldiagram över avvikelse
                      helår (störst först) och ett textutkast
  Följetal            volymerna i samma uppställning som bilagan
Alla tal är formler mot källtabellen, så rapporten följer med när källan
ändras. Är källan finare än en rad per verksamhet (en huvudbok per ansvar,
verksamhet och konto) summeras den via bladet Rapportrader, som du kan
ändra och sedan köra kommandot igen på.

Diagrammet skrivs in i filen som ett vanligt Excel-diagram, bundet till
rapportens celler.

Ett blad som Budgetkoll skapade tidigare ersätts; ett eget blad med samma
namn rörs aldrig (rapporten får ett ledigt namn, t.ex. "Verksamhetsrapport (2)").
Indatafilen ändras aldrig.

Flaggor:
  -o, --ut FIL      filen som ska skrivas (.xlsx, inte samma som indatafilen)
  --typ TYP         verksamhetsrapport, foljetal eller alla (standard: alla)
  --blad NAMN       läs källtabellen från bladet NAMN (annars väljs den bäst passande)
  --ersatt-andrad   ersätt en rapportflik som ändrats sedan Budgetkoll skapade den
  --skriv-over      ersätt utfilen om den redan finns
  -h, --help        visa den här hjälpen

Slutkod: 0 = filen skrevs, 1 = filen skrevs men minst ett fel hittades,
         2 = filen eller argumenten kunde inte användas (ingen fil skrevs).
`;

const TYPES: Record<string, ReportType> = {
  verksamhetsrapport: 'verksamhetsrapport',
  foljetal: 'foljetal',
  följetal: 'foljetal',
  alla: 'alla',
};

const TITLES: Record<ReportResult['kind'], string> = {
  verksamhetsrapport: 'Verksamhetsrapport',
  foljetal: 'Följetal',
};

function findingLine(f: Finding): string {
  return `  ${SEVERITY_WORDS[f.severity]} ${f.sheet}!${f.cell}: ${f.message}`;
}

function sheetLine(plan: SheetPlan): string {
  const how = plan.target.action === 'replace' ? 'ersatt' : 'nytt blad';
  const chart = plan.charts.length ? ', med diagram' : '';
  const what = plan.kind === 'rapportrader' ? 'mappning källrad → rapportrad' : 'rapport';
  return `  ”${plan.target.name}” (${how}, ${what}${chart})`;
}

export const rapport: Command = {
  name: 'rapport',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        ut: { type: 'string', short: 'o' },
        typ: { type: 'string' },
        blad: { type: 'string' },
        'ersatt-andrad': { type: 'boolean' },
        'skriv-over': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      'rapport',
    );
    if (values.help) {
      io.stdout(USAGE);
      return EXIT.OK;
    }
    if (positionals.length !== 1)
      throw new CliError('Ange en arbetsbok: budgetkoll rapport <in.xlsx> -o <ut.xlsx>');
    const input = positionals[0]!;
    const out = values.ut;
    if (typeof out !== 'string' || out === '')
      throw new CliError('Ange utfil: budgetkoll rapport in.xlsx -o ut.xlsx');
    if (!/\.xlsx$/i.test(out)) throw new CliError(`Utfilen ska sluta på .xlsx: ${out}`);
    const typeText = typeof values.typ === 'string' ? values.typ.toLocaleLowerCase('sv') : 'alla';
    const type = TYPES[typeText];
    if (!type)
      throw new CliError(
        `Okänd rapporttyp: ${String(values.typ)}. Välj verksamhetsrapport, foljetal eller alla.`,
      );
    const overwrite = values['skriv-over'] === true;
    if (!(await io.exists(input))) throw new CliError(`Filen finns inte: ${input}`);
    const target = await io.prepareOutput(out, { input, overwrite });
    try {
      const { text, exit, bytes } = await build(io, input, type, values);
      await target.commit(bytes);
      io.stdout(`${text}Skrev ${target.path}.\n`);
      return exit;
    } catch (e) {
      await target.abort();
      throw e;
    }
  },
};

interface Values {
  blad?: string | boolean;
  'ersatt-andrad'?: string | boolean;
}

async function build(
  io: CliIO,
  input: string,
  type: ReportType,
  values: Values,
): Promise<{ text: string; exit: number; bytes: Uint8Array }> {
  const wb = await loadGrids(io, input, (sheets) => sheets.map((s) => s.name));
  const ordered = wb.sheets
    .filter((s) => !isStoreSheet(s.name) && wb.grids.has(s.name))
    .map((s) => ({ name: s.name, grid: wb.grids.get(s.name)! }));
  const sheets = await sheetsWithMarks(wb.bytes, ordered);
  const blad = typeof values.blad === 'string' ? values.blad : undefined;
  const results = buildReports(sheets, type, wb.settings, blad !== undefined ? { sourceSheet: blad } : {});
  const built = results.filter((r) => r.sheets.length > 0);
  if (built.length === 0)
    throw new CliError(
      results
        .flatMap((r) => r.findings)
        .map((f) => f.message)
        .join('\n'),
    );
  const edited = built
    .flatMap((r) => r.sheets)
    .filter((p) => p.target.action === 'replace' && p.target.edited);
  if (edited.length > 0 && values['ersatt-andrad'] !== true)
    throw new CliError(
      `${edited.map((p) => `Bladet ”${p.target.name}”`).join(' och ')} har ändrats sedan Budgetkoll skapade det. ` +
        'Kör igen med --ersatt-andrad för att ersätta det i utfilen (indatafilen ändras inte), ' +
        'eller byt namn på bladet i Excel så skapas rapporten på ett nytt blad.',
    );

  let bytes: Uint8Array;
  try {
    bytes = await writeReports(wb.bytes, results);
  } catch (e) {
    if (isXlsxPatchError(e)) throw new CliError(e.message);
    throw e;
  }
  const lines: string[] = [];
  let errors = 0;
  for (const r of results) {
    lines.push(`${TITLES[r.kind]}${r.source ? ` från ${r.source}` : ''}:`);
    for (const p of r.sheets) lines.push(sheetLine(p));
    for (const found of r.findings) {
      // With both reports asked for, a workbook without volumes still gets its verksamhetsrapport:
      // the missing table is a warning then, not an error that sets the exit code.
      const f =
        type === 'alla' && r.sheets.length === 0 && found.code === CODES.REPORT_NO_SOURCE
          ? { ...found, severity: 'warning' as const }
          : found;
      if (f.severity === 'error') errors++;
      if (f.severity !== 'info') lines.push(findingLine(f));
    }
    if (r.draft) {
      lines.push(`  Utkast till text (står under tabellen, redigera den där): ${r.draft.heading}`);
      for (const p of r.draft.paragraphs) lines.push(`    ${p}`);
    }
  }
  return { text: `${lines.join('\n')}\n`, exit: errors > 0 ? EXIT.FINDINGS : EXIT.OK, bytes };
}
