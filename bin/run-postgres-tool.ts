import { runTool, shellLine, type ToolCommand } from '../engine/backup/index.ts';

/**
 * Runs pg_dump or pg_restore for `indberet backup|restore` on PostgreSQL, or only prints the
 * command with `--vis`; reports a missing tool or a failure in Danish.
 * @param url the service's DATABASE_URL
 * @param build builds the command line from the URL
 * @param options `show`: print instead of running; `onFailure`: added to the failure message
 * @returns an exit code to stop with (0 printed, 1 failed, 2 usage or missing tool), or undefined when the tool ran
 */
export async function runPostgresTool(
  url: string,
  build: (url: string) => ToolCommand,
  options: { readonly show: boolean; readonly onFailure?: string },
): Promise<number | undefined> {
  if (!/^postgres(ql)?:\/\//.test(url)) {
    process.stderr.write('DATABASE_URL skal begynde med postgres://\n');
    return 2;
  }
  const cmd = build(url);
  if (options.show) {
    process.stdout.write(`${shellLine(cmd)}\n`);
    return 0;
  }
  const r = await runTool(cmd);
  if (r.ok) return undefined;
  process.stderr.write(
    r.code === 127
      ? `${cmd.program} findes ikke på maskinen. Installér PostgreSQL-klientværktøjerne, eller kør:\n${shellLine(cmd)}\n`
      : `${cmd.program} mislykkedes (${r.code})${options.onFailure ?? ''}:\n${r.stderr}`,
  );
  return r.code === 127 ? 2 : 1;
}
