import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Ajv } from 'ajv';
import { compileRound, type Round } from './compile-round.ts';
import { createAjv } from './create-ajv.ts';
import { lintRound } from './lint-round.ts';
import { readRoundFiles } from './read-round-files.ts';
import { createRegistry, type Registry } from './registry.ts';
import { formatLintIssue, type LintIssue } from './round-files.ts';

/** A round that failed to load; `issues` name the file and JSON Pointer of each problem. */
export class RoundLoadError extends Error {
  constructor(readonly issues: readonly LintIssue[]) {
    super(`runden kan ikke indlæses:\n${issues.map(formatLintIssue).join('\n')}`);
  }
}

/**
 * The instance a linted round is compiled into. `lintRound` has checked every form against its
 * meta-schema in an instance of its own, so this one skips the check and never compiles the
 * meta-schema: at start-up that compile cost as much as compiling the round's forms.
 * @returns a fresh instance
 */
function compileAjv(): Ajv {
  return createAjv('2020-12', false, { validateSchema: false });
}

/**
 * Reads, lints and compiles one round folder.
 * @param dir e.g. `schemas/2024`
 * @param ajv the instance to compile into
 * @returns the compiled round
 * @throws RoundLoadError when the round's files have problems
 */
export async function loadRound(dir: string, ajv: Ajv = compileAjv()): Promise<Round> {
  const { files, issues } = await readRoundFiles(dir);
  if (!files) throw new RoundLoadError(issues);
  const lint = lintRound(files);
  if (lint.length > 0) throw new RoundLoadError(lint);
  return compileRound(files, ajv);
}

/**
 * Loads every round under a schemas folder (each subfolder holding a round.json) into one registry
 * with one ajv instance. Called once at start-up.
 * @param schemasDir e.g. `schemas`
 * @returns the registry
 * @example
 * const registry = await loadRounds('schemas');
 * registry.form('2024', formName)?.validate(answers);
 */
export async function loadRounds(schemasDir: string): Promise<Registry> {
  const { registry, broken } = await loadRoundsSkippingBroken(schemasDir);
  const first = broken[0];
  if (first) throw first.error;
  return registry;
}

/** A round folder that could not be loaded, and why. */
export interface BrokenRound {
  readonly dir: string;
  readonly error: RoundLoadError;
}

/**
 * Loads every round under a schemas folder that is sound and reports the others, so one broken
 * folder does not keep the service from serving the rest. The command line tools use
 * {@link loadRounds}, which refuses any broken round: there the user is looking at the files.
 * @param schemasDir e.g. `schemas`
 * @returns the registry of the sound rounds and each broken one with its issues
 */
export async function loadRoundsSkippingBroken(schemasDir: string): Promise<{ registry: Registry; broken: readonly BrokenRound[] }> {
  const ajv = compileAjv();
  const entries = await readdir(schemasDir, { withFileTypes: true });
  const rounds: Round[] = [];
  const broken: BrokenRound[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (!e.isDirectory()) continue;
    const dir = path.join(schemasDir, e.name);
    try {
      // A round that fails halfway may leave its own schemas in the shared ajv; their ids are its folder's, so no other round meets them.
      rounds.push(await loadRound(dir, ajv));
    } catch (err) {
      if (!(err instanceof RoundLoadError)) {
        broken.push({ dir, error: new RoundLoadError([{ file: path.join(dir, 'round.json'), pointer: '', message: `runden kan ikke oversættes: ${(err as Error).message}` }]) });
        continue;
      }
      broken.push({ dir, error: err });
    }
  }
  return { registry: createRegistry(rounds), broken };
}
