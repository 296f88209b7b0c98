import type { SaveDraft } from '../FormApp.tsx';

// Browsers refuse keepalive requests whose bodies together exceed 64 KiB; a larger draft is sent as
// an ordinary request and, if the page is gone before it arrives, restored from the tab's storage.
const KEEPALIVE_LIMIT = 60_000;

/**
 * Saves a draft through the JSON API: `PUT` with `If-Match: <version>` and the CSRF header. A stale
 * version comes back as 409 and is reported as a conflict; nothing is retried or overwritten. A save
 * started as the page is left is sent with `keepalive`, so it still reaches the server.
 * @param url the draft resource
 * @param csrfToken the session's token
 * @returns a save function for the form
 */
export function draftSaver(url: string, csrfToken: string): SaveDraft {
  return async (answers, version, options) => {
    const body = JSON.stringify({ answers });
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'PUT',
        credentials: 'same-origin',
        keepalive: options?.leaving === true && new Blob([body]).size <= KEEPALIVE_LIMIT,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken, 'If-Match': String(version ?? 0) },
        body,
      });
    } catch {
      return { ok: false, conflict: false, message: 'Der er ingen forbindelse til serveren. Prøv igen om lidt.' };
    }
    const reply = (await res.json().catch(() => ({}))) as {
      submission?: { version?: number; updatedAt?: string };
      version?: number;
      updatedAt?: string;
      message?: string;
    };
    if (res.status === 409) return { ok: false, conflict: true, message: reply.message ?? '' };
    if (!res.ok) return { ok: false, conflict: false, message: reply.message ?? `Serveren svarede ${res.status}.` };
    const saved = reply.submission ?? reply;
    return { ok: true, version: Number(saved.version), savedAt: saved.updatedAt ?? new Date().toISOString() };
  };
}
