#!/usr/bin/env node
// `npm start`: runs the service compiled at install (dist/server, by bin/build-server.js), so no
// TypeScript is transpiled at start-up. A source file changed since that build (a checkout, an
// edit) rebuilds it first, so the service never runs older code than the files hold.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SERVER_META, SERVER_OUT } from './build-server.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Why the compiled service cannot be run as it is, or undefined when it is current. */
function staleness() {
  let meta;
  try {
    meta = JSON.parse(readFileSync(SERVER_META, 'utf8'));
  } catch {
    return 'not built';
  }
  for (const file of meta.inputs) {
    let changed;
    try {
      changed = statSync(path.join(ROOT, file)).mtimeMs;
    } catch {
      return `${file} is gone`;
    }
    if (changed > meta.builtAt) return `${file} changed`;
  }
  return undefined;
}

const stale = staleness();
if (stale) {
  process.stderr.write(`Tjenesten oversættes igen (${stale}) …\n`);
  const { buildServer } = await import('./build-server.js');
  await buildServer();
}
await import(pathToFileURL(path.join(SERVER_OUT, 'indberet.js')).href);
