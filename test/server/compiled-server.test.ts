import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { TestClient } from '../helpers/index.ts';
// @ts-expect-error plain JavaScript without types: the build script must run before any TypeScript loader.
import { buildServer } from '../../bin/build-server.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ADMIN_PASSWORD = 'en lang nok adgangskode til test';

describe('the service compiled to JavaScript (what npm start runs)', () => {
  let out: string;
  let dataDir: string;
  let child: ChildProcess | undefined;
  let url: string;
  let log = '';

  beforeAll(async () => {
    // Built elsewhere than dist/server (inside the project, where its packages resolve): files
    // found through import.meta.url must still be found.
    out = path.join(ROOT, 'dist', `server-test-${process.pid}`);
    dataDir = await mkdtemp(path.join(tmpdir(), 'indberet-data-'));
    const built = (await buildServer({ outDir: out })) as { entry: string; inputs: string[] };
    expect(built.inputs).toContain('bin/indberet.ts');
    child = spawn(process.execPath, [built.entry, 'serve'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: '0',
        LOG_LEVEL: 'info',
        INDBERET_DATA_DIR: dataDir,
        INDBERET_ROUND_REFRESH_SECONDS: '0',
        INDBERET_ADMIN_PASSWORD: ADMIN_PASSWORD,
        INDBERET_MFA_REQUIRED: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listening line:\n${log}`)), 90_000);
      child!.stdout!.on('data', (d: Buffer) => {
        log += d.toString();
        const line = log.split('\n').find((l) => l.includes('"msg":"listening"'));
        if (line) {
          clearTimeout(timer);
          resolve(`http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`);
        }
      });
      child!.once('exit', (code) => reject(new Error(`stopped with ${code}:\n${log}`)));
    });
  }, 120_000);
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(out, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves the health check, the login page and files read beside its sources, without TypeScript', async () => {
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const login = await fetch(`${url}/login`);
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('Log ind');
    // Read through import.meta.url: the renderer's stylesheet and the round editor's script sources.
    expect((await fetch(`${url}/static/indberet.css`)).status).toBe(200);
    const editor = await fetch(`${url}/static/admin/runder.js`);
    expect(editor.status).toBe(200);
    expect((await editor.text()).length).toBeGreaterThan(500);
    expect((await fetch(`${url}/static/runder/2024/validators.js`)).status).toBe(200);
  });

  // The bundle holds the packages: what they load at run time (React's server renderer, the password
  // dictionaries, the mail composer, the spreadsheet writer) must still work from it.
  it('renders a form page, checks a new password, writes a mail and a spreadsheet', async () => {
    const admin = new TestClient(url);
    expect((await admin.login('admin@lige.dk', ADMIN_PASSWORD)).status).toBe(200);
    const created = await admin.request('POST', '/api/admin/users', { json: { email: 'kontakt@dragoer.dk', navn: 'Kontakt', role: 'respondent', code: '0155' } });
    expect(created.status, created.text).toBe(201);
    const respondent = new TestClient(url);
    expect((await respondent.login('kontakt@dragoer.dk', created.body.password as string)).status).toBe(200);
    const weak = await respondent.request('POST', '/api/auth/password', { json: { current: created.body.password, next: 'password1234' } });
    expect(weak.body.code).toBe('WEAK_PASSWORD');
    expect((await respondent.request('POST', '/api/auth/password', { json: { current: created.body.password, next: 'mit eget lange kodeord' } })).status).toBe(204);
    const home = await respondent.request('GET', '/');
    const form = [...home.text.matchAll(/href="(\/indberetning\/2024\/[^"]+)"/g)].at(-1)?.[1];
    expect(form, home.text).toBeDefined();
    let page = await respondent.request('GET', form!);
    for (let hops = 0; page.status === 302 || page.status === 303; hops++) {
      expect(hops).toBeLessThan(3);
      page = await respondent.request('GET', page.headers.get('location')!);
    }
    expect(page.status, page.text).toBe(200);
    // Server-rendered by rjsf: the inputs are in the HTML before any script runs.
    expect(page.text).toMatch(/<input[^>]+id="root_/);

    const contact = await admin.request('PUT', '/api/admin/rounds/2024/contacts/0155', { json: { navn: 'Kontakt Person', email: 'kontakt.person@dragoer.dk', regionskode: '1084' } });
    expect(contact.status, contact.text).toBe(200);
    const sent = await admin.request('POST', '/api/admin/rounds/2024/credentials/send');
    expect(sent.status, sent.text).toBe(200);
    expect(sent.body.delivery).toMatchObject({ sent: 1, failed: 0 });
    const outbox = path.join(dataDir, 'udbakke');
    const [file] = await readdir(outbox);
    expect(await readFile(path.join(outbox, file!), 'utf8')).toMatch(/^To: .*kontakt\.person@dragoer\.dk/m);

    const sheet = await admin.request('GET', '/admin/runde/2024/oversigt.xlsx');
    expect(sheet.status).toBe(200);
    expect(sheet.headers.get('content-type')).toContain('spreadsheetml');
  }, 60_000);

  it('draws the memo\'s charts with vega loaded from its own chunk when first needed', async () => {
    const memoDir = await mkdtemp(path.join(tmpdir(), 'indberet-memo-'));
    try {
      const entry = path.join(out, 'indberet.js');
      const input = path.join(ROOT, 'test/fixtures/reports/answers-2024.json');
      const { execFile } = await import('node:child_process');
      await new Promise<void>((resolve, reject) =>
        execFile(process.execPath, [entry, 'report', 'render', '--round', '2024', '--template', 'notat', '--format', 'html', '--out', memoDir, '--input', input, '--stille'], { cwd: ROOT }, (err, _o, stderr) =>
          err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(),
        ),
      );
      const [file] = await readdir(memoDir);
      const html = await readFile(path.join(memoDir, file!), 'utf8');
      expect(html.match(/<svg[^>]*role="img"/g)?.length ?? 0).toBeGreaterThan(0);
    } finally {
      await rm(memoDir, { recursive: true, force: true });
    }
  }, 60_000);
});
