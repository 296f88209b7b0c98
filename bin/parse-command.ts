import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * Parses a command's arguments the same way for every command: an unknown or malformed option
 * prints the error and the usage (exit 2), `--help`/`-h` prints the usage (exit 0).
 * @param config parseArgs' configuration without `args`; `help` is added
 * @param args the arguments after the command's name
 * @param usage the command's usage text
 * @returns the parsed arguments, or the exit code to stop with
 */
export function parseCommand<T extends Omit<ParseArgsConfig, 'args'>>(
  config: T,
  args: string[],
  usage: string,
): ReturnType<typeof parseArgs<T & { args: string[] }>> | number {
  const options = { ...config.options, help: { type: 'boolean', short: 'h' } } as const;
  let parsed;
  try {
    parsed = parseArgs({ ...config, options, args });
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${usage}`);
    return 2;
  }
  if ((parsed.values as Record<string, unknown>).help) {
    process.stdout.write(usage);
    return 0;
  }
  return parsed as ReturnType<typeof parseArgs<T & { args: string[] }>>;
}
