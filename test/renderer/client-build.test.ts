import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileForm } from '../../engine/index.ts';
import { buildClient } from '../../renderer/build-client.ts';
import { createEngineValidator } from '../../renderer/index.ts';
import { invalidMaaltal, SCHEMAS_DIR, validMaaltal } from '../helpers/index.ts';
import { round2024, unit } from './helpers.ts';

type Validators = Record<string, Record<string, Record<string, (d: unknown) => boolean>>>;
type RoundModule = { forms: Validators[string] };

describe('the client build', () => {
  let out: string;
  let bundle: string;
  let inputs: string[];
  let validatorsGzip: Record<string, number>;
  let rounds: Validators;
  beforeAll(async () => {
    out = await mkdtemp(path.join(tmpdir(), 'indberet-client-'));
    const r = await buildClient({ schemasDir: SCHEMAS_DIR, outDir: out });
    bundle = await readFile(r.bundle, 'utf8');
    inputs = Object.keys((JSON.parse(await readFile(path.join(out, 'client', 'meta.json'), 'utf8')) as { inputs: object }).inputs);
    validatorsGzip = {};
    for (const [id, file] of Object.entries(r.validators)) validatorsGzip[id] = gzipSync(await readFile(file), { level: 9 }).length;
    rounds = {};
    // Each round's validators are a module of their own, loaded only by that round's pages.
    for (const [id, file] of Object.entries(r.validators)) rounds[id] = ((await import(pathToFileURL(file).href)) as RoundModule).forms;
  });
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('keeps what a form page loads within 120 KiB gzipped: the bundle with any one round\'s validators', () => {
    const gz = gzipSync(bundle, { level: 9 }).length;
    // Every round in schemas/ gets its module: 2024 and 2025.
    expect(Object.keys(validatorsGzip).sort()).toEqual(['2024', '2025']);
    for (const [id, v] of Object.entries(validatorsGzip)) expect(gz + v, `runde ${id}`).toBeLessThanOrEqual(120 * 1024);
  });

  it('hydrates with Preact\'s compat layer: neither react nor react-dom is bundled', () => {
    expect(inputs.some((f) => /node_modules\/preact\/compat\//.test(f))).toBe(true);
    expect(inputs.filter((f) => /node_modules\/(react|react-dom|scheduler)\//.test(f))).toEqual([]);
  });

  it('holds no round\'s validators and ships no ajv compiler or markdown parser', () => {
    // A validator function of the 2024 round names its fields' titles; the bundle knows no round.
    expect(Object.keys(rounds)).toContain('2024');
    expect(bundle).not.toContain('kommunekode');
    // ajv's compiler and its schema-compilation errors, and markdown-to-jsx's parser.
    expect(bundle).not.toContain('strict mode: unknown keyword');
    expect(bundle).not.toContain('schema with key or id');
    expect(bundle).not.toContain('markdown-to-jsx');
  });

  it('gives the browser the same verdicts as the server', async () => {
    const { round, maaltal } = await round2024();
    const at = (p: string) => rounds['2024']!.maaltal![p];
    expect(Object.keys(rounds['2024']!.maaltal!)).toContain('');
    const browser = compileForm(maaltal.schema, { precompiled: at as never, context: { $round: round.settings, $tables: round.tables }, name: 'maaltal' });
    const samples = [
      validMaaltal('0147'),
      invalidMaaltal('0147'),
      { kommunekode: '0101', enheder: [unit('A', [0, 1, 1, 4], { maaltal: { fastsat: true, koen: 'maend', andel: 40, antal: 2, aar: 2040 } }), unit('B', [1, 0, 2, 2])] },
      { kommunekode: '0147', enheder: [unit('A', [1, 0, 2, 2]), unit('B', [1, 0, 2, 2])], kontakt: { navn: 'x', email: 'x@y.dk' } },
    ];
    for (const s of samples) expect(browser.validate(s)).toEqual(maaltal.validate(s));
    expect(maaltal.validate(samples[0]).ok).toBe(true);
    expect(maaltal.validate(samples[2]).ok).toBe(false);
  });

  it('decides rjsf conditions with the precompiled validators', async () => {
    const { maaltal } = await round2024();
    const v = createEngineValidator(maaltal, (p) => rounds['2024']!.maaltal![p]);
    const enhedIf = ((maaltal.schema as any).$defs.enhed.if) as object;
    expect(v.isValid(enhedIf as never, { ligelig: false }, maaltal.schema as never)).toBe(true);
    expect(v.isValid(enhedIf as never, { ligelig: true }, maaltal.schema as never)).toBe(false);
    const r = v.validateFormData(invalidMaaltal('0147'), maaltal.schema as never);
    expect(r.errors.length).toBeGreaterThan(0);
    expect((r.errorSchema as any).kontakt.email.__errors[0]).toContain('e-mail');
  });
});
