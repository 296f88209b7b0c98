import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRounds, type Registry } from '../../engine/node.ts';

const DIR = path.resolve(import.meta.dirname, '../fixtures/engine');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));

interface Fixture {
  form: string;
  data: unknown;
  issues?: { path: string; keyword: string; message: string }[];
  expectComputed?: Record<string, unknown>;
  expectAbsent?: string[];
}

function at(value: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((cur, part) => (cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[part] : undefined), value);
}

let registry: Registry;
beforeAll(async () => {
  registry = await loadRounds(path.resolve(import.meta.dirname, '../../schemas'));
});

describe('round 2024 fixtures, named by their expected outcome', () => {
  it('has fixtures of both outcomes', () => {
    expect(files.filter((f) => f.startsWith('valid--')).length).toBeGreaterThanOrEqual(3);
    expect(files.filter((f) => f.startsWith('invalid--')).length).toBeGreaterThanOrEqual(6);
  });

  for (const file of files) {
    it(file, () => {
      const fx = JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as Fixture;
      const form = registry.form('2024', fx.form);
      expect(form, `form ${fx.form}`).toBeDefined();
      const result = form!.validate(fx.data);
      if (file.startsWith('valid--')) {
        expect(result.ok ? [] : result.issues).toEqual([]);
        if (!result.ok) return;
        for (const [pointer, expected] of Object.entries(fx.expectComputed ?? {})) expect(at(result.value, pointer), pointer).toEqual(expected);
        for (const pointer of fx.expectAbsent ?? []) expect(at(result.value, pointer), pointer).toBeUndefined();
        // The input is never modified: prepared values are copies.
        expect(JSON.stringify(fx.data)).toEqual(JSON.stringify(JSON.parse(readFileSync(path.join(DIR, file), 'utf8')).data));
      } else {
        expect(file.startsWith('invalid--')).toBe(true);
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.issues).toEqual(fx.issues);
      }
    });
  }
});
