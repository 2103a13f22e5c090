import { ApiSigProvider } from '@apisig/react';
import { useCallback, useMemo, useRef, useState } from 'react';
import { resolveApiUrl } from './api-url.ts';
import { ApiStatus } from './components/ApiStatus.tsx';
import { CredentialsCard } from './components/CredentialsCard.tsx';
import { History } from './components/History.tsx';
import { LiveHeaders } from './components/LiveHeaders.tsx';
import { ModePicker } from './components/ModePicker.tsx';
import { RequestCard } from './components/RequestCard.tsx';
import { RunView } from './components/RunView.tsx';
import { ScenarioPicker } from './components/ScenarioPicker.tsx';
import { findMode, type ModeId, type Scenario } from './modes.ts';
import { type Attempt, createRecordingFetch } from './recorder.ts';
import type { Endpoint, Run } from './run.ts';

const apiUrl = resolveApiUrl();
const KEPT_RUNS = 20;

function scenarioOf(modeId: ModeId, scenarioId: string): Scenario {
  const mode = findMode(modeId);
  return (
    mode.scenarios.find((scenario) => scenario.id === scenarioId) ?? (mode.scenarios[0] as Scenario)
  );
}

export function App() {
  const [modeId, setModeId] = useState<ModeId>('signed');
  const [scenarioId, setScenarioId] = useState('valid');
  const [runs, setRuns] = useState<Run[]>([]);
  const activeRun = useRef<number | null>(null);
  const nextRunId = useRef(1);
  const mode = findMode(modeId);
  const scenario = scenarioOf(modeId, scenarioId);

  // Every request the page sends lands in the run in progress (background refreshes do not).
  const [lastSign, setLastSign] = useState<Attempt | null>(null);
  const record = useCallback((attempt: Attempt) => {
    if (attempt.kind === 'sign') setLastSign(attempt);
    const id = activeRun.current;
    if (id === null) return;
    setRuns((all) =>
      all.map((run) => (run.id === id ? { ...run, attempts: [...run.attempts, attempt] } : run)),
    );
  }, []);
  const [apiFetch] = useState(() => createRecordingFetch('api', record));
  const [signFetch] = useState(() => createRecordingFetch('sign', record));

  // A fresh signer per scenario: what one scenario taught it (a clock offset) stays there.
  const signer = useMemo(() => scenario.createSigner({ apiUrl, signFetch }), [scenario, signFetch]);

  const onStart = (endpoint: Endpoint) => {
    const id = nextRunId.current++;
    activeRun.current = id;
    const run: Run = {
      id,
      modeId,
      scenarioId: scenario.id,
      endpoint,
      startedAt: Date.now(),
      attempts: [],
      done: false,
    };
    setRuns((all) => [run, ...all].slice(0, KEPT_RUNS));
    return id;
  };

  const onFinish = (id: number, result: Partial<Run>) => {
    if (activeRun.current === id) activeRun.current = null;
    setRuns((all) => all.map((run) => (run.id === id ? { ...run, ...result, done: true } : run)));
  };

  const chooseMode = (id: ModeId) => {
    setModeId(id);
    setScenarioId('valid');
  };

  const [latest, ...earlier] = runs;
  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <span className="brand__logo">✓</span>
          <span className="brand__name">apisig</span>
          <span className="brand__tag">playground</span>
        </div>
        <ApiStatus apiUrl={apiUrl} />
      </header>
      <main className="page">
        <ModePicker value={modeId} onChange={chooseMode} />
        <ApiSigProvider
          key={`${modeId}:${scenario.id}`}
          signer={signer}
          baseUrl={apiUrl}
          fetch={apiFetch}
        >
          <div className="columns">
            <aside className="column column--controls">
              <ScenarioPicker mode={mode} value={scenario.id} onChange={setScenarioId} />
              <RequestCard
                apiUrl={apiUrl}
                scenario={scenario}
                plainFetch={apiFetch}
                onStart={onStart}
                onFinish={onFinish}
              />
              <CredentialsCard mode={modeId} />
              <LiveHeaders />
            </aside>
            <section className="column column--results">
              {latest ? (
                <RunView
                  run={latest}
                  scenario={scenarioOf(latest.modeId, latest.scenarioId)}
                  lastSign={lastSign}
                />
              ) : (
                <div className="empty">
                  <div className="empty__title">Pick a scenario and send a request</div>
                  <p>
                    You will see the headers that went out, the token's claims counting down to exp,
                    and the server's verdict.
                  </p>
                </div>
              )}
              <History runs={earlier} />
            </section>
          </div>
        </ApiSigProvider>
      </main>
      <footer className="footer muted small">
        Demo credentials come from <code className="mono">apps/playground/server/seed.json</code>.
        The API server logs one line per verdict.
      </footer>
    </div>
  );
}
