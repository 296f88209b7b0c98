import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect, openTestDatabase, TestClient, type TestDatabase } from '../helpers/index.ts';
import { copySchemas } from '../engine/copy-schemas.ts';
import { base32Decode, totpCode, totpStep } from '../../engine/workflows/index.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Started {
  readonly child: ChildProcess;
  readonly url: string;
  readonly stdout: () => string;
}

/** Runs `indberet serve` as a real process on a free port and waits for its "listening" line. */
function serve(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bin/indberet.ts'), 'serve'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line:\n${out}\n${err}`)), 60_000);
    child.stdout!.on('data', () => {
      const line = out.split('\n').find((l) => l.includes('"msg":"listening"'));
      if (line) {
        clearTimeout(timer);
        const port = (JSON.parse(line) as { port: number }).port;
        resolve({ child, url: `http://127.0.0.1:${port}`, stdout: () => out });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}: ${err}`));
    });
  });
}

/** Runs `indberet serve` expecting it to refuse to start. */
function serveFails(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bin/indberet.ts'), 'serve'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: '0', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stderr: err })));
}

function stop(s: Started): Promise<number | null> {
  return new Promise((resolve) => {
    // 'close' waits for stdout to be drained too, unlike 'exit'.
    s.child.once('close', (code) => resolve(code));
    s.child.kill('SIGTERM');
  });
}

forEachDialect('indberet serve', (_t, dialect) => {
  let db: TestDatabase;
  let env: Record<string, string>;
  let dataDir: string;
  beforeAll(async () => {
    db = await openTestDatabase(dialect, { migrate: false });
    dataDir = await mkdtemp(path.join(tmpdir(), 'indberet-serve-'));
    env = db.options.url ? { DATABASE_URL: db.options.url, INDBERET_DATA_DIR: dataDir } : { INDBERET_DATA_DIR: db.options.dataDir! };
  });
  afterAll(async () => {
    await db?.destroy();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('migrates, seeds, prints a one-time admin password once, serves, and stops on SIGTERM', async () => {
    const first = await serve(env);
    const match = /Engangsadgangskode: (\S+)/.exec(first.stdout());
    expect(match).not.toBeNull();
    expect(first.stdout()).toMatch(/"added":98/);
    // The password is printed for a person, never written into a log line.
    const logLines = first.stdout().split('\n').filter((l) => l.startsWith('{'));
    expect(logLines.some((l) => l.includes(match![1]!))).toBe(false);
    const health = await fetch(`${first.url}/healthz`);
    expect(health.status).toBe(200);
    const c = new TestClient(first.url);
    const login = await c.login('admin@lige.dk', match![1]!);
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ role: 'admin', mustChangePassword: true });
    expect(await stop(first)).toBe(0);
    expect(first.stdout()).toMatch(/"msg":"stopped"/);

    const second = await serve(env);
    expect(second.stdout()).not.toMatch(/Engangsadgangskode/);
    expect(second.stdout()).not.toMatch(/organisations seeded/);
    const again = new TestClient(second.url);
    expect((await again.login('admin@lige.dk', match![1]!)).status).toBe(200);
    expect(await stop(second)).toBe(0);
  });

  it('refuses a DATABASE_URL that names neither back end', async () => {
    const r = await serveFails({ DATABASE_URL: 'mysql://localhost/x', INDBERET_DATA_DIR: dataDir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/DATABASE_URL skal begynde med postgres:\/\//);
  });
});

it('creates the first admin from INDBERET_ADMIN_EMAIL and INDBERET_ADMIN_PASSWORD without printing a password', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'indberet-serve-'));
  try {
    const s = await serve({ INDBERET_DATA_DIR: dir, INDBERET_ADMIN_EMAIL: 'chef@lige.dk', INDBERET_ADMIN_PASSWORD: 'ministeriets eget kodeord' });
    expect(s.stdout()).not.toMatch(/Engangsadgangskode/);
    const c = new TestClient(s.url);
    const login = await c.login('chef@lige.dk', 'ministeriets eget kodeord');
    expect(login.status).toBe(200);
    expect(login.body.user.mustChangePassword).toBe(false);
    expect(await stop(s)).toBe(0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

it('serves the sound rounds when one round folder is broken, and names the broken one in the log', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'indberet-serve-'));
  try {
    const schemas = await copySchemas();
    await mkdir(path.join(schemas, '2030'));
    await writeFile(path.join(schemas, '2030', 'round.json'), '{"id": "2030", "title": 5}');
    const s = await serve({ INDBERET_DATA_DIR: dir, INDBERET_SCHEMAS_DIR: schemas, INDBERET_ADMIN_EMAIL: 'chef@lige.dk', INDBERET_ADMIN_PASSWORD: 'ministeriets eget kodeord' });
    const broken = s
      .stdout()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg: string; round?: string; issues?: Array<{ file: string }> })
      .find((l) => l.msg.startsWith('round not loaded'));
    expect(broken).toMatchObject({ round: '2030', issues: expect.arrayContaining([expect.objectContaining({ file: expect.stringContaining('2030'), pointer: '/title' })]) });
    const c = new TestClient(s.url);
    const login = await c.login('chef@lige.dk', 'ministeriets eget kodeord');
    expect(login.status).toBe(200);
    // The service as started for real requires an admin's second factor: enrol it first.
    expect(login.body.secondFactor).toBe('enrol');
    expect((await c.request('GET', '/api/rounds')).body.code).toBe('MFA_ENROLMENT_REQUIRED');
    const { secret } = (await c.request('POST', '/api/auth/totp/enrol')).body as { secret: string };
    expect((await c.request('POST', '/api/auth/totp/confirm', { json: { code: totpCode(base32Decode(secret)!, totpStep(new Date())) } })).status).toBe(200);
    const rounds = await c.request('GET', '/api/rounds');
    expect(rounds.status).toBe(200);
    expect(JSON.stringify(rounds.body)).toContain('"2024"');
    expect(JSON.stringify(rounds.body)).not.toContain('"2030"');
    // The admin sees it too, by file and JSON Pointer, on the rounds page.
    const page = await c.request('GET', '/admin/runder');
    expect(page.text).toContain('Runde 2030');
    expect(page.text).toContain('round.json#/title');
    expect(await stop(s)).toBe(0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
