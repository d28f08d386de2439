import { useState } from 'react';
import { Field, Input, Select, Switch } from '@fluentui/react-components';
import type { AppState, AppStore } from '../../app';
import { FORECAST_METHOD_LABELS, FORECAST_METHOD_ORDER } from '../../app/labels.logic';
import { PROPOSAL_LEGEND } from '../../app/findings.logic';
import { parsePeriodInput } from '../../app/period.logic';
import type { ForecastMethod } from '../../core/schemas';
import { useSectionStyles } from './styles';

/** How "Beräkna avvikelser" proposes forecasts; saved with the workbook. Folded until opened. */
export function SettingsSection({ store, state }: { store: AppStore; state: AppState }) {
  const s = useSectionStyles();
  const busy = state.busy;
  const { settings } = state;
  const sheet = state.activeSheet;
  const sheetYear = sheet
    ? state.analyses[sheet]?.tables.find((t) => t.period?.year)?.period?.year
    : undefined;

  return (
    <section className={s.section} aria-label="Avvikelser och prognos" data-testid="settings">
      <details className={s.details}>
        <summary className={s.summary}>Avvikelser och prognos</summary>
        <p className={s.hint}>Gäller ”Beräkna avvikelser”. Inställningarna sparas i arbetsboken.</p>
        <p className={s.hint} data-testid="proposal-legend">
          <span className={s.proposalSwatch} aria-hidden="true">
            123
          </span>{' '}
          {PROPOSAL_LEGEND} Dina egna prognoser lämnas orörda om du inte väljer ”Skriv över mina prognoser”.
        </p>
        <Field label="Prognosmetod">
          <Select
            value={settings.forecastMethod}
            disabled={busy}
            onChange={(_, d) => {
              if (d.value !== settings.forecastMethod)
                void store.setForecastMethod(d.value as ForecastMethod);
            }}
          >
            {FORECAST_METHOD_ORDER.map((m) => (
              <option key={m} value={m}>
                {FORECAST_METHOD_LABELS[m]}
              </option>
            ))}
          </Select>
        </Field>
        <Switch
          label="Skriv över mina prognoser"
          checked={settings.overwriteForecasts}
          disabled={busy}
          onChange={(_, d) => void store.setOverwrite(d.checked)}
        />
        {/* Keyed by the saved period, so the field starts over when the workbook's value changes (undo, another file). */}
        <PeriodField
          key={settings.period ?? ''}
          saved={settings.period}
          fallbackYear={sheetYear}
          busy={busy}
          onCommit={(p) => void store.setPeriod(p)}
        />
      </details>
    </section>
  );
}

function PeriodField({
  saved,
  fallbackYear,
  busy,
  onCommit,
}: {
  saved: string | undefined;
  fallbackYear: number | undefined;
  busy: boolean;
  onCommit: (period: string | undefined) => void;
}) {
  const [text, setText] = useState(saved ?? '');
  const parsed = parsePeriodInput(text, fallbackYear);
  const commit = () => {
    if (!parsed.ok || (saved ?? undefined) === parsed.value) return;
    onCommit(text.trim() || undefined);
  };
  const hint = !parsed.ok
    ? undefined
    : parsed.value === undefined
      ? 'Lämna tomt för att läsa perioden ur bladet.'
      : parsed.value === text.trim()
        ? parsed.label
        : `Sparas som ${parsed.value}: ${parsed.label}.`;
  return (
    <Field
      label="Rapportperiod"
      hint={hint}
      validationState={parsed.ok ? 'none' : 'error'}
      validationMessage={parsed.ok ? undefined : parsed.message}
    >
      <Input
        value={text}
        placeholder="t.ex. 2024-08, aug 2024 eller T2 2024"
        disabled={busy}
        onChange={(_, d) => setText(d.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
    </Field>
  );
}
