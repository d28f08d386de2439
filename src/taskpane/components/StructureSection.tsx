import { Select, makeStyles, tokens } from '@fluentui/react-components';
import type { AppState, AppStore } from '../../app';
import type { ColumnRole, TableColumn, TableModel } from '../../core/schemas';
import {
  periodLabel,
  ROLE_LABELS,
  ROLE_ORDER,
  ROLE_SOURCE_LABELS,
  SIGN_LABELS,
  UNIT_LABELS,
} from '../../app/labels.logic';
import { sumRowLines } from '../../app/structure.logic';
import { useSectionStyles } from './styles';

const AUTO = '__auto__';

const useStyles = makeStyles({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    rowGap: '2px',
    margin: 0,
    fontSize: tokens.fontSizeBase200,
  },
  dt: { color: tokens.colorNeutralForeground3 },
  dd: { margin: 0, minWidth: 0 },
  table: {
    width: '100%',
    borderCollapse: 'collapse',
    fontSize: tokens.fontSizeBase200,
    tableLayout: 'fixed',
  },
  th: {
    textAlign: 'left',
    fontWeight: tokens.fontWeightSemibold,
    padding: '4px',
    borderBottom: `1px solid ${tokens.colorNeutralStroke1}`,
  },
  colLetter: { width: '2.5em' },
  td: { padding: '4px', borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, verticalAlign: 'top' },
  header: { overflowWrap: 'anywhere' },
  select: { minWidth: 0, width: '100%' },
  source: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase100 },
  table0: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    marginTop: tokens.spacingVerticalS,
  },
  sums: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/** "Varför?" beside a decision: the core's evidence, or nothing when it gave none. */
function Why({ evidence, label }: { evidence: string | undefined; label: string }) {
  const s = useSectionStyles();
  if (!evidence) return null;
  return (
    <details className={s.why} data-testid="why">
      <summary aria-label={`Varför ${label}?`}>Varför?</summary>
      <p className={s.whyText}>{evidence}</p>
    </details>
  );
}

function ColumnRow({
  store,
  sheet,
  tableKey,
  column,
  busy,
}: {
  store: AppStore;
  sheet: string;
  tableKey: string;
  column: TableColumn;
  busy: boolean;
}) {
  const styles = useStyles();
  const isUser = column.roleSource === 'user';
  const name = `kolumn ${column.column}${column.header ? ` (${column.header})` : ''}`;
  return (
    <tr>
      <th scope="row" className={styles.td}>
        {column.column}
      </th>
      <td className={`${styles.td} ${styles.header}`}>{column.header || '(ingen rubrik)'}</td>
      <td className={styles.td}>
        <Select
          className={styles.select}
          size="small"
          aria-label={`Roll för ${name}`}
          value={column.role}
          disabled={busy}
          onChange={(_, d) => {
            const v = d.value;
            const id = { sheet, table: tableKey, column: column.key, letter: column.column };
            if (v === AUTO) void store.setRole(id, undefined);
            else if (v !== column.role || !isUser) void store.setRole(id, v as ColumnRole);
          }}
        >
          {isUser && <option value={AUTO}>Automatiskt (tolka rubriken)</option>}
          {ROLE_ORDER.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </Select>
        <div className={styles.source}>enligt {ROLE_SOURCE_LABELS[column.roleSource]}</div>
        <Why
          evidence={column.evidence}
          label={`har ${name} rollen ${ROLE_LABELS[column.role].toLowerCase()}`}
        />
      </td>
    </tr>
  );
}

function TableCard({
  store,
  table,
  busy,
  index,
}: {
  store: AppStore;
  table: TableModel;
  busy: boolean;
  index: number;
}) {
  const styles = useStyles();
  const s = useSectionStyles();
  const amountColumns = table.columns.filter(
    (c) => c.index !== table.labelColumn && c.index !== table.codeColumn,
  );
  const title = table.title ? table.title : `Tabell ${index + 1}`;
  const sums = sumRowLines(table);
  return (
    <div className={styles.table0} data-testid="table-model">
      <h3 className={s.subheading}>
        {title} ({table.range})
      </h3>
      <dl className={styles.facts}>
        <dt className={styles.dt}>Enhet</dt>
        <dd className={styles.dd}>
          {UNIT_LABELS[table.unit]}
          <Why evidence={table.unitEvidence} label="har tabellen den enheten" />
        </dd>
        <dt className={styles.dt}>Tecken</dt>
        <dd className={styles.dd}>
          {SIGN_LABELS[table.signConvention]}
          <Why evidence={table.signEvidence} label="har tabellen den teckenkonventionen" />
        </dd>
        <dt className={styles.dt}>Period</dt>
        <dd className={styles.dd}>{periodLabel(table.period)}</dd>
      </dl>
      {amountColumns.length > 0 && (
        <table className={styles.table}>
          <caption className="visually-hidden">Kolumner i {title}</caption>
          <thead>
            <tr>
              <th scope="col" className={`${styles.th} ${styles.colLetter}`}>
                Kol.
              </th>
              <th scope="col" className={styles.th}>
                Rubrik
              </th>
              <th scope="col" className={styles.th}>
                Roll
              </th>
            </tr>
          </thead>
          <tbody>
            {amountColumns.map((c) => (
              <ColumnRow
                key={c.index}
                store={store}
                sheet={table.sheet}
                tableKey={table.key}
                column={c}
                busy={busy}
              />
            ))}
          </tbody>
        </table>
      )}
      {sums.length > 0 && (
        <details className={s.why} data-testid="sum-rows">
          <summary>Visa summaraderna ({sums.length})</summary>
          <ul className={styles.sums}>
            {sums.map((line) => (
              <li key={line.row}>{line.text}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

/** The active sheet's tables: columns, roles and why. Folded under the results. */
export function StructureSection({ store, state }: { store: AppStore; state: AppState }) {
  const s = useSectionStyles();
  const sheet = state.activeSheet;
  const analysis = sheet ? state.analyses[sheet] : undefined;
  const title = `Struktur${sheet ? ` – ${sheet}` : ''}`;
  return (
    <section className={s.section} aria-label={title} data-testid="structure">
      <details className={s.details} open={!state.results || state.results.kind === 'structure'}>
        <summary className={s.summary}>
          <h2 className={s.heading} style={{ display: 'inline' }}>
            {title}
          </h2>
        </summary>
        {!analysis ? (
          <p className={s.hint}>Välj ”Validera struktur” för att läsa bladets tabeller.</p>
        ) : analysis.tables.length === 0 ? (
          <p className={s.hint}>Ingen tabell med belopp hittades på bladet.</p>
        ) : (
          <>
            <p className={s.hint}>
              Stämmer inte en kolumns roll? Välj rätt roll; valet sparas i arbetsboken och gäller alla
              kommandon.
            </p>
            {analysis.tables.map((t, i) => (
              <TableCard key={t.range} store={store} table={t} busy={state.busy} index={i} />
            ))}
          </>
        )}
      </details>
    </section>
  );
}
