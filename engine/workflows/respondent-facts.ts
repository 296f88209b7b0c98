/** What a submit reads about the submitting organisation that, once true, stays true. */
export interface RespondentFacts {
  /** The organisation's code, which never changes. */
  readonly code: string;
  /** It has a contact for the round (contacts are changed, never removed). */
  contact: boolean;
}

/** The facts remembered on one database, by round and organisation. */
export interface RespondentFactsMemo {
  get(roundId: string, organisationId: string): RespondentFacts | undefined;
  set(roundId: string, organisationId: string, facts: RespondentFacts): void;
}

// Per database (a test's database, the service's one): facts of another database are not facts here.
const byDatabase = new WeakMap<object, RespondentFactsMemo>();
// Far more than a round has respondents; the bound only guards against unbounded input.
const LIMIT = 10_000;

/**
 * The facts remembered about rounds' respondents on a database. Only facts that no workflow ever
 * makes false again are kept (organisations, round membership and contacts are never deleted, an
 * organisation's code is never changed), so every instance of the service may keep its own and
 * none is ever stale; what can change, such as an extension of the deadline, is not kept.
 * @param db the database the facts were read from
 * @returns the memo
 */
export function respondentFacts(db: object): RespondentFactsMemo {
  let memo = byDatabase.get(db);
  if (!memo) {
    const facts = new Map<string, RespondentFacts>();
    const key = (roundId: string, organisationId: string) => `${roundId}\u0000${organisationId}`;
    memo = {
      get: (roundId, organisationId) => facts.get(key(roundId, organisationId)),
      set: (roundId, organisationId, f) => {
        if (facts.size >= LIMIT) facts.clear();
        facts.set(key(roundId, organisationId), f);
      },
    };
    byDatabase.set(db, memo);
  }
  return memo;
}
