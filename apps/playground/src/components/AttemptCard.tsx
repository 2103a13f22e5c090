import type { Attempt } from '../recorder.ts';
import { Claims } from './Claims.tsx';
import { HeadersTable } from './HeadersTable.tsx';
import { Verdict } from './Verdict.tsx';

function StatusPill({ status }: { status: number | null }) {
  const tone = status === 200 ? 'accepted' : status === null || status >= 500 ? 'error' : 'refused';
  return <span className={`pill pill--${tone}`}>{status ?? 'failed'}</span>;
}

/**
 * The remote signer's call to /sign: which headers the server handed the page. `reused`: the
 * call came before this request, whose headers were still fresh enough to reuse.
 */
export function SignAttempt({ attempt, reused = false }: { attempt: Attempt; reused?: boolean }) {
  const answer = attempt.body as { headers?: Record<string, string> } | null;
  return (
    <article className="attempt attempt--sign" data-testid="sign-attempt">
      <header className="attempt__head">
        <span className="attempt__title">
          <span className="mono">POST /sign</span>
          <span className="muted">
            {reused
              ? 'headers fetched earlier, still fresh: reused'
              : 'the page asks the server for headers'}
          </span>
        </span>
        <StatusPill status={attempt.status} />
      </header>
      {answer?.headers ? (
        <>
          <HeadersTable headers={answer.headers} />
          <p className="note">
            Only these short-lived headers reached the page. The JWT key stayed on the server.
          </p>
        </>
      ) : (
        <p className="muted">No headers: {JSON.stringify(attempt.body)}</p>
      )}
    </article>
  );
}

export function AttemptCard({ attempt, index }: { attempt: Attempt; index: number }) {
  if (attempt.kind === 'sign') return <SignAttempt attempt={attempt} />;
  return (
    <article className="attempt" data-testid="attempt">
      <header className="attempt__head">
        <span className="attempt__title">
          <span className="attempt__index">#{index}</span>
          <span className="mono">
            {attempt.method} {attempt.path}
          </span>
        </span>
        <span className="attempt__meta">
          {attempt.serverDate && (
            <span className="muted" title="The server's Date header: what skew correction reads">
              Date: {attempt.serverDate.slice(17, 25)}
            </span>
          )}
          <span className="muted">{Math.round(attempt.durationMs)} ms</span>
          <StatusPill status={attempt.status} />
        </span>
      </header>
      <div className="attempt__grid">
        <section>
          <h4>Headers sent</h4>
          <HeadersTable headers={attempt.headers} />
        </section>
        <section>
          <h4>Decoded claims</h4>
          <Claims headers={attempt.headers} />
        </section>
      </div>
      <Verdict attempt={attempt} />
    </article>
  );
}
