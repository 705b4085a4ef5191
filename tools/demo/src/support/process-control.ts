import { createServer } from 'node:net';

/** Whether nothing listens on the port yet (the hub would fail to start, later and less clearly). */
export async function portIsFree(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Resolves on the first Ctrl-C (SIGINT) or SIGTERM; later ones are ignored while the demo stops. */
export function waitForStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      for (const s of ['SIGINT', 'SIGTERM'] as const) {
        process.removeAllListeners(s);
        process.on(s, () => undefined);
      }
      resolve(signal);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}
