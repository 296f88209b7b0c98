import type { MailTransport } from './mail-message.ts';
import { outboxTransport } from './outbox-transport.ts';
import { smtpTransport } from './smtp-transport.ts';

/**
 * The one place that picks how mail leaves: SMTP when a URL is configured, otherwise the outbox
 * folder.
 * @param options the SMTP URL (from `SMTP_URL`) and the outbox folder
 * @returns the transport
 * @example
 * const transport = createMailTransport({ smtpUrl: process.env.SMTP_URL, outboxDir: './data/udbakke' });
 */
export function createMailTransport(options: { readonly smtpUrl?: string | undefined; readonly outboxDir: string }): MailTransport {
  const url = options.smtpUrl?.trim();
  return url ? smtpTransport(url) : outboxTransport(options.outboxDir);
}
