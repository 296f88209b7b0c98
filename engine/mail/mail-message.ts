/** A mailbox: display name and address. */
export interface MailAddress {
  readonly name: string;
  readonly address: string;
}

/** One plain-text mail as the service composes it. */
export interface MailMessage {
  /** The idempotency key of the mail; the outbox names its file after it. */
  readonly key: string;
  readonly from: MailAddress;
  readonly to: MailAddress;
  readonly subject: string;
  readonly text: string;
  /** The same on every attempt, so a receiver can recognise a duplicate. */
  readonly messageId: string;
}

/** What a transport did with a mail: accepted, or refused for a reason that may pass. */
export type SendOutcome =
  | { readonly ok: true; readonly response: string }
  | { readonly ok: false; readonly permanent: boolean; readonly error: string };

/** Where mails go: an SMTP server, or a folder of `.eml` files when none is configured. */
export interface MailTransport {
  readonly kind: 'smtp' | 'outbox';
  /** A description for logs and the outbox page, without credentials. */
  readonly description: string;
  /** Hands over one mail; never throws for a refused mail, only reports it. */
  send(message: MailMessage): Promise<SendOutcome>;
  close(): Promise<void>;
}
