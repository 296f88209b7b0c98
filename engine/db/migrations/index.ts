import type { Migration } from 'kysely';
import * as initial from './2026-11-25-initial.ts';
import * as contactsMail from './2026-11-26-contacts-mail.ts';
import * as storedRounds from './2026-11-28-stored-rounds.ts';
import * as publications from './2026-12-02-publications.ts';
import * as auditChains from './2026-12-07-audit-chains.ts';
import * as loginSecurity from './2026-12-07-login-security.ts';
import * as respondents from './2026-12-07-respondents.ts';
import * as totp from './2026-12-07-totp.ts';
import * as writeTriggers from './2026-12-07-write-triggers.ts';
import * as writesAudit from './2026-12-07-writes-audit.ts';
import * as writesKeyedVersions from './2026-12-07-writes-keyed-versions.ts';
import * as writesSecurityIndex from './2026-12-07-writes-security-index.ts';

/**
 * Every migration by its date-prefixed name, in the order applied. Listed statically (not read
 * from disk) so the set is fixed at build time; a frozen-files test guards their content.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = Object.freeze({
  '2026-11-25-initial': initial,
  '2026-11-26-contacts-mail': contactsMail,
  '2026-11-28-stored-rounds': storedRounds,
  '2026-12-02-publications': publications,
  '2026-12-07-audit-chains': auditChains,
  '2026-12-07-login-security': loginSecurity,
  '2026-12-07-respondents': respondents,
  '2026-12-07-totp': totp,
  '2026-12-07-write-triggers': writeTriggers,
  '2026-12-07-writes-audit': writesAudit,
  '2026-12-07-writes-keyed-versions': writesKeyedVersions,
  '2026-12-07-writes-security-index': writesSecurityIndex,
});
