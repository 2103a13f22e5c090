import {
  type AsyncSigner,
  type FetchLike,
  isApiSigError,
  type RemoteSigner,
  useSignedFetch,
  useSigner,
} from '@apisig/react';
import { useState } from 'react';
import type { Scenario } from '../modes.ts';
import { ENDPOINTS, type Endpoint, type Run } from '../run.ts';

export interface RequestCardProps {
  apiUrl: string;
  scenario: Scenario;
  /** The recording fetch without signing: for the scenario that must not retry. */
  plainFetch: FetchLike;
  onStart(endpoint: Endpoint): number;
  onFinish(id: number, result: Partial<Run>): void;
}

function describeError(error: unknown): string {
  return isApiSigError(error) ? `${error.code}: ${error.message}` : String(error);
}

/** Picks an endpoint, sends it through the provider's signed fetch, reports the run. */
export function RequestCard({ apiUrl, scenario, plainFetch, onStart, onFinish }: RequestCardProps) {
  const signedFetch = useSignedFetch();
  const signer = useSigner<AsyncSigner | RemoteSigner>();
  const [endpoint, setEndpoint] = useState<Endpoint>(ENDPOINTS[0] as Endpoint);
  const [body, setBody] = useState('{\n  "hello": "apisig"\n}');
  const [sending, setSending] = useState(false);

  const send = async () => {
    setSending(true);
    const id = onStart(endpoint);
    const local = 'setClockOffset' in signer ? signer : null;
    if (local && scenario.clockOffset !== undefined) local.setClockOffset(scenario.clockOffset);
    const offsetBefore = local?.clockOffset;
    const init: RequestInit =
      endpoint.method === 'POST'
        ? { method: 'POST', headers: { 'content-type': 'application/json' }, body }
        : { method: 'GET' };
    const url = `${apiUrl}${endpoint.path}`;
    let error: string | undefined;
    try {
      if (scenario.noRetry) {
        const auth = await signer.headers();
        await plainFetch(url, { ...init, headers: { ...init.headers, ...auth } });
      } else {
        await signedFetch(url, init);
      }
    } catch (caught) {
      error = describeError(caught);
    }
    onFinish(id, { offsetBefore, offsetAfter: local?.clockOffset, error, done: true });
    setSending(false);
  };

  return (
    <section className="card">
      <h3>Request</h3>
      <div className="endpoints">
        {ENDPOINTS.map((candidate) => (
          <button
            type="button"
            aria-pressed={candidate === endpoint}
            className={`endpoint ${candidate === endpoint ? 'endpoint--active' : ''}`}
            key={candidate.path}
            data-testid={`endpoint-${candidate.method}`}
            onClick={() => setEndpoint(candidate)}
          >
            <span className={`method method--${candidate.method.toLowerCase()}`}>
              {candidate.method}
            </span>
            <span className="mono">{candidate.path}</span>
          </button>
        ))}
      </div>
      {endpoint.method === 'POST' && (
        <label className="body-field">
          <span className="muted small">JSON body</span>
          <textarea
            className="mono"
            value={body}
            spellCheck={false}
            rows={4}
            onChange={(event) => setBody(event.target.value)}
          />
        </label>
      )}
      <button
        type="button"
        className="send"
        data-testid="send"
        disabled={sending}
        onClick={() => void send()}
      >
        {sending ? 'Sending…' : 'Send request'}
      </button>
    </section>
  );
}
