import { access, mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Transporter } from 'nodemailer';
import type { MailMessage, MailTransport, SendOutcome } from './mail-message.ts';
import { toNodemailer } from './to-nodemailer.ts';

/**
 * The file name a mail gets in the outbox folder: its idempotency key with anything but letters,
 * digits and dashes replaced, so the same mail always lands in the same file.
 * @param key the idempotency key
 * @returns e.g. `credentials-2024-0147-…eml`
 */
export function outboxFileName(key: string): string {
  return `${key.replace(/[^A-Za-z0-9-]+/g, '-').slice(0, 180)}.eml`;
}

/**
 * A transport that writes each mail as an `.eml` file into a folder, for running without an SMTP
 * server; an admin page lists the folder. A mail whose file exists is not written again, and files
 * appear whole (written aside, then renamed).
 * @param dir the outbox folder
 * @returns the transport
 */
export function outboxTransport(dir: string): MailTransport {
  // nodemailer is loaded with the first mail: the service starts without it.
  let composer: Transporter | undefined;
  const compose = async (): Promise<Transporter> => {
    const { default: nodemailer } = await import('nodemailer');
    composer ??= nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    return composer;
  };
  return {
    kind: 'outbox',
    description: `udbakke ${dir}`,
    async send(message: MailMessage): Promise<SendOutcome> {
      const file = path.join(dir, outboxFileName(message.key));
      try {
        await mkdir(dir, { recursive: true });
        if (await exists(file)) return { ok: true, response: `findes allerede: ${path.basename(file)}` };
        const info = (await (await compose()).sendMail(toNodemailer(message))) as { message: Buffer };
        const tmp = `${file}.${process.pid}.tmp`;
        await writeFile(tmp, info.message, { mode: 0o600 });
        await rename(tmp, file);
        return { ok: true, response: `gemt: ${path.basename(file)}` };
      } catch (e) {
        return { ok: false, permanent: false, error: String((e as Error).message ?? e).slice(0, 500) };
      }
    },
    async close() {},
  };
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
