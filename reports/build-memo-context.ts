import { carryOver, type Round } from '../engine/index.ts';
import { buildDataset, selectRows, type DatasetRow } from './build-dataset.ts';
import { registerChart, type RenderedChart } from './chart-registry.ts';
import type { CompiledReport } from './compile-report.ts';
import { change, computeBreakdown, computeFigures, rowLabeller, type BreakdownGroup, type DatasetRows, type FigureValue, type MemoFigure } from './compute-figures.ts';
import { latestReports } from './latest-reports.ts';
import { renderChart } from './render-chart.ts';
import type { ReportRound } from './report-round.ts';
import { respondentsOf } from './respondents.ts';
import { roundFacts } from './round-facts.ts';
import type { SubmittedReport } from './submitted-report.ts';

/** The previous round's reports, with the way to carry an answer into this round's form. */
export interface PreviousReports {
  readonly round: ReportRound;
  readonly reports: readonly SubmittedReport[];
  /** Last round's answer in this round's shape (`x-lineage` renames followed, computed values recomputed). */
  readonly carry: (answers: unknown) => unknown;
}

/**
 * Carries an answer of a previous round into a round's form: `x-lineage` renames followed, then
 * the form's computed values recomputed, so one report spec reads both years.
 * @param round the round whose form the answer is carried into
 * @param formName the form
 * @returns the carrier
 */
export function carryInto(round: Round, formName: string): (answers: unknown) => unknown {
  const form = round.forms.get(formName);
  return form ? (answers) => form.prepare(carryOver(answers, form.schema)) : (answers) => answers;
}

/** What the memo is built from. */
export interface MemoInput {
  readonly report: CompiledReport;
  readonly round: ReportRound;
  /** Submitted reports of the spec's form; answers as the engine validated them. Not read when `data` is given. */
  readonly reports?: readonly SubmittedReport[];
  /**
   * Every dataset's rows when they are built already (`buildAllDatasets` over the same reports,
   * without `linkTo`), so a memo and its tables build each dataset once.
   */
  readonly data?: DatasetRows;
  /** The moment the memo is made, ISO-8601; passed in so the same data gives the same memo. */
  readonly generatedAt: string;
  readonly previous?: PreviousReports;
  /** Render the charts (default true); the benchmark and the shape test may leave them out. */
  readonly charts?: boolean;
}

/** A number or share as the generic memo lists it: one value (the share's per cent), its count and the change. */
export interface OverviewLine {
  readonly noegle: string;
  readonly titel: string;
  readonly enhed: string;
  /** The value is a per cent (a share or a figure in per cent), so templates pick the helper by it. */
  readonly procent: boolean;
  readonly vaerdi: number | null;
  readonly antal: number | null;
  readonly ialt: number | null;
  readonly forrige: number | null;
  readonly aendring: number | null;
}

const scalar = (v: FigureValue | null): number | null => (v === null ? null : 'andel' in v ? v.andel : 'vaerdi' in v ? v.vaerdi : null);

/**
 * Everything a memo template may show. Every key is always present (null where a figure does not
 * exist), because the templates run in Handlebars' strict mode.
 */
export interface MemoContext {
  readonly runde: {
    readonly id: string;
    readonly titel: string;
    readonly aar: number | null;
    readonly indberetningsaar: number | null;
    readonly frist: string | null;
    readonly afsender: string;
    readonly retsgrundlag: string | null;
  };
  readonly genereret: string;
  readonly respondenter: { readonly ental: string; readonly flertal: string; readonly forpligtede: number };
  readonly figurer: Readonly<Record<string, MemoFigure>>;
  readonly opdelinger: Readonly<Record<string, readonly BreakdownGroup[]>>;
  readonly diagrammer: Readonly<Record<string, RenderedChart | null>>;
  /** The rendered charts in the spec's order, for a template that shows them all. */
  readonly diagramliste: readonly RenderedChart[];
  readonly oversigt: readonly OverviewLine[];
  readonly forrige: null | { readonly runde: { readonly id: string; readonly titel: string } };
}

/**
 * Every dataset's rows for one round's reports.
 * @param report the compiled spec
 * @param round the round the reports belong to (its respondents and time zone)
 * @param reports the submitted reports
 * @param linkTo the address of a respondent's page
 * @returns dataset name → rows
 */
export function buildAllDatasets(
  report: CompiledReport,
  round: ReportRound,
  reports: readonly SubmittedReport[],
  linkTo?: (respondent: string) => string | null,
): DatasetRows {
  const own = respondentsOf(round);
  const population = 'error' in own ? report.population : own;
  const latest = latestReports(reports, population.byKey);
  const tz = roundFacts(round, report.formName).tidszone;
  const data = new Map<string, readonly DatasetRow[]>();
  for (const ds of report.datasets.values()) {
    data.set(ds.name, buildDataset(report, ds, { latest, respondents: population.list, timeZone: tz, ...(linkTo ? { linkTo } : {}) }));
  }
  return data;
}

/**
 * Turns a round's submitted reports into the memo's context: every figure and breakdown of the
 * spec, its charts rendered to SVG, and for each number or share the previous round's value and
 * the change. The previous round's answers are carried into this round's form first, so the same
 * spec reads both years even where fields were renamed.
 * @param input the compiled spec, the round, its reports, the moment and the previous round
 * @returns the memo context, plain data
 */
export async function buildMemoContext(input: MemoInput): Promise<MemoContext> {
  const { report, round, reports, generatedAt } = input;
  const facts = roundFacts(round, report.formName);
  const data = input.data ?? buildAllDatasets(report, round, reports ?? []);
  const figures = computeFigures(report, data);

  let before: Record<string, FigureValue> | null = null;
  if (input.previous && input.previous.reports.length > 0) {
    const carried = input.previous.reports.map((r) => ({ ...r, answers: input.previous!.carry(r.answers) }));
    before = computeFigures(report, buildAllDatasets(report, input.previous.round, carried));
  }
  const figurer: Record<string, MemoFigure> = {};
  for (const f of report.figures) {
    const now = figures[f.name]!;
    const then = before && f.spec.yearOverYear !== false && f.shape !== 'liste' ? (before[f.name] ?? null) : null;
    figurer[f.name] = { ...now, forrige: then, aendring: change(now, then) };
  }

  const opdelinger: Record<string, BreakdownGroup[]> = {};
  for (const b of report.breakdowns) opdelinger[b.name] = computeBreakdown(report, b, data);

  const diagrammer: Record<string, RenderedChart | null> = {};
  for (const { name, spec: c, where } of report.charts) {
    if (input.charts === false) {
      diagrammer[name] = null;
      continue;
    }
    let values: Record<string, unknown>[];
    if (c.data.breakdown !== undefined) values = opdelinger[c.data.breakdown] ?? [];
    else {
      const ds = report.datasets.get(c.data.dataset!)!;
      values = selectRows(data.get(ds.name) ?? [], c.data.rows ?? 'respondents', where, report.context).map(rowLabeller(ds, ds.columns.map((col) => col.key)));
    }
    const svg = await renderChart({ spec: c.vegaLite, values, title: c.title, description: c.description });
    diagrammer[name] = registerChart({ titel: c.title, beskrivelse: c.description, svg });
  }

  const own = respondentsOf(round);
  const population = 'error' in own ? report.population : own;
  return {
    runde: { id: facts.id, titel: facts.titel, aar: facts.aar, indberetningsaar: facts.indberetningsaar, frist: facts.frist, afsender: facts.afsender, retsgrundlag: facts.retsgrundlag },
    genereret: generatedAt,
    respondenter: { ental: population.words.one, flertal: population.words.many, forpligtede: population.list.length },
    figurer,
    opdelinger,
    diagrammer,
    diagramliste: report.charts.map((c) => diagrammer[c.name]).filter((c): c is RenderedChart => c !== null && c !== undefined),
    oversigt: report.figures
      .filter((f) => f.shape !== 'liste')
      .map((f) => {
        const v = figurer[f.name]!;
        const enhed = f.spec.unit ?? (f.shape === 'andel' ? 'procent' : 'antal');
        return {
          noegle: f.name,
          titel: f.title,
          enhed,
          procent: enhed === 'procent',
          vaerdi: scalar(v),
          antal: 'antal' in v && 'ialt' in v ? v.antal : null,
          ialt: 'ialt' in v ? v.ialt : null,
          forrige: scalar(v.forrige),
          aendring: v.aendring,
        };
      }),
    forrige: before && input.previous ? { runde: { id: input.previous.round.id, titel: input.previous.round.title } } : null,
  };
}
