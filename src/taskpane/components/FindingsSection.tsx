import { useId, useState } from 'react';
import { Button, CounterBadge, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ErrorCircleRegular } from '@fluentui/react-icons/svg/error-circle';
import { WarningRegular } from '@fluentui/react-icons/svg/warning';
import { InfoRegular } from '@fluentui/react-icons/svg/info';
import { CheckmarkCircleRegular } from '@fluentui/react-icons/svg/checkmark-circle';
import { NumberSymbolRegular } from '@fluentui/react-icons/svg/number-symbol';
import type { AppState, AppStore } from '../../app';
import type { Finding, Severity } from '../../core/schemas';
import { findingsHeadline, groupFindings, textNumberCells } from '../../app/findings.logic';
import { SEVERITY_SINGULAR } from '../../app/labels.logic';
import { useSectionStyles } from './styles';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  finding: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalS,
    width: '100%',
    textAlign: 'left',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    border: `1px solid transparent`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: 'transparent',
    color: tokens.colorNeutralForeground1,
    fontFamily: 'inherit',
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  cell: { fontWeight: tokens.fontWeightSemibold, minWidth: '3.5em', fontVariantNumeric: 'tabular-nums' },
  icon: { flexShrink: 0, fontSize: '16px', marginTop: '2px' },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  info: { color: tokens.colorNeutralForeground3 },
  ok: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    color: tokens.colorPaletteGreenForeground1,
    margin: 0,
  },
  groupHeading: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    margin: `${tokens.spacingVerticalS} 0 0`,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  sheetHeading: {
    display: 'flex',
    alignItems: 'center',
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

const SEVERITY_BADGE: Record<Severity, 'danger' | 'important' | 'informative'> = {
  error: 'danger',
  warning: 'important',
  info: 'informative',
};

function FindingButton({ finding, onSelect }: { finding: Finding; onSelect: (f: Finding) => void }) {
  const styles = useStyles();
  const Icon = SEVERITY_ICON[finding.severity];
  return (
    <button
      type="button"
      className={styles.finding}
      data-testid="finding"
      data-cell={finding.cell}
      data-sheet={finding.sheet}
      data-code={finding.code}
      title="Gå till cellen"
      onClick={() => onSelect(finding)}
    >
      <Icon className={mergeClasses(styles.icon, styles[finding.severity])} aria-hidden="true" />
      <span className="visually-hidden">{SEVERITY_SINGULAR[finding.severity]} i </span>
      <span className={styles.cell}>{finding.cell}</span>
      <span>{finding.message}</span>
    </button>
  );
}

export function FindingsSection({ store, state }: { store: AppStore; state: AppState }) {
  const s = useSectionStyles();
  const styles = useStyles();
  const headingId = useId();
  // Information (rounding and the like) is not a problem: folded away per sheet until asked for.
  const [openInfo, setOpenInfo] = useState<ReadonlySet<string>>(new Set());
  if (!state.findingsFrom) return null;
  const toggleInfo = (sheet: string) =>
    setOpenInfo((prev) => {
      const next = new Set(prev);
      if (next.has(sheet)) next.delete(sheet);
      else next.add(sheet);
      return next;
    });
  const groups = groupFindings(state.findings, state.sheetNames);
  const headline = findingsHeadline(state.findings);
  const noProblems = !state.findings.some((f) => f.severity !== 'info');

  return (
    <section className={s.section} aria-labelledby={headingId} data-testid="findings">
      <h2 id={headingId} className={s.heading}>
        Resultat
      </h2>
      {noProblems ? (
        <p className={styles.ok} data-testid="no-errors">
          <CheckmarkCircleRegular aria-hidden="true" /> {headline}
        </p>
      ) : (
        <p className={s.hint}>{headline}. Välj en rad för att gå till cellen.</p>
      )}
      {groups.map((g) => {
        const fixCells = textNumberCells(state.findings, g.sheet);
        return (
          <div key={g.sheet}>
            <h3 className={styles.sheetHeading}>Blad {g.sheet}</h3>
            {g.groups.map((sg) => {
              const folded = sg.severity === 'info' && !openInfo.has(g.sheet);
              const listId = `${headingId}-${g.sheet}-${sg.severity}`;
              return (
                <div key={sg.severity}>
                  <h4 className={styles.groupHeading}>
                    {sg.label}
                    <CounterBadge
                      count={sg.findings.length}
                      color={SEVERITY_BADGE[sg.severity]}
                      size="small"
                      overflowCount={999}
                      aria-label={`${sg.findings.length} st`}
                    />
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
                  <ul
                    className={styles.list}
                    id={listId}
                    hidden={folded}
                    style={folded ? { display: 'none' } : undefined}
                  >
                    {!folded &&
                      sg.findings.map((f, i) => (
                        <li key={`${f.code}-${f.cell}-${i}`}>
                          <FindingButton finding={f} onSelect={(x) => void store.selectFinding(x)} />
                        </li>
                      ))}
                  </ul>
                </div>
              );
            })}
            {fixCells.length > 0 && (
              <div className={s.row} style={{ marginTop: 8 }}>
                <Button
                  icon={<NumberSymbolRegular />}
                  disabledFocusable={state.busy}
                  onClick={() => void store.convertTextNumbers(fixCells, g.sheet)}
                >
                  {fixCells.length === 1
                    ? `Konvertera till tal (${fixCells[0]})`
                    : `Konvertera till tal (${fixCells.length} celler)`}
                </Button>
              </div>
            )}
          </div>
        );
      })}
    </section>
  );
}
