import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  ProgressBar,
  makeStyles,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons/svg/dismiss';
import { lazy, Suspense, useEffect } from 'react';
import type { AppState, AppStore } from '../app';
import { useAppState } from './useAppState';
import { ActionBar } from './components/ActionBar';
import { FindingsSection } from './components/FindingsSection';
import { useSectionStyles } from './components/styles';

// The folded sections below the results (role lists, settings) load after the first paint.
const StructureSection = lazy(() =>
  import(/* webpackChunkName: "details" */ './components/StructureSection').then((m) => ({
    default: m.StructureSection,
  })),
);
const SettingsSection = lazy(() =>
  import(/* webpackChunkName: "details" */ './components/SettingsSection').then((m) => ({
    default: m.SettingsSection,
  })),
);

const ReportSection = lazy(() =>
  import(/* webpackChunkName: "details" */ './components/ReportSection').then((m) => ({
    default: m.ReportSection,
  })),
);

/** What a folded section shows while its chunk loads: its title, the same size. */
function SectionPlaceholder({ title }: { title: string }) {
  const s = useSectionStyles();
  return (
    <section className={s.section} aria-label={title} aria-busy="true">
      <p className={s.summary}>{title}</p>
    </section>
  );
}

const useStyles = makeStyles({
  root: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2 },
  main: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalS,
  },
  status: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  progressText: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
});

/** A check's own summary is what its results' headline says; it needs no message bar of its own. */
function repeatsResults(state: AppState): boolean {
  const from = state.message?.from;
  return (
    state.message?.intent !== 'error' &&
    (from === 'validateStructure' || from === 'validateSums') &&
    state.results !== undefined
  );
}

/** The running command and how far it has come, or the last command's message. */
function StatusLine({ store, state }: { store: AppStore; state: AppState }) {
  const styles = useStyles();
  const a = state.activity;
  const value = a?.total ? Math.min(1, (a.done ?? 0) / a.total) : undefined;
  return (
    <div className={styles.status} aria-live="polite" role="status" data-testid="status">
      {state.busy && a ? (
        <>
          <ProgressBar thickness="large" value={value} aria-label={a.text} data-testid="progress" />
          <p className={styles.progressText} data-testid="progress-text">
            {a.text}
          </p>
        </>
      ) : null}
      {state.message && !state.busy && repeatsResults(state) && (
        // The results right below say the same: screen readers hear it, the eye reads it once.
        <p className="visually-hidden" data-testid="message">
          {state.message.text}
        </p>
      )}
      {state.message && !state.busy && !repeatsResults(state) && (
        <MessageBar intent={state.message.intent} data-testid="message">
          <MessageBarBody>{state.message.text}</MessageBarBody>
          <MessageBarActions
            containerAction={
              <Button
                appearance="transparent"
                aria-label="Stäng meddelandet"
                icon={<DismissRegular />}
                onClick={() => store.dismissMessage()}
              />
            }
          />
        </MessageBar>
      )}
    </div>
  );
}

export function App({ store }: { store: AppStore }) {
  const state = useAppState(store);
  const styles = useStyles();
  // Coming back to the pane (after switching sheets or editing in Excel): show the sheet as it is now.
  useEffect(() => {
    const onFocus = () => {
      if (!store.getState().busy) void store.refresh({ quiet: true });
    };
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [store]);
  return (
    // Layout styles stay off FluentProvider: Fluent copies its classes onto portal nodes.
    <FluentProvider theme={webLightTheme}>
      <div className={styles.root}>
        {/* Excel's pane title already says Budgetkoll: the heading is for screen readers only. */}
        <h1 className="visually-hidden">Budgetkoll</h1>
        <ActionBar store={store} state={state} />
        <main className={styles.main}>
          <StatusLine store={store} state={state} />
          {(state.report || state.pendingReport) && (
            <Suspense fallback={<SectionPlaceholder title="Rapport" />}>
              <ReportSection store={store} state={state} />
            </Suspense>
          )}
          <FindingsSection store={store} state={state} />
          <Suspense fallback={<SectionPlaceholder title="Struktur" />}>
            <StructureSection store={store} state={state} />
          </Suspense>
          <Suspense fallback={<SectionPlaceholder title="Avvikelser och prognos" />}>
            <SettingsSection store={store} state={state} />
          </Suspense>
        </main>
      </div>
    </FluentProvider>
  );
}
