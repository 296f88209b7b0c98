import path from 'node:path';
import { readRoundFolder } from '../read-round-folder.ts';
import Handlebars from 'handlebars';
import { contactsFail, type ContactsFailure } from './contacts-failure.ts';

/** What the credential mail's template can use. */
export interface CredentialMailContext {
  /** The respondent's name ("Frederiksberg", "Skolen ved Søen"). */
  readonly respondent: string;
  readonly modtager: string;
  readonly brugernavn: string;
  readonly link: string;
  readonly gyldigDage: number;
  readonly runde: { readonly id: string; readonly titel: string; readonly aar: number | null };
  /** The report's deadline (ISO date), if it has one. */
  readonly frist: string | null;
  readonly afsender: { readonly navn: string; readonly email: string };
  readonly adresse: string;
}

/** What the reminder's template can use. */
export interface ReminderMailContext {
  readonly respondent: string;
  readonly modtager: string;
  readonly skema: string;
  readonly frist: string | null;
  /** "ikke påbegyndt", "gemt som kladde" or "genåbnet". */
  readonly status: string;
  readonly runde: { readonly id: string; readonly titel: string; readonly aar: number | null };
  readonly afsender: { readonly navn: string; readonly email: string };
  readonly adresse: string;
}

/** A rendered mail. */
export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
}

/** A round's mail templates, compiled once. */
export interface MailTemplates {
  credentials(context: CredentialMailContext): RenderedMail;
  reminder(context: ReminderMailContext): RenderedMail;
}

/** The files in `<round>/mails/`: the login mail and the reminder. */
export const MAIL_TEMPLATE_FILES = Object.freeze({ credentials: 'adgang.hbs', reminder: 'paamindelse.hbs' });

const MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];

/** "2024-05-31" → "31. maj 2024"; anything else as given. */
function danishDate(value: unknown): string {
  const m = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})/.exec(value) : null;
  return m ? `${Number(m[3])}. ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : String(value ?? '');
}

const SAMPLE = {
  respondent: 'Eksempel',
  modtager: 'Eksempel Person',
  brugernavn: 'anne@eksempel.dk',
  link: 'https://eksempel.dk/adgang/x',
  gyldigDage: 14,
  runde: { id: '2024', titel: 'Runde', aar: 2024 },
  frist: '2024-05-31',
  afsender: { navn: 'Afsender', email: 'afsender@eksempel.dk' },
  adresse: 'https://eksempel.dk',
  skema: 'Skema',
  status: 'ikke påbegyndt',
};

/**
 * Compiles one template file: its first line is `Emne: …` (the subject, also a template), then a
 * blank line, then the text. Plain text: nothing is HTML-escaped (the mail is not HTML), and the
 * subject is folded to one line when sent. Strict: a misspelt name fails here, at load.
 * @param hbs an isolated Handlebars environment
 * @param source the file's text
 * @param file its name, for messages
 * @returns the render function, or MAIL_TEMPLATE_INVALID
 */
function compileMail(hbs: typeof Handlebars, source: string, file: string): ((ctx: object) => RenderedMail) | ContactsFailure {
  const m = /^Emne:[ \t]*(.*)\r?\n\r?\n([\s\S]*)$/.exec(source);
  if (!m) return contactsFail('MAIL_TEMPLATE_INVALID', { file, reason: 'første linje skal være "Emne: …" efterfulgt af en tom linje' });
  try {
    const subject = hbs.compile(m[1]!, { strict: true, noEscape: true });
    const text = hbs.compile(m[2]!, { strict: true, noEscape: true });
    const render = (ctx: object) => ({ subject: subject(ctx).replace(/\s+/g, ' ').trim(), text: text(ctx).replace(/\r\n/g, '\n') });
    render(SAMPLE);
    return render;
  } catch (e) {
    return contactsFail('MAIL_TEMPLATE_INVALID', { file, reason: String((e as Error).message ?? e).split('\n')[0]!.slice(0, 200) });
  }
}

/**
 * Compiles a round's mail templates from its files (`mails/adgang.hbs`, …), wherever the round is
 * kept: a folder under `schemas/` or the database.
 * @param files the round's files by relative name
 * @param at how a file is named in messages
 * @returns the templates, or MAIL_TEMPLATE_INVALID naming the file and the problem
 */
export function compileMailTemplates(files: Readonly<Record<string, string>>, at: (name: string) => string = (n) => n): MailTemplates | ContactsFailure {
  const hbs = Handlebars.create();
  hbs.registerHelper('dato', danishDate);
  const out: Record<string, (ctx: object) => RenderedMail> = {};
  for (const [kind, name] of Object.entries(MAIL_TEMPLATE_FILES)) {
    const file = at(`mails/${name}`);
    const source = Object.hasOwn(files, `mails/${name}`) ? files[`mails/${name}`] : undefined;
    if (source === undefined) return contactsFail('MAIL_TEMPLATE_INVALID', { file, reason: 'filen findes ikke' });
    const compiled = compileMail(hbs, source, file);
    if (typeof compiled !== 'function') return compiled;
    out[kind] = compiled;
  }
  return Object.freeze({ credentials: out.credentials!, reminder: out.reminder! });
}

/**
 * Reads and compiles a round's mail templates from `<round folder>/mails/`.
 * @param roundDir e.g. `schemas/2024`
 * @returns the templates, or MAIL_TEMPLATE_INVALID naming the file and the problem
 */
export async function loadMailTemplates(roundDir: string): Promise<MailTemplates | ContactsFailure> {
  return compileMailTemplates(await readRoundFolder(roundDir), (name) => path.join(roundDir, name));
}
