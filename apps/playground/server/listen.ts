/** Starting and stopping the API server on a loopback address. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPlaygroundServer, type PlaygroundServerOptions } from './app.js';

export interface RunningApi {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Listens on host:port (port 0: a free one) and resolves once it accepts connections. */
export async function startApi(
  options: PlaygroundServerOptions & { host?: string; port?: number } = {},
): Promise<RunningApi> {
  const { host = '127.0.0.1', port = 0, ...serverOptions } = options;
  const server = createPlaygroundServer(serverOptions);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
