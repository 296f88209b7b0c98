import nodemailer, { type SMTPTransportOptions } from 'nodemailer';
import type { MailMessage, MailTransport, SendOutcome } from './mail-message.ts';
import { toNodemailer } from './to-nodemailer.ts';

/**
 * A transport over SMTP (nodemailer) from a URL such as `smtp://user:pass@host:587` or
 * `smtps://host:465`. Timeouts are bounded so a hanging server cannot hold a mail past the send
 * job's lease.
 * @param url the SMTP URL
 * @returns the transport
 */
export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  } as SMTPTransportOptions);
  const safe = new URL(url);
  safe.username = '';
  safe.password = '';
  return {
    kind: 'smtp',
    description: `SMTP ${safe.host}`,
    async send(message: MailMessage): Promise<SendOutcome> {
      try {
        const info = (await transporter.sendMail(toNodemailer(message))) as { response?: string };
        return { ok: true, response: String(info.response ?? '') };
      } catch (e) {
        const err = e as { responseCode?: number; message?: string };
        // 5xx replies are final (unknown mailbox, refused); anything else may pass on a later try.
        const permanent = typeof err.responseCode === 'number' && err.responseCode >= 500;
        return { ok: false, permanent, error: String(err.message ?? e).slice(0, 500) };
      }
    },
    async close() {
      transporter.close();
    },
  };
}
