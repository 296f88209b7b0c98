import type { Ajv, KeywordCxt } from 'ajv';
import ucs2lengthModule from 'ajv/dist/runtime/ucs2length.js';
import { _, _Code, str, type Code } from './ajv-codegen.ts';

const ucs2length = ((ucs2lengthModule as unknown as { default?: unknown }).default ?? ucs2lengthModule) as ((s: string) => number) & { code: string };

const installed = new WeakSet<Ajv>();

/**
 * Replaces ajv's `minLength` and `maxLength` with the same checks that count code points only
 * when the answer is in doubt. ajv counts every string character by character (a surrogate pair
 * is one character), which was most of the time spent validating a form of a few free-text
 * answers. A string has between `length / 2` and `length` code points, so `length` alone decides
 * almost every string: at most `max` code units cannot exceed `max`, at least `2 * min` cannot fall
 * short of `min`. Verdicts, errors (keyword, params, message, schema paths) and their order stay
 * exactly ajv's; only schemas compiled after the call use the new code.
 * @param ajv an instance with ajv's standard keywords
 * @returns the same instance
 */
export function fastStringLength(ajv: Ajv): Ajv {
  if (installed.has(ajv)) return ajv;
  installed.add(ajv);
  // An instance told to count UTF-16 units (the deprecated `unicode: false`) keeps ajv's checks.
  if ((ajv.opts as { unicode?: boolean }).unicode === false) return ajv;
  for (const keyword of ['maxLength', 'minLength'] as const) {
    ajv.removeKeyword(keyword);
    ajv.addKeyword({
      keyword,
      type: 'string',
      schemaType: 'number',
      $data: true,
      // Where ajv keeps it among the string keywords, so errors come in the same order.
      before: 'pattern',
      // ajv's own error, word for word.
      error: {
        message: ({ schemaCode }) => str`must NOT have ${keyword === 'maxLength' ? 'more' : 'fewer'} than ${schemaCode} characters`,
        params: ({ schemaCode }) => _`{limit: ${schemaCode}}`,
      },
      code(cxt: KeywordCxt) {
        const { data, schemaCode } = cxt;
        const fn = cxt.gen.scopeValue('func', { ref: ucs2length, code: new _Code(ucs2length.code) });
        const count = _`${fn}(${data})`;
        cxt.fail$data(
          keyword === 'maxLength'
            ? _`${data}.length > ${schemaCode} && ${count} > ${schemaCode}`
            : _`${data}.length < 2 * ${schemaCode} && ${count} < ${schemaCode}`,
        );
      },
    });
  }
  return ajv;
}
