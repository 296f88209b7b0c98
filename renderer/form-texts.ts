import type { Lang } from '../engine/index.ts';

/** The form's own interface text; the questions themselves come from the schema. */
export interface FormTexts {
  readonly errorsHeading: (n: number) => string;
  readonly saved: (clock: string) => string;
  readonly saving: string;
  readonly saveFailed: (message: string) => string;
  readonly conflictHeading: string;
  readonly conflictText: string;
  readonly conflictReload: string;
  readonly back: string;
  readonly next: string;
  readonly toReview: string;
}

const DA: FormTexts = {
  errorsHeading: (n) => (n === 1 ? 'Der er 1 fejl, som skal rettes' : `Der er ${n} fejl, som skal rettes`),
  saved: (clock) => `Gemt kl. ${clock}`,
  saving: 'Gemmer …',
  saveFailed: (m) => `Kladden kunne ikke gemmes: ${m}`,
  conflictHeading: 'Indberetningen er ændret et andet sted',
  conflictText:
    'Kladden er gemt fra et andet vindue eller af en kollega, efter du åbnede siden. Dine seneste ændringer er ikke gemt, og intet er overskrevet. Hent den nyeste version, og indtast dine ændringer igen.',
  conflictReload: 'Hent den nyeste version',
  back: 'Tilbage',
  next: 'Gem og fortsæt',
  toReview: 'Gem og gennemse',
};

const EN: FormTexts = {
  errorsHeading: (n) => (n === 1 ? 'There is 1 problem to fix' : `There are ${n} problems to fix`),
  saved: (clock) => `Saved at ${clock}`,
  saving: 'Saving …',
  saveFailed: (m) => `The draft could not be saved: ${m}`,
  conflictHeading: 'The report was changed elsewhere',
  conflictText:
    'The draft was saved from another window or by a colleague after you opened this page. Your latest changes are not saved and nothing was overwritten. Load the latest version and enter your changes again.',
  conflictReload: 'Load the latest version',
  back: 'Back',
  next: 'Save and continue',
  toReview: 'Save and review',
};

/**
 * The form's interface text in a language.
 * @param lang the page language
 * @returns the texts
 */
export function formTexts(lang: Lang): FormTexts {
  return lang === 'en' ? EN : DA;
}
