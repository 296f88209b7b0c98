/**
 * The `indberet` command line: parses the command name and hands the rest to one module per
 * command. Commands return an exit code: 0 success, 1 a finding (invalid data, stale types),
 * 2 usage or configuration error.
 */
type Command = { run(args: string[]): Promise<number> };

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  lint: { summary: 'lint a round folder: indberet lint schemas/2024', load: () => import('./commands/lint.ts') },
  validate: {
    summary: 'validate answers: indberet validate --round 2024 --form SKEMA answer.json',
    load: () => import('./commands/validate.ts'),
  },
  serve: { summary: 'start the web service (PORT, INDBERET_DATA_DIR, DATABASE_URL)', load: () => import('./commands/serve.ts') },
  report: {
    summary: 'memo and published table: indberet report render|table|check --round 2024 (see --help)',
    load: () => import('./commands/report.ts'),
  },
  'demo-data': {
    summary: 'fill a round with a synthetic population through validation and storage: indberet demo-data --round 2024',
    load: () => import('./commands/demo-data.ts'),
  },
  round: {
    summary: 'next year\'s round: indberet round copy 2024 2025 | diff 2024 2025 | dry-run 2025 | export 2025',
    load: () => import('./commands/round.ts'),
  },
  backup: { summary: 'online backup of the database: indberet backup --out FILE', load: () => import('./commands/backup.ts') },
  restore: { summary: 'restore a backup (service stopped): indberet restore --from FILE [--force]', load: () => import('./commands/restore.ts') },
  typegen: { summary: 'write TypeScript types for every form (--check: fail when stale)', load: () => import('./commands/typegen.ts') },
  contacts: { summary: 'contact list: indberet contacts template|import --round 2024 (see --help)', load: () => import('./commands/contacts.ts') },
  credentials: { summary: 'logins for the contacts: indberet credentials send|resend|revoke --round 2024', load: () => import('./commands/credentials.ts') },
  remind: { summary: 'remind municipalities that have not submitted: indberet remind --round 2024', load: () => import('./commands/remind.ts') },
};

/** Registers a command; each command module adds itself here through the table above. */
export type { Command };

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const entry = name ? COMMANDS[name] : undefined;
  if (!entry) {
    const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
    process.stderr.write(
      `Brug: indberet <kommando> [argumenter]\n\n${Object.entries(COMMANDS)
        .map(([k, v]) => `  ${k.padEnd(width)}  ${v.summary}`)
        .join('\n')}\n`,
    );
    return name === undefined || name === '--help' || name === 'help' ? 0 : 2;
  }
  const command = await entry.load();
  return command.run(rest);
}

process.exitCode = await main(process.argv.slice(2));
