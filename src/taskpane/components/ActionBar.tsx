import { useId } from 'react';
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowUndoRegular } from '@fluentui/react-icons/svg/arrow-undo';
import type { AppState, AppStore } from '../../app';

const useStyles = makeStyles({
  bar: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  commands: { display: 'grid', gridTemplateColumns: 'auto auto auto', gap: tokens.spacingHorizontalXS },
  reports: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: tokens.spacingHorizontalXS },
  command: { minWidth: 0, paddingLeft: '2px', paddingRight: '2px' },
  tools: { display: 'flex', flexWrap: 'wrap', columnGap: '2px', alignItems: 'center' },
  tool: { minWidth: 0, paddingLeft: '4px', paddingRight: '6px', columnGap: '4px' },
  undoHint: {
    margin: 0,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground3,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
});

/** The pane's top: the three checks, the two reports, then undo and highlights, compact enough for a 350 px pane. */
export function ActionBar({ store, state }: { store: AppStore; state: AppState }) {
  const styles = useStyles();
  const undoHintId = useId();
  const busy = state.busy;
  const undoText = state.journalHead ? `Ångrar: ${state.journalHead}` : 'Det finns inget att ångra.';
  return (
    <div className={styles.bar} role="toolbar" aria-label="Budgetkolls kommandon">
      <div className={styles.commands}>
        <Button
          className={styles.command}
          appearance="primary"
          size="small"
          disabledFocusable={busy}
          onClick={() => void store.validateStructure()}
        >
          Validera struktur
        </Button>
        <Button
          className={styles.command}
          size="small"
          disabledFocusable={busy}
          onClick={() => void store.validateSums()}
        >
          Validera summor
        </Button>
        <Button
          className={styles.command}
          size="small"
          disabledFocusable={busy}
          onClick={() => void store.computeDeviations()}
        >
          Beräkna avvikelser
        </Button>
      </div>
      <div className={styles.reports}>
        <Button
          className={styles.command}
          size="small"
          disabledFocusable={busy}
          onClick={() => void store.createReport('verksamhetsrapport')}
        >
          Skapa verksamhetsrapport
        </Button>
        <Button
          className={styles.command}
          size="small"
          disabledFocusable={busy}
          onClick={() => void store.createReport('foljetal')}
        >
          Skapa följetal
        </Button>
      </div>
      <div className={styles.tools}>
        <Button
          className={styles.tool}
          size="small"
          appearance="subtle"
          icon={<ArrowUndoRegular />}
          disabledFocusable={busy || !state.journalHead}
          aria-describedby={undoHintId}
          title={undoText}
          onClick={() => void store.undoLast()}
        >
          Ångra senaste
        </Button>
        <Button
          className={styles.tool}
          size="small"
          appearance="subtle"
          disabledFocusable={busy}
          onClick={() => void store.highlightFindings()}
        >
          Markera i bladet
        </Button>
        <Button
          className={styles.tool}
          size="small"
          appearance="subtle"
          disabledFocusable={busy}
          onClick={() => void store.clearHighlights()}
        >
          Rensa markeringar
        </Button>
      </div>
      <p className={styles.undoHint} id={undoHintId} data-testid="journal-head" title={undoText}>
        {undoText}
      </p>
    </div>
  );
}
