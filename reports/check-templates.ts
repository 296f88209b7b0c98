import Handlebars from 'handlebars';
import type { JsonSchema } from '../engine/index.ts';
import { contextKind, type ContextKind } from './context-kind.ts';
import { parseMessage, type TemplateProblem } from './create-template-set.ts';
import type { TemplateSource } from './read-template-files.ts';
import { HELPER_SPECS, type HelperSpec } from './report-helpers.ts';
import { resolveSchemaPath } from './resolve-schema-path.ts';
import { VALUE, type Shape } from './shape.ts';

type AST = typeof Handlebars extends { parse(...a: never[]): infer P } ? P : never;
type Node = hbs.AST.Node;
type Expr = hbs.AST.Expression;

/** One scope: the context object, block parameters, and whether it is an `#each` item. */
interface Frame {
  readonly shape: Shape;
  readonly params: Readonly<Record<string, Shape>>;
  readonly inEach: boolean;
}

interface Walk {
  readonly file: string;
  readonly frames: readonly Frame[];
  /** Paths tested by an enclosing `#if`/`#with`, as `frame|a.b`. */
  readonly guards: ReadonlySet<string>;
  /** Partials being checked, against endless recursion. */
  readonly stack: readonly string[];
}

interface Env {
  readonly partials: ReadonlyMap<string, TemplateSource>;
  readonly schema: JsonSchema;
  readonly problems: Map<string, TemplateProblem>;
  readonly parsed: Map<string, AST | null>;
  readonly schemaHits: Map<string, boolean>;
}

const BLOCKS = new Set(['if', 'unless', 'each', 'with']);
const DATA = new Set(['index', 'first', 'last', 'key']);

function report(env: Env, file: string, node: Node | undefined, message: string): void {
  const line = node?.loc?.start.line ?? 1;
  const column = (node?.loc?.start.column ?? 0) + 1;
  const key = `${file}:${line}:${column}:${message}`;
  if (!env.problems.has(key)) env.problems.set(key, { file, line, message: `kolonne ${column}: ${message}` });
}

function names(shape: Shape): string {
  const s = shape.t === 'nullable' ? shape.of : shape;
  if (s.t !== 'object') return '';
  const keys = Object.keys(s.props);
  return ` (mulige: ${keys.slice(0, 12).join(', ')}${keys.length > 12 ? ', …' : ''})`;
}

interface Resolved {
  readonly shape: Shape;
  /** Guard key of the resolved path, when it can be guarded. */
  readonly key?: string;
}

function resolve(env: Env, w: Walk, node: hbs.AST.PathExpression): Resolved | undefined {
  const original = node.original;
  let parts = [...node.parts];
  let frameIndex: number;
  let base: Shape;
  let prefix: string;
  if (node.data) {
    const head = parts[0] ?? '';
    if (head === 'root') {
      frameIndex = 0;
      base = w.frames[0]!.shape;
      parts = parts.slice(1);
      prefix = '0|';
    } else if (DATA.has(head) && parts.length === 1) {
      if (!w.frames.some((f) => f.inEach)) report(env, w.file, node, `@${head} kan kun bruges inde i {{#each}}`);
      return { shape: VALUE };
    } else {
      report(env, w.file, node, `ukendt dataværdi "${original}"; brug @root, @index, @first, @last eller @key`);
      return undefined;
    }
  } else {
    frameIndex = w.frames.length - 1 - node.depth;
    if (frameIndex < 0) {
      report(env, w.file, node, `"${original}" går længere op end skabelonens yderste niveau`);
      return undefined;
    }
    base = w.frames[frameIndex]!.shape;
    prefix = `${frameIndex}|`;
    if (node.depth === 0 && parts.length > 0) {
      for (let i = w.frames.length - 1; i >= 0; i--) {
        const p = w.frames[i]!.params[parts[0]!];
        if (p) {
          base = p;
          prefix = `${i}|@${parts[0]}|`;
          parts = parts.slice(1);
          break;
        }
      }
    }
  }
  let shape = base;
  const walked: string[] = [];
  for (const part of parts) {
    if (shape.t === 'nullable') {
      const key = prefix + walked.join('.');
      if (!w.guards.has(key)) {
        report(env, w.file, node, `"${walked.join('.') || 'this'}" kan være tom; læs "${original}" inde i {{#if ${walked.join('.')}}} eller {{#with}}`);
        return undefined;
      }
      shape = shape.of;
    }
    let next: Shape | undefined;
    switch (shape.t) {
      case 'object':
        next = Object.hasOwn(shape.props, part) ? shape.props[part] : undefined;
        break;
      case 'array':
        next = part === 'length' ? VALUE : /^\d+$/.test(part) ? shape.items : undefined;
        break;
      case 'map':
        next = shape.values;
        break;
      default:
        next = undefined;
    }
    if (!next) {
      const where = walked.length > 0 ? `"${walked.join('.')}"` : 'konteksten';
      report(env, w.file, node, `ukendt felt "${part}" i ${where} ("${original}")${names(shape)}`);
      return undefined;
    }
    shape = next;
    walked.push(part);
  }
  if (shape.t === 'value' && shape.schemaPath !== undefined) {
    let known = env.schemaHits.get(shape.schemaPath);
    if (known === undefined) {
      known = resolveSchemaPath(env.schema, shape.schemaPath) !== undefined;
      env.schemaHits.set(shape.schemaPath, known);
    }
    if (!known) report(env, w.file, node, `"${original}" læser feltet "${shape.schemaPath}", som rundens skema ikke har`);
  }
  return { shape, key: prefix + walked.join('.') };
}

const unwrap = (s: Shape): Shape => (s.t === 'nullable' ? s.of : s);

function itemShape(s: Shape): Shape | undefined {
  const u = unwrap(s);
  return u.t === 'array' ? u.items : u.t === 'map' ? u.values : undefined;
}

function pathIn(shape: Shape, dotted: string): boolean {
  let s: Shape | undefined = shape;
  for (const p of dotted.split('.')) {
    s = s && unwrap(s);
    s = s?.t === 'object' && Object.hasOwn(s.props, p) ? s.props[p] : undefined;
    if (!s) return false;
  }
  return true;
}

function expression(env: Env, w: Walk, e: Expr): Resolved | undefined {
  if (e.type === 'PathExpression') return resolve(env, w, e as hbs.AST.PathExpression);
  if (e.type === 'SubExpression') {
    const sub = e as hbs.AST.SubExpression;
    helperCall(env, w, sub, sub.path, sub.params, sub.hash);
    return { shape: VALUE };
  }
  return { shape: VALUE }; // literals
}

function helperCall(env: Env, w: Walk, node: Node, path: Expr, params: Expr[], hash: hbs.AST.Hash | undefined): void {
  const name = path.type === 'PathExpression' ? (path as hbs.AST.PathExpression).original : '';
  const spec: HelperSpec | undefined = Object.hasOwn(HELPER_SPECS, name) ? HELPER_SPECS[name] : undefined;
  if (!spec) {
    report(env, w.file, node, `ukendt hjælper "${name}"; kendte hjælpere: ${Object.keys(HELPER_SPECS).join(', ')}`);
    return;
  }
  const [min, max] = spec.params;
  if (params.length < min || params.length > max) {
    report(env, w.file, node, `"${name}" tager ${min === max ? min : `${min}–${max}`} argument${max === 1 ? '' : 'er'}, fik ${params.length}`);
  }
  const resolved = params.map((p) => expression(env, w, p));
  const pairs = hash?.pairs ?? [];
  for (const pair of pairs) {
    const kind = spec.hash?.[pair.key];
    if (!kind) {
      report(env, w.file, pair, `"${name}" kender ikke "${pair.key}="`);
      continue;
    }
    const v = pair.value;
    if (kind === 'text') {
      expression(env, w, v);
      continue;
    }
    if (v.type !== 'StringLiteral') {
      report(env, w.file, pair, `"${pair.key}=" skal være en tekst i anførselstegn`);
      continue;
    }
    const text = (v as hbs.AST.StringLiteral).value;
    if (Array.isArray(kind)) {
      if (!kind.includes(text)) report(env, w.file, pair, `"${pair.key}=" skal være ${kind.map((k) => `"${k}"`).join(' eller ')}`);
      continue;
    }
    const items = resolved[0] ? itemShape(resolved[0].shape) : undefined;
    if (!items) {
      if (resolved[0]) report(env, w.file, node, `"${name}" skal have en liste som første argument`);
      continue;
    }
    if ((kind === 'key' && text.includes('.')) || !pathIn(items, text)) {
      report(env, w.file, pair, `listens elementer har ikke feltet "${text}"${names(items)}`);
    }
  }
  for (const key of spec.required ?? []) {
    if (!pairs.some((p) => p.key === key)) report(env, w.file, node, `"${name}" mangler "${key}="`);
  }
}

function isHelperName(path: Expr): boolean {
  if (path.type !== 'PathExpression') return false;
  const p = path as hbs.AST.PathExpression;
  return !p.data && p.depth === 0 && p.parts.length === 1 && Object.hasOwn(HELPER_SPECS, p.original);
}

function withGuard(w: Walk, key: string | undefined): Walk {
  return key === undefined ? w : { ...w, guards: new Set([...w.guards, key]) };
}

function block(env: Env, w: Walk, node: hbs.AST.BlockStatement): void {
  const name = node.path.type === 'PathExpression' ? (node.path as hbs.AST.PathExpression).original : '';
  if (!BLOCKS.has(name)) {
    report(env, w.file, node, `"${name}" er ikke en blokhjælper; brug #if, #unless, #each eller #with`);
    return;
  }
  if (node.params.length !== 1) {
    report(env, w.file, node, `#${name} tager ét argument, fik ${node.params.length}`);
    return;
  }
  const r = expression(env, w, node.params[0]!);
  if (!r) return;
  if (name === 'if' || name === 'unless') {
    // Handlebars' #if and #unless do not change the context; both branches read the same names.
    if (node.program) program(env, name === 'if' ? withGuard(w, r.key) : w, node.program);
    if (node.inverse) program(env, name === 'unless' ? withGuard(w, r.key) : w, node.inverse);
    return;
  }
  if (name === 'with') {
    const s = unwrap(r.shape);
    if (s.t !== 'object') report(env, w.file, node, `#with skal have et objekt`);
    else if (node.program) {
      const bp = node.program.blockParams?.[0];
      program(env, { ...w, frames: [...w.frames, { shape: s, params: bp ? { [bp]: s } : {}, inEach: false }] }, node.program);
    }
    if (node.inverse) program(env, w, node.inverse);
    return;
  }
  const items = itemShape(r.shape);
  if (!items) {
    report(env, w.file, node, `#each skal have en liste`);
    return;
  }
  if (node.program) {
    const bp = node.program.blockParams ?? [];
    const params: Record<string, Shape> = {};
    if (bp[0]) params[bp[0]] = items;
    if (bp[1]) params[bp[1]] = VALUE;
    program(env, { ...w, frames: [...w.frames, { shape: items, params, inEach: true }] }, node.program);
  }
  if (node.inverse) program(env, w, node.inverse);
}

function partial(env: Env, w: Walk, node: hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement): void {
  if (node.name.type !== 'PathExpression') {
    report(env, w.file, node, 'delskabelonens navn skal stå fast i skabelonen');
    return;
  }
  const name = (node.name as hbs.AST.PathExpression).original;
  const source = env.partials.get(name);
  if (!source) {
    report(env, w.file, node, `ukendt delskabelon "${name}"; kendte: ${[...env.partials.keys()].join(', ') || 'ingen'}`);
    return;
  }
  let frame = w.frames[w.frames.length - 1]!;
  if (node.params.length > 1) report(env, w.file, node, `{{> ${name}}} tager højst ét argument`);
  if (node.params[0]) {
    const r = expression(env, w, node.params[0]);
    if (!r) return;
    frame = { shape: unwrap(r.shape), params: {}, inEach: false };
  }
  if (node.hash?.pairs.length) {
    const props: Record<string, Shape> = frame.shape.t === 'object' ? { ...frame.shape.props } : {};
    for (const pair of node.hash.pairs) props[pair.key] = expression(env, w, pair.value)?.shape ?? VALUE;
    frame = { shape: { t: 'object', props }, params: {}, inEach: false };
  }
  if (w.stack.includes(name)) return;
  const ast = parse(env, source);
  if (ast) program(env, { file: source.file, frames: [...w.frames, frame], guards: w.guards, stack: [...w.stack, name] }, ast);
}

function program(env: Env, w: Walk, p: hbs.AST.Program): void {
  for (const node of p.body) {
    switch (node.type) {
      case 'MustacheStatement': {
        const m = node as hbs.AST.MustacheStatement;
        if (m.params.length > 0 || (m.hash?.pairs.length ?? 0) > 0 || isHelperName(m.path)) {
          helperCall(env, w, m, m.path, m.params, m.hash);
        } else {
          const r = expression(env, w, m.path);
          if (r && unwrap(r.shape).t !== 'value') report(env, w.file, m, `"${(m.path as hbs.AST.PathExpression).original}" er ikke en enkelt værdi og kan ikke vises direkte`);
        }
        break;
      }
      case 'BlockStatement':
        block(env, w, node as hbs.AST.BlockStatement);
        break;
      case 'PartialStatement':
      case 'PartialBlockStatement':
        partial(env, w, node as hbs.AST.PartialStatement);
        break;
      case 'DecoratorBlock':
      case 'Decorator':
        report(env, w.file, node, 'dekoratorer bruges ikke i rapportskabeloner');
        break;
      default:
        break; // content and comments
    }
  }
}

function parse(env: Env, source: TemplateSource): AST | null {
  if (env.parsed.has(source.file)) return env.parsed.get(source.file)!;
  let ast: AST | null = null;
  try {
    ast = Handlebars.parse(source.source);
  } catch (e) {
    const message = (e as Error).message;
    const line = Number(/line (\d+)/.exec(message)?.[1] ?? 1);
    env.problems.set(`${source.file}:parse`, { file: source.file, line, message: parseMessage(message) });
  }
  env.parsed.set(source.file, ast);
  return ast;
}

/**
 * Checks templates without rendering them: every field path against the shape of the context the
 * template declares, every table field also against the round's schema, every helper against its
 * arguments, every partial by name. Partials are checked where they are used.
 * @param sources the round's templates and partials
 * @param schema the report form's schema
 * @param shapeOf the context shape of a template by name and declared kind (from the report spec)
 * @returns problems with file and line, empty when all is well
 * @example
 * const problems = checkTemplates(sources, form.schema, (name) => shapes.get(name)?.shape);
 */
export function checkTemplates(
  sources: readonly TemplateSource[],
  schema: JsonSchema,
  shapeOf: (name: string, kind: ContextKind) => Shape | undefined,
): TemplateProblem[] {
  const env: Env = {
    partials: new Map(sources.filter((s) => s.partial).map((s) => [s.name, s])),
    schema,
    problems: new Map(),
    parsed: new Map(),
    schemaHits: new Map(),
  };
  for (const s of sources) {
    const ast = parse(env, s);
    if (s.partial || !ast) continue;
    const kind = contextKind(s);
    if ('error' in kind) {
      report(env, s.file, undefined, kind.error);
      continue;
    }
    // A template no document of the spec uses has no context to be checked against.
    const shape = shapeOf(s.name, kind.kind);
    if (!shape) continue;
    program(env, { file: s.file, frames: [{ shape, params: {}, inEach: false }], guards: new Set(), stack: [] }, ast);
  }
  return [...env.problems.values()].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}
