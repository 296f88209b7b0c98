import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { Database } from '../../engine/db/index.ts';
import { validMaaltal } from '../helpers/index.ts';
import type { RespondentSession } from './respondent-sessions.ts';

const OWN = '/api/rounds/2024/forms/maaltal/submission';

/** A write the server answered 2xx to: it must be stored exactly so. */
export interface Ack {
  readonly code: string;
  readonly version: number;
  readonly status: string;
  readonly answers: unknown;
}

/** How a stream is steered from outside: when to stop, and what to do on each acknowledgement. */
export interface StreamControl {
  /** True once the stream should stop (and failed requests are expected, e.g. after a kill). */
  stopped(): boolean;
  /** Called after each acknowledgement with the running count and the requests still open. */
  onAck?(acked: number, inFlight: number): void;
  /** Called once at the start with a reader of the number of requests open at any moment. */
  attach?(inFlight: () => number): void;
  /** Added to the error when a request fails while the stream was not stopped. */
  context?(): string;
  /** The version from which the report is submitted instead of saved (default 2; Infinity: drafts until stopped). */
  readonly submitAt?: number;
}

async function call(base: string, s: RespondentSession, method: string, path: string, version: number | undefined, body?: unknown) {
  const headers: Record<string, string> = { cookie: s.cookie, 'x-csrf-token': s.csrf };
  if (version !== undefined) headers['if-match'] = `"${version}"`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  return { status: res.status, body: (await res.json()) as any };
}

/**
 * Drives each respondent's report towards submitted (draft saves up to version 2, then a submit
 * with new answers, unless `submitAt` says otherwise), `workers` requests at a time, recording
 * every acknowledged write in `acks`.
 * @param url the server
 * @param sessions the respondents (each is taken once; a submitted report is skipped)
 * @param acks where acknowledgements are appended
 * @param control when to stop, and a hook per acknowledgement
 * @param workers concurrent requests
 * @returns how many writes were acknowledged and which were refused (none expected)
 */
export async function submissionStream(
  url: string,
  sessions: readonly RespondentSession[],
  acks: Ack[],
  control: StreamControl,
  workers = 8,
): Promise<{ acked: number; refused: string[] }> {
  const queue = [...sessions];
  let acked = 0;
  let inFlight = 0;
  const refused: string[] = [];
  control.attach?.(() => inFlight);
  const track = async <T>(p: Promise<T>): Promise<T> => {
    inFlight++;
    try {
      return await p;
    } finally {
      inFlight--;
    }
  };
  const worker = async (w: number) => {
    for (let s = queue.shift(); s && !control.stopped(); s = queue.shift()) {
      try {
        const own = await track(call(url, s, 'GET', OWN, undefined));
        let { version, status } = own.body.submission as { version: number; status: string };
        for (let step = 1; status !== 'submitted' && !control.stopped(); step++) {
          const answers = validMaaltal(s.code, `Ledelsen, arbejder ${w}, skridt ${step}`);
          const r =
            version < (control.submitAt ?? 2) ? await track(call(url, s, 'PUT', OWN, version, { answers })) : await track(call(url, s, 'POST', `${OWN}/submit`, version, { answers }));
          if (r.status !== 200) {
            refused.push(`${s.code} ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
            break;
          }
          ({ version, status } = r.body.submission as { version: number; status: string });
          acks.push({ code: s.code, version, status, answers: r.body.submission.answers });
          acked++;
          control.onAck?.(acked, inFlight);
        }
      } catch (e) {
        // After a stop (a kill) the outcome of an open request is unknown; the checks only require
        // that it is stored whole or not at all. Before it, a failure is a failure.
        if (!control.stopped()) throw new Error(`request failed: ${(e as Error).message}\n${control.context?.() ?? ''}`);
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
  return { acked, refused };
}

/**
 * Checks that every acknowledged write is stored exactly as acknowledged, and that every stored
 * write is whole: versions 1..n without gaps, the row equal to its last version, one audit entry
 * per version.
 * @param db the database
 * @param acks the acknowledged writes
 * @returns the number of submissions found
 */
export async function expectAcksStoredWhole(db: Kysely<Database>, acks: readonly Ack[]): Promise<number> {
  const versions = await db
    .selectFrom('submission_versions as v')
    .innerJoin('submissions as s', 's.id', 'v.submission_id')
    .innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .select(['o.code', 'v.version', 'v.status', 'v.answers', 'v.submission_id'])
    .execute();
  const stored = new Map(versions.map((v) => [`${v.code}/${v.version}`, v]));
  for (const a of acks) {
    const v = stored.get(`${a.code}/${a.version}`);
    expect(v, `acknowledged ${a.code} v${a.version}`).toBeDefined();
    expect(v!.status).toBe(a.status);
    expect(JSON.parse(v!.answers)).toEqual(a.answers);
  }
  const subs = await db.selectFrom('submissions').select(['id', 'version', 'answers']).execute();
  const audit = await db
    .selectFrom('audit_log')
    .select(['entity_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('action', 'in', ['submission.draft_saved', 'submission.submitted'])
    .groupBy('entity_id')
    .execute();
  const auditCount = new Map(audit.map((a) => [a.entity_id, Number(a.n)]));
  for (const s of subs) {
    const own = versions.filter((v) => v.submission_id === s.id).sort((a, b) => a.version - b.version);
    expect(own.map((v) => v.version)).toEqual(Array.from({ length: s.version }, (_, i) => i + 1));
    expect(JSON.parse(s.answers)).toEqual(JSON.parse(own.at(-1)!.answers));
    expect(auditCount.get(s.id)).toBe(s.version);
  }
  return subs.length;
}
