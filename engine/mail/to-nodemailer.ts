import type { SendMailOptions } from 'nodemailer';
import type { MailMessage } from './mail-message.ts';

/** Header line breaks would let a value start a new header: fold every whitespace run to a space. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The nodemailer form of a message: plain text in UTF-8, our Message-ID, marked as sent by a
 * machine so auto-responders stay quiet.
 * @param message the message
 * @returns nodemailer's options
 */
export function toNodemailer(message: MailMessage): SendMailOptions {
  return {
    from: { name: oneLine(message.from.name), address: message.from.address },
    to: { name: oneLine(message.to.name), address: message.to.address },
    subject: oneLine(message.subject),
    text: message.text,
    messageId: message.messageId,
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}
