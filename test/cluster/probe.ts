import http from 'node:http';

/** What a probe met. */
export type Probed = number | 'refused' | 'reset';

/**
 * One GET on a connection of its own (never a pooled one, so each probe is a new connection).
 * @param url the server
 * @param path the path
 * @returns the status, `refused` when nothing accepts connections there, or `reset` when the
 *   connection was accepted just before the listener closed and closed unanswered (its request
 *   never reached the app)
 */
export function probe(url: string, path = '/healthz'): Promise<Probed> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${url}${path}`, { agent: false }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
    });
    req.once('error', (e: NodeJS.ErrnoException) =>
      e.code === 'ECONNREFUSED' ? resolve('refused') : e.code === 'ECONNRESET' || e.message === 'socket hang up' ? resolve('reset') : reject(e),
    );
  });
}

/**
 * Probes every 20 ms until the answer is the one wanted.
 * @param url the server
 * @param want the status, or `refused`
 * @param timeoutMs how long to try
 * @returns the answers seen, in order (repeats collapsed)
 */
export async function probeUntil(url: string, want: Probed, timeoutMs = 10_000): Promise<Probed[]> {
  const seen: Probed[] = [];
  const end = Date.now() + timeoutMs;
  for (;;) {
    const got = await probe(url);
    if (seen.at(-1) !== got) seen.push(got);
    if (got === want) return seen;
    if (Date.now() > end) throw new Error(`no ${want} within ${timeoutMs} ms: saw ${seen.join(', ')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
