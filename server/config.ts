import { DEFAULT_THROTTLE, type ThrottleOptions } from '../engine/workflows/index.ts';

/** Everything the service reads from its environment, copied and frozen at start. */
export interface ServerConfig {
  readonly port: number;
  readonly dataDir: string;
  readonly databaseUrl?: string;
  readonly schemasDir: string;
  /** `auto`: Secure cookies when the request came over TLS (directly or via a trusted proxy). */
  readonly secureCookies: 'auto' | boolean;
  /** Express's `trust proxy` setting, so client addresses and TLS are read from the proxy's headers. */
  readonly trustProxy: boolean | number | string;
  /** Largest accepted request body (express syntax, e.g. `200kb`). */
  readonly bodyLimit: string;
  readonly throttle: ThrottleOptions;
  readonly adminEmail?: string;
  readonly adminPassword?: string;
  /** Whether each request is logged (at info). */
  readonly logRequests: boolean;
  /** How often an instance looks for rounds another instance published (0: only at start). */
  readonly roundRefreshSeconds: number;
  /** On SIGTERM: how long the service keeps serving with /healthz at 503, so a proxy stops sending, before it stops accepting. */
  readonly drainSeconds: number;
  /** On SIGTERM: how long requests still running may take before their connections are cut. */
  readonly shutdownSeconds: number;
  /** The service's public address (`INDBERET_PUBLIC_URL`, no trailing slash): published tables link each row there. */
  readonly publicUrl?: string;
  /**
   * Whether admins and analysts must have a second factor (TOTP) before they reach anything
   * (`INDBERET_MFA_REQUIRED`, on unless set to `false`). Users who enrolled are asked for a code either way.
   */
  readonly mfaRequired: boolean;
  /** The name authenticator apps show beside the account (`INDBERET_MFA_ISSUER`). */
  readonly mfaIssuer: string;
}

/** What tests and tools override: any setting, and any of the throttle's limits. */
export type ConfigOverrides = Partial<Omit<ServerConfig, 'throttle'>> & { readonly throttle?: Partial<ThrottleOptions> };

/**
 * Reads the configuration from environment variables.
 * @param env usually `process.env`
 * @param overrides values that win over the environment (tests)
 * @returns the frozen configuration
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>, overrides: ConfigOverrides = {}): ServerConfig {
  const trust = env.INDBERET_TRUST_PROXY;
  const config: ServerConfig = {
    port: Number(env.PORT ?? 3000),
    dataDir: env.INDBERET_DATA_DIR ?? './data',
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    schemasDir: env.INDBERET_SCHEMAS_DIR ?? 'schemas',
    secureCookies: env.INDBERET_SECURE_COOKIES === 'true' ? true : env.INDBERET_SECURE_COOKIES === 'false' ? false : 'auto',
    trustProxy: trust === undefined ? false : trust === 'true' ? true : /^\d+$/.test(trust) ? Number(trust) : trust,
    bodyLimit: env.INDBERET_BODY_LIMIT ?? '200kb',
    ...(env.INDBERET_ADMIN_EMAIL ? { adminEmail: env.INDBERET_ADMIN_EMAIL } : {}),
    ...(env.INDBERET_ADMIN_PASSWORD ? { adminPassword: env.INDBERET_ADMIN_PASSWORD } : {}),
    logRequests: env.INDBERET_LOG_REQUESTS !== 'false',
    roundRefreshSeconds: seconds(env.INDBERET_ROUND_REFRESH_SECONDS, 10),
    drainSeconds: seconds(env.INDBERET_DRAIN_SECONDS, 0),
    shutdownSeconds: seconds(env.INDBERET_SHUTDOWN_SECONDS, 10),
    ...(env.INDBERET_PUBLIC_URL ? { publicUrl: env.INDBERET_PUBLIC_URL.replace(/\/+$/, '') } : {}),
    mfaRequired: env.INDBERET_MFA_REQUIRED !== 'false',
    mfaIssuer: env.INDBERET_MFA_ISSUER ?? 'Indberetning',
    ...overrides,
    throttle: { ...DEFAULT_THROTTLE, ...overrides.throttle },
  };
  return Object.freeze({ ...config, throttle: Object.freeze({ ...config.throttle }) });
}

function seconds(text: string | undefined, fallback: number): number {
  const n = text === undefined || text.trim() === '' ? Number.NaN : Number(text);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}
