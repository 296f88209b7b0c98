import type { Round } from '../../engine/index.ts';
import { boardLabels, type BoardLabels } from '../../engine/contacts/index.ts';
import { checkRound, listStoredRounds, readRoundSources, type RoundCheck, type RoundSources, type RoundsDeps } from '../../engine/rounds/index.ts';
import type { RoundListItem } from '../../renderer/admin/index.ts';
import { AppError } from '../errors.ts';

/** A round as the admin pages and routes see it: its files, status and compiled form when sound. */
export interface RoundView {
  readonly id: string;
  readonly title: string;
  readonly status: RoundListItem['status'];
  readonly version: number | null;
  readonly hash: string | null;
  readonly basedOn: string | null;
  readonly sources: Readonly<Record<string, string>>;
  /** The served round (file or published), else the draft compiled from its files. */
  readonly round?: Round;
  readonly issues: RoundCheck['issues'];
  readonly previous: Round | undefined;
  /** The round's own words for its respondents, so its pages never say another round's. */
  readonly labels: BoardLabels;
}

const settingsOf = (sources: Readonly<Record<string, string>>): Record<string, unknown> => {
  try {
    const v = JSON.parse(sources['round.json'] ?? '') as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

/**
 * The words of a round for its respondents: from the compiled round, else (a draft that does not
 * compile yet) from its round.json alone, with an empty respondent table standing in for the rows.
 * @param id the round
 * @param settings its round.json
 * @param round the compiled round, when it compiles
 * @returns the labels
 */
export function labelsOf(id: string, settings: Record<string, unknown>, round?: Round): BoardLabels {
  if (round) return boardLabels(round);
  const table = (settings.respondents as { table?: unknown } | undefined)?.table;
  return boardLabels({ id, settings, tables: typeof table === 'string' ? { [table]: {} } : {} });
}

/**
 * The previous round of a round that may not be served yet (a draft): the served round its
 * `forrigeRunde` names, as the registry decides for a served one; none when it names none.
 * @param deps the registry
 * @param id the round
 * @param settings its round.json
 * @returns the previous served round
 */
export function previousOf(deps: Pick<RoundsDeps, 'registry'>, id: string, settings: Record<string, unknown>): Round | undefined {
  if (deps.registry.round(id)) return deps.registry.previous(id);
  return typeof settings.forrigeRunde === 'string' && settings.forrigeRunde !== id ? deps.registry.round(settings.forrigeRunde) : undefined;
}

/**
 * Reads a round for the admin: files, status, compiled round (the registry's when served; a draft
 * is compiled from its files, once per content) and its previous round.
 * @param deps database, registry, schemas folder
 * @param roundId the round
 * @returns the view
 * @throws AppError ROUND_NOT_FOUND
 */
export async function roundView(deps: RoundsDeps, roundId: string): Promise<RoundView> {
  const src: RoundSources | undefined = await readRoundSources(deps, roundId);
  if (!src) throw new AppError('ROUND_NOT_FOUND', { roundId: roundId.slice(0, 40) });
  const settings = settingsOf(src.sources);
  const served = deps.registry.round(roundId);
  const checked = served ? undefined : checkRound(roundId, src.sources);
  const round = served ?? checked?.round;
  const status: RoundView['status'] = src.origin === 'files' ? 'filer' : src.stored?.status === 'published' ? 'offentliggjort' : 'kladde';
  return {
    id: roundId,
    title: round?.title ?? (typeof settings.title === 'string' ? settings.title : '(uden titel)'),
    status,
    version: src.stored?.version ?? null,
    hash: src.stored?.hash ?? (src.origin === 'files' ? (served?.hash ?? null) : null),
    basedOn: src.stored?.based_on ?? null,
    sources: src.sources,
    ...(round ? { round } : {}),
    issues: checked?.issues ?? [],
    previous: previousOf(deps, roundId, settings),
    labels: labelsOf(roundId, settings, round),
  };
}

/**
 * Every round for the list: the served ones and the stored drafts, newest first.
 * @param deps database, registry
 * @returns the items
 */
export async function listRounds(deps: RoundsDeps): Promise<RoundListItem[]> {
  const stored = await listStoredRounds(deps.db);
  const byId = new Map<string, RoundListItem>();
  for (const r of deps.registry.rounds) {
    byId.set(r.id, { id: r.id, title: r.title, status: 'filer', previous: deps.registry.previous(r.id)?.id ?? null, basedOn: null });
  }
  for (const s of stored) {
    const served = deps.registry.round(s.id);
    const settings = served ? served.settings : settingsOf(await readRoundSources(deps, s.id).then((x) => x?.sources ?? {}));
    byId.set(s.id, {
      id: s.id,
      title: served?.title ?? (typeof settings.title === 'string' ? settings.title : '(uden titel)'),
      status: s.status === 'published' ? 'offentliggjort' : 'kladde',
      previous: previousOf(deps, s.id, settings as Record<string, unknown>)?.id ?? null,
      basedOn: s.based_on,
    });
  }
  return [...byId.values()].sort((a, b) => b.id.localeCompare(a.id));
}
