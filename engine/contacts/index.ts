/**
 * Contacts, credentials and reminders: the contact-list template and its import (every row
 * checked by the round's `kontaktliste` form), one contact edited at a time, set-password
 * credentials for the contact persons, reminders, the idempotent send job, and the ministry's
 * board. Plain functions taking `(deps, input)`; expected failures come back as data.
 */
export { contactsFail, type ContactsErrorCode, type ContactsFailure } from './contacts-failure.ts';
export { contactColumns, type ContactColumn } from './contact-columns.ts';
export { optionLabels } from './option-labels.ts';
export { buildContactTemplate } from './build-contact-template.ts';
export { readContactSheet, MAX_ROWS, type ContactSheet, type SheetRow } from './read-contact-sheet.ts';
export { checkContactRows, formatRowError, type ContactCheck, type RowError } from './check-contact-rows.ts';
export { contactFields, contactFormOf, contactOf, type ContactFields, type ContactValue } from './contact-form.ts';
export { lockedPasswordHash } from './locked-password.ts';
export { closeCredentials, type CloseReason } from './close-credentials.ts';
export { saveContact, type SavedContact } from './save-contact.ts';
export { applyContacts, type AppliedContacts } from './apply-contacts.ts';
export { toImportReport, type ImportReport } from './import-report.ts';
export { importContactFile, CONTACT_LIST } from './import-contact-file.ts';
export { commitContactImport, getContactImport } from './commit-contact-import.ts';
export { updateContact, type ContactInput } from './update-contact.ts';
export { listContacts, type ContactListing } from './list-contacts.ts';
export { reportForm } from './report-form.ts';
export {
  compileMailTemplates,
  loadMailTemplates,
  MAIL_TEMPLATE_FILES,
  type CredentialMailContext,
  type MailTemplates,
  type ReminderMailContext,
  type RenderedMail,
} from './mail-templates.ts';
export { roundMailFacts, type RoundMailFacts } from './round-mail-facts.ts';
export { recordMail, type IntendedMail } from './record-mail.ts';
export { isUniqueViolation } from './is-unique-violation.ts';
export type { CredentialDeps } from './credential-deps.ts';
export { issueCredentials, type IssueMode, type IssueOutcome } from './issue-credentials.ts';
export { revokeCredential } from './revoke-credential.ts';
export { findCredentialByToken, type DeadLink, type LiveLink } from './find-credential-by-token.ts';
export { setPasswordWithLink } from './set-password-with-link.ts';
export { isClaimAbandoned, newClaim, releaseClaim } from './send-claim.ts';
export { deliverMails, type DeliveryDeps, type DeliveryOptions, type DeliveryOutcome, type DeliveryProgress } from './deliver-mails.ts';
export { queueReminders, localDate, type ReminderOutcome } from './queue-reminders.ts';
export { listMails, type MailView } from './list-mails.ts';
export { BOARD_STATUSES, boardStatusLabel, isBoardStatus, type BoardStatus } from './board-status.ts';
export { listBoard, type BoardRow } from './list-board.ts';
export { boardLabels, type BoardLabels } from './board-labels.ts';
export { filterBoard, type BoardFilter, type FilteredBoard } from './filter-board.ts';
