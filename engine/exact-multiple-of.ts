import type { Ajv, KeywordCxt } from 'ajv';
import { _, _Code, str, type Code } from './ajv-codegen.ts';

/**
 * Whether `x` is a multiple of `m`, decided on the decimal numbers the two are written as (their
 * shortest round-trip text, which is what a JSON document holds), so 33.3 is a multiple of 0.1
 * although `33.3 / 0.1` is 332.99999999999994 in binary floating point. Both become integers
 * times a power of ten and the remainder is taken in BigInt, exactly. Kept free of outer names:
 * its source is copied into validators compiled ahead of time for the browser.
 * @param x the number validated
 * @param m the keyword's value, greater than 0
 * @returns whether x / m is an integer
 */
export function isMultipleOf(x: number, m: number): boolean {
  if (!Number.isFinite(x) || !Number.isFinite(m) || m <= 0) return false;
  if (Number.isSafeInteger(x) && Number.isSafeInteger(m)) return x % m === 0;
  // Fast path, exact without BigInt: the fewest decimals k with m = M / 10^k for an integer M below
  // 2^46. Below that bound a double's rounding interval is narrower than a tenth of 10^-k, so the
  // decimal M / 10^k that rounds to m is the one m is written as. x is then a multiple only if it
  // has at most k decimals too, N / 10^k for the integer N = x · 10^k rounded (exact below the
  // bound), and N a multiple of M. 10^k is exact as a double up to 10^22.
  for (let k = 0, p = 1; k <= 22; k++, p *= 10) {
    const big = m * p;
    if (big > 70368744177664) break;
    const mm = Math.round(big);
    if (mm === 0 || mm / p !== m) continue;
    const n = Math.round(x * p);
    if (n > 70368744177664 || n < -70368744177664) break;
    return n / p === x && n % mm === 0;
  }
  const decimal = (n: number): [bigint, number] => {
    const t = String(Math.abs(n));
    const e = t.indexOf('e');
    const body = e < 0 ? t : t.slice(0, e);
    const exp = e < 0 ? 0 : Number(t.slice(e + 1));
    const dot = body.indexOf('.');
    const digits = dot < 0 ? body : body.slice(0, dot) + body.slice(dot + 1);
    return [BigInt(digits), exp - (dot < 0 ? 0 : body.length - dot - 1)];
  };
  const [a, p] = decimal(x);
  const [b, q] = decimal(m);
  const e = Math.min(p, q);
  const ten = BigInt(10);
  const top = a * ten ** BigInt(p - e);
  const bottom = b * ten ** BigInt(q - e);
  return top % bottom === BigInt(0);
}

/**
 * The fast path of {@link isMultipleOf} worked out once for a divisor known when the schema is
 * compiled: the power of ten `scale` and the integer `units` with m = units / scale, or `undefined`
 * where the divisor needs the general function.
 * @param m the keyword's value
 * @returns the scale and units, or undefined
 */
export function decimalScale(m: number): { scale: number; units: number } | undefined {
  if (!Number.isFinite(m) || m <= 0) return undefined;
  for (let k = 0, p = 1; k <= 22; k++, p *= 10) {
    const big = m * p;
    if (big > LIMIT) return undefined;
    const units = Math.round(big);
    if (units !== 0 && units / p === m) return { scale: p, units };
  }
  return undefined;
}

// 2^46: below it the fast path is exact (see isMultipleOf).
const LIMIT = 70368744177664;

// The function's own source, made once, for validators compiled ahead of time.
const IS_MULTIPLE_OF_SOURCE = new _Code(`(${isMultipleOf.toString()})`);

const installed = new WeakSet<Ajv>();

/**
 * Replaces ajv's `multipleOf`, which divides in binary floating point and so refused 348 of the
 * 1001 one-decimal shares from 0.0 to 100.0 under `multipleOf: 0.1`, with {@link isMultipleOf}.
 * The error keyword, params and message stay ajv's, and the check keeps its place among the
 * number keywords.
 * @param ajv an instance with ajv's standard keywords
 * @returns the same instance
 */
export function exactMultipleOf(ajv: Ajv): Ajv {
  if (installed.has(ajv)) return ajv;
  installed.add(ajv);
  ajv.removeKeyword('multipleOf');
  ajv.addKeyword({
    keyword: 'multipleOf',
    type: 'number',
    schemaType: 'number',
    $data: true,
    error: {
      message: ({ schemaCode }) => str`must be multiple of ${schemaCode}`,
      params: ({ schemaCode }) => _`{multipleOf: ${schemaCode}}`,
    },
    code(cxt: KeywordCxt) {
      const func = cxt.gen.scopeValue('func', { ref: isMultipleOf, code: IS_MULTIPLE_OF_SOURCE }) as unknown as Code;
      const { data, schemaCode } = cxt;
      const fixed = cxt.$data || typeof cxt.schema !== 'number' ? undefined : decimalScale(cxt.schema);
      if (!fixed) {
        cxt.fail$data(_`!${func}(${data}, ${schemaCode})`);
        return;
      }
      // A divisor written in the schema: its scale is a constant and the usual answer takes a
      // multiplication, a division and an integer remainder in line (the function's own fast path).
      const n = cxt.gen.let('scaled');
      cxt.fail(
        _`!((${n} = Math.round(${data} * ${fixed.scale})) <= ${LIMIT} && ${n} >= ${-LIMIT} ? ${n} / ${fixed.scale} === ${data} && ${n} % ${fixed.units} === 0 : ${func}(${data}, ${schemaCode}))`,
      );
    },
  });
  return ajv;
}
