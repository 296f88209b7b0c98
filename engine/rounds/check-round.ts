import { compileRound, type Round } from '../compile-round.ts';
import { createAjv } from '../create-ajv.ts';
import { lintRound } from '../lint-round.ts';
import { parseRoundFiles } from '../parse-round-files.ts';
import type { LintIssue } from '../round-files.ts';
import { sha256 } from '../compile-round.ts';

/** A round's files checked: the compiled round when they are sound, else every problem found. */
export interface RoundCheck {
  readonly round?: Round;
  readonly issues: readonly LintIssue[];
  /** SHA-256 over the files, the key the check is cached under. */
  readonly key: string;
}

// Compiling a round costs tens of milliseconds; an editor page asks again for the same content
// (diff, dry run, preview). The last few results are kept by content, so each edit compiles once.
const CACHE_SIZE = 8;
const cache = new Map<string, RoundCheck>();

/**
 * Parses, lints and compiles a round from its files' text (its own ajv instance, so a broken round
 * leaves no trace in the registry's). The result for the same content is reused.
 * @param roundId the round's id, which round.json must repeat
 * @param sources file name → text
 * @returns the compiled round, or the issues
 */
export function checkRound(roundId: string, sources: Readonly<Record<string, string>>): RoundCheck {
  const key = sha256(
    [roundId, ...Object.keys(sources)
      .sort()
      .map((k) => `${k}\u0000${sources[k]}`)].join('\u0000'),
  );
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  let result: RoundCheck;
  try {
    const parsed = parseRoundFiles(roundId, sources);
    if (!parsed.files) result = { issues: parsed.issues, key };
    else {
      const issues = lintRound(parsed.files);
      result = issues.length > 0 ? { issues, key } : { round: compileRound(parsed.files, createAjv()), issues: [], key };
    }
  } catch (e) {
    // Files typed by hand can be anything; lint catches what it knows, and whatever slips past it
    // (a rule operator's own error, a schema ajv chokes on) is reported like a lint issue.
    result = { issues: [{ file: 'round.json', pointer: '', message: `runden kan ikke oversættes: ${(e as Error).message}` }], key };
  }
  cache.set(key, Object.freeze(result));
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return result;
}
