import type { Response } from 'express';
import type { SubmissionView } from '../engine/workflows/index.ts';
import { etag } from './if-match.ts';

/**
 * Answers `{ submission }` with the submission's version as ETag, the answers written out as the
 * JSON text that was stored: a submit has just made that text from the validated answers and a
 * reopen has read it, so neither parses nor serialises the answers again for the response.
 * @param res the response
 * @param submission the submission (its `answers` are not read)
 * @param answersText the stored JSON text of its answers
 */
export function sendSubmission(res: Response, submission: SubmissionView, answersText: string): void {
  const rest: Record<string, unknown> = {};
  for (const key of Object.keys(submission)) if (key !== 'answers') rest[key] = submission[key as keyof SubmissionView];
  const head = JSON.stringify(rest);
  res.set('ETag', etag(submission.version));
  // A view always has its id and version, so `head` is never `{}` and a comma follows its last field.
  res.type('json').send(`{"submission":${head.slice(0, -1)},"answers":${answersText}}}`);
}
