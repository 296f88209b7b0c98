import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { arr, CHART, CONTEXT_TYPES_FILE, generateContextTypes, nullable, obj, shapeToTypeScript, values, VALUE } from '../../reports/index.ts';
import { testRegistry } from '../helpers/test-registry.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('typegen emits each round\'s report context types from its spec', () => {
  it('turns a shape into the type a template reads', () => {
    expect(shapeToTypeScript(obj({ a: VALUE, 'b-c': nullable(values('x')), d: arr(CHART), e: { t: 'map', values: VALUE } }))).toBe(
      '{\n  readonly a: Value;\n  readonly "b-c": {\n    readonly x: Value;\n  } | null;\n  readonly d: ReadonlyArray<Chart | null>;\n  readonly e: Readonly<Record<string, Value>>;\n}',
    );
  });

  it('names every document, figure and chart of the 2024 spec, and the committed file is the fresh one', async () => {
    const text = generateContextTypes(await testRegistry());
    expect(text).toContain('export namespace Round2024 {');
    for (const doc of ['NotatContext', 'TabelContext', 'KommuneContext']) expect(text).toContain(`export type ${doc} = {`);
    expect(text).toMatch(/readonly diagrammer: \{\n\s+readonly fordeling: Chart \| null;\n\s+readonly regioner: Chart \| null;/);
    expect(text).toMatch(/readonly medianAndel: \{\n\s+readonly vaerdi: Value;/);
    expect(await readFile(path.join(ROOT, CONTEXT_TYPES_FILE), 'utf8')).toBe(text);
  });
});
