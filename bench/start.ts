/**
 * Start-up: from `npm start` to the first 200 on /healthz, on a fresh data folder each time,
 * against a bare Node http server (bench/bare-server.js) started the same way, through npm
 * (`npm exec -- node …`), and against the service run from its TypeScript sources by tsx (as
 * `npm start` ran it before the compiled build). They alternate, so a change in the machine's
 * load falls on all alike.
 * Run: npx tsx bench/start.ts   (START_RUNS=5)
 * Prints: start: npm start to first 200 on /healthz N s (goal <= 1.0 s), bare M s, ratio R
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, loadavg } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.START_RUNS ?? 5);
const GOAL_S = 1.0;

/** Starts a command in its own process group, polls /healthz, stops it; returns seconds to the first 200. */
async function timeToHealthy(args: readonly string[], port: number): Promise<number> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'indberet-start-'));
  const started = performance.now();
  const child = spawn('npm', [...args], {
    cwd: ROOT,
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, PORT: String(port), INDBERET_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${args.join(' ')} stopped with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status === 200, () => false);
      if (ok) return (performance.now() - started) / 1000;
      if (performance.now() - started > 60_000) throw new Error(`${args.join(' ')} not healthy after 60 s`);
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    // The process group npm leads: npm and the server it started.
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
    await rm(dataDir, { recursive: true, force: true });
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const service: number[] = [];
const bare: number[] = [];
const sources: number[] = [];
const range = (xs: number[]): string => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)} s`;
for (let i = 0; i < RUNS; i++) {
  bare.push(await timeToHealthy(['exec', '--offline', '--', 'node', 'bench/bare-server.js'], 3411));
  service.push(await timeToHealthy(['start'], 3412));
  sources.push(await timeToHealthy(['exec', '--offline', '--', 'tsx', 'bin/indberet.ts', 'serve'], 3413));
  console.log(`  run ${i + 1}: npm start ${service.at(-1)!.toFixed(2)} s, bare ${bare.at(-1)!.toFixed(2)} s, from sources by tsx ${sources.at(-1)!.toFixed(2)} s`);
}
const s = median(service);
const b = median(bare);
console.log(`  npm start ${range(service)}, bare ${range(bare)}, tsx ${range(sources)}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
console.log(`  from sources by tsx ${median(sources).toFixed(2)} s, ratio ${(median(sources) / b).toFixed(2)} of bare`);
console.log(`start: npm start to first 200 on /healthz ${s.toFixed(2)} s (goal <= ${GOAL_S.toFixed(1)} s), bare ${b.toFixed(2)} s, ratio ${(s / b).toFixed(2)}`);
