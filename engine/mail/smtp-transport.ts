import type { SMTPPoolOptions, Transporter } from 'nodemailer';
import type { MailMessage, MailTransport, SendOutcome } from './mail-message.ts';
import { toNodemailer } from './to-nodemailer.ts';

/** A pooled connection unused this long is closed, so an idle service holds no SMTP socket. */
const IDLE_CLOSE_MS = 2000;

/**
 * A transport over SMTP (nodemailer) from a URL such as `smtp://user:pass@host:587` or
 * `smtps://host:465`. One pooled connection carries a send job's mails (a new connection per mail
 * costs about 0.1 s) and is closed once idle. Timeouts are bounded so a hanging server cannot hold
 * a mail past the send job's lease.
 * @param url the SMTP URL
 * @returns the transport
 */
export function smtpTransport(url: string): MailTransport {
  let transporter: Transporter | undefined;
  let idle: NodeJS.Timeout | undefined;
  // nodemailer is loaded with the first mail: the service starts without it.
  const open = async (): Promise<Transporter> => {
    const { default: nodemailer } = await import('nodemailer');
    transporter ??= nodemailer.createTransport({
      url,
      pool: true,
      maxConnections: 1,
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
    } as SMTPPoolOptions & { url: string; pool: true });
    return transporter;
  };
  const closeNow = () => {
    if (idle) clearTimeout(idle);
    idle = undefined;
    transporter?.close();
    transporter = undefined;
  };
  const safe = new URL(url);
  safe.username = '';
  safe.password = '';
  return {
    kind: 'smtp',
    description: `SMTP ${safe.host}`,
    async send(message: MailMessage): Promise<SendOutcome> {
      if (idle) clearTimeout(idle);
      try {
        const info = (await (await open()).sendMail(toNodemailer(message))) as { response?: string };
        return { ok: true, response: String(info.response ?? '') };
      } catch (e) {
        const err = e as { responseCode?: number; message?: string };
        // 5xx replies are final (unknown mailbox, refused); anything else may pass on a later try.
        const permanent = typeof err.responseCode === 'number' && err.responseCode >= 500;
        return { ok: false, permanent, error: String(err.message ?? e).slice(0, 500) };
      } finally {
        idle = setTimeout(closeNow, IDLE_CLOSE_MS);
        idle.unref();
      }
    },
    async close() {
      closeNow();
    },
  };
}
