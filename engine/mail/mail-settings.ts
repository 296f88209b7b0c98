import path from 'node:path';

/** How the service sends mail, read from the environment once. */
export interface MailSettings {
  /** `SMTP_URL`; absent: mails go to the outbox folder. */
  readonly smtpUrl?: string;
  /** `<data dir>/udbakke`. */
  readonly outboxDir: string;
  /** The address links in mails point at (`INDBERET_PUBLIC_URL`), without a trailing slash. */
  readonly publicUrl: string;
  /** Days a set-password link stays valid after it is sent (`INDBERET_LINK_DAYS`, default 14). */
  readonly linkDays: number;
  /** How long a send job may hold a mail before another job may take it over (ms). */
  readonly leaseMs: number;
  /** Attempts before a mail that keeps failing is given up as failed. */
  readonly maxAttempts: number;
}

/** A send job holds a mail for at most five minutes; SMTP timeouts are far shorter. */
export const DEFAULT_LEASE_MS = 5 * 60_000;

/**
 * Reads the mail settings.
 * @param env usually `process.env`
 * @param dataDir the service's data folder (the outbox lives in it)
 * @returns the frozen settings
 */
export function loadMailSettings(env: Readonly<Record<string, string | undefined>>, dataDir: string): MailSettings {
  const days = Number(env.INDBERET_LINK_DAYS ?? 14);
  const port = env.PORT ?? '3000';
  return Object.freeze({
    ...(env.SMTP_URL?.trim() ? { smtpUrl: env.SMTP_URL.trim() } : {}),
    outboxDir: path.join(dataDir, 'udbakke'),
    publicUrl: (env.INDBERET_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    linkDays: Number.isInteger(days) && days > 0 && days <= 365 ? days : 14,
    leaseMs: DEFAULT_LEASE_MS,
    maxAttempts: 5,
  });
}
