import type { Options } from 'ajv';

/**
 * The one list of ajv options used by every place that validates, in the browser and on the
 * server, so both reach the same verdict.
 */
export const AJV_OPTIONS: Readonly<Options> = Object.freeze({
  strict: true,
  allErrors: true,
  // parentSchema on errors lets the message mapper read titles and x-messages.
  verbose: true,
  // Unicode-aware patterns, as JSON Schema specifies.
  unicodeRegExp: true,
  // Type coercion and defaults would let the server and a client disagree about stored data.
  coerceTypes: false,
  useDefaults: false,
});
