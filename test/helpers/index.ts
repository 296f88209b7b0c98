/** Shared test helpers: fresh databases per dialect, a movable clock, the rounds, sample answers, a server and a client. */
export { DIALECTS, forEachDialect, openTestDatabase, useTestDatabase, type TestDatabase, type TestDatabaseRef } from './test-database.ts';
export { createTestClock, type TestClock } from './test-clock.ts';
export { SCHEMAS_DIR, testRegistry } from './test-registry.ts';
export { invalidMaaltal, validMaaltal } from './sample-answers.ts';
export { TestClient, type RequestOptions, type TestResponse } from './test-client.ts';
export { PASSWORD, PERSONAS, seedTestData, startTestServer, type TestServer } from './test-server.ts';
export { runCli } from './run-cli.ts';
export { getFromApp } from './get-from-app.ts';
