import type { RoundsFailure } from '../../engine/rounds/index.ts';
import { AppError } from '../errors.ts';

/**
 * Turns a round failure into the error the one handler answers with; lint issues become the
 * response's `issues`, each path naming the file and the JSON Pointer (`skema.schema.json#/…`).
 * @param f the failure
 * @returns the AppError
 */
export function roundsError(f: RoundsFailure): AppError {
  return new AppError(
    f.code,
    f.params ?? {},
    f.lint?.map((i) => ({ path: `${i.file}#${i.pointer}`, keyword: 'lint', message: i.message })),
  );
}
