import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Table types as the application sees them. Both dialects store JSON as text, timestamps as
 * ISO-8601 UTC text and booleans as 0/1 integers, so there is one code path.
 */

/** A round loaded from `schemas/`; frozen by its content hash once opened. */
export interface RoundTable {
  id: string;
  title: string;
  hash: string;
  /** round.json as JSON text. */
  settings: string;
  loaded_at: string;
  /** Set by the first saved answer under the earlier scheme; no longer written or read. */
  opened_at: string | null;
  /** The hash of what answers are validated against; frozen once an answer is submitted. */
  contract_hash: string | null;
  /** Incremented by every accepted change of the round's files (see round_versions). */
  version: Generated<number>;
}

/**
 * A reporting organisation: a respondent of one or more rounds, known by its code (the key of
 * the rounds' respondent tables). Its attributes (region, size, units) are the round's data.
 */
export interface OrganisationTable {
  id: string;
  code: string;
  navn: string;
  created_at: string;
}

/** Which organisations take part in which round: a round's forms are served to these only. */
export interface RoundRespondentTable {
  round_id: string;
  organisation_id: string;
  added_at: string;
}

/** A reporting unit of an organisation (one per department for the split municipalities). */
export interface UnitTable {
  id: string;
  organisation_id: string;
  navn: string;
  created_at: string;
}

/** A contact person of an organisation, per round. */
export interface ContactTable {
  id: string;
  organisation_id: string;
  round_id: string;
  navn: string;
  email: string;
  telefon: string | null;
  updated_at: string;
}

/** The three roles. */
export type Role = 'admin' | 'analyst' | 'respondent';

/** A person who can log in; a respondent is bound to one organisation. */
export interface UserTable {
  id: string;
  /** Lower-cased. */
  email: string;
  navn: string;
  role: Role;
  organisation_id: string | null;
  password_hash: string;
  must_change_password: number;
  disabled: number;
  created_at: string;
  updated_at: string;
}

/** A login session; `id` is the SHA-256 of the cookie token so a leaked table grants nothing. */
export interface SessionTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  /** What the session still waits for after the password: a code, an enrolment, or nothing. */
  second_factor: SecondFactor | null;
}

/** The step a session opened by a password still waits for. */
export type SecondFactor = 'code' | 'enrol';

/** A user's TOTP secret (RFC 6238); it becomes a second factor once confirmed with a code. */
export interface UserTotpTable {
  user_id: string;
  /** Base32, as the authenticator app is given it (see README: Security). */
  secret: string;
  confirmed_at: string | null;
  /** The time step of the last code accepted: codes of that step or earlier are refused. */
  last_step: number | null;
  created_at: string;
}

/** A one-time recovery code, stored as the SHA-256 of the normalised code. */
export interface RecoveryCodeTable {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: string | null;
  created_at: string;
}

/** The tables of the TOTP migration, merged into Database (declaration merging). */
export interface Database {
  user_totp: UserTotpTable;
  recovery_codes: RecoveryCodeTable;
}

/** A throttle counter of rate-limiter-flexible: failed attempts per account, address or both. */
export interface LoginThrottleTable {
  /** `<limiter>:<key>`; accounts appear only as a hash of the e-mail. */
  key: string;
  points: number;
  /** When the points lapse, in epoch milliseconds (null: never). */
  expire: number | null;
}

/** The life of a submission. */
export type SubmissionStatus = 'draft' | 'submitted' | 'reopened';

/** One organisation's answer to one form of one round. */
export interface SubmissionTable {
  id: string;
  round_id: string;
  form_name: string;
  organisation_id: string;
  status: SubmissionStatus;
  /** JSON text: the draft as saved, or the engine's validated value once submitted. */
  answers: string;
  /** The form hash the answers were saved or validated against. */
  schema_hash: string;
  /** Optimistic concurrency: every write increments it. */
  version: number;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
  submitted_at: string | null;
  submitted_by: string | null;
}

/** Every saved version of a submission, never updated; known by the submission and the version. */
export interface SubmissionVersionTable {
  submission_id: string;
  version: number;
  status: SubmissionStatus;
  answers: string;
  schema_hash: string;
  saved_at: string;
  saved_by: string | null;
}

/** A later deadline for one organisation, round and form (an inclusive date). */
export interface ExtensionTable {
  id: string;
  round_id: string;
  form_name: string;
  organisation_id: string;
  until: string;
  reason: string | null;
  granted_by: string | null;
  granted_at: string;
}

/** The append-only audit log; each entry's hash covers the previous entry's hash in its chain. */
export interface AuditLogTable {
  /** The global order (unique; gaps where a transaction rolled back). */
  seq: number;
  at: string;
  actor_id: string | null;
  action: string;
  entity: string;
  entity_id: string;
  /** JSON text. */
  data: string;
  prev_hash: string;
  hash: string;
  /** `entity/entity_id`; null for entries of the one chain written before chains per entity. */
  chain: string | null;
  /** The entry's position in its chain, from 1 without gaps; null where `chain` is. */
  chain_seq: number | null;
}

/** The tip of the one chain written before chains per entity; no longer updated. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

/** The database as kysely sees it. */
export interface Database {
  rounds: RoundTable;
  organisations: OrganisationTable;
  round_respondents: RoundRespondentTable;
  units: UnitTable;
  contacts: ContactTable;
  users: UserTable;
  sessions: SessionTable;
  login_throttle: LoginThrottleTable;
  submissions: SubmissionTable;
  submission_versions: SubmissionVersionTable;
  extensions: ExtensionTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
}

/** The tip of one audit chain; only writers to the same entity share its row lock. */
export interface AuditChainTable {
  chain: string;
  seq: number;
  hash: string;
  /** The tip's `seq` at the last checkpoint that sealed it. */
  sealed_seq: number;
}

/** One checkpoint: the chain tips that moved since the previous one, itself chained. */
export interface AuditCheckpointTable {
  seq: number;
  at: string;
  /** JSON text: `[[chain, seq, hash], …]` sorted by chain. */
  heads: string;
  prev_hash: string;
  hash: string;
}

/** One accepted state of a round's files. */
export interface RoundVersionTable {
  round_id: string;
  version: number;
  hash: string;
  contract_hash: string;
  /** round.json as JSON text. */
  settings: string;
  loaded_at: string;
}

/** The tables of the audit-chains migration, merged into Database (declaration merging). */
export interface Database {
  audit_chains: AuditChainTable;
  audit_checkpoints: AuditCheckpointTable;
  round_versions: RoundVersionTable;
}

/**
 * The view an audit entry is appended through: its trigger moves the chain's tip on, takes the
 * global position and works out the hash (migration `2026-12-07-writes-audit`).
 */
export type AuditAppendView = Pick<AuditLogTable, 'at' | 'actor_id' | 'action' | 'entity' | 'entity_id' | 'data'> & {
  /** `entity/entity_id`: never null for an entry appended now. */
  chain: string;
};

/** The view of the writes-audit migration. */
export interface Database {
  audit_append: AuditAppendView;
}

export type AuditCheckpoint = Selectable<AuditCheckpointTable>;

export type RoundRow = Selectable<RoundTable>;
export type Organisation = Selectable<OrganisationTable>;
export type NewOrganisation = Insertable<OrganisationTable>;
export type Unit = Selectable<UnitTable>;
export type Contact = Selectable<ContactTable>;
export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type Session = Selectable<SessionTable>;
export type Submission = Selectable<SubmissionTable>;
export type NewSubmission = Insertable<SubmissionTable>;
export type SubmissionUpdate = Updateable<SubmissionTable>;
export type SubmissionVersion = Selectable<SubmissionVersionTable>;
export type Extension = Selectable<ExtensionTable>;
export type AuditEntry = Selectable<AuditLogTable>;

/** The life of a credential: a set-password link until used, then the account's password. */
export type CredentialStatus = 'active' | 'used' | 'replaced' | 'revoked';

/** A login sent to a municipality's contact person: a set-password link, stored only hashed. */
export interface RespondentCredentialTable {
  id: string;
  round_id: string;
  organisation_id: string;
  /** The respondent account the link sets the password of. */
  user_id: string;
  /** The contact's address it was issued for (lower-cased): a new address means a new credential. */
  email: string;
  /** SHA-256 of the link's token. */
  token_hash: string;
  status: CredentialStatus;
  expires_at: string;
  created_at: string;
  created_by: string | null;
  used_at: string | null;
  closed_at: string | null;
  closed_reason: string | null;
}

/** What a mail is for. */
export type MailKind = 'credentials' | 'reminder';
/** A mail's way through the queue. */
export type MailStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled';

/** One mail the service sends: recorded before sending, marked once the transport accepts it. */
export interface MailTable {
  id: string;
  /** Unique: recording the same intended mail twice records it once. */
  idempotency_key: string;
  kind: MailKind;
  round_id: string | null;
  organisation_id: string | null;
  credential_id: string | null;
  recipient: string;
  recipient_name: string;
  subject: string;
  /** Plain text; the secret inside is replaced once the mail is sent. */
  body: string;
  /** The part of the body that must not outlive sending (the set-password link). */
  secret: string | null;
  status: MailStatus;
  attempts: number;
  /** `host:pid:nonce` of the job sending it. */
  claimed_by: string | null;
  claimed_at: string | null;
  sent_at: string | null;
  /** The Message-ID every attempt uses, so receivers can drop a duplicate. */
  message_id: string;
  transport: string | null;
  last_error: string | null;
  created_at: string;
  created_by: string | null;
}

/** What became of an uploaded contact list. */
export type ContactImportStatus = 'pending' | 'imported' | 'discarded';

/** An uploaded contact list with its row-by-row check, kept until the ministry decides. */
export interface ContactImportTable {
  id: string;
  round_id: string;
  filename: string;
  /** JSON text: the rows read from the file. */
  rows: string;
  /** JSON text: the check's result. */
  report: string;
  status: ContactImportStatus;
  imported: number;
  created_at: string;
  created_by: string | null;
  decided_at: string | null;
}

/** The tables of the contacts, credentials and mail migration, merged into Database (declaration merging). */
export interface Database {
  respondent_credentials: RespondentCredentialTable;
  mails: MailTable;
  contact_imports: ContactImportTable;
}

export type RespondentCredential = Selectable<RespondentCredentialTable>;
export type Mail = Selectable<MailTable>;
export type NewMail = Insertable<MailTable>;
export type ContactImport = Selectable<ContactImportTable>;

/** A stored round's life: edited as a draft, frozen once published. */
export type StoredRoundStatus = 'draft' | 'published';

/** A round created in the admin pages (copied from another, or uploaded), kept in the database. */
export interface StoredRoundTable {
  id: string;
  /** The round it was copied from. */
  based_on: string | null;
  status: StoredRoundStatus;
  /** Optimistic concurrency over the round's files: every edit increments it. */
  version: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  updated_by: string | null;
  published_at: string | null;
  published_by: string | null;
  /** The content hash, set when published; from then on the files never change. */
  hash: string | null;
  /** The browser's precompiled validators of a published round (an ES module). */
  validators: string | null;
}

/** One file of a stored round (round.json, a form's schema or ui, a table). */
export interface StoredRoundFileTable {
  round_id: string;
  name: string;
  content: string;
  updated_at: string;
  updated_by: string | null;
}

/** A draft started from last round's answers, marked until the respondent confirms it. */
export interface PrefillTable {
  submission_id: string;
  round_id: string;
  form_name: string;
  organisation_id: string;
  from_round_id: string;
  from_submission_id: string;
  prefilled_at: string;
  confirmed_at: string | null;
  confirmed_by: string | null;
}

/** The tables of the stored-rounds migration, merged into Database (declaration merging). */
export interface Database {
  stored_rounds: StoredRoundTable;
  stored_round_files: StoredRoundFileTable;
  prefills: PrefillTable;
}

export type StoredRound = Selectable<StoredRoundTable>;
export type StoredRoundFile = Selectable<StoredRoundFileTable>;
export type Prefill = Selectable<PrefillTable>;

/** A round's publication: the snapshot the public pages read (one per round, replaced whole). */
export interface PublicationTable {
  round_id: string;
  published_at: string;
  published_by: string | null;
  /** The manifest as JSON text. */
  manifest: string;
  /** The published table as JSON text. */
  table_json: string;
}

/** One download file of a publication. */
export interface PublicationFileTable {
  round_id: string;
  name: string;
  content_base64: string;
}

/** The tables of the publications migration, merged into Database (declaration merging). */
export interface Database {
  publications: PublicationTable;
  publication_files: PublicationFileTable;
}
