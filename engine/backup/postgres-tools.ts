/**
 * PostgreSQL is backed up with its own tools, pg_dump and pg_restore; this module only builds
 * their command lines from the service's DATABASE_URL, so the documented way and the CLI agree.
 */

/** A command line: the program and its arguments (never run through a shell). */
export interface ToolCommand {
  readonly program: 'pg_dump' | 'pg_restore';
  readonly args: readonly string[];
}

/**
 * The schema a DATABASE_URL selects with `options=-c search_path=…`, if any.
 * @param url the connection URL
 * @returns the schema, or undefined for the default
 */
export function searchPathSchema(url: string): string | undefined {
  let options: string | null;
  try {
    options = new URL(url).searchParams.get('options');
  } catch {
    return undefined;
  }
  const m = options ? /(?:^|\s)-c\s*search_path=([A-Za-z_][A-Za-z0-9_]*)/.exec(options) : null;
  return m?.[1];
}

/**
 * The URL as libpq reads it: libpq decodes `%XX` in the query but not `+`, which WHATWG URL
 * encoding (and node-postgres) use for a space, as in `options=-c+search_path%3Dx`.
 * @param url the connection URL
 * @returns the same URL with its query percent-encoded
 */
export function libpqUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  if (!u.search) return url;
  const query = [...u.searchParams].map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  return `${url.slice(0, url.indexOf('?'))}?${query}`;
}

/**
 * pg_dump in its custom format (compressed, restorable table by table), without owners and
 * grants so it restores into another cluster; limited to the service's schema when the URL names one.
 * @param url DATABASE_URL
 * @param out the dump file
 * @returns the command
 */
export function pgDumpCommand(url: string, out: string): ToolCommand {
  const schema = searchPathSchema(url);
  return {
    program: 'pg_dump',
    args: ['--format=custom', '--no-owner', '--no-privileges', `--file=${out}`, ...(schema ? [`--schema=${schema}`] : []), `--dbname=${libpqUrl(url)}`],
  };
}

/**
 * pg_restore in one transaction that first drops what the dump recreates, so a restore over the
 * service's live tables replaces them whole or, on any error, changes nothing.
 * @param url DATABASE_URL of the target
 * @param file the dump file
 * @returns the command
 */
export function pgRestoreCommand(url: string, file: string): ToolCommand {
  return {
    program: 'pg_restore',
    args: ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${libpqUrl(url)}`, file],
  };
}

/**
 * A command as one line to print for an operator (arguments single-quoted for a POSIX shell).
 * @param cmd the command
 * @returns the line
 */
export function shellLine(cmd: ToolCommand): string {
  return [cmd.program, ...cmd.args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
