import { useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { AppState, AppStore } from '../../app';
import { draftAsText, REPORT_LABELS } from '../../app/report.logic';
import { copyText } from '../clipboard';
import { useSectionStyles } from './styles';

const useStyles = makeStyles({
  draft: {
    margin: 0,
    padding: tokens.spacingHorizontalS,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase300,
    backgroundColor: tokens.colorNeutralBackground2,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  paragraph: { margin: 0 },
  findings: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
});

/** The question before a report replaces sheets the user edited: Ersätt or Avbryt. */
function ReplaceDialog({ store, state }: { store: AppStore; state: AppState }) {
  const pending = state.pendingReport;
  return (
    <Dialog
      open={pending !== undefined}
      modalType="alert"
      onOpenChange={(_e, data) => {
        if (!data.open) void store.answerReplace(false);
      }}
    >
      <DialogSurface aria-describedby={undefined} data-testid="replace-dialog">
        <DialogBody>
          <DialogTitle>{pending ? REPORT_LABELS[pending.type] : ''}</DialogTitle>
          <DialogContent>{pending?.question}</DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={() => void store.answerReplace(true)}>
              Ersätt
            </Button>
            <Button onClick={() => void store.answerReplace(false)}>Avbryt</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

/** The last report: where it is, its findings, and the draft text with a copy button. */
export function ReportSection({ store, state }: { store: AppStore; state: AppState }) {
  const s = useSectionStyles();
  const styles = useStyles();
  const [copied, setCopied] = useState<'yes' | 'no' | undefined>();
  const report = state.report;
  const notes = report?.findings.filter((f) => f.severity !== 'info') ?? [];
  return (
    <>
      <ReplaceDialog store={store} state={state} />
      {report && (
        <section className={s.section} aria-labelledby="report-heading" data-testid="report">
          <h2 className={s.heading} id="report-heading">
            {report.type === 'foljetal' ? 'Följetal' : 'Verksamhetsrapport'}
          </h2>
          <p className={s.hint}>
            Bladet ”{report.sheets[report.sheets.length - 1]}”
            {report.sheets.length > 1
              ? ` och fördelningen på ”${report.sheets.slice(0, -1).join('”, ”')}”`
              : ''}
            .
          </p>
          {notes.length > 0 && (
            <ul className={styles.findings} data-testid="report-findings">
              {notes.map((f, i) => (
                <li key={`${f.code}-${i}`}>{f.message}</li>
              ))}
            </ul>
          )}
          {report.draft && (
            <>
              <h3 className={s.subheading}>Textförslag</h3>
              <div className={styles.draft} data-testid="draft">
                <p className={styles.paragraph}>
                  <strong>{report.draft.heading}</strong>
                </p>
                {report.draft.paragraphs.map((p, i) => (
                  <p className={styles.paragraph} key={i}>
                    {p}
                  </p>
                ))}
              </div>
              <div className={s.row}>
                <Button
                  size="small"
                  onClick={() => {
                    void copyText(draftAsText(report.draft!)).then((ok) => setCopied(ok ? 'yes' : 'no'));
                  }}
                >
                  Kopiera texten
                </Button>
                <span className={s.hint} aria-live="polite" data-testid="copy-status">
                  {copied === 'yes'
                    ? 'Texten är kopierad.'
                    : copied === 'no'
                      ? 'Texten kunde inte kopieras: markera den och kopiera med Ctrl+C.'
                      : 'Texten står också under tabellen på rapportbladet.'}
                </span>
              </div>
            </>
          )}
        </section>
      )}
    </>
  );
}
