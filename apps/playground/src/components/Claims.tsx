import { decodeToken } from '@apisig/web';
import { useNow } from '../use-now.ts';

const TOKEN_HEADERS = ['x-signature', 'x-app-signature'];

function Countdown({ exp }: { exp: number }) {
  const now = useNow();
  const seconds = Math.round(exp - now / 1000);
  if (seconds < 0) {
    return <span className="badge badge--refused">expired {-seconds} s ago</span>;
  }
  const tone = seconds > 60 ? 'badge--warn' : 'badge--accepted';
  return <span className={`badge ${tone}`}>expires in {seconds} s</span>;
}

function TokenClaims({ name, token }: { name: string; token: string }) {
  const decoded = decodeToken(token);
  if (decoded === null) {
    return (
      <div className="claims">
        <div className="claims__title mono">{name}</div>
        <p className="muted">Not a decodable JWT.</p>
      </div>
    );
  }
  const { exp, key } = decoded.payload;
  return (
    <div className="claims">
      <div className="claims__title">
        <span className="mono">{name}</span>
        {typeof exp === 'number' && <Countdown exp={exp} />}
      </div>
      <dl className="claims__list">
        <dt>alg</dt>
        <dd className="mono">{String(decoded.header.alg)}</dd>
        <dt>key</dt>
        <dd className="mono">{String(key)}</dd>
        <dt>exp</dt>
        <dd className="mono">
          {String(exp)}
          {typeof exp === 'number' && (
            <span className="muted"> · {new Date(exp * 1000).toLocaleTimeString()}</span>
          )}
        </dd>
      </dl>
    </div>
  );
}

/** The decoded claims of every token among `headers` (structure only: the HMAC is the server's job). */
export function Claims({ headers }: { headers: Record<string, string> }) {
  const tokens = TOKEN_HEADERS.filter((name) => headers[name] !== undefined);
  if (tokens.length === 0) {
    return <p className="muted">No token: this mode sends the API key alone.</p>;
  }
  return (
    <div className="claims-group">
      {tokens.map((name) => (
        <TokenClaims key={name} name={name} token={headers[name] ?? ''} />
      ))}
    </div>
  );
}
