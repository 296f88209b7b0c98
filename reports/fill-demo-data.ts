import type { Round } from '../engine/index.ts';
import type { Actor, WorkflowDeps } from '../engine/workflows/index.ts';
import { createUser, deadlineEnd, saveDraft, seedOrganisations, seedRounds, submit } from '../engine/workflows/index.ts';
import { createRng } from './create-rng.ts';
import { respondentKeyField } from './read-reports-input.ts';
import { reportOf } from './report-of.ts';
import { respondentsOf } from './respondents.ts';
import { roundFacts } from './round-facts.ts';
import { syntheticAnswers } from './synthetic-answers.ts';

/** What to fill. */
export interface DemoDataInput {
  readonly roundId: string;
  /** Same seed, same population. */
  readonly seed: number;
  /** How many respondents (picked by the seed) do not report, so the memo has someone missing. */
  readonly missing?: number;
  /** The form to fill; by default the one the round's report spec reads, else every form with a respondent key. */
  readonly formName?: string;
  readonly onProgress?: (done: number, total: number) => void;
}

/** What filling did. */
export type DemoDataResult =
  | {
      readonly ok: true;
      /** The forms filled. */
      readonly forms: readonly string[];
      readonly submitted: number;
      readonly skipped: number;
      /** The keys of the respondents left without a report. */
      readonly missing: readonly string[];
    }
  | { readonly ok: false; readonly message: string };

/** The account demo reports are saved and submitted by; it has no known password and cannot log in. */
export const DEMO_ACTOR_EMAIL = 'demodata@indberet.invalid';

const DAY = 24 * 60 * 60 * 1000;

async function demoActor(deps: WorkflowDeps): Promise<Actor | string> {
  const existing = await deps.db.selectFrom('users').select(['id', 'role']).where('email', '=', DEMO_ACTOR_EMAIL).executeTakeFirst();
  if (existing) return { id: existing.id, role: existing.role, organisationId: null };
  const created = await createUser(deps, { email: DEMO_ACTOR_EMAIL, navn: 'Demodata', role: 'analyst', actorId: null });
  return created.ok ? { id: created.user.id, role: created.user.role, organisationId: null } : `brugeren til demodata kan ikke oprettes: ${created.code}`;
}

/**
 * The forms demo data fills: the one asked for, else the one the round's report spec reads (the
 * figures demo data exists for), else every form whose answers name a respondent.
 * @param round the round
 * @param asked the form asked for, if any
 * @returns the form names, or a Danish message
 */
function demoForms(round: Round, asked: string | undefined): readonly string[] | string {
  if (asked !== undefined) {
    const form = round.forms.get(asked);
    if (!form) return `Runden "${round.id}" har ingen formular "${asked}".`;
    return respondentKeyField(form) ? [asked] : `Formularen "${asked}" har intet felt med x-respondent-key, så svarene kan ikke knyttes til en respondent.`;
  }
  const named = reportOf(round).report?.formName;
  if (named !== undefined && round.forms.has(named)) return [named];
  const forms = round.formList.map((f) => f.name).filter((name) => respondentKeyField(round.forms.get(name)!) !== undefined);
  return forms.length > 0 ? forms : `Runden "${round.id}" har ingen formular med et felt med x-respondent-key.`;
}

/**
 * The reporting window of a form: from the round's last date before the form's deadline (when the
 * logins went out, say), else 60 days before it, to a minute before the deadline, but never later
 * than now.
 */
function reportingWindow(round: Round, formName: string, now: number): { start: number; end: number } {
  const facts = roundFacts(round, formName);
  const end = Math.min(facts.frist ? deadlineEnd(facts.frist, facts.tidszone).getTime() - 60_000 : now, now);
  const dates = Object.values((round.settings.datoer ?? {}) as Record<string, unknown>)
    .filter((d): d is string => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) && (facts.frist === null || d < facts.frist))
    .sort();
  const opened = dates.length > 0 ? Date.parse(`${dates[dates.length - 1]}T08:00:00Z`) : end - 60 * DAY;
  return { start: Math.min(opened, end - DAY), end };
}

/**
 * Fills a round with a synthetic population through the same save and submit workflows a
 * respondent's browser uses: every respondent of the round (`round.json` → `respondents`) gets an
 * answer drawn from the form's schema, the engine validates every report and storage keeps it with
 * its audit entries. Each report is submitted at a time inside the reporting window (the clock is
 * set per report), so the deadline check passes as it would have then. Respondents that already
 * have a report for the form are left alone, so running it again changes nothing.
 * @param deps database, registry and clock
 * @param input round, seed, how many to leave out and optionally the form
 * @returns the counts, or why it could not run
 * @example
 * await fillDemoData(deps, { roundId: '2024', seed: 1, missing: 3 });
 */
export async function fillDemoData(deps: WorkflowDeps, input: DemoDataInput): Promise<DemoDataResult> {
  const round = deps.registry.round(input.roundId);
  if (!round) return { ok: false, message: `Runden "${input.roundId}" findes ikke.` };
  const population = respondentsOf(round);
  if ('error' in population) return { ok: false, message: `Demodata kræver respondenter: ${population.error}.` };
  const forms = demoForms(round, input.formName);
  if (typeof forms === 'string') return { ok: false, message: forms };
  const seeded = await seedRounds(deps);
  if (!seeded.ok) return { ok: false, message: `runderne kan ikke indlæses: ${seeded.code}` };
  // The engine stores organisations for the rounds it knows how to seed; demo data only needs
  // every respondent to have one, however it came to be stored.
  const orgs = await seedOrganisations(deps, input.roundId);
  // The organisations table keeps the respondent's key in its `code` column.
  const organisations = await deps.db.selectFrom('organisations').select(['id', 'code']).execute();
  const orgOf = new Map(organisations.map((o) => [o.code, o.id]));
  const unknown = population.list.filter((r) => !orgOf.has(r.key)).map((r) => r.key);
  if (unknown.length > 0) {
    const why = orgs.ok ? '' : ` (de kan ikke oprettes: ${orgs.code})`;
    return { ok: false, message: `${unknown.length} ${population.words.many} findes ikke som organisationer i databasen${why}: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', …' : ''}` };
  }
  const actor = await demoActor(deps);
  if (typeof actor === 'string') return { ok: false, message: actor };

  const keys = population.list.map((r) => r.key);
  const rng = createRng(input.seed);
  const missing = new Set<string>();
  while (missing.size < Math.min(input.missing ?? 0, keys.length)) missing.add(keys[Math.floor(rng() * keys.length)]!);

  const total = keys.length * forms.length;
  let done = 0;
  let submitted = 0;
  let skipped = 0;
  for (const formName of forms) {
    const form = round.forms.get(formName)!;
    const { start, end } = reportingWindow(round, formName, deps.clock().getTime());
    const taken = new Set(
      (
        await deps.db
          .selectFrom('submissions')
          .select('organisation_id')
          .where('round_id', '=', input.roundId)
          .where('form_name', '=', formName)
          .execute()
      ).map((r) => r.organisation_id),
    );
    for (const respondent of population.list) {
      done++;
      // Draw every respondent's answers, reporting or not, so one's data does not depend on who is left out.
      const at = new Date(start + Math.floor(rng() * (end - start)));
      const drawn = syntheticAnswers(form, respondent, { rng, today: at });
      const organisationId = orgOf.get(respondent.key)!;
      if (missing.has(respondent.key)) continue;
      if (taken.has(organisationId)) {
        skipped++;
        continue;
      }
      const where = `${formName} ${respondent.key}`;
      if (!drawn.ok) return { ok: false, message: `${where}: der kunne ikke dannes et gyldigt svar: ${drawn.issues.map((i) => `${i.path} ${i.message}`).join('; ')}` };
      const then: WorkflowDeps = { ...deps, clock: () => at };
      const draft = await saveDraft(then, { actor, roundId: input.roundId, formName, organisationId, answers: drawn.answers, ifMatch: 0 });
      if (!draft.ok) return { ok: false, message: `${where}: kladden kan ikke gemmes: ${draft.code}` };
      const sent = await submit(then, { actor, roundId: input.roundId, formName, organisationId, ifMatch: draft.submission.version });
      if (!sent.ok) return { ok: false, message: `${where}: indberetningen kan ikke indsendes: ${sent.code} ${JSON.stringify(sent.issues ?? [])}` };
      submitted++;
      input.onProgress?.(done, total);
    }
  }
  input.onProgress?.(total, total);
  return { ok: true, forms, submitted, skipped, missing: [...missing].sort() };
}
