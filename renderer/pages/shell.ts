import { createContext } from 'react';

/** The words of the page shell: whose service this is and under which law. */
export interface Shell {
  /** The service's name in the header and the page titles. */
  readonly service: string;
  /** The legal basis under the authority's name ('' for none). */
  readonly basis: string;
  readonly authority: string;
  /** The authority's address in the footer ('' for none). */
  readonly email: string;
}

/** The shell when no round's words apply. */
export const DEFAULT_SHELL: Shell = Object.freeze({ service: 'Indberetning', basis: '', authority: 'Indberetning', email: '' });

/** The shell of the page being rendered (set by `renderDocument`). */
export const ShellContext = createContext<Shell>(DEFAULT_SHELL);

/**
 * A round's shell from its round.json: `service` (name, basis, authority, email), the authority
 * and address defaulting to `afsender`.
 * @param settings the round's settings
 * @returns the shell
 */
export function shellOf(settings: Readonly<Record<string, unknown>>): Shell {
  const service = (settings.service ?? {}) as { name?: string; basis?: string; authority?: string; email?: string };
  const sender = (settings.afsender ?? {}) as { navn?: string; email?: string };
  return Object.freeze({
    service: service.name ?? String(settings.title ?? DEFAULT_SHELL.service),
    basis: service.basis ?? '',
    authority: service.authority ?? sender.navn ?? DEFAULT_SHELL.authority,
    email: service.email ?? sender.email ?? '',
  });
}

/**
 * The shell of pages that belong to no one round (login, home): the rounds' shell where they all
 * agree, else the authority they share under a plain service name.
 * @param shells the loaded rounds' shells
 * @returns the shell
 */
export function commonShell(shells: readonly Shell[]): Shell {
  const first = shells[0];
  if (!first) return DEFAULT_SHELL;
  const same = (k: keyof Shell) => shells.every((s) => s[k] === first[k]);
  return Object.freeze({
    service: same('service') ? first.service : DEFAULT_SHELL.service,
    basis: same('basis') ? first.basis : '',
    authority: same('authority') ? first.authority : DEFAULT_SHELL.authority,
    email: same('email') ? first.email : '',
  });
}
