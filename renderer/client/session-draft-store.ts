import type { DraftStore, PendingDraft } from '../FormApp.tsx';

/**
 * Keeps the answers the server has not yet confirmed in the tab's `sessionStorage`: it survives a
 * reload or a crashed request, is not shared with another tab editing the same report, and is gone
 * when the tab is closed, so nothing stays behind on a shared computer.
 * @param key the draft resource's address, which names round, form and respondent
 * @returns the store (every call tolerates a browser that refuses storage)
 */
export function sessionDraftStore(key: string): DraftStore {
  const name = `indberet:kladde:${key}`;
  return {
    read() {
      try {
        const text = window.sessionStorage.getItem(name);
        return text ? (JSON.parse(text) as PendingDraft) : null;
      } catch {
        return null;
      }
    },
    write(pending) {
      try {
        window.sessionStorage.setItem(name, JSON.stringify(pending));
      } catch {
        // A full or disabled storage leaves the server saves as the only copy.
      }
    },
    clear() {
      try {
        window.sessionStorage.removeItem(name);
      } catch {
        // Nothing stored.
      }
    },
  };
}
