import type { SaveOutcome } from '../FormApp.tsx';

/**
 * Saves a draft through the JSON API: `PUT` with `If-Match: <version>` and the CSRF header. A stale
 * version comes back as 409 and is reported as a conflict; nothing is retried or overwritten.
 * @param url the draft resource
 * @param csrfToken the session's token
 * @returns a save function for the form
 */
export function draftSaver(url: string, csrfToken: string): (answers: unknown, version: number | null) => Promise<SaveOutcome> {
  return async (answers, version) => {
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'PUT',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken, 'If-Match': String(version ?? 0) },
        body: JSON.stringify({ answers }),
      });
    } catch {
      return { ok: false, conflict: false, message: 'Der er ingen forbindelse til serveren. Prøv igen om lidt.' };
    }
    const body = (await res.json().catch(() => ({}))) as {
      submission?: { version?: number; updatedAt?: string };
      version?: number;
      updatedAt?: string;
      message?: string;
    };
    if (res.status === 409) return { ok: false, conflict: true, message: body.message ?? '' };
    if (!res.ok) return { ok: false, conflict: false, message: body.message ?? `Serveren svarede ${res.status}.` };
    const saved = body.submission ?? body;
    return { ok: true, version: Number(saved.version), savedAt: saved.updatedAt ?? new Date().toISOString() };
  };
}
