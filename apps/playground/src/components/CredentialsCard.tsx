import { useState } from 'react';
import { demo } from '../credentials.ts';
import type { ModeId } from '../modes.ts';

interface Row {
  label: string;
  value: string;
  secret?: boolean;
}

function rowsFor(mode: ModeId): Row[] {
  const { apiKeyUser, jwtUser, member, remoteUser, organization } = demo;
  switch (mode) {
    case 'api-key':
      return [
        { label: 'user', value: apiKeyUser.name },
        { label: 'API key', value: apiKeyUser.apiKey },
      ];
    case 'signed':
      return [
        { label: 'user', value: jwtUser.name },
        { label: 'API key', value: jwtUser.apiKey },
        { label: 'JWT key', value: jwtUser.jwtKey ?? '', secret: true },
      ];
    case 'organization':
      return [
        { label: 'user', value: `${member.name} (member of ${organization.name})` },
        { label: 'API key', value: member.apiKey },
        { label: 'App Key', value: organization.appKey },
        { label: 'App Secret', value: organization.appSecret, secret: true },
      ];
    case 'remote':
      return [
        { label: 'user', value: remoteUser.name },
        { label: 'API key', value: 'handed out by /sign' },
        { label: 'JWT key', value: 'on the server only' },
      ];
  }
}

function Secret({ value }: { value: string }) {
  const [shown, setShown] = useState(false);
  return (
    <span className="token">
      <code className="mono">{shown ? value : '•'.repeat(12)}</code>
      <button type="button" className="link-button" onClick={() => setShown(!shown)}>
        {shown ? 'hide' : 'reveal'}
      </button>
    </span>
  );
}

/** What this page holds for the mode: secrets masked, and for the remote signer, none at all. */
export function CredentialsCard({ mode }: { mode: ModeId }) {
  return (
    <section className="card">
      <h3>{mode === 'remote' ? 'What this page holds' : 'Credentials in this page'}</h3>
      <dl className="kv">
        {rowsFor(mode).map((row) => (
          <div className="kv__row" key={row.label}>
            <dt>{row.label}</dt>
            <dd>
              {row.secret ? (
                <Secret value={row.value} />
              ) : (
                <code className="mono">{row.value}</code>
              )}
            </dd>
          </div>
        ))}
      </dl>
      {mode === 'remote' && (
        <p className="note">Nothing secret: no JWT key, no App Secret. Only headers from /sign.</p>
      )}
    </section>
  );
}
