import { useAuthHeaders } from '@apisig/react';
import { decodeToken } from '@apisig/web';
import { useNow } from '../use-now.ts';
import { HeadersTable } from './HeadersTable.tsx';

/** The earliest exp among the headers' tokens, epoch seconds; null without a token. */
function earliestExp(headers: Record<string, string>): number | null {
  const exps = ['x-signature', 'x-app-signature']
    .map((name) => headers[name])
    .map((token) => (token ? decodeToken(token)?.payload.exp : undefined))
    .filter((exp): exp is number => typeof exp === 'number');
  return exps.length === 0 ? null : Math.min(...exps);
}

/** useAuthHeaders(): the headers the provider keeps fresh, replaced before they expire. */
export function LiveHeaders() {
  const { headers, status, error } = useAuthHeaders();
  const now = useNow(500);
  const record = headers ? (headers as Record<string, string>) : null;
  const exp = record ? earliestExp(record) : null;
  return (
    <section className="card">
      <h3>
        Live headers <span className="muted small">useAuthHeaders()</span>
      </h3>
      {status === 'error' && (
        <p className="verdict__detail refused-text">Signing failed: {String(error)}</p>
      )}
      {record ? (
        <>
          <HeadersTable headers={record} />
          <p className="muted small">
            {exp === null
              ? 'No token: these headers never expire.'
              : exp * 1000 > now
                ? `Valid for ${Math.round(exp - now / 1000)} s more; the provider replaces them before then.`
                : 'Made on a skewed clock: already expired for the server.'}
          </p>
        </>
      ) : (
        <p className="muted">{status === 'pending' ? 'Signing…' : 'No headers.'}</p>
      )}
    </section>
  );
}
