import { findMode } from '../modes.ts';
import { finalAttempt, outcomeOf, type Run } from '../run.ts';

/** Earlier requests, newest first: a compact log of verdicts. */
export function History({ runs }: { runs: Run[] }) {
  if (runs.length === 0) return null;
  return (
    <section className="card">
      <h3>History</h3>
      <ol className="history">
        {runs.map((run) => {
          const mode = findMode(run.modeId);
          const scenario = mode.scenarios.find((candidate) => candidate.id === run.scenarioId);
          const last = finalAttempt(run);
          const body = last?.body as { error?: string } | undefined;
          const outcome = outcomeOf(run);
          const retried = run.attempts.filter((attempt) => attempt.kind === 'api').length > 1;
          return (
            <li key={run.id} className="history__item">
              <span className={`dot dot--${outcome}`} />
              <span className="history__time mono">
                {new Date(run.startedAt).toLocaleTimeString()}
              </span>
              <span>
                {mode.title} · {scenario?.label}
              </span>
              <span className="history__result mono">
                {outcome === 'accepted'
                  ? `${last?.status}${retried ? ' after a retry' : ''}`
                  : (body?.error ?? last?.status ?? run.error)}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
