import { type AuthMode, describeReason, readRefusal } from '@apisig/react';
import type { Attempt } from '../recorder.ts';

interface Acceptance {
  verdict: 'accepted';
  authenticatedWith: AuthMode;
  user: { name: string };
  organization: { name: string } | null;
  echo?: unknown;
}

const HOW: Record<AuthMode, string> = {
  'api-key': 'API key',
  signed: 'API key + JWT signature',
  organization: 'organization signature',
  'signed-organization': 'JWT + organization signatures',
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The server's answer to one attempt, in words: who it accepted, or why it refused. */
export function Verdict({ attempt }: { attempt: Attempt }) {
  const { status, body } = attempt;
  if (status === 200 && isObject(body) && body.verdict === 'accepted') {
    const accepted = body as unknown as Acceptance;
    return (
      <div className="verdict verdict--accepted" data-testid="verdict" data-outcome="accepted">
        <div className="verdict__headline">
          <span className="verdict__icon">✓</span> Accepted as <strong>{accepted.user.name}</strong>
        </div>
        <div className="verdict__detail">
          by {HOW[accepted.authenticatedWith] ?? accepted.authenticatedWith}
          {accepted.organization && <> through {accepted.organization.name}</>}
        </div>
      </div>
    );
  }
  // A refusal as any apisig client reads one (core's readRefusal), in core's words.
  const refusal = status === null ? null : readRefusal(status, body);
  if (refusal !== null) {
    return (
      <div className="verdict verdict--refused" data-testid="verdict" data-outcome="refused">
        <div className="verdict__headline">
          <span className="verdict__icon">✕</span> Refused:{' '}
          <code className="mono" data-testid="reason">
            {refusal.reason}
          </code>{' '}
          <span className="muted">
            on <code className="mono">{refusal.header}</code>
          </span>
        </div>
        <div className="verdict__detail">{describeReason(refusal.reason)}</div>
      </div>
    );
  }
  if (isObject(body) && typeof body.error === 'string') {
    return (
      <div className="verdict verdict--error" data-testid="verdict" data-outcome="error">
        <div className="verdict__headline">
          <span className="verdict__icon">✕</span> Error:{' '}
          <code className="mono" data-testid="reason">
            {body.error}
          </code>
        </div>
        <div className="verdict__detail">HTTP {status}</div>
      </div>
    );
  }
  return (
    <div className="verdict verdict--error" data-testid="verdict" data-outcome="error">
      <div className="verdict__headline">
        {status === null ? `No answer: ${attempt.error ?? 'network error'}` : `HTTP ${status}`}
      </div>
    </div>
  );
}
