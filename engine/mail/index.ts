/**
 * Mail: one transport factory (SMTP from `SMTP_URL`, else an outbox folder), the settings read from
 * the environment, and a reader for the plain-text mails the service writes. The loopback SMTP
 * server for tests lives in `loopback-smtp-server.ts`, outside this barrel (development dependency).
 */
export type { MailAddress, MailMessage, MailTransport, SendOutcome } from './mail-message.ts';
export { createMailTransport } from './create-mail-transport.ts';
export { smtpTransport } from './smtp-transport.ts';
export { outboxTransport, outboxFileName } from './outbox-transport.ts';
export { loadMailSettings, DEFAULT_LEASE_MS, type MailSettings } from './mail-settings.ts';
export { parseRawMail, type ParsedMail } from './parse-raw-mail.ts';
export { listOutbox, readOutboxFile, type OutboxFile } from './list-outbox.ts';
