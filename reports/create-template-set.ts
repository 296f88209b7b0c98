import { contextKind, type ContextKind } from './context-kind.ts';
import { COMPILE_OPTIONS, createReportHandlebars } from './create-report-handlebars.ts';
import type { TemplateSource } from './read-template-files.ts';

/** A template that failed while rendering, named by its file and line (strict mode found a value the context lacks, or a helper refused). */
export class TemplateRenderError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    detail: string,
  ) {
    super(`${file}:${line}: skabelonen kunne ikke dannes: ${detail}`);
    this.name = 'TemplateRenderError';
  }
}

/** Handlebars' own message, in Danish where it is the usual one: a name the context does not have. */
function renderDetail(message: string): { line: number; detail: string } {
  const m = /^"([^"]+)" not defined in .* - (\d+):(\d+)$/.exec(message);
  if (m) return { line: Number(m[2]), detail: `"${m[1]}" findes ikke i konteksten (kolonne ${Number(m[3]) + 1})` };
  return { line: syntaxLine(message), detail: message.split('\n')[0]! };
}

/** A problem with a template file, located by file and line. */
export interface TemplateProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** A round's templates, each compiled once. */
export interface TemplateSet {
  readonly names: readonly string[];
  has(name: string): boolean;
  kind(name: string): ContextKind;
  source(name: string): TemplateSource;
  partials(): readonly TemplateSource[];
  /** Renders a template; throws only a {@link TemplateRenderError} (file and line), which `report check` finds beforehand. */
  render(name: string, context: unknown): string;
}

/** Handlebars' parse error without the source excerpt and caret: its first line and what it expected. */
export function parseMessage(message: string): string {
  const lines = message.split('\n');
  const expecting = lines.find((l) => l.startsWith('Expecting '));
  return expecting ? `${lines[0]} ${expecting}` : lines[0]!;
}

function syntaxLine(message: string): number {
  const m = /line (\d+)/.exec(message);
  return m ? Number(m[1]) : 1;
}

/**
 * Compiles templates and registers partials in a fresh environment for one round.
 * @param sources templates and partials as read
 * @param timeZone the round's time zone
 * @returns the set, or the problems that keep it from compiling
 */
export function createTemplateSet(
  sources: readonly TemplateSource[],
  timeZone: string,
): { set: TemplateSet; problems: readonly TemplateProblem[] } | { set?: undefined; problems: readonly TemplateProblem[] } {
  const hbs = createReportHandlebars(timeZone);
  const problems: TemplateProblem[] = [];
  const templates = new Map<string, { source: TemplateSource; kind: ContextKind; render: (c: unknown) => string }>();
  const partials = sources.filter((s) => s.partial);
  for (const s of sources) {
    try {
      // Parse eagerly: Handlebars compiles lazily, and a syntax error should surface at load time.
      hbs.parse(s.source);
    } catch (e) {
      problems.push({ file: s.file, line: syntaxLine((e as Error).message), message: parseMessage((e as Error).message) });
      continue;
    }
    if (s.partial) {
      hbs.registerPartial(s.name, hbs.compile(s.source, COMPILE_OPTIONS));
      continue;
    }
    const kind = contextKind(s);
    if ('error' in kind) {
      problems.push({ file: s.file, line: 1, message: kind.error });
      continue;
    }
    const compiled = hbs.compile(s.source, COMPILE_OPTIONS);
    templates.set(s.name, {
      source: s,
      kind: kind.kind,
      render: (c) => {
        try {
          return compiled(c);
        } catch (e) {
          const { line, detail } = renderDetail((e as Error).message);
          throw new TemplateRenderError(s.file, line, detail);
        }
      },
    });
  }
  if (problems.length > 0) return { problems };
  const get = (name: string) => {
    const t = templates.get(name);
    if (!t) throw new Error(`skabelonen "${name}" findes ikke`);
    return t;
  };
  const set: TemplateSet = Object.freeze({
    names: Object.freeze([...templates.keys()].sort()),
    has: (name: string) => templates.has(name),
    kind: (name: string) => get(name).kind,
    source: (name: string) => get(name).source,
    partials: () => partials,
    render: (name: string, context: unknown) => get(name).render(context),
  });
  return { set, problems };
}
