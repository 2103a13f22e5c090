import type { Scenario } from '../modes.ts';
import type { Attempt } from '../recorder.ts';
import { finalAttempt, outcomeOf, type Run } from '../run.ts';
import { AttemptCard, SignAttempt } from './AttemptCard.tsx';

function formatOffset(seconds: number): string {
  const sign = seconds > 0 ? '+' : seconds < 0 ? '−' : '±';
  const size = Math.abs(seconds);
  return `${sign}${size.toFixed(size >= 10 ? 0 : 2)} s`;
}

/** How the signer's clock offset moved: the skew-correction story in one line. */
function ClockStory({ run }: { run: Run }) {
  const { offsetBefore, offsetAfter } = run;
  if (offsetBefore === undefined || offsetAfter === undefined || offsetBefore === 0) return null;
  const apiAttempts = run.attempts.filter((attempt) => attempt.kind === 'api').length;
  if (offsetAfter === offsetBefore) {
    return (
      <p className="story" data-testid="clock-story">
        The signer's clock stayed {formatOffset(offsetBefore)} off: nothing read the server's Date,
        nothing retried.
      </p>
    );
  }
  return (
    <p className="story story--learned" data-testid="clock-story">
      Clock offset <strong className="mono">{formatOffset(offsetBefore)}</strong> →{' '}
      <strong className="mono" data-testid="learned-offset">
        {formatOffset(offsetAfter)}
      </strong>{' '}
      learned from the server's Date header
      {apiAttempts > 1 ? ', then the request was retried once.' : '.'}
    </p>
  );
}

export interface RunViewProps {
  run: Run;
  scenario: Scenario;
  /** The remote signer's latest call to /sign, shown when this run reused its headers. */
  lastSign: Attempt | null;
}

export function RunView({ run, scenario, lastSign }: RunViewProps) {
  const outcome = outcomeOf(run);
  const last = finalAttempt(run);
  let index = 0;
  return (
    <section
      className={`run run--${outcome}`}
      data-testid="run"
      data-run-id={run.id}
      data-outcome={outcome}
    >
      <header className="run__head">
        <div>
          <div className="eyebrow">Latest request</div>
          <h2>
            {run.endpoint.method} {run.endpoint.path} · {scenario.label}
          </h2>
        </div>
        <span className={`outcome outcome--${outcome}`}>
          {outcome === 'pending' ? 'sending…' : outcome}
        </span>
      </header>
      <ClockStory run={run} />
      {run.error && (
        <div className="verdict verdict--error" data-testid="run-error">
          <div className="verdict__headline">{run.error}</div>
        </div>
      )}
      {run.modeId === 'remote' &&
        lastSign &&
        !run.attempts.some((attempt) => attempt.kind === 'sign') && (
          <SignAttempt attempt={lastSign} reused />
        )}
      {run.attempts.map((attempt) => {
        if (attempt.kind === 'api') index += 1;
        return <AttemptCard attempt={attempt} index={index} key={attempt.id} />;
      })}
      {last && (
        <details className="raw">
          <summary>Response body</summary>
          <pre className="mono">{JSON.stringify(last.body, null, 2)}</pre>
        </details>
      )}
    </section>
  );
}
