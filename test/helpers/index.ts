/** Shared test helpers: fresh databases per dialect, a movable clock, the rounds, sample answers. */
export { DIALECTS, forEachDialect, openTestDatabase, useTestDatabase, type TestDatabase, type TestDatabaseRef } from './test-database.ts';
export { createTestClock, type TestClock } from './test-clock.ts';
export { SCHEMAS_DIR, testRegistry } from './test-registry.ts';
export { invalidMaaltal, validMaaltal } from './sample-answers.ts';
