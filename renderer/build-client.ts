/**
 * The client build, run once by `npm run build` (and `postinstall`), never per request:
 * 1. bundles `renderer/client/main.tsx` with esbuild into `dist/client/app-<hash>.js` (no round's
 *    validators inside: a page loads only its own round's; Preact's compat layer in place of React)
 *    and names it in `manifest.json`;
 * 2. fills the validators cache (`dist/runder/<round hash>.js`) for every round in `schemas/`, so
 *    the service need not generate them at run time (it does for a round the build did not see);
 * 3. writes brotli and gzip beside every file it wrote, for the server to send as they are.
 * Usage: tsx renderer/build-client.ts [--schemas schemas] [--out dist]
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, type Plugin } from 'esbuild';
import { loadRoundsSkippingBroken } from '../engine/node.ts';
import { validatorsModule } from '../engine/rounds/index.ts';
import { precompress } from './precompress.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** What the build wrote. */
export interface ClientBuildResult {
  readonly bundle: string;
  readonly bytes: number;
  /** The bundle's size as brotli and gzip send it. */
  readonly brBytes: number;
  readonly gzipBytes: number;
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
    await writeCompressed(file, await validatorsModule(round));
    files[round.id] = file;
  }
  return files;
}

/** Writes a file with its `.br` and `.gz` beside it. */
async function writeCompressed(file: string, text: string | Buffer): Promise<{ br: number; gzip: number }> {
  const c = await precompress(text);
  await Promise.all([writeFile(file, c.raw), writeFile(`${file}.br`, c.br), writeFile(`${file}.gz`, c.gzip)]);
  return { br: c.br.length, gzip: c.gzip.length };
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
  const clientDir = path.join(options.outDir, 'client');
  // Bundles of earlier builds go: only the one the manifest names is served.
  await rm(clientDir, { recursive: true, force: true });
  const result = await build({
    entryPoints: [path.join(here, 'client', 'main.tsx')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2020'],
    platform: 'browser',
    jsx: 'automatic',
    outdir: clientDir,
    entryNames: 'app-[hash]',
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    // The browser hydrates with Preact's React-compatible layer (react-dom alone was about 60 KiB
    // of the bundle's 136 KiB gzip); the server still renders with React's renderToString. Subpaths
    // follow: `react/jsx-runtime` and `react-dom/client` become `preact/compat/...`.
    alias: { react: 'preact/compat', 'react-dom': 'preact/compat' },
    plugins: [browserPlugin()],
    metafile: true,
    logLevel: 'warning',
  });
  const bundle = path.resolve(Object.keys(result.metafile.outputs).find((f) => f.endsWith('.js'))!);
  const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
  const sizes = await writeCompressed(bundle, await readFile(bundle));
  await writeFile(path.join(clientDir, 'meta.json'), JSON.stringify(result.metafile));
  await writeFile(path.join(clientDir, 'manifest.json'), JSON.stringify({ script: path.basename(bundle) }));
  return { bundle, bytes, brBytes: sizes.br, gzipBytes: sizes.gzip, validators: await writeValidators(options.schemasDir, options.outDir) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { schemas: { type: 'string', default: 'schemas' }, out: { type: 'string', default: 'dist' } } });
  const t0 = performance.now();
  const r = await buildClient({ schemasDir: values.schemas, outDir: values.out });
  process.stdout.write(
    `klientpakke: ${path.relative(process.cwd(), r.bundle)} (${(r.bytes / 1024).toFixed(1)} KiB, gzip ${(r.gzipBytes / 1024).toFixed(1)} KiB, brotli ${(r.brBytes / 1024).toFixed(1)} KiB) på ${Math.round(performance.now() - t0)} ms\n`,
  );
}
