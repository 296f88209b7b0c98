import type { Kysely } from 'kysely';
import type { Database } from '../../engine/db/index.ts';
import type { Registry } from '../../engine/index.ts';
import { createUser, grantExtension, login } from '../../engine/workflows/index.ts';
import { PASSWORD } from '../helpers/index.ts';

/** A logged-in respondent as a raw HTTP client sends it: the cookie header and the CSRF token. */
export interface RespondentSession {
  readonly code: string;
  readonly cookie: string;
  readonly csrf: string;
}

/**
 * Creates a respondent for each of the first `count` municipalities with one top management and
 * logs each in through the login workflow (sessions live in the database, so a server in another
 * process accepts them). With `extendBy`, each also gets an extension of the report's deadline,
 * for servers that run on the real clock after the 2024 round closed.
 * @param deps database, registry, clock
 * @param count how many
 * @param extendBy the admin granting extensions, if any
 * @returns the sessions
 */
export async function respondentSessions(
  deps: { readonly db: Kysely<Database>; readonly registry: Registry; readonly clock: () => Date },
  count: number,
  extendBy?: string,
): Promise<RespondentSession[]> {
  // The sample answers are one-unit reports: respondents the round's table gives a single unit.
  const split = (code: string) => deps.registry.round('2024')?.tables.kommuner?.[code]?.delt_administrativ_ledelse === 'ja';
  const orgs = (await deps.db.selectFrom('organisations').select('code').orderBy('code').execute()).filter((o) => !split(o.code)).slice(0, count);
  const sessions: RespondentSession[] = [];
  for (const { code } of orgs) {
    const email = `proof${code}@example.dk`;
    const u = await createUser(deps, { email, navn: 'R', role: 'respondent', code, password: PASSWORD, actorId: null });
    if (!u.ok) throw new Error(u.code);
    if (extendBy) {
      const x = await grantExtension(deps, { roundId: '2024', formName: 'maaltal', code, until: '2099-12-31', actorId: extendBy });
      if (!x.ok) throw new Error(x.code);
    }
    const s = await login(deps, { email, password: PASSWORD, ip: '127.0.0.1' });
    if (!s.ok) throw new Error(s.code);
    sessions.push({ code, cookie: `indberet_sid=${s.token}`, csrf: s.csrfToken });
  }
  return sessions;
}
