/**
 * Whether a database error is a unique-key violation (SQLite or PostgreSQL): the sign that another
 * job did the same thing at the same moment.
 * @param e the error
 * @returns true for a unique violation
 */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown };
  return err?.code === '23505' || err?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(String(err?.message ?? ''));
}
