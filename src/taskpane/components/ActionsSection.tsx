import { useId, useState } from 'react';
import { Button, Dropdown, Field, Input, Option, Switch, Tooltip } from '@fluentui/react-components';
import { CheckmarkCircleRegular } from '@fluentui/react-icons/svg/checkmark-circle';
import { CalculatorRegular } from '@fluentui/react-icons/svg/calculator';
import { TextBulletListSquareRegular } from '@fluentui/react-icons/svg/text-bullet-list-square';
import { ArrowUndoRegular } from '@fluentui/react-icons/svg/arrow-undo';
import { HighlightRegular } from '@fluentui/react-icons/svg/highlight';
import { EraserRegular } from '@fluentui/react-icons/svg/eraser';
import type { AppState, AppStore } from '../../app';
import { FORECAST_METHOD_LABELS, FORECAST_METHOD_ORDER, isValidPeriod } from '../../app/labels.logic';
import { PROPOSAL_LEGEND } from '../../app/findings.logic';
import type { ForecastMethod } from '../../core/schemas';
import { useSectionStyles } from './styles';

export function ActionsSection({ store, state }: { store: AppStore; state: AppState }) {
  const s = useSectionStyles();
  const headingId = useId();
  const busy = state.busy;
  return (
    <section className={s.section} aria-labelledby={headingId}>
      <h2 id={headingId} className={s.heading}>
        Kontrollera och beräkna
      </h2>
      <div className={s.row}>
        <Button
          appearance="primary"
          icon={<CheckmarkCircleRegular />}
          disabledFocusable={busy}
          onClick={() => void store.validateStructure()}
        >
          Validera struktur
        </Button>
        <Button
          icon={<CalculatorRegular />}
          disabledFocusable={busy}
          onClick={() => void store.computeDeviations()}
        >
          Beräkna avvikelser
        </Button>
        <Button
          icon={<TextBulletListSquareRegular />}
          disabledFocusable={busy}
          onClick={() => void store.validateSums()}
        >
          Validera summor
        </Button>
      </div>
      <div className={s.row}>
        <Tooltip
          content={state.journalHead ? `Ångrar: ${state.journalHead}` : 'Det finns inget att ångra'}
          relationship="description"
        >
          <Button
            icon={<ArrowUndoRegular />}
            disabledFocusable={busy || !state.journalHead}
            onClick={() => void store.undoLast()}
          >
            Ångra senaste
          </Button>
        </Tooltip>
        <Button
          icon={<HighlightRegular />}
          disabledFocusable={busy}
          onClick={() => void store.highlightFindings()}
        >
          Markera i bladet
        </Button>
        <Button
          icon={<EraserRegular />}
          disabledFocusable={busy}
          onClick={() => void store.clearHighlights()}
        >
          Rensa markeringar
        </Button>
      </div>
      <p className={s.hint} data-testid="journal-head">
        {state.journalHead ? `Senaste ändring: ${state.journalHead}` : 'Inga ändringar att ångra.'}
      </p>
    </section>
  );
}

/** How "Beräkna avvikelser" proposes forecasts; saved with the workbook. */
export function ForecastSettingsSection({ store, state }: { store: AppStore; state: AppState }) {
  const s = useSectionStyles();
  const headingId = useId();
  const busy = state.busy;
  const { settings } = state;

  return (
    <section className={s.section} aria-labelledby={headingId}>
      <h2 id={headingId} className={s.heading}>
        Avvikelser och prognos
      </h2>
      <p className={s.hint}>Gäller ”Beräkna avvikelser”. Inställningarna sparas i arbetsboken.</p>
      <p className={s.hint} data-testid="proposal-legend">
        <span className={s.proposalSwatch} aria-hidden="true">
          123
        </span>{' '}
        {PROPOSAL_LEGEND} Dina egna prognoser lämnas orörda om du inte väljer ”Skriv över mina prognoser”.
      </p>
      <Field label="Prognosmetod">
        <Dropdown
          value={FORECAST_METHOD_LABELS[settings.forecastMethod]}
          selectedOptions={[settings.forecastMethod]}
          disabled={busy}
          onOptionSelect={(_, d) => {
            if (d.optionValue && d.optionValue !== settings.forecastMethod) {
              void store.setForecastMethod(d.optionValue as ForecastMethod);
            }
          }}
        >
          {FORECAST_METHOD_ORDER.map((m) => (
            <Option key={m} value={m}>
              {FORECAST_METHOD_LABELS[m]}
            </Option>
          ))}
        </Dropdown>
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
        busy={busy}
        onCommit={(p) => void store.setPeriod(p)}
      />
    </section>
  );
}

function PeriodField({
  saved,
  busy,
  onCommit,
}: {
  saved: string | undefined;
  busy: boolean;
  onCommit: (period: string | undefined) => void;
}) {
  const [period, setPeriod] = useState(saved ?? '');
  const periodValid = isValidPeriod(period.trim());
  const commit = () => {
    const text = period.trim();
    if ((saved ?? '') === text || !periodValid) return;
    onCommit(text || undefined);
  };
  return (
    <Field
      label="Rapportperiod (ÅÅÅÅ-MM)"
      hint={periodValid ? 'Lämna tomt för att läsa perioden ur bladet.' : undefined}
      validationState={periodValid ? 'none' : 'error'}
      validationMessage={periodValid ? undefined : 'Skriv perioden som ÅÅÅÅ-MM, till exempel 2024-08.'}
    >
      <Input
        value={period}
        placeholder="t.ex. 2024-08"
        disabled={busy}
        onChange={(_, d) => setPeriod(d.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
    </Field>
  );
}
