/** Counts after an action, carried to the next page in its address (numbers only, never text). */
export type NoticeCounts = Readonly<Record<string, number>>;

const n = (q: Record<string, unknown>, k: string) => {
  const v = Number(q[k]);
  return Number.isInteger(v) && v >= 0 ? v : 0;
};

/**
 * The address of a page with a notice about an action's outcome.
 * @param path the page
 * @param kind which action
 * @param counts its numbers
 * @returns the address
 */
export function withNotice(path: string, kind: string, counts: NoticeCounts = {}): string {
  const p = new URLSearchParams({ besked: kind });
  for (const [k, v] of Object.entries(counts)) p.set(k, String(v));
  return `${path}${path.includes('?') ? '&' : '?'}${p.toString()}`;
}

/**
 * The Danish notice for a page's query: only known kinds, filled with numbers.
 * @param query the request's query
 * @param words what the page's round calls its respondents (several; one in the definite form)
 * @returns the text, or undefined
 */
export function noticeText(query: Record<string, unknown>, words: { readonly many: string; readonly the: string; readonly theTitle: string } = { many: 'respondenter', the: 'respondenten', theTitle: 'Respondenten' }): string | undefined {
  switch (query.besked) {
    case 'logins': {
      const problems = n(query, 'problemer');
      return (
        `${n(query, 'oprettet')} nye logins oprettet, ${n(query, 'sendt')} mails sendt` +
        (n(query, 'fejl') > 0 ? `, ${n(query, 'fejl')} mails kunne ikke sendes` : '') +
        (n(query, 'venter') > 0 ? `, ${n(query, 'venter')} venter på et nyt forsøg` : '') +
        (problems > 0 ? `. ${problems} ${words.many} kunne ikke få et login (se ${words.the}s side)` : '') +
        '.'
      );
    }
    case 'paamindelser':
      return (
        `${n(query, 'oprettet')} påmindelser oprettet, ${n(query, 'sendt')} mails sendt` +
        (n(query, 'allerede') > 0 ? `; ${n(query, 'allerede')} ${words.many} har allerede fået dagens påmindelse` : '') +
        (n(query, 'ingenKontakt') > 0 ? `; ${n(query, 'ingenKontakt')} ${words.many} uden kontaktperson kunne ikke mindes` : '') +
        '.'
      );
    case 'gemt':
      return n(query, 'lukket') > 0
        ? 'Kontaktpersonen er gemt. E-mailadressen er ny, så det gamle login er lukket. Send et nyt login.'
        : 'Kontaktpersonen er gemt.';
    case 'login-sendt':
      return n(query, 'sendt') > 0 ? 'Et nyt login er sendt til kontaktpersonen.' : 'Et nyt login er oprettet; mailen venter på at blive sendt.';
    case 'frist-forlaenget':
      return `Fristen er forlænget. ${words.theTitle} kan indsende til og med den nye dato, som står under Frist.`;
    case 'inviteret':
      return n(query, 'sendt') > 0 ? 'Kontaktpersonen er gemt, og login er sendt til den.' : 'Kontaktpersonen er gemt, og login er oprettet; mailen venter på at blive sendt.';
    case 'genaabnet':
      return `Indberetningen er genåbnet. ${words.theTitle} kan rette den og indsende den igen.`;
    case 'tilbagekaldt':
      return 'Login er tilbagekaldt. Linket og adgangskoden virker ikke længere.';
    case 'afsendt':
      return `${n(query, 'sendt')} mails sendt` + (n(query, 'fejl') > 0 ? `, ${n(query, 'fejl')} fejlede` : '') + '.';
    case 'importeret':
      return `${n(query, 'importeret')} kontaktpersoner er importeret.`;
    default:
      return undefined;
  }
}
