import type { Server, ServerResponse } from 'node:http';

/** How a listening server stops. */
export interface DrainOptions {
  /** How long the server keeps serving, with readiness at 503, before it stops accepting (a proxy's health check notices meanwhile). */
  readonly drainMs: number;
  /** How long requests still running after that may take before their connections are cut. */
  readonly timeoutMs: number;
}

/** A listening server's graceful stop. */
export interface Drain {
  /** True from the moment the stop began: the readiness check answers 503 from then on. */
  draining(): boolean;
  /**
   * Stops the server (once; later calls share the first): answers readiness with 503, closes every
   * connection after its current response, stops accepting, waits for running requests.
   * @returns how many requests were still running when the timeout cut their connections
   */
  stop(): Promise<{ readonly cut: number }>;
}

/**
 * Prepares a graceful stop for a server that is listening. Every response sent once the stop has
 * begun says `Connection: close`, so no keep-alive connection stays open for a proxy to reuse
 * after the listener is gone: a request a proxy sends then meets a refused connection, which it
 * may safely send to another instance, instead of a connection closed after it wrote the request.
 * One race remains, in Node's `server.close()` itself: a connection accepted in the last moment
 * before the listener closes, whose request has not arrived yet, counts as idle and is closed
 * unanswered (the request never reaches the app). The drain time is there so that a proxy's health
 * check has moved the traffic elsewhere before that moment.
 * @param server the HTTP server (the app's, as `app.listen` returned it)
 * @param options drain time and timeout
 * @returns the stop handle
 */
export function drainOnStop(server: Server, options: DrainOptions): Drain {
  const running = new Set<ServerResponse>();
  let stopping: Promise<{ readonly cut: number }> | undefined;
  // First among the request listeners, so the header is set before the app can send one.
  server.prependListener('request', (_req, res: ServerResponse) => {
    if (stopping) res.setHeader('Connection', 'close');
    running.add(res);
    res.once('close', () => running.delete(res));
  });
  const stop = async () => {
    for (const res of running) if (!res.headersSent) res.setHeader('Connection', 'close');
    if (options.drainMs > 0) await new Promise((resolve) => setTimeout(resolve, options.drainMs));
    let cut = 0;
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => {
        cut = running.size;
        server.closeAllConnections();
      }, options.timeoutMs);
      server.close(() => {
        clearTimeout(force);
        resolve();
      });
      // Connections idle now would otherwise wait for keepAliveTimeout; busy ones close after their response.
      server.closeIdleConnections();
    });
    return { cut };
  };
  return {
    draining: () => stopping !== undefined,
    stop() {
      stopping ??= stop();
      return stopping;
    },
  };
}
