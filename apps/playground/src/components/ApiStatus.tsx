import { useEffect, useState } from 'react';

type Reachability = 'checking' | 'online' | 'offline';

/** Whether the API answers at all: the first thing to know when every request fails. */
export function ApiStatus({ apiUrl }: { apiUrl: string }) {
  const [state, setState] = useState<Reachability>('checking');
  useEffect(() => {
    const controller = new AbortController();
    fetch(`${apiUrl}/v1/health`, { signal: controller.signal }).then(
      (response) => setState(response.ok ? 'online' : 'offline'),
      () => {
        if (!controller.signal.aborted) setState('offline');
      },
    );
    return () => controller.abort();
  }, [apiUrl]);
  return (
    <span className={`api-status api-status--${state}`} data-testid="api-status" data-state={state}>
      <span className="dot" />
      API {state === 'offline' ? 'unreachable at' : 'at'} <code className="mono">{apiUrl}</code>
    </span>
  );
}
