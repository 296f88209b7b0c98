import { Router } from 'express';

/*
 * The API's OpenAPI 3.1 description, written by hand beside the routers; a test walks the app's
 * routes and fails when one is missing here or described here but not served.
 */

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const error = (description: string) => ({ description, ...json(ref('Error')) });
const ok = (description: string, schema: object) => ({ description, ...json(schema) });
const path = (name: string, description: string) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });
const roundForm = [path('roundId', 'Rundens id, fx 2024'), path('formName', 'Skemaets navn i round.json')];
const ifMatch = (required: boolean) => ({
  name: 'If-Match',
  in: 'header',
  required,
  description: 'Den version, klienten har hentet (ETag); 0 når intet er gemt endnu.',
  schema: { type: 'string', examples: ['"3"'] },
});
const csrf = { name: 'X-CSRF-Token', in: 'header', required: true, description: 'CSRF-token fra /api/auth/csrf, login eller /api/auth/me.', schema: { type: 'string' } };
/** 429 with the seconds to wait; the message says the same in Danish words. */
const throttled = (description: string) => ({
  ...error(description),
  headers: { 'Retry-After': { description: 'Sekunder til næste forsøg', schema: { type: 'integer', minimum: 1 } } },
});
const common = {
  401: error('Ikke logget ind, eller MFA_REQUIRED: sessionen venter på koden fra godkendelsesappen (POST /api/auth/totp/verify)'),
  403: error('Ingen adgang (rolle, CSRF, adgangskode der skal skiftes, eller MFA_ENROLMENT_REQUIRED: rollen kræver totrinsbekræftelse, der ikke er aktiveret)'),
};
const secondFactor = { description: "Hvad sessionen venter på efter adgangskoden: 'code' (koden fra appen), 'enrol' (rollen kræver totrinsbekræftelse) eller null (logget helt ind)", enum: ['code', 'enrol', null] };
const codeBody = json({ type: 'object', required: ['code'], properties: { code: { type: 'string', description: '6 cifre fra appen, eller en ubrugt gendannelseskode' } } });
const anyUser = { security: [{ session: [] }] };

/** The OpenAPI 3.1 document served at `/api/openapi.json`. */
export const OPENAPI = Object.freeze({
  openapi: '3.1.0',
  info: {
    title: 'indberet',
    version: '0.1.0',
    description:
      'Årlige indberetninger efter hver rundes formularer (round.json). Alle fejl har formen { code, message, issues? } med en dansk besked.',
  },
  components: {
    securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'indberet_sid' } },
    schemas: {
      Error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'string', description: 'Stabil fejlkode, fx VERSION_CONFLICT' },
          message: { type: 'string', description: 'Dansk besked' },
          issues: { type: 'array', items: ref('Issue') },
        },
      },
      Issue: {
        type: 'object',
        required: ['path', 'keyword', 'message'],
        properties: { path: { type: 'string', description: 'JSON Pointer' }, keyword: { type: 'string' }, message: { type: 'string' } },
      },
      User: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          email: { type: 'string' },
          navn: { type: 'string' },
          role: { enum: ['admin', 'analyst', 'respondent'] },
          mustChangePassword: { type: 'boolean' },
          organisation: { oneOf: [{ type: 'null' }, { type: 'object', properties: { id: { type: 'string' }, code: { type: 'string' }, navn: { type: 'string' } } }] },
        },
      },
      Submission: {
        type: 'object',
        properties: {
          id: { type: ['string', 'null'] },
          roundId: { type: 'string' },
          formName: { type: 'string' },
          organisationId: { type: 'string' },
          status: { enum: ['new', 'draft', 'submitted', 'reopened'] },
          version: { type: 'integer' },
          answers: { type: 'object' },
          schemaHash: { type: 'string' },
          createdAt: { type: ['string', 'null'] },
          updatedAt: { type: ['string', 'null'] },
          submittedAt: { type: ['string', 'null'] },
        },
      },
      FormListing: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          title: { type: 'string' },
          frist: { type: ['string', 'null'], format: 'date' },
          closesAt: { type: ['string', 'null'], format: 'date-time' },
          hash: { type: 'string' },
        },
      },
    },
  },
  paths: {
    '/healthz': { get: { summary: 'Sundhedstjek', responses: { 200: ok('Databasen svarer', { type: 'object' }), 503: ok('Databasen svarer ikke, eller tjenesten lukker', { type: 'object' }) } } },
    '/api/openapi.json': { get: { summary: 'Dette dokument', responses: { 200: ok('OpenAPI 3.1', { type: 'object' }) } } },
    '/api/auth/csrf': {
      get: { summary: 'CSRF-token (for anonyme sættes også en cookie)', responses: { 200: ok('Token', { type: 'object', properties: { csrfToken: { type: 'string' } } }) } },
    },
    '/api/auth/login': {
      post: {
        summary: 'Log ind; sætter sessionscookien',
        parameters: [csrf],
        requestBody: json({ type: 'object', required: ['email', 'password'], properties: { email: { type: 'string' }, password: { type: 'string' } } }),
        responses: {
          200: ok('Adgangskoden er rigtig. Med secondFactor sat når sessionen kun det trin (og /api/auth/me, log ud), til det er klaret', {
            type: 'object',
            properties: { user: ref('User'), csrfToken: { type: 'string' }, secondFactor },
          }),
          400: error('Manglende felt'),
          401: error('Forkert e-mail eller adgangskode'),
          403: error('CSRF'),
          429: throttled('For mange mislykkede forsøg: kontoen holder pause (1 s, fordoblet pr. fejl, højst 5 min) efter 5 fejl; 10 fejl i træk fra én adresse til én konto spærrer den adresse for kontoen i 15 min; 200 fejl i timen fra én adresse spærrer adressen'),
        },
      },
    },
    '/api/auth/logout': { post: { summary: 'Log ud', parameters: [csrf], responses: { 204: { description: 'Logget ud' }, 403: error('CSRF') } } },
    '/api/auth/me': {
      get: { ...anyUser, summary: 'Den indloggede bruger', responses: { 200: ok('Bruger', { type: 'object', properties: { user: ref('User'), csrfToken: { type: 'string' }, secondFactor } }), ...common } },
    },
    '/api/auth/totp': {
      get: {
        ...anyUser,
        summary: 'Status for egen totrinsbekræftelse (TOTP)',
        responses: { 200: ok('Status', { type: 'object', properties: { enrolled: { type: 'boolean' }, recoveryCodesLeft: { type: 'integer' } } }), ...common },
      },
    },
    '/api/auth/totp/verify': {
      post: {
        ...anyUser,
        summary: 'Login, andet trin: koden fra appen (±30 s, hver kode én gang) eller en gendannelseskode (hver én gang)',
        parameters: [csrf],
        requestBody: codeBody,
        responses: {
          200: ok('Logget helt ind', { type: 'object', properties: { user: ref('User'), csrfToken: { type: 'string' }, recoveryCode: { type: 'boolean' }, recoveryCodesLeft: { type: 'integer' } } }),
          400: error('Manglende felt'),
          401: error('INVALID_CODE: forkert, udløbet eller allerede brugt kode; eller ikke logget ind'),
          403: error('CSRF'),
          429: throttled('For mange forkerte koder (samme grænser og tællere som adgangskoden til kontoen)'),
        },
      },
    },
    '/api/auth/totp/enrol': {
      post: {
        ...anyUser,
        summary: 'Start tilmelding: en hemmelig nøgle og otpauth-URI til appen (samme nøgle, til den er bekræftet)',
        parameters: [csrf],
        responses: {
          200: ok('Nøgle', { type: 'object', properties: { secret: { type: 'string', description: 'Base32' }, uri: { type: 'string', description: 'otpauth://totp/…' } } }),
          409: error('MFA_ALREADY_ENROLLED'),
          ...common,
        },
      },
    },
    '/api/auth/totp/confirm': {
      post: {
        ...anyUser,
        summary: 'Bekræft tilmelding med en kode fra appen; svarer med 10 gendannelseskoder, der kun vises her',
        parameters: [csrf],
        requestBody: codeBody,
        responses: {
          200: ok('Aktiveret', { type: 'object', properties: { recoveryCodes: { type: 'array', items: { type: 'string' } } } }),
          400: error('Manglende felt'),
          401: error('INVALID_CODE'),
          409: error('MFA_NOT_STARTED eller MFA_ALREADY_ENROLLED'),
          429: throttled('For mange forkerte koder'),
          403: error('CSRF'),
        },
      },
    },
    '/api/auth/password': {
      post: {
        ...anyUser,
        summary: 'Skift adgangskode; brugerens andre sessioner afsluttes',
        parameters: [csrf],
        requestBody: json({ type: 'object', required: ['current', 'next'], properties: { current: { type: 'string' }, next: { type: 'string', minLength: 12 } } }),
        responses: { 204: { description: 'Skiftet' }, 400: error('For svag adgangskode'), 429: throttled('For mange forkerte nuværende adgangskoder (samme grænser som login til kontoen)'), ...common },
      },
    },
    '/api/rounds': {
      get: { ...anyUser, summary: 'Runder og deres skemaer', responses: { 200: ok('Runder', { type: 'object', properties: { rounds: { type: 'array' } } }), ...common } },
    },
    '/api/rounds/{roundId}': {
      get: {
        ...anyUser,
        summary: 'En rundes data: datoer, tabeller og skemaer',
        parameters: [roundForm[0]],
        responses: { 200: ok('Runde', { type: 'object' }), 404: error('Ukendt runde'), ...common },
      },
    },
    '/api/rounds/{roundId}/forms/{formName}': {
      get: {
        ...anyUser,
        summary: 'Et skema: JSON Schema, ui og frist',
        parameters: roundForm,
        responses: { 200: ok('Skema', { type: 'object', properties: { schema: { type: 'object' }, ui: { type: 'object' } } }), 404: error('Ukendt skema'), ...common },
      },
    },
    '/api/rounds/{roundId}/forms/{formName}/submission': {
      get: {
        ...anyUser,
        summary: 'Egen organisations indberetning (respondent); ETag er versionen',
        parameters: roundForm,
        responses: { 200: ok('Indberetning og frist', { type: 'object', properties: { submission: ref('Submission'), deadline: { type: 'object' } } }), 404: error('Ukendt skema'), ...common },
      },
      put: {
        ...anyUser,
        summary: 'Gem kladde (kræver ikke gyldige svar; fejlene returneres som information)',
        parameters: [...roundForm, ifMatch(true), csrf],
        requestBody: json({ type: 'object', required: ['answers'], properties: { answers: { type: 'object' } } }),
        responses: {
          200: ok('Gemt. Svar, der er identiske med den gemte kladde, kvitteres med den gemte version, også på en forældet version (en gentaget gemning, fx fra en side, der blev forladt), og intet nyt skrives', { type: 'object', properties: { submission: ref('Submission'), issues: { type: 'array', items: ref('Issue') } } }),
          400: error('Ugyldig forespørgsel'),
          403: error('RESPONDENT_MISMATCH: svarene angiver en anden respondent end den, du er logget ind som; intet er gemt. Eller ingen adgang (rolle, CSRF eller engangsadgangskode)'),
          404: error('Ukendt skema'),
          409: error('VERSION_CONFLICT: versionen er forældet og svarene afviger fra den gemte kladde, intet er overskrevet; eller ALREADY_SUBMITTED'),
          413: error('For stor'),
          428: error('If-Match mangler'),
          401: common[401],
        },
      },
    },
    '/api/rounds/{roundId}/forms/{formName}/submission/submit': {
      post: {
        ...anyUser,
        summary: 'Indsend (den gemte kladde eller de medsendte svar), valideret af motoren',
        parameters: [...roundForm, ifMatch(true), csrf],
        requestBody: { required: false, ...json({ type: 'object', properties: { answers: { type: 'object' } } }) },
        responses: {
          200: ok('Indsendt', { type: 'object', properties: { submission: ref('Submission') } }),
          403: error('DEADLINE_PASSED: fristen er overskredet og der er ingen forlængelse; RESPONDENT_MISMATCH: svarene angiver en anden respondent end den, du er logget ind som; eller ingen adgang'),
          404: error('Ukendt skema eller ingen kladde'),
          409: error('VERSION_CONFLICT eller ALREADY_SUBMITTED'),
          422: error('INVALID_ANSWERS med issues'),
          428: error('If-Match mangler'),
          401: common[401],
        },
      },
    },
    '/api/rounds/{roundId}/forms/{formName}/submitted': {
      get: {
        ...anyUser,
        summary: 'Indsendte indberetninger (analytiker og administrator)',
        parameters: roundForm,
        responses: { 200: ok('Indsendte', { type: 'object', properties: { submissions: { type: 'array' } } }), 404: error('Ukendt skema'), ...common },
      },
    },
    '/api/submissions/{submissionId}': {
      get: {
        ...anyUser,
        summary: 'En indberetning: administrator alle, analytiker indsendte, respondent egne',
        parameters: [path('submissionId', 'Indberetningens id')],
        responses: { 200: ok('Indberetning', { type: 'object', properties: { submission: ref('Submission') } }), 404: error('Findes ikke eller ikke synlig'), ...common },
      },
    },
    '/api/admin/rounds/{roundId}/forms/{formName}/submissions': {
      get: {
        ...anyUser,
        summary: 'Alle organisationer med status for skemaet (administrator)',
        parameters: roundForm,
        responses: { 200: ok('Oversigt', { type: 'object', properties: { submissions: { type: 'array' } } }), 404: error('Ukendt skema'), ...common },
      },
    },
    '/api/admin/submissions/{submissionId}/reopen': {
      post: {
        ...anyUser,
        summary: 'Genåbn en indsendt indberetning (administrator)',
        parameters: [path('submissionId', 'Indberetningens id'), ifMatch(false), csrf],
        requestBody: { required: false, ...json({ type: 'object', properties: { reason: { type: 'string' } } }) },
        responses: {
          200: ok('Genåbnet', { type: 'object', properties: { submission: ref('Submission') } }),
          404: error('Findes ikke'),
          409: error('Ikke indsendt, eller forældet version'),
          ...common,
        },
      },
    },
    '/api/admin/rounds/{roundId}/forms/{formName}/extensions/{code}': {
      put: {
        ...anyUser,
        summary: 'Giv en respondent forlænget frist (inklusiv dato)',
        parameters: [...roundForm, path('code', 'Fx 0147'), csrf],
        requestBody: json({ type: 'object', required: ['until'], properties: { until: { type: 'string', format: 'date' }, reason: { type: 'string' } } }),
        responses: { 200: ok('Forlænget', { type: 'object' }), 400: error('Ugyldig dato'), 404: error('Ukendt skema eller respondent'), ...common },
      },
    },
    '/api/admin/users': {
      post: {
        ...anyUser,
        summary: 'Opret bruger med engangsadgangskode (vises én gang)',
        parameters: [csrf],
        requestBody: json({
          type: 'object',
          required: ['email', 'navn', 'role'],
          properties: { email: { type: 'string' }, navn: { type: 'string' }, role: { enum: ['admin', 'analyst', 'respondent'] }, code: { type: 'string' } },
        }),
        responses: {
          201: ok('Oprettet', { type: 'object', properties: { user: ref('User'), password: { type: 'string' } } }),
          400: error('Ugyldigt felt'),
          404: error('Ukendt respondent'),
          409: error('E-mailen er i brug'),
          ...common,
        },
      },
    },
    '/api/admin/users/{userId}/totp/reset': {
      post: {
        ...anyUser,
        summary: 'Nulstil en brugers totrinsbekræftelse (mistet telefon): nøgle og gendannelseskoder slettes, brugerens sessioner afsluttes; revideres (administrator)',
        parameters: [path('userId', 'Brugerens id'), csrf],
        responses: { 200: ok('Nulstillet', { type: 'object', properties: { wasEnrolled: { type: 'boolean' } } }), 404: error('Ukendt bruger'), ...common },
      },
    },
    '/api/admin/rounds': {
      get: {
        ...anyUser,
        summary: 'Alle runder: fra filer, kladder og offentliggjorte (administrator)',
        responses: { 200: ok('Runder', { type: 'object', properties: { rounds: { type: 'array' } } }), ...common },
      },
      post: {
        ...anyUser,
        summary: 'Kopiér en runde til en ny kladde; id, årstal, datoer, $id og årstallet i alle titler og beskrivelser (dansk og x-en, i round.json, skemaer og ui-filer) flyttes frem, som indberet round copy (administrator)',
        parameters: [csrf],
        requestBody: json({ type: 'object', required: ['from', 'id'], properties: { from: { type: 'string' }, id: { type: 'string', pattern: '^[0-9]{4}(-[a-z0-9]+)*$' } } }),
        responses: {
          201: ok('Oprettet; ETag er kladdens version', { type: 'object', properties: { id: { type: 'string' }, version: { type: 'integer' } } }),
          400: error('Ugyldigt id'),
          404: error('Ukendt runde'),
          409: error('ROUND_EXISTS: runden findes allerede'),
          ...common,
        },
      },
    },
    '/api/admin/rounds/{roundId}/bundle': {
      get: {
        ...anyUser,
        summary: 'Hent runden som én JSON-fil med alle filerne (administrator)',
        parameters: [roundForm[0]],
        responses: {
          200: ok('Runden', { type: 'object', properties: { format: { const: 'indberet-runde/1' }, id: { type: 'string' }, version: { type: ['integer', 'null'] }, files: { type: 'object' } } }),
          404: error('Ukendt runde'),
          ...common,
        },
      },
      put: {
        ...anyUser,
        summary: 'Upload en runde: opretter en kladde, eller erstatter kladdens filer (If-Match) (administrator)',
        parameters: [roundForm[0], ifMatch(false), csrf],
        requestBody: json({ type: 'object', required: ['files'], properties: { id: { type: 'string' }, files: { type: 'object', additionalProperties: { type: 'string' } } } }),
        responses: {
          200: ok('Erstattet', { type: 'object', properties: { id: { type: 'string' }, version: { type: 'integer' } } }),
          201: ok('Oprettet', { type: 'object', properties: { id: { type: 'string' }, version: { type: 'integer' } } }),
          400: error('Ugyldige filer eller filnavne'),
          409: error('ROUND_PUBLISHED: runden er offentliggjort og låst; ROUND_EDIT_CONFLICT; ROUND_EXISTS'),
          428: error('If-Match mangler for en eksisterende kladde'),
          ...common,
        },
      },
    },
    '/api/admin/rounds/{roundId}/files/{fileName}': {
      put: {
        ...anyUser,
        summary: 'Gem én fil i en kladde (administrator); svaret har rundens kontrol',
        parameters: [roundForm[0], path('fileName', 'Filens navn i runden, fx skema.schema.json'), ifMatch(true), csrf],
        requestBody: json({ type: 'object', required: ['content'], properties: { content: { type: 'string' } } }),
        responses: {
          200: ok('Gemt; ETag er den nye version', { type: 'object', properties: { version: { type: 'integer' }, issues: { type: 'array' } } }),
          400: error('Ugyldigt filnavn eller indhold'),
          409: error('ROUND_PUBLISHED: runden er offentliggjort og kan ikke ændres; ROUND_EDIT_CONFLICT; ROUND_NOT_STORED'),
          428: error('If-Match mangler'),
          ...common,
        },
      },
    },
    '/api/admin/rounds/{roundId}/lint': {
      post: {
        ...anyUser,
        summary: 'Kontrollér runden, som den ville være med filens tekst (gemmer intet), og vis formularen (administrator)',
        parameters: [roundForm[0], csrf],
        requestBody: json({ type: 'object', required: ['file', 'content'], properties: { file: { type: 'string' }, content: { type: 'string' }, step: { type: 'integer' } } }),
        responses: {
          200: ok('Fejl og forhåndsvisning', { type: 'object', properties: { issues: { type: 'array' }, preview: { type: ['object', 'null'] } } }),
          400: error('Ugyldigt filnavn eller indhold'),
          404: error('Ukendt runde'),
          ...common,
        },
      },
    },
    '/api/admin/rounds/{roundId}/edits': {
      post: {
        ...anyUser,
        summary:
          'Den strukturerede redigering af en kladde: tilføj et spørgsmål, omdøb et felt med x-lineage, flyt en dato, vælg om en formulars format kontrolleres, tilføj en tabelrække eller en fil. Uden save kontrolleres ændringen kun (gemmer intet); med save gemmes den på versionen i If-Match (administrator)',
        parameters: [roundForm[0], ifMatch(false), csrf],
        requestBody: json({
          type: 'object',
          required: ['edit'],
          properties: {
            edit: {
              type: 'object',
              required: ['kind'],
              properties: {
                kind: { enum: ['add-question', 'rename-field', 'set-date', 'set-formats', 'add-table-row', 'add-file'] },
                form: { type: 'string' },
                parent: { type: 'string', description: "Gruppens datasti ('' for formularens top, * for hvert element i en liste)" },
                path: { type: 'string', description: 'Feltets datasti (rename-field)' },
                key: { type: 'string' },
                title: { type: 'string' },
                titleEn: { type: 'string' },
                description: { type: 'string' },
                type: { enum: ['tekst', 'langtekst', 'heltal', 'tal', 'jaNej', 'valg', 'dato'] },
                options: { type: 'array', items: { type: 'string' } },
                required: { type: 'boolean' },
                after: { type: 'string' },
                name: { type: 'string', description: 'Datoens navn i round.json (set-date) eller filens navn (add-file)' },
                date: { type: 'string', format: 'date' },
                formats: { enum: ['assert', 'annotate'], description: 'set-formats: om formularens format (e-mail, dato, …) kontrolleres (assert) eller kun beskriver værdien (annotate)' },
                table: { type: 'string' },
                values: { type: 'object', additionalProperties: { type: 'string' } },
                content: { type: 'string' },
              },
            },
            save: { type: 'boolean', default: false },
          },
        }),
        responses: {
          200: ok('Hvad ændringen gør, de filer den ændrer, de nye fejl den giver og (gemt) den nye version', {
            type: 'object',
            properties: { summary: { type: 'array', items: { type: 'string' } }, files: { type: 'array' }, added: { type: 'array' }, remaining: { type: 'integer' }, saved: { type: 'boolean' }, version: { type: 'integer' } },
          }),
          404: error('Ukendt runde'),
          409: error('ROUND_PUBLISHED, ROUND_NOT_STORED eller ROUND_EDIT_CONFLICT'),
          422: error('ROUND_EDIT_REFUSED: ændringen kan ikke laves, med årsagen'),
          428: error('If-Match mangler (save)'),
          ...common,
        },
      },
    },
    '/api/admin/rounds/{roundId}/diff': {
      get: {
        ...anyUser,
        summary:
          'Ændringer i forhold til forrige runde (den, round.json → forrigeRunde nævner): felter tilføjet, fjernet, omdøbt (x-lineage; en omdøbt gruppe eller liste tager sine felter med), type og begrænsninger; round.json (settings) og rapportspecifikationen (reportSpec); brydende eller tilføjende (administrator)',
        parameters: [roundForm[0]],
        responses: {
          200: ok('Ændringer', {
            type: 'object',
            properties: {
              from: { type: 'string' },
              to: { type: 'string' },
              forms: { type: 'array' },
              dates: { type: 'array' },
              tables: { type: 'array' },
              settings: { type: 'array', description: 'Hver ændring i round.json: kind, pointer, from, to, breaking, message' },
              reportSpec: {
                type: ['object', 'null'],
                description: 'reports.json: ændringer og det, der ikke længere passer til formularerne; null når ingen af runderne har en',
                properties: { changes: { type: 'array' }, problems: { type: 'array' } },
              },
              breaking: { type: 'integer' },
            },
          }),
          404: error('Ukendt runde eller ingen forrige runde'),
          422: error('Runden har fejl'),
          ...common,
        },
      },
    },
    '/api/admin/rounds/{roundId}/dry-run': {
      get: {
        ...anyUser,
        summary: 'Forrige rundes indsendte svar valideret mod rundens skemaer: antal og årsager (administrator)',
        parameters: [roundForm[0]],
        responses: { 200: ok('Prøvekørsel', { type: 'object', properties: { forms: { type: 'array' } } }), 404: error('Ukendt runde eller ingen forrige runde'), 422: error('Runden har fejl'), ...common },
      },
    },
    '/api/admin/rounds/{roundId}/publish': {
      post: {
        ...anyUser,
        summary: 'Offentliggør en kladde: kontrol, hash, browservalidatorer; runden låses og vises for rundens respondenter (administrator)',
        parameters: [roundForm[0], ifMatch(true), csrf],
        responses: {
          200: ok('Offentliggjort', { type: 'object', properties: { id: { type: 'string' }, hash: { type: 'string' } } }),
          409: error('ROUND_PUBLISHED, ROUND_EDIT_CONFLICT, ROUND_EXISTS, ROUND_CORRECTION_TOO_LATE eller ROUND_NOT_STORED'),
          422: error('ROUND_INVALID med issues (fil#pointer)'),
          428: error('If-Match mangler'),
          ...common,
        },
      },
    },
    '/api/admin/audit/verify': {
      get: {
        ...anyUser,
        summary: 'Efterregn revisionssporets hashkæde',
        responses: { 200: ok('Resultat', { type: 'object', properties: { ok: { type: 'boolean' }, count: { type: 'integer' }, seq: { type: 'integer' } } }), ...common },
      },
    },
    // Contacts, credentials, reminders and the board (server/admin); every one admin only.
    '/api/admin/rounds/{roundId}/board': {
      get: {
        ...anyUser,
        summary: 'Alle rundens respondenter med status (ingen kontaktperson, kontaktperson uden login, login sendt, logget ind, kladde, indsendt, genåbnet), seneste aktivitet og antal pr. status',
        parameters: [
          roundForm[0],
          { name: 'status', in: 'query', required: false, description: 'Kun respondenter med denne status', schema: { enum: ['ingen-kontakt', 'kontaktperson', 'login-sendt', 'logget-ind', 'kladde', 'indsendt', 'genaabnet'] } },
          { name: 'region', in: 'query', required: false, description: 'Regionskode, fx 1084', schema: { type: 'string' } },
          { name: 'q', in: 'query', required: false, description: 'Søg i kode, navn og kontaktperson', schema: { type: 'string' } },
        ],
        responses: {
          200: ok('Oversigt', { type: 'object', properties: { rows: { type: 'array' }, counts: { type: 'array' }, total: { type: 'integer' } } }),
          404: error('Ukendt runde'),
          ...common,
        },
      },
    },
    '/api/admin/rounds/{roundId}/contacts': {
      get: {
        ...anyUser,
        summary: 'Alle rundens respondenter med deres kontaktperson',
        parameters: [roundForm[0]],
        responses: { 200: ok('Kontakter', { type: 'object', properties: { contacts: { type: 'array' } } }), 404: error('Ukendt runde'), ...common },
      },
    },
    '/api/admin/rounds/{roundId}/contacts/{code}': {
      put: {
        ...anyUser,
        summary: 'Sæt én respondents kontaktperson (kontrolleret af kontaktlisteskemaet); en ny e-mailadresse lukker det gamle login',
        parameters: [roundForm[0], path('code', 'Fx 0147'), csrf],
        requestBody: json({
          type: 'object',
          description: "The round's contact-list form's fields by name (the respondent key comes from the address); checked by that form.",
          additionalProperties: { type: 'string' },
        }),
        responses: {
          200: ok('Gemt', { type: 'object', properties: { saved: { type: 'object' }, contact: { type: 'object' } } }),
          404: error('Ukendt runde eller respondent'),
          422: error('INVALID_ANSWERS med issues fra skemaet'),
          ...common,
        },
      },
    },
    '/api/admin/rounds/{roundId}/contacts/import': {
      post: {
        ...anyUser,
        summary: 'Importér den udfyldte kontaktliste (XLSX eller CSV som rå krop). Har en række fejl, importeres intet, medmindre onlyValid=true',
        parameters: [
          roundForm[0],
          csrf,
          { name: 'onlyValid', in: 'query', required: false, description: 'Importér de gyldige rækker, selv om andre har fejl', schema: { type: 'boolean' } },
          { name: 'X-Filnavn', in: 'header', required: false, description: 'Filens navn (URL-kodet)', schema: { type: 'string' } },
        ],
        requestBody: {
          required: true,
          content: {
            'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } },
            'text/csv': { schema: { type: 'string' } },
          },
        },
        responses: {
          201: ok('Kontrolleret: importeret, eller holdt tilbage med fejl pr. række og kolonne', { type: 'object', properties: { import: { type: 'object' } } }),
          400: error('FILE_UNREADABLE: filen kan ikke læses, eller en kolonne mangler'),
          404: error('Ukendt runde'),
          413: error('Filen er for stor'),
          ...common,
        },
      },
    },
    '/api/admin/contact-imports/{importId}/commit': {
      post: {
        ...anyUser,
        summary: 'Importér de gyldige rækker af en tilbageholdt import',
        parameters: [path('importId', 'Importens id'), csrf],
        responses: {
          200: ok('Importeret', { type: 'object', properties: { import: { type: 'object' } } }),
          404: error('Ukendt import'),
          409: error('IMPORT_DECIDED: importen er allerede afgjort'),
          ...common,
        },
      },
    },
    '/api/admin/rounds/{roundId}/credentials/send': {
      post: {
        ...anyUser,
        summary: 'Opret og send login (link til at vælge adgangskode) til alle rundens respondenter med en kontaktperson og uden login; idempotent',
        parameters: [roundForm[0], csrf],
        responses: {
          200: ok('Sendt', { type: 'object', properties: { issued: { type: 'array' }, skipped: { type: 'array' }, problems: { type: 'array' }, delivery: { type: 'object' } } }),
          404: error('Ukendt runde'),
          ...common,
        },
      },
    },
    '/api/admin/rounds/{roundId}/credentials/{code}/resend': {
      post: {
        ...anyUser,
        summary: 'Send et nyt login til én respondent; det gamle link og den gamle adgangskode holder op med at virke',
        parameters: [roundForm[0], path('code', 'Fx 0147'), csrf],
        responses: {
          200: ok('Sendt', { type: 'object', properties: { issued: { type: 'array' }, delivery: { type: 'object' } } }),
          404: error('Ukendt runde eller respondent'),
          409: error('CONTACT_MISSING eller EMAIL_TAKEN'),
          ...common,
        },
      },
    },
    '/api/admin/rounds/{roundId}/credentials/{code}/revoke': {
      post: {
        ...anyUser,
        summary: 'Tilbagekald en respondents login: linket og adgangskoden holder op med at virke, sessioner afsluttes',
        parameters: [roundForm[0], path('code', 'Fx 0147'), csrf],
        responses: { 200: ok('Tilbagekaldt', { type: 'object', properties: { revoked: { type: 'string' } } }), 404: error('Intet aktivt login'), ...common },
      },
    },
    '/api/admin/rounds/{roundId}/reminders': {
      post: {
        ...anyUser,
        summary: 'Send påmindelse til alle rundens respondenter, der ikke har indsendt; højst én pr. respondent pr. batch (standard: dagens dato)',
        parameters: [roundForm[0], csrf],
        requestBody: { required: false, ...json({ type: 'object', properties: { formName: { type: 'string' }, batch: { type: 'string' } } }) },
        responses: {
          200: ok('Sendt', { type: 'object', properties: { queued: { type: 'array' }, already: { type: 'array' }, noContact: { type: 'array' }, delivery: { type: 'object' } } }),
          404: error('Ukendt runde eller skema'),
          ...common,
        },
      },
    },
    '/api/admin/mails': {
      get: {
        ...anyUser,
        summary: 'Alle registrerede mails, nyeste først (links i ikke-sendte mails vises ikke)',
        parameters: [
          { name: 'roundId', in: 'query', required: false, schema: { type: 'string' } },
          { name: 'code', in: 'query', required: false, schema: { type: 'string' } },
          { name: 'kind', in: 'query', required: false, schema: { enum: ['credentials', 'reminder'] } },
          { name: 'status', in: 'query', required: false, schema: { enum: ['pending', 'sending', 'sent', 'failed', 'cancelled'] } },
        ],
        responses: { 200: ok('Mails', { type: 'object', properties: { transport: { type: 'object' }, mails: { type: 'array' } } }), ...common },
      },
    },
    '/api/admin/mails/deliver': {
      post: {
        ...anyUser,
        summary: 'Send alle mails, der venter (fx efter et afbrudt job); ingen mail sendes to gange',
        parameters: [csrf],
        responses: { 200: ok('Sendt', { type: 'object', properties: { delivery: { type: 'object' } } }), ...common },
      },
    },
  },
});

/**
 * Serves the document at `/api/openapi.json`.
 * @returns the router
 */
export function openApiRouter(): Router {
  const router = Router();
  router.get('/api/openapi.json', (_req, res) => {
    res.json(OPENAPI);
  });
  return router;
}
