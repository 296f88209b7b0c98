import type { Actor, WorkflowDeps } from '../engine/workflows/index.ts';
import { createUser, deadlineEnd, saveDraft, seedOrganisations, seedRounds, submit } from '../engine/workflows/index.ts';
import { createRng } from './create-rng.ts';
import { roundFacts } from './round-facts.ts';
import { syntheticAnswers } from './synthetic-answers.ts';

/** What to fill. */
export interface DemoDataInput {
  readonly roundId: string;
  /** Same seed, same population. */
  readonly seed: number;
  /** How many municipalities (picked by the seed) do not report, so the memo has someone missing. */
  readonly missing?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** What filling did. */
export type DemoDataResult =
  | { readonly ok: true; readonly submitted: number; readonly skipped: number; readonly missing: readonly string[] }
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
 * Fills a round with a synthetic population through the same save and submit workflows a
 * respondent's browser uses: the engine validates every report and storage keeps it with its
 * audit entries. Each report is submitted at a time inside the reporting window (the clock is
 * set per report), so the deadline check passes as it would have then. Municipalities that
 * already have a report for the round are left alone, so running it again changes nothing.
 * @param deps database, registry and clock
 * @param input round, seed and how many to leave out
 * @returns the counts, or why it could not run
 * @example
 * await fillDemoData(deps, { roundId: '2024', seed: 1, missing: 3 });
 */
export async function fillDemoData(deps: WorkflowDeps, input: DemoDataInput): Promise<DemoDataResult> {
  const round = deps.registry.round(input.roundId);
  const form = deps.registry.form(input.roundId, 'maaltal');
  if (!round || !form) return { ok: false, message: `Runden "${input.roundId}" findes ikke eller har ingen indberetningsformular.` };
  const seeded = await seedRounds(deps);
  if (!seeded.ok) return { ok: false, message: `runderne kan ikke indlæses: ${seeded.code}` };
  const orgs = await seedOrganisations(deps, input.roundId);
  if (!orgs.ok) return { ok: false, message: `kommunerne kan ikke indlæses: ${orgs.code}` };
  const actor = await demoActor(deps);
  if (typeof actor === 'string') return { ok: false, message: actor };

  const facts = roundFacts(round, 'maaltal');
  const datoer = (round.settings.datoer ?? {}) as Record<string, string>;
  const now = deps.clock().getTime();
  const end = Math.min(facts.frist ? deadlineEnd(facts.frist, facts.tidszone).getTime() - 60_000 : now, now);
  const opened = typeof datoer.loginUdsendt === 'string' ? Date.parse(`${datoer.loginUdsendt}T08:00:00Z`) : end - 60 * DAY;
  const start = Math.min(opened, end - DAY);

  const kommuner = round.tables.kommuner ?? {};
  const codes = Object.keys(kommuner).sort();
  const rng = createRng(input.seed);
  const missing = new Set<string>();
  while (missing.size < Math.min(input.missing ?? 0, codes.length)) missing.add(codes[Math.floor(rng() * codes.length)]!);

  const organisations = await deps.db.selectFrom('organisations').select(['id', 'kommunekode']).execute();
  const orgOf = new Map(organisations.map((o) => [o.kommunekode, o.id]));
  const taken = new Set(
    (
      await deps.db
        .selectFrom('submissions')
        .select('organisation_id')
        .where('round_id', '=', input.roundId)
        .where('form_name', '=', 'maaltal')
        .execute()
    ).map((r) => r.organisation_id),
  );

  let submitted = 0;
  let skipped = 0;
  for (const [i, code] of codes.entries()) {
    const k = kommuner[code]!;
    // Draw every municipality's answers, reporting or not, so one's data does not depend on who is left out.
    const answers = syntheticAnswers(
      { kommunekode: code, navn: k.navn ?? code, delt: k.delt_administrativ_ledelse === 'ja' },
      { rng, prepare: form.prepare, aar: facts.aar ?? new Date(end).getUTCFullYear() },
    );
    const at = new Date(start + Math.floor(rng() * (end - start)));
    const organisationId = orgOf.get(code);
    if (missing.has(code) || !organisationId) continue;
    if (taken.has(organisationId)) {
      skipped++;
      continue;
    }
    const then: WorkflowDeps = { ...deps, clock: () => at };
    const draft = await saveDraft(then, { actor, roundId: input.roundId, formName: 'maaltal', organisationId, answers, ifMatch: 0 });
    if (!draft.ok) return { ok: false, message: `${code}: kladden kan ikke gemmes: ${draft.code}` };
    const done = await submit(then, { actor, roundId: input.roundId, formName: 'maaltal', organisationId, ifMatch: draft.submission.version });
    if (!done.ok) return { ok: false, message: `${code}: indberetningen kan ikke indsendes: ${done.code} ${JSON.stringify(done.issues ?? [])}` };
    submitted++;
    input.onProgress?.(i + 1, codes.length);
  }
  input.onProgress?.(codes.length, codes.length);
  return { ok: true, submitted, skipped, missing: [...missing].sort() };
}
