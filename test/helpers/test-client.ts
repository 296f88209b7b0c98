/** A response as tests read it. */
export interface TestResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any;
  readonly text: string;
}

/** Options of one request. */
export interface RequestOptions {
  readonly json?: unknown;
  /** A raw body (sent as given, with the content type from `headers`). */
  readonly raw?: string | Uint8Array<ArrayBuffer>;
  readonly headers?: Readonly<Record<string, string>>;
  /** Leave out the CSRF header this client would otherwise send. */
  readonly noCsrf?: boolean;
}

/**
 * An HTTP client over real loopback connections that keeps cookies like a browser and sends the
 * CSRF token it was given. One client = one browser.
 */
export class TestClient {
  readonly cookies = new Map<string, string>();
  csrf: string | undefined;

  constructor(readonly baseUrl: string) {}

  /**
   * Sends a request.
   * @param method HTTP method
   * @param path path and query
   * @param options body and headers
   * @returns status, headers and the parsed body (JSON when it parses)
   */
  async request(method: string, path: string, options: RequestOptions = {}): Promise<TestResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.csrf && !options.noCsrf && !('x-csrf-token' in headers)) headers['x-csrf-token'] = this.csrf;
    let body: string | Uint8Array<ArrayBuffer> | undefined;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] ??= 'application/json';
    } else if (options.raw !== undefined) {
      body = options.raw;
    }
    const res = await fetch(this.baseUrl + path, { method, headers, ...(body !== undefined ? { body } : {}), redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  }

  /**
   * Fetches an anonymous CSRF token, as a login page would.
   * @returns the token
   */
  async fetchCsrf(): Promise<string> {
    const r = await this.request('GET', '/api/auth/csrf');
    this.csrf = r.body.csrfToken as string;
    return this.csrf;
  }

  /**
   * Logs in and keeps the session cookie and the session's CSRF token.
   * @param email the account
   * @param password its password
   * @returns the login response
   */
  async login(email: string, password: string): Promise<TestResponse> {
    await this.fetchCsrf();
    const r = await this.request('POST', '/api/auth/login', { json: { email, password } });
    if (r.status === 200) this.csrf = r.body.csrfToken as string;
    return r;
  }
}
