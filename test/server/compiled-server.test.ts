import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript without types: the build script must run before any TypeScript loader.
import { buildServer } from '../../bin/build-server.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

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
      env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', INDBERET_DATA_DIR: dataDir, INDBERET_ROUND_REFRESH_SECONDS: '0' },
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
});
