import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { compileForm, SchemaError, type CompiledForm, type JsonSchema } from '../../engine/index.ts';
import { readTestSuite, suiteRemotes, type SuiteDialect } from '../helpers/json-schema-test-suite.ts';

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv) => Ajv;

const DIALECT = { draft7: 'draft-07', 'draft2020-12': '2020-12' } as const;

// Raw ajv as an adopter would use it: a fresh instance per schema, not strict, with ajv-formats and
// the suite's remote documents.
function rawAjv(dialect: SuiteDialect, remotes: Record<string, unknown>, schema: unknown): ValidateFunction | undefined {
  const ajv = dialect === 'draft7' ? new Ajv({ strict: false, logger: false }) : new Ajv2020({ strict: false, logger: false });
  addFormats(ajv as Ajv);
  for (const [uri, doc] of Object.entries(remotes)) ajv.addSchema(doc as JsonSchema, uri);
  try {
    return ajv.compile(schema as JsonSchema);
  } catch {
    return undefined;
  }
}

const decides = (fn: () => boolean): boolean => {
  try {
    return fn();
  } catch {
    return false;
  }
};

describe.each(['draft7', 'draft2020-12'] as const)('the official JSON-Schema-Test-Suite, %s', (dialect) => {
  it('is decided by compileForm at least wherever raw ajv decides it, and never crashes', () => {
    const remotes = suiteRemotes(dialect);
    const lost: string[] = [];
    const crashed: string[] = [];
    let cases = 0;
    let engineRight = 0;
    let rawRight = 0;
    for (const group of readTestSuite(dialect)) {
      const raw = rawAjv(dialect, remotes, group.schema);
      let form: CompiledForm | undefined;
      try {
        // 2020-12 reads `format` as an annotation; the engine does so on request.
        form = compileForm(group.schema as JsonSchema, { dialect: DIALECT[dialect], resources: remotes, formats: dialect === 'draft7' ? 'assert' : 'annotate' });
      } catch (e) {
        // Refusing a schema is allowed only by name: keyword and pointer.
        if (!(e instanceof SchemaError)) crashed.push(`${group.file} | ${group.description}: ${String(e)}`);
      }
      for (const test of group.tests) {
        cases++;
        const rawOk = raw !== undefined && decides(() => raw(test.data) === test.valid);
        let engineOk = false;
        if (form) {
          const f = form;
          try {
            engineOk = f.validate(test.data).ok === test.valid;
          } catch (e) {
            crashed.push(`${group.file} | ${group.description} | ${test.description}: ${String(e)}`);
          }
        }
        if (rawOk) rawRight++;
        if (engineOk) engineRight++;
        if (rawOk && !engineOk) lost.push(`${group.file} | ${group.description} | ${test.description}`);
      }
    }
    console.log(`${dialect}: ${cases} cases, compileForm right on ${engineRight}, raw ajv on ${rawRight}`);
    expect(crashed).toEqual([]);
    expect(lost).toEqual([]);
    expect(engineRight).toBeGreaterThanOrEqual(rawRight);
  });
});
