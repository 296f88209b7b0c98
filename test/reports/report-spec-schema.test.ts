import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import reportSpecSchema from '../../reports/report-spec.schema.json' with { type: 'json' };

// The service compiles the spec's schema without checking it against the 2020-12 meta-schema (that
// check cost as much as the compile at every start), so the check is made here instead.
describe('the report spec schema', () => {
  it('is a valid 2020-12 schema', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const valid = ajv.validateSchema(reportSpecSchema);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('would be refused if it were not (the check can fail)', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    expect(ajv.validateSchema({ ...reportSpecSchema, type: 'tabel' })).toBe(false);
  });
});
