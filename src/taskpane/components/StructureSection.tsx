import { useId } from 'react';
import { Dropdown, Option, makeStyles, tokens } from '@fluentui/react-components';
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
import { useSectionStyles } from './styles';

const AUTO = '__auto__';

const useStyles = makeStyles({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalM,
    rowGap: '2px',
    margin: 0,
    fontSize: tokens.fontSizeBase200,
  },
  dt: { color: tokens.colorNeutralForeground3 },
  dd: { margin: 0 },
  table: { width: '100%', borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200 },
  th: {
    textAlign: 'left',
    fontWeight: tokens.fontWeightSemibold,
    padding: '4px',
    borderBottom: `1px solid ${tokens.colorNeutralStroke1}`,
  },
  td: { padding: '4px', borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, verticalAlign: 'middle' },
  header: { wordBreak: 'break-word' },
  dropdown: { minWidth: '0', width: '100%' },
  source: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase100 },
  table0: { marginTop: tokens.spacingVerticalS },
});

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
  return (
    <tr>
      <th scope="row" className={styles.td}>
        {column.column}
      </th>
      <td className={`${styles.td} ${styles.header}`}>{column.header || '(ingen rubrik)'}</td>
      <td className={styles.td}>
        <Dropdown
          className={styles.dropdown}
          size="small"
          aria-label={`Roll för kolumn ${column.column}${column.header ? ` (${column.header})` : ''}`}
          value={ROLE_LABELS[column.role]}
          selectedOptions={[column.role]}
          disabled={busy}
          onOptionSelect={(_, d) => {
            const v = d.optionValue;
            if (!v) return;
            const id = { sheet, table: tableKey, column: column.key, letter: column.column };
            if (v === AUTO) void store.setRole(id, undefined);
            else if (v !== column.role || !isUser) void store.setRole(id, v as ColumnRole);
          }}
        >
          {isUser && <Option value={AUTO}>Automatiskt (tolka rubriken)</Option>}
          {ROLE_ORDER.map((r) => (
            <Option key={r} value={r}>
              {ROLE_LABELS[r]}
            </Option>
          ))}
        </Dropdown>
        <div className={styles.source}>enligt {ROLE_SOURCE_LABELS[column.roleSource]}</div>
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
  return (
    <div className={styles.table0} data-testid="table-model">
      <h3 className={s.subheading}>
        {title} ({table.range})
      </h3>
      <dl className={styles.facts}>
        <dt className={styles.dt}>Område</dt>
        <dd className={styles.dd}>{table.range}</dd>
        <dt className={styles.dt}>Enhet</dt>
        <dd className={styles.dd}>{UNIT_LABELS[table.unit]}</dd>
        <dt className={styles.dt}>Tecken</dt>
        <dd className={styles.dd}>{SIGN_LABELS[table.signConvention]}</dd>
        <dt className={styles.dt}>Period</dt>
        <dd className={styles.dd}>{periodLabel(table.period)}</dd>
      </dl>
      {amountColumns.length > 0 && (
        <table className={styles.table}>
          <caption className="visually-hidden">Kolumner i {title}</caption>
          <thead>
            <tr>
              <th scope="col" className={styles.th}>
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
              <ColumnRow key={c.index} store={store} sheet={table.sheet} tableKey={table.key} column={c} busy={busy} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export function StructureSection({ store, state }: { store: AppStore; state: AppState }) {
  const s = useSectionStyles();
  const headingId = useId();
  const sheet = state.activeSheet;
  const analysis = sheet ? state.analyses[sheet] : undefined;
  return (
    <section className={s.section} aria-labelledby={headingId} data-testid="structure">
      <h2 id={headingId} className={s.heading}>
        Struktur{sheet ? ` – ${sheet}` : ''}
      </h2>
      {!analysis ? (
        <p className={s.hint}>Välj "Validera struktur" för att läsa bladets tabeller.</p>
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
    </section>
  );
}
