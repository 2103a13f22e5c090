import { useState } from 'react';

const SHORT = 40;

/** A header value in monospace; a long one (a JWT) truncated, with its three parts coloured when expanded. */
export function Token({ value }: { value: string }) {
  const [open, setOpen] = useState(false);
  if (value.length <= SHORT) return <code className="mono">{value}</code>;
  const [header = '', payload = '', signature = ''] = value.split('.');
  return (
    <span className="token">
      {open ? (
        <code className="mono token__full">
          <span className="jwt-header">{header}</span>.
          <span className="jwt-payload">{payload}</span>.
          <span className="jwt-signature">{signature}</span>
        </code>
      ) : (
        <code className="mono" title={value}>
          <span className="jwt-header">{value.slice(0, 16)}</span>…
          <span className="jwt-signature">{value.slice(-10)}</span>
        </code>
      )}
      <button type="button" className="link-button" onClick={() => setOpen(!open)}>
        {open ? 'collapse' : `expand (${value.length})`}
      </button>
    </span>
  );
}
