import { useState, type ReactNode } from 'react';
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { ErrorCircleRegular } from '@fluentui/react-icons/svg/error-circle';
import { WarningRegular } from '@fluentui/react-icons/svg/warning';
import { InfoRegular } from '@fluentui/react-icons/svg/info';
import { CheckmarkCircleRegular } from '@fluentui/react-icons/svg/checkmark-circle';
import { NumberSymbolRegular } from '@fluentui/react-icons/svg/number-symbol';
import type { AppState, AppStore } from '../../app';
import type { Finding, Severity } from '../../core/schemas';
import {
  causeLine,
  groupFindings,
  repeatLine,
  resultsHeadline,
  textNumberCells,
  type FindingItem,
} from '../../app/findings.logic';
import { formatInteger, plural, SEVERITY_SINGULAR } from '../../app/labels.logic';
import { useSectionStyles } from './styles';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  line: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalXS },
  finding: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalS,
    flex: 1,
    minWidth: 0,
    textAlign: 'left',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXS}`,
    border: `1px solid transparent`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: 'transparent',
    color: tokens.colorNeutralForeground1,
    fontFamily: 'inherit',
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  text: { display: 'flex', flexDirection: 'column', gap: '2px', minWidth: 0, overflowWrap: 'anywhere' },
  cell: { fontWeight: tokens.fontWeightSemibold, minWidth: '3em', fontVariantNumeric: 'tabular-nums' },
  more: { color: tokens.colorNeutralForeground3 },
  icon: { flexShrink: 0, fontSize: '16px', marginTop: '1px' },
  fix: { flexShrink: 0, marginTop: '2px' },
  /** The count beside a severity heading, grouped as Swedish numbers are (1 234). */
  count: {
    minWidth: '20px',
    padding: `0 ${tokens.spacingHorizontalXS}`,
    borderRadius: tokens.borderRadiusCircular,
    fontSize: tokens.fontSizeBase100,
    lineHeight: '16px',
    textAlign: 'center',
    fontWeight: tokens.fontWeightSemibold,
  },
  errorCount: {
    backgroundColor: tokens.colorPaletteRedBackground3,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  warningCount: {
    backgroundColor: tokens.colorPaletteDarkOrangeBackground3,
    color: tokens.colorNeutralForeground1,
  },
  infoCount: { backgroundColor: tokens.colorNeutralBackground5, color: tokens.colorNeutralForeground1 },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  info: { color: tokens.colorNeutralForeground3 },
  ok: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    color: tokens.colorPaletteGreenForeground1,
    fontWeight: tokens.fontWeightSemibold,
    margin: 0,
  },
  problems: { margin: 0, fontWeight: tokens.fontWeightSemibold },
  effects: { margin: `0 0 ${tokens.spacingVerticalXS} 28px`, fontSize: tokens.fontSizeBase200 },
  effectList: { listStyle: 'none', margin: 0, padding: 0 },
  groupHeading: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    margin: `${tokens.spacingVerticalXS} 0 0`,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  sheetHeading: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    margin: `${tokens.spacingVerticalS} 0 0`,
    fontSize: tokens.fontSizeBase300,
  },
});

const SEVERITY_ICON: Record<Severity, typeof ErrorCircleRegular> = {
  error: ErrorCircleRegular,
  warning: WarningRegular,
  info: InfoRegular,
};

const CHECK_NAMES = {
  structure: 'Validera struktur',
  sums: 'Validera summor',
  deviations: 'Beräkna avvikelser',
};

function GoToCell({
  finding,
  cell,
  onSelect,
  children,
}: {
  finding: Finding;
  cell: string;
  onSelect: (f: Finding) => void;
  children: ReactNode;
}) {
  const styles = useStyles();
  const Icon = SEVERITY_ICON[finding.severity];
  return (
    <button
      type="button"
      className={styles.finding}
      data-testid="finding"
      data-cell={cell}
      data-sheet={finding.sheet}
      data-code={finding.code}
      title={`Gå till ${cell}`}
      onClick={() => onSelect({ ...finding, cell })}
    >
      <Icon className={mergeClasses(styles.icon, styles[finding.severity])} aria-hidden="true" />
      <span className="visually-hidden">{SEVERITY_SINGULAR[finding.severity]} i </span>
      <span className={styles.cell}>{cell}</span>
      <span className={styles.text}>{children}</span>
    </button>
  );
}

function FindingLine({ item, store, busy }: { item: FindingItem; store: AppStore; busy: boolean }) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const select = (f: Finding) => void store.selectFinding(f);
  const cause = causeLine(item);
  const repeat = repeatLine(item);
  const lead = { ...item.lead, severity: item.severity };
  const effectsId = `effects-${item.key}`;
  return (
    <li data-testid="finding-line" data-cells={item.cells.join(',')}>
      <div className={styles.line}>
        <GoToCell finding={lead} cell={item.cell} onSelect={select}>
          {cause ? <span>{cause}.</span> : null}
          <span className={cause ? styles.more : undefined}>
            {item.leadIsCause ? item.lead.message : `Följer av ${item.cell}.`}
          </span>
          {repeat ? <span className={styles.more}>{repeat}</span> : null}
        </GoToCell>
        {item.fixCells.length > 0 && (
          <Button
            className={styles.fix}
            size="small"
            icon={<NumberSymbolRegular />}
            disabledFocusable={busy}
            aria-label={`Konvertera till tal: ${item.fixCells.join(', ')}`}
            onClick={() => void store.convertTextNumbers(item.fixCells, item.sheet)}
          >
            Konvertera till tal
          </Button>
        )}
      </div>
      {item.effects.length > 0 && (
        <div className={styles.effects}>
          <Button
            size="small"
            appearance="transparent"
            aria-expanded={open}
            aria-controls={effectsId}
            onClick={() => setOpen(!open)}
          >
            {open ? 'Dölj följdfelen' : `Visa följdfelen (${item.effects.length})`}
          </Button>
          {open && (
            <ul className={styles.effectList} id={effectsId}>
              {item.effects.map((f, i) => (
                <li key={`${f.code}-${f.cell}-${i}`}>
                  <GoToCell finding={f} cell={f.cell} onSelect={select}>
                    <span>{f.message}</span>
                  </GoToCell>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </li>
  );
}

/** The results of the last check: first in the pane, right under the action bar. */
export function FindingsSection({ store, state }: { store: AppStore; state: AppState }) {
  const s = useSectionStyles();
  const styles = useStyles();
  // Information (rounding and the like) is not a problem: folded away per sheet until asked for.
  const [openInfo, setOpenInfo] = useState<ReadonlySet<string>>(new Set());
  const results = state.results;
  if (!results) {
    return (
      <section className={s.section} aria-label="Resultat" data-testid="findings">
        <h2 className={s.heading}>Resultat</h2>
        <p className={s.hint}>
          Välj Validera struktur, Validera summor eller Beräkna avvikelser. Resultatet visas här.
        </p>
      </section>
    );
  }
  const toggleInfo = (sheet: string) =>
    setOpenInfo((prev) => {
      const next = new Set(prev);
      if (next.has(sheet)) next.delete(sheet);
      else next.add(sheet);
      return next;
    });
  const groups = groupFindings(results.findings, state.sheetNames);
  const headline = resultsHeadline(results.kind, results.findings);

  return (
    <section className={s.section} aria-labelledby="results-heading" data-testid="findings">
      <h2 id="results-heading" className={s.heading}>
        Resultat: {CHECK_NAMES[results.kind]}
      </h2>
      {results.stale && (
        <MessageBar intent="warning" data-testid="stale">
          <MessageBarBody>{results.stale}</MessageBarBody>
          <MessageBarActions>
            <Button size="small" disabledFocusable={state.busy} onClick={() => void store.recheck()}>
              Kontrollera igen
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {headline.ok ? (
        <p className={styles.ok} data-testid="headline">
          <CheckmarkCircleRegular aria-hidden="true" /> {headline.text}
        </p>
      ) : (
        <p className={styles.problems} data-testid="headline">
          {headline.text}
        </p>
      )}
      {headline.hint && <p className={s.hint}>{headline.hint}</p>}
      {groups.map((g) => {
        const fixCells = textNumberCells(results.findings, g.sheet);
        return (
          <div key={g.sheet}>
            <h3 className={styles.sheetHeading}>
              <span>Blad {g.sheet}</span>
              {fixCells.length > 1 && (
                <Button
                  size="small"
                  icon={<NumberSymbolRegular />}
                  disabledFocusable={state.busy}
                  onClick={() => void store.convertTextNumbers(fixCells, g.sheet)}
                >
                  Konvertera alla ({plural('cell', 'celler', fixCells.length)})
                </Button>
              )}
            </h3>
            {g.groups.map((sg) => {
              const folded = sg.severity === 'info' && !openInfo.has(g.sheet);
              const listId = `results-${g.sheet}-${sg.severity}`.replace(/\s+/g, '-');
              return (
                <div key={sg.severity}>
                  <h4 className={styles.groupHeading}>
                    {sg.label}
                    <span className={mergeClasses(styles.count, styles[`${sg.severity}Count`])}>
                      {formatInteger(sg.items.length)}
                      <span className="visually-hidden"> st</span>
                    </span>
                    {sg.severity === 'info' && (
                      <Button
                        size="small"
                        appearance="subtle"
                        aria-expanded={!folded}
                        aria-controls={listId}
                        onClick={() => toggleInfo(g.sheet)}
                      >
                        {folded ? 'Visa' : 'Dölj'}
                      </Button>
                    )}
                  </h4>
                  <ul className={styles.list} id={listId} hidden={folded}>
                    {!folded &&
                      sg.items.map((item) => (
                        <FindingLine key={item.key} item={item} store={store} busy={state.busy} />
                      ))}
                  </ul>
                </div>
              );
            })}
          </div>
        );
      })}
    </section>
  );
}
