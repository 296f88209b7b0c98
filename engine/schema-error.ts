/**
 * A schema the engine cannot compile, named by the keyword and the JSON Pointer where it stands, so
 * an author sees what to change rather than an error from deep inside ajv.
 */
export class SchemaError extends Error {
  override readonly name = 'SchemaError';

  /**
   * @param keyword the keyword that cannot be honoured (`$schema` for a dialect)
   * @param pointer its JSON Pointer in the schema ('' for the root)
   * @param message what is wrong and what to do instead
   */
  constructor(
    readonly keyword: string,
    readonly pointer: string,
    message: string,
  ) {
    super(`${keyword} at #${pointer}: ${message}`);
  }

  /**
   * The same error for one that ajv threw while compiling: the keyword and pointer read from its
   * message where it names them.
   * @param e what ajv threw
   * @returns a SchemaError (the same one when it already is)
   */
  static from(e: unknown, schema?: unknown): SchemaError {
    const found = SchemaError.read(e);
    if (found.pointer !== '' || schema === undefined || found.keyword === 'schema') return found;
    // ajv did not say where: the first place in the schema that uses the keyword.
    const at = firstUse(schema, found.keyword, '');
    return at === undefined ? found : new SchemaError(found.keyword, at, found.message.replace(/^[^:]*: /, ''));
  }

  private static read(e: unknown): SchemaError {
    if (e instanceof SchemaError) return e;
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof RangeError) return new SchemaError('$ref', '', `references that never reach a schema (${message})`);
    const invalid = /^schema is invalid: data((?:\/[^ ,]*)*)/.exec(message);
    if (invalid) {
      const pointer = invalid[1] ?? '';
      return new SchemaError(pointer.split('/').pop() || '$schema', pointer, message);
    }
    const at = /at (?:path )?"#([^"]*)"/.exec(message);
    const keyword =
      /^"([^"]+)"/.exec(message)?.[1] ??
      /keyword:? "([^"]+)"/.exec(message)?.[1] ??
      (/can't resolve reference|no schema with key or ref/.test(message) ? '$ref' : 'schema');
    return new SchemaError(keyword, at?.[1] ?? '', message);
  }
}

// The JSON Pointer of the first schema object holding `keyword`, depth first.
function firstUse(node: unknown, keyword: string, pointer: string): string | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  if (!Array.isArray(node) && keyword in node) return pointer;
  for (const [k, v] of Object.entries(node)) {
    if (k === 'const' || k === 'enum' || k === 'default' || k === 'examples') continue;
    const found = firstUse(v, keyword, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    if (found !== undefined) return found;
  }
  return undefined;
}
