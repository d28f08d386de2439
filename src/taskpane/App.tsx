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
import { useEffect } from 'react';
import type { AppStore } from '../app';
import { useAppState } from './useAppState';
import { StructureSection } from './components/StructureSection';
import { ActionsSection, ForecastSettingsSection } from './components/ActionsSection';
import { FindingsSection } from './components/FindingsSection';

const useStyles = makeStyles({
  root: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2 },
  header: {
    display: 'flex',
    alignItems: 'baseline',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  sheet: { fontSize: tokens.fontSizeBase200 },
  main: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
  },
  status: { minHeight: '2px' },
});

export function App({ store }: { store: AppStore }) {
  const state = useAppState(store);
  const styles = useStyles();
  // Coming back to the pane (after switching sheets in Excel), show the structure of the sheet now active.
  useEffect(() => {
    const onFocus = () => {
      if (!store.getState().busy) void store.refresh({ quiet: true });
    };
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [store]);
  return (
    // Layout styles stay off FluentProvider: Fluent copies its classes onto portal nodes (tooltips, dropdowns).
    <FluentProvider theme={webLightTheme}>
      <div className={styles.root}>
        <header className={styles.header}>
          <h1 className={styles.title}>Budgetkoll</h1>
          {state.activeSheet && <span className={styles.sheet}>Blad: {state.activeSheet}</span>}
        </header>
        <main className={styles.main}>
          <div className={styles.status} aria-live="polite" role="status">
            {state.busy ? <ProgressBar thickness="large" aria-label={state.progress ?? 'Arbetar …'} /> : null}
            {state.busy && state.progress ? <span className="visually-hidden">{state.progress}</span> : null}
            {state.message && !state.busy && (
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
          <ActionsSection store={store} state={state} />
          <FindingsSection store={store} state={state} />
          <ForecastSettingsSection store={store} state={state} />
          <StructureSection store={store} state={state} />
        </main>
      </div>
    </FluentProvider>
  );
}
