import type { Issue } from '../engine/index.ts';
import type { Failure, WorkflowErrorCode } from '../engine/workflows/index.ts';
import type { ContactsErrorCode } from '../engine/contacts/index.ts';
import type { RoundsErrorCode } from '../engine/rounds/index.ts';

/** Codes only the HTTP layer produces. */
type HttpErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'PASSWORD_CHANGE_REQUIRED'
  | 'MFA_REQUIRED'
  | 'MFA_ENROLMENT_REQUIRED'
  | 'CSRF_INVALID'
  | 'ROUTE_NOT_FOUND'
  | 'MALFORMED_JSON'
  | 'NUL_CHARACTER'
  | 'BAD_REQUEST'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'VERSION_REQUIRED'
  | 'ROUND_NOT_CLOSED'
  | 'INTERNAL';

/** Every stable error code the service answers with. */
export type ErrorCode = WorkflowErrorCode | HttpErrorCode | ContactsErrorCode | RoundsErrorCode;

/** The one catalog: each code's HTTP status and Danish message template (`{name}` reads a param). */
export const ERRORS: Readonly<Record<ErrorCode, { readonly status: number; readonly message: string }>> = Object.freeze({
  UNAUTHENTICATED: { status: 401, message: 'Du skal logge ind for at fortsætte.' },
  INVALID_CREDENTIALS: { status: 401, message: 'E-mail eller adgangskode er forkert.' },
  FORBIDDEN: { status: 403, message: 'Du har ikke adgang til denne funktion.' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, message: 'Du skal skifte din adgangskode, før du kan fortsætte.' },
  // 401: the password was right, but the person is not signed in until the code is.
  MFA_REQUIRED: { status: 401, message: 'Indtast koden fra din godkendelsesapp for at fortsætte (POST /api/auth/totp/verify).' },
  MFA_ENROLMENT_REQUIRED: { status: 403, message: 'Du skal aktivere totrinsbekræftelse, før du kan fortsætte (POST /api/auth/totp/enrol).' },
  INVALID_CODE: { status: 401, message: 'Koden er forkert, udløbet eller allerede brugt. Indtast den kode, din godkendelsesapp viser nu, eller en ubrugt gendannelseskode.' },
  MFA_ALREADY_ENROLLED: { status: 409, message: 'Totrinsbekræftelse er allerede aktiveret. En administrator kan nulstille den, hvis du har mistet din telefon.' },
  MFA_NOT_STARTED: { status: 409, message: 'Tilmeldingen til totrinsbekræftelse er ikke startet. Start forfra.' },
  CSRF_INVALID: { status: 403, message: 'Sikkerhedstjekket fejlede. Genindlæs siden og prøv igen.' },
  // 403, not 422: the answers are not wrong in themselves, the sender may not file them for that respondent.
  RESPONDENT_MISMATCH: {
    status: 403,
    message: 'Indberetningen er for en anden respondent ({named}) end den, du er logget ind som ({own}). Intet er gemt.',
  },
  DEADLINE_PASSED: {
    status: 403,
    message: 'Fristen for indsendelse var {frist}. Indberetningen kan ikke indsendes efter fristen uden en forlængelse fra ministeriet.',
  },
  NOT_FOUND: { status: 404, message: 'Det efterspurgte findes ikke: {what}.' },
  ROUTE_NOT_FOUND: { status: 404, message: 'Adressen findes ikke.' },
  FORM_NOT_FOUND: { status: 404, message: 'Skemaet "{formName}" findes ikke i runde {roundId}.' },
  ORGANISATION_NOT_FOUND: { status: 404, message: 'Respondenten med koden "{code}" findes ikke.' },
  SUBMISSION_NOT_FOUND: { status: 404, message: 'Indberetningen findes ikke.' },
  VERSION_CONFLICT: {
    status: 409,
    message: 'Indberetningen er blevet ændret, siden du hentede den (version {current}, du havde version {expected}). Hent den nyeste version og prøv igen.',
  },
  ALREADY_SUBMITTED: { status: 409, message: 'Indberetningen er allerede indsendt og kan ikke ændres, før ministeriet genåbner den.' },
  NOT_SUBMITTED: { status: 409, message: 'Kun en indsendt indberetning kan genåbnes.' },
  ROUND_FROZEN: { status: 409, message: 'Runde {roundId} har indsendte besvarelser: det, de er valideret imod (skemaer, regler og de rundedata, reglerne læser), kan ikke længere ændres. Tekster, visning, skabeloner og datoer kan stadig rettes.' },
  EMAIL_TAKEN: { status: 409, message: 'Der findes allerede en bruger med e-mailen {email}.' },
  INVALID_INPUT: { status: 400, message: 'Feltet "{field}" mangler eller er ugyldigt.' },
  WEAK_PASSWORD: { status: 400, message: 'Adgangskoden kan ikke bruges: {grund}.' },
  MALFORMED_JSON: { status: 400, message: 'Forespørgslens indhold er ikke gyldig JSON.' },
  NUL_CHARACTER: { status: 400, message: 'Teksten indeholder et tegn, der ikke kan gemmes (NUL-tegnet, tegnkode 0). Fjern det og prøv igen.' },
  BAD_REQUEST: { status: 400, message: 'Forespørgslen kan ikke læses. Kontrollér adressen og indholdet.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'Forespørgslen er for stor.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Indholdstypen understøttes ikke.' },
  INVALID_ANSWERS: { status: 422, message: 'Indberetningen kan ikke indsendes, fordi den indeholder fejl. Ret fejlene og prøv igen.' },
  ROUND_NOT_CLOSED: { status: 409, message: 'Runden kan først offentliggøres, når den er lukket ({when}).' },
  VERSION_REQUIRED: { status: 428, message: 'Angiv den version, du har hentet, i headeren If-Match.' },
  TOO_MANY_ATTEMPTS: { status: 429, message: 'For mange mislykkede forsøg. Vent {ventetid}, og prøv igen.' },
  INTERNAL: { status: 500, message: 'Der opstod en uventet fejl. Prøv igen senere.' },
  FILE_UNREADABLE: { status: 400, message: 'Filen "{filename}" kan ikke læses som kontaktliste: {reason}.' },
  CONTACT_MISSING: { status: 409, message: 'Respondenten {code} har ingen kontaktperson i runde {roundId}. Registrér kontaktpersonen først.' },
  IMPORT_DECIDED: { status: 409, message: 'Der er allerede taget stilling til denne import. Upload filen igen for at importere den på ny.' },
  LINK_INVALID: {
    status: 410,
    message: 'Linket til at vælge adgangskode virker ikke længere: det er brugt, udløbet eller erstattet af et nyere. Skriv til Ligestillingsafdelingen for at få et nyt.',
  },
  MAIL_TEMPLATE_INVALID: { status: 500, message: 'Mailskabelonen {file} kan ikke bruges: {reason}.' },
  ROUND_NOT_FOUND: { status: 404, message: 'Runde {roundId} findes ikke.' },
  ROUND_EXISTS: { status: 409, message: 'Der findes allerede en runde med id {roundId}.' },
  ROUND_PUBLISHED: {
    status: 409,
    message: 'Runde {roundId} er offentliggjort og kan ikke længere ændres. En rettelse kræver en ny version (kopiér runden til fx {roundId}-2), før runden åbner.',
  },
  ROUND_NOT_STORED: { status: 409, message: 'Runde {roundId} er ikke oprettet i administrationen. Runder fra mappen schemas/ ændres i filerne dér.' },
  ROUND_INVALID: { status: 422, message: 'Runde {roundId} har fejl i filerne og kan ikke bruges. Ret fejlene og prøv igen.' },
  ROUND_FILE_NAME: { status: 400, message: 'Navnet "{name}" kan ikke bruges. Brug bogstaver, tal, punktum og bindestreg og endelsen .json, .csv eller .hbs.' },
  ROUND_EDIT_CONFLICT: {
    status: 409,
    message: 'Runden er ændret, siden du hentede den (version {current}, du havde version {expected}). Hent den nyeste version og prøv igen.',
  },
  ROUND_EDIT_REFUSED: { status: 422, message: 'Ændringen kan ikke laves: {reason}.' },
  ROUND_CORRECTION_TOO_LATE: {
    status: 409,
    message: 'Runde {roundId} retter runde {corrected}, som allerede er åbnet for indberetning. En rettelse skal offentliggøres, før runden åbner.',
  },
  ROUND_NO_PREVIOUS: { status: 404, message: 'Runde {roundId} har ingen tidligere runde at sammenligne med.' },
  PREFILL_NOT_FOUND: { status: 404, message: 'Indberetningen er ikke forudfyldt fra sidste år.' },
});

/** An error with a stable code; the one error handler turns it into `{ code, message, issues? }`. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly params: Readonly<Record<string, string | number>> = {},
    readonly issues?: readonly Issue[],
  ) {
    super(renderMessage(code, params));
    this.status = ERRORS[code].status;
  }
}

const MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];

/**
 * Fills a code's Danish template; ISO dates are written the Danish way ("31. maj 2024").
 * @param code the code
 * @param params the values
 * @returns the message
 */
export function renderMessage(code: ErrorCode, params: Readonly<Record<string, string | number>> = {}): string {
  return ERRORS[code].message.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = params[k];
    if (v === undefined) return '';
    const m = typeof v === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v) : null;
    return m ? `${Number(m[3])}. ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : String(v);
  });
}

/**
 * Turns a workflow failure into the error the handler answers with.
 * @param f the failure
 * @returns the AppError
 */
export function fromFailure(f: Failure): AppError {
  return new AppError(f.code, f.params ?? {}, f.issues);
}
