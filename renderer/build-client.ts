/**
 * The client build, run once by `npm run build` (and `postinstall`), never per request:
 * 1. bundles `renderer/client/main.tsx` with esbuild into `dist/client/app.js` (no round's
 *    validators inside: a page loads only its own round's);
 * 2. fills the validators cache (`dist/runder/<round hash>.js`) for every round in `schemas/`, so
 *    the service need not generate them at run time (it does for a round the build did not see).
 * Usage: tsx renderer/build-client.ts [--schemas schemas] [--out dist]
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, type Plugin } from 'esbuild';
import { loadRoundsSkippingBroken } from '../engine/node.ts';
import { validatorsModule } from '../engine/rounds/index.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** What the build wrote. */
export interface ClientBuildResult {
  readonly bundle: string;
  readonly bytes: number;
  /** The validators cache files, by round id. */
  readonly validators: Readonly<Record<string, string>>;
}

async function writeValidators(schemasDir: string, outDir: string): Promise<Record<string, string>> {
  // A broken round is the service's to report; the build caches the rest.
  const { registry } = await loadRoundsSkippingBroken(schemasDir);
  const dir = path.join(outDir, 'runder');
  // Modules of rounds that changed since the last build, or of another engine version, go.
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const files: Record<string, string> = {};
  for (const round of registry.rounds) {
    const file = path.join(dir, `${round.hash}.js`);
    await writeFile(file, await validatorsModule(round));
    files[round.id] = file;
  }
  return files;
}

function browserPlugin(): Plugin {
  return {
    name: 'indberet-browser',
    setup(b) {
      // ajv's code generator is replaced: the browser runs only precompiled validators.
      b.onResolve({ filter: /create-ajv\.ts$/ }, () => ({ path: path.join(here, 'client', 'no-runtime-ajv.ts') }));
      // Plain-text descriptions need no markdown parser; the browser resolves URIs itself.
      b.onResolve({ filter: /^markdown-to-jsx(\/react)?$/ }, () => ({ path: path.join(here, 'client', 'markdown-as-text.tsx') }));
      b.onResolve({ filter: /^fast-uri$/ }, () => ({ path: path.join(here, 'client', 'uri-resolver.ts') }));
    },
  };
}

/**
 * Bundles the client and caches the rounds' validators.
 * @param options schemas folder and output folder
 * @returns the bundle's path and size in bytes, and the validators files
 */
export async function buildClient(options: { schemasDir: string; outDir: string }): Promise<ClientBuildResult> {
  const bundle = path.join(options.outDir, 'client', 'app.js');
  const result = await build({
    entryPoints: [path.join(here, 'client', 'main.tsx')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2020'],
    platform: 'browser',
    jsx: 'automatic',
    outfile: bundle,
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [browserPlugin()],
    metafile: true,
    logLevel: 'warning',
  });
  const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
  await writeFile(path.join(options.outDir, 'client', 'meta.json'), JSON.stringify(result.metafile));
  return { bundle, bytes, validators: await writeValidators(options.schemasDir, options.outDir) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { schemas: { type: 'string', default: 'schemas' }, out: { type: 'string', default: 'dist' } } });
  const t0 = performance.now();
  const r = await buildClient({ schemasDir: values.schemas, outDir: values.out });
  process.stdout.write(`klientpakke: ${r.bundle} (${(r.bytes / 1024).toFixed(1)} KB) på ${Math.round(performance.now() - t0)} ms\n`);
}
