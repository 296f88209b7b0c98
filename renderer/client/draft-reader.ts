import type { StoredDraft } from '../FormApp.tsx';

/**
 * Reads the stored draft through the JSON API, so the form can tell a late save of its own from
 * someone else's after a conflict.
 * @param url the draft resource
 * @returns a function giving the stored version and answers, or null when nothing is stored or the server cannot be reached
 */
export function draftReader(url: string): () => Promise<StoredDraft | null> {
  return async () => {
    const res = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' }, cache: 'no-store' });
    if (!res.ok) return null;
    const body = (await res.json().catch(() => ({}))) as { submission?: { version?: number; answers?: unknown } | null };
    const s = body.submission;
    return s && typeof s.version === 'number' ? { version: s.version, answers: s.answers } : null;
  };
}
