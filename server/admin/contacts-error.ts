import type { ContactsFailure } from '../../engine/contacts/index.ts';
import { AppError, renderMessage } from '../errors.ts';

/**
 * Turns a contacts failure into the error the one handler answers with.
 * @param f the failure
 * @returns the AppError
 */
export function contactsError(f: ContactsFailure): AppError {
  return new AppError(f.code, f.params ?? {}, f.issues);
}

/**
 * A failure's Danish message.
 * @param f the failure
 * @returns the text
 */
export function contactsMessage(f: ContactsFailure): string {
  return renderMessage(f.code, f.params ?? {});
}
