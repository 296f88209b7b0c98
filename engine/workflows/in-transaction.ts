import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/index.ts';
import type { Failure } from './failure.ts';

class Rollback {
  constructor(readonly failure: Failure) {}
}

/**
 * Runs `fn` in one transaction; a returned failure rolls everything back, so a write either
 * happens whole or not at all even when the failure is found halfway.
 * @param db the database
 * @param fn the work; return a failure to roll back
 * @returns what `fn` returned
 */
export async function inTransaction<T>(
  db: Kysely<Database>,
  fn: (trx: Transaction<Database>) => Promise<T | Failure>,
): Promise<T | Failure> {
  try {
    return await db.transaction().execute(async (trx) => {
      const result = await fn(trx);
      if (isFailure(result)) throw new Rollback(result);
      return result;
    });
  } catch (e) {
    if (e instanceof Rollback) return e.failure;
    throw e;
  }
}

function isFailure(v: unknown): v is Failure {
  return typeof v === 'object' && v !== null && (v as { ok?: unknown }).ok === false && 'code' in v;
}
