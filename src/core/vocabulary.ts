/**
 * The Swedish words the reader knows, as data (DOMAIN.md §4, §6–§9). Every
 * word is matched on the compact form of a text (lower case, å/ä/ö folded,
 * spaces and punctuation removed: "Avvik. helår" → "avvikhelar",
 * "Budgeta vvikelse" → "budgetavvikelse"), so PDF word breaks and
 * abbreviations reduce to the same keys. Words suggest; the figures decide
 * (see read/roles.ts): a header word is a prior, never the final say.
 */

/** Stems that name what a column measures, by measure. Checked in the order deviation, forecast, budget, outcome. */
export const MEASURE_STEMS = {
  deviation: [
    'avvikelse',
    'avvik',
    'budgetavvik',
    'prognosavvik',
    'differens',
    'overunderskott',
    'overskottunderskott',
    'underskott',
    'overskott',
  ],
  /** Whole compact headers that are deviations although no deviation stem is in them. */
  deviationWhole: ['avv', 'diff', 'resultat', 'budgetresultat', 'resultatmotbudget'],
  forecast: ['prognos', 'progn'],
  budget: ['budget', 'anslag', 'kommunbidrag', 'kfbudget', 'namndbudget', 'investeringsram', 'budgetram'],
  /** "Ram", "KF-ram", "Ram 2024": a word that is also the end of many others, so matched as a whole. */
  budgetWord: /(^|kf|budget|investerings|namnd)ram(\d|$)/,
  outcome: [
    'utfall',
    'forbrukning',
    'bokfort',
    'redovisat',
    'redovisning',
    'bokslut',
    'nettokostnad',
    'nettokostnader',
  ],
  /** Whole compact headers that name the outcome ("Netto", "Netto 2023"). */
  outcomeWhole: /^(netto|nettokostnad(er)?|kostnad(er)?netto)((19|20)\d{2})?$/,
} as const;

/** Words that put a column in the period (year to date) or the full year. */
export const SCOPE_STEMS = {
  period: ['period', 'ack', 'hittills', 'ytd', 'tertial', 'delar', 'manad'],
  annual: [
    'helar',
    'arsbudget',
    'arsprognos',
    'kfbudget',
    'namndbudget',
    'budgetar',
    'helarsprognos',
    'investeringsram',
  ],
} as const;

/** Revenue, cost and net parts of a measure ("Utfall / Intäkter | Kostnader | Netto"). */
export const PART_STEMS = {
  revenue: ['intakt'],
  cost: ['kostnad', 'kostn'],
  net: ['netto'],
} as const;

/** "fg år", "föregående år", "fjol": the prior year. */
export const PRIOR_STEMS = ['fgar', 'foregaendear', 'fjol', 'forraar', 'foregar'];

/** Columns of another entity than the report's own ("Bolag", "Koncern"): never this report's roles. */
export const OTHER_ENTITY_STEMS = ['koncern', 'bolag', 'kommunkoncern'];

/** Budget build-up columns of investment tables (ursprunglig, överförd, omdisponering): parts of the budget. */
export const BUILD_UP_STEMS = ['ursprunglig', 'overford', 'overforing', 'omdisp', 'tillfran', 'tillagg'];

/** Plan years: "plan 2012", "Plan 2024". */
export const PLAN_WHOLE = /^plan((19|20)\d{2})?$/;

/** Headers of columns that never hold amounts, with why. */
export const NON_AMOUNT_HEADERS: readonly {
  reason: 'note' | 'code' | 'target' | 'percent' | 'year';
  whole?: RegExp;
  stems?: readonly string[];
}[] = [
  { reason: 'note', whole: /^(not|noter?|fotnot|anm|anmarkning)$/ },
  {
    reason: 'code',
    whole:
      /^(kod|ansvar|ansvarskod|kst|kostnadsstalle|konto|kontonr|avd|avdelning|vht|verksamhetskod|verksamhetsnr|projekt|projektnr|nr|id|objekt)$/,
  },
  { reason: 'target', stems: ['maluppfyllelse'], whole: /^mal(\d|$)/ },
  { reason: 'year', stems: ['slutar', 'klartar', 'startar', 'slutar'] },
  { reason: 'percent', whole: /%$/, stems: ['procent', 'andel', 'forbrukat', 'utfalli%'] },
];

/**
 * Row labels that say "this row is a sum" (DOMAIN.md §6), on the label in
 * lower case with single spaces and å/ä/ö folded. Strong words make a row a
 * sum even when its figures do not add up (then the sum is wrong); weak words
 * ("Netto", "Resultat", "… totalt") only when its figures fit some rows above
 * or below it. Whole words: "Nettokostnadsavvikelse" is no sum.
 */
export const SUM_LABEL = {
  strong: /^(summa|s:a|s\.a\.?|totalt|total|sammanlagt)(\b|$)/,
  weak: /^(resultat|netto|nettokostnad(er)?|arets resultat|periodens resultat|verksamhetens (nettokostnad(er)?|resultat|netto)|res\.? efter|resultat (efter|fore)|nettoresultat)(\b|$)|\b(totalt|summa|sammanlagt):?$/,
} as const;

/** The two halves of a result statement: "Intäkter", "Summa kostnader", "Verksamhetens intäkter". */
export const BLOCK_SUM_LABEL = /^(summa)?(verksamhetens)?(intakter|kostnader)(totalt)?$/;

/** Labels that name the whole table's total (rather than a group's). */
export const GRAND_TOTAL_LABEL =
  /^(summa|totalt?|total|resultat|nettokostnad(er)?|netto|aretsresultat|periodensresultat|verksamhetensnettokostnad(er)?|summatotalt|totaltdrift)$/;
/** "Totalt Socialtjänsten", "Summa socialnämnden": a sum word followed by the organisation's name. */
export const GRAND_TOTAL_ORG = [
  'socialtjanst',
  'socialnamnd',
  'namnd',
  'forvaltning',
  'kommun',
  'styrelse',
  'drift',
];

/** Row labels of parts that are not summed into the total above them. */
export const VARAV_LABEL = /^[\s\-–—•]*(varav|därav|darav)\b/i;
/** A row that only says "Varav" / "Därav:": the rows below it are parts of the row above it. */
export const VARAV_MARKER = /^(varav|darav)$/;
/** Gender splits of indicators: "K: kvinnor", "M: män". */
export const GENDER_SPLIT = /^\s*[KM]\s*:\s*\S/;
/** A leading dash marks a child row ("-Tillväxtenheten", "- LSS"). */
export const DASH_CHILD = /^\s*[-–—•]\s*\S/;

/** Footnote rows under a table. */
export const FOOTNOTE_START =
  /^(\*+\)?|[\u00b9\u00b2\u00b3\u2070-\u2079]+|\d{1,2}\)|\d\s+[A-ZÅÄÖa-zåäö]|(not|anm|anmärkning|källa|kalla|obs|fotnot|kommentar|förklaring)\b)/i;

/** Revenue rows (DOMAIN.md §5): in a costs-positive table with revenues shown positive, their deviation is utfall − budget. */
export const REVENUE_LABEL =
  /intakt|^(riktade)?statsbidrag|^(taxoroch)?avgifter|ersattningfran|forsaljning|^bidrag|hyresintakt/;
/** Cost rows: the rows whose sign tells the convention. */
export const COST_LABEL = /kostnad/;
/** A table titled as revenues ("Intäkter av riktade statsbidrag") has revenue rows throughout. */
export const REVENUE_TITLE = /intakt|statsbidrag/;
export const COST_OR_RESULT_TITLE = /kostnad|resultat/;

/** Money units as written in titles, unit rows and headers (DOMAIN.md §8). */
export const MONEY_UNITS: readonly { unit: 'mnkr' | 'tkr' | 'kr'; pattern: RegExp }[] = [
  { unit: 'mnkr', pattern: /\b(mnkr|mkr|miljoner kronor|miljoner|mdkr|msek)\b/ },
  { unit: 'tkr', pattern: /\b(tkr|kkr|ksek)\b|tusen(tal)?s?\s*kronor/ },
  { unit: 'kr', pattern: /\(kr\)|\bbelopp i kr\b|\bkronor\b|^kr$/ },
];

/** Volume units read from följetal labels, in the order they are tried. */
export const ROW_UNITS: readonly { unit: string; pattern: RegExp }[] = [
  { unit: 'timmar', pattern: /\btimmar\b|\btim\b|timmar\d?$/ },
  { unit: 'årsplatser', pattern: /årsplats|arsplats/ },
  { unit: 'hushåll', pattern: /hushåll|hushall/ },
  { unit: 'årsantal', pattern: /årsantal|arsantal/ },
  { unit: 'dygn', pattern: /\bdygn\b|vårddygn/ },
  { unit: '%', pattern: /\(%\)|\bandel\b|%\s*$|procent/ },
  { unit: 'placeringar', pattern: /placering/ },
  { unit: 'antal', pattern: /\bantal\b|\bbrukare\b|\bpersoner\b|\binsatser\b|\bkunder\b/ },
];
/** Levels, not flows: a forecast keeps the current level (DOMAIN.md §9). */
export const STOCK_UNITS = new Set(['årsplatser', 'hushåll', 'årsantal', '%']);
/** Flows accumulate over the year and are extrapolated. */
export const FLOW_LABEL =
  /insats|besök|besok|timmar|dygn|beslut|ansökning|ansokning|aktualisering|utredning/i;
/** Rates are levels whatever their unit: "timmar per månad", "snitt", "genomsnitt". */
export const RATE_LABEL =
  /\bper\s+(månad|manad|dag|vecka|år|ar|brukare|person|invånare|invanare)\b|\bsnitt|genomsnitt|medel/i;

/** Context words (titles, legends) that make a table a volume table. */
export const VOLUME_CONTEXT =
  /foljetal|verksamhetsmatt|volym|nyckeltal|flerannbudget|farreannbudget|aktualisering|placering|antal/;
/** Context words of indicator tables (shares and counts row by row). */
export const INDICATOR_CONTEXT = /indikator|malvarde|namndmal/;
/** The följetal legend "Avvik (+) fler än budget (-) färre än budget". */
export const VOLUME_LEGEND = /flerannbudget|farreannbudget/;

/** Month names and abbreviations, as compact prefixes, 1–12. */
export const MONTHS: readonly string[] = [
  'jan',
  'feb',
  'mar',
  'apr',
  'maj',
  'jun',
  'jul',
  'aug',
  'sep',
  'okt',
  'nov',
  'dec',
];
/** The months' names as they are written in a report, 1–12 (index 0 is januari). */
export const MONTH_NAMES: readonly string[] = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
];
export const FULL_MONTHS =
  /^(januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)$/i;

/** Period words with a fixed number of months (DOMAIN.md §9). */
export const PERIOD_WORDS: readonly { pattern: RegExp; months: number }[] = [
  { pattern: /tertial1|^t1$|tertialbokslut1/, months: 4 },
  { pattern: /tertial2|^t2$|tertialbokslut2/, months: 8 },
  { pattern: /tertial3|^t3$|arsbokslut|verksamhetsberattelse|arsredovisning|helarsbokslut/, months: 12 },
];
/** "Delårsrapport", "Delårsbokslut": a part of the year, but which part the text must say. */
export const PART_YEAR_WORDS = /delarsrapport|delarsbokslut|delar/;
