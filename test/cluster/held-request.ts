import http from 'node:http';

/** A request whose body is sent in two parts, so the test decides how long it stays open on the server. */
export interface HeldRequest {
  /** Sends the rest of the body; resolves with the answer. */
  finish(): Promise<{ readonly status: number; readonly connection: string | undefined; readonly body: any }>;
  /** Rejects when the connection is cut before an answer (the error's message says how). */
  readonly failed: Promise<Error>;
}

/**
 * Starts a JSON request and sends all of its headers but only half of its body, so the server
 * has the request and waits for the rest.
 * @param url the server
 * @param method the method
 * @param path path and query
 * @param headers extra headers (cookie, CSRF token, If-Match)
 * @param body the JSON body
 * @returns the held request, once the first half is written to the socket
 */
export async function holdRequest(url: string, method: string, path: string, headers: Record<string, string>, body: unknown): Promise<HeldRequest> {
  const data = Buffer.from(JSON.stringify(body));
  const half = Math.floor(data.length / 2);
  const req = http.request(`${url}${path}`, {
    method,
    agent: false,
    headers: { ...headers, 'content-type': 'application/json', 'content-length': String(data.length) },
  });
  const answered = new Promise<{ status: number; connection: string | undefined; body: any }>((resolve, reject) => {
    req.once('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body: JSON.parse(text) }));
    });
    req.once('error', reject);
  });
  const failed = answered.then(
    () => new Promise<Error>(() => {}),
    (e: Error) => e,
  );
  await new Promise<void>((resolve, reject) => {
    req.once('error', reject);
    req.write(data.subarray(0, half), (err) => (err ? reject(err) : resolve()));
  });
  return {
    finish() {
      req.end(data.subarray(half));
      return answered;
    },
    failed,
  };
}
