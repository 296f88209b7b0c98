/**
 * Workflows: every write the service makes, as plain functions taking `(deps, input)`, each in one
 * transaction, returning expected failures as data. Demo data and tests go through these too.
 */
export type { Actor, WorkflowDeps } from './deps.ts';
export { fail, type Failure, type WorkflowErrorCode } from './failure.ts';
export { inTransaction } from './in-transaction.ts';
export { newId, newSecret, sha256Hex } from './ids.ts';
export { appendAudit, auditChainOf, type AuditInput } from './append-audit.ts';
// The entry hashes live with the storage, whose SQLite connections compute them too; re-exported here.
export { auditHash, auditEntryHash, GENESIS_HASH, type AuditFields, type ChainedAuditFields } from '../db/index.ts';
export { checkpointHash } from './checkpoint-hash.ts';
export { sealAuditCheckpoint, type SealResult } from './seal-audit-checkpoint.ts';
export { verifyAuditChain, type AuditBreak, type AuditChainResult } from './verify-audit-chain.ts';
export { deadlineEnd, isPastDeadline } from './deadline-end.ts';
export { deadlineOf, effectiveDeadline, type EffectiveDeadline } from './effective-deadline.ts';
export { hashAhead, hashPassword, verifyPassword, generatePassword, MIN_PASSWORD_LENGTH, type HashedPassword } from './password.ts';
export { seedRounds, type SeedRoundsResult } from './seed-rounds.ts';
export { seedOrganisations } from './seed-organisations.ts';
export { createUser, type CreateUserInput } from './create-user.ts';
export { ensureFirstAdmin, lacksAdmin, type FirstAdminResult } from './ensure-first-admin.ts';
export { DEFAULT_THROTTLE, throttleDelaySeconds, type ThrottleOptions } from './throttle.ts';
export { createLoginThrottle, danishWait, defaultLoginThrottle, type LoginThrottle, type ThrottledAttempt } from './login-throttle.ts';
export { recordSecurityEvent, securityData, SECURITY_EVENTS, type ClientInfo, type SecurityAction } from './security-event.ts';
export { listSecurityEvents, type SecurityEventView } from './list-security-events.ts';
export { login, type LoginSuccess } from './login.ts';
export { findSession, type SessionWithUser } from './find-session.ts';
export { logout } from './logout.ts';
export { changePassword } from './change-password.ts';
export { base32Decode, base32Encode } from './base32.ts';
export { matchTotp, otpauthUri, totpCode, totpStep, TOTP_DIGITS, TOTP_PERIOD } from './totp.ts';
export { hashRecoveryCode, newRecoveryCodes, RECOVERY_CODE_COUNT } from './recovery-codes.ts';
export { MFA_ROLES } from './mfa-roles.ts';
export { startTotpEnrolment, type TotpEnrolment } from './start-totp-enrolment.ts';
export { confirmTotpEnrolment } from './confirm-totp-enrolment.ts';
export { verifySecondFactor, type SecondFactorSuccess } from './verify-second-factor.ts';
export { resetTotp } from './reset-totp.ts';
export { totpStatus, type TotpStatus } from './totp-status.ts';
export { SESSION_IDLE_MS, SESSION_TTL_MS } from './session-policy.ts';
export { pruneExpired } from './prune-expired.ts';
export { findForm, type FoundForm } from './find-form.ts';
export { findOrganisation } from './find-organisation.ts';
export { toSubmissionView, type SubmissionView } from './submission-view.ts';
export { saveDraft, type SaveDraftInput, type SaveDraftResult } from './save-draft.ts';
export { submit, type SubmitInput } from './submit.ts';
export { reopen } from './reopen.ts';
export { grantExtension, type ExtensionView } from './grant-extension.ts';
export { listExtensions, type ExtensionRow } from './list-extensions.ts';
export { getOwnSubmission, getSubmissionById } from './get-submission.ts';
export { listSubmissions, type SubmissionStatusRow } from './list-submissions.ts';
export { listSubmitted, type SubmittedReport } from './list-submitted.ts';
export { isRoundRespondent } from './is-round-respondent.ts';
