import { Token } from './Token.tsx';

const OURS = ['x-api-key', 'x-signature', 'x-app-key', 'x-app-signature'];

/** Our four headers first, in wire order, then any other the request carried. */
function ordered(headers: Record<string, string>): [string, string][] {
  const ours = OURS.filter((name) => name in headers).map((name): [string, string] => [
    name,
    headers[name] ?? '',
  ]);
  const others = Object.entries(headers).filter(([name]) => !OURS.includes(name));
  return [...ours, ...others];
}

export function HeadersTable({ headers }: { headers: Record<string, string> }) {
  const rows = ordered(headers);
  if (rows.length === 0) return <p className="muted">No headers.</p>;
  return (
    <dl className="headers">
      {rows.map(([name, value]) => (
        <div
          className={`headers__row ${OURS.includes(name) ? 'headers__row--ours' : ''}`}
          key={name}
        >
          <dt className="mono">{name}</dt>
          <dd>
            <Token value={value} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
