import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { parseRawMail, type ParsedMail } from './parse-raw-mail.ts';

/*
 * For tests only: smtp-server is a development dependency, so this file is deliberately not in the
 * folder's barrel and the service never loads it.
 */

/** A mail the loopback server accepted. */
export interface ReceivedMail extends ParsedMail {
  /** Envelope sender and recipients, as given in MAIL FROM and RCPT TO. */
  readonly envelopeFrom: string;
  readonly envelopeTo: readonly string[];
  readonly raw: string;
}

/** A running loopback SMTP server. */
export interface LoopbackSmtpServer {
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  readonly url: string;
  /** Mails accepted so far, in order. */
  readonly received: readonly ReceivedMail[];
  /** Resolves once `count` mails have been accepted. */
  waitFor(count: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts a real SMTP server on 127.0.0.1 at a free port (no TLS, no authentication). A mail counts
 * as delivered only once the server has answered 250 for it; `beforeAccept` may hold the answer
 * back or refuse the mail (return false), as a server that crashes mid-transaction would.
 * @param options an optional hook run before each mail is accepted
 * @returns the server
 */
export async function startLoopbackSmtpServer(
  options: { readonly beforeAccept?: (mail: ReceivedMail, index: number) => Promise<boolean> | boolean } = {},
): Promise<LoopbackSmtpServer> {
  const received: ReceivedMail[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  let seen = 0;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    // Loopback needs no reverse DNS lookup of the client; it only slows every connection down.
    disableReverseLookup: true,
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const mail: ReceivedMail = {
          ...parseRawMail(raw),
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          raw,
        };
        const index = seen++;
        void Promise.resolve(options.beforeAccept?.(mail, index) ?? true).then((accept) => {
          if (!accept) return callback(Object.assign(new Error('Afvist af testserveren'), { responseCode: 451 }));
          received.push(mail);
          for (const w of waiters.filter((x) => received.length >= x.count)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve();
          }
          callback();
        });
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    waitFor(count) {
      if (received.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
