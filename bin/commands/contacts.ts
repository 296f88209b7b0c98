import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { boardLabels, buildContactTemplate, contactFormOf, formatRowError, importContactFile } from '../../engine/contacts/index.ts';
import { respondentsOf } from '../../engine/index.ts';
import { loadRounds, RoundLoadError } from '../../engine/node.ts';
import type { Round } from '../../engine/compile-round.ts';
import { openCliContext } from '../../server/admin/cli/index.ts';
import { contactsMessage } from '../../server/admin/contacts-error.ts';
import { parseCommand } from '../parse-command.ts';

const USAGE =
  'Brug: indberet contacts template --round 2024 --out kontaktliste.xlsx [--schemas mappe]\n' +
  '      indberet contacts import --round 2024 [--kun-gyldige] [--schemas mappe] FIL.xlsx|FIL.csv\n';

/**
 * `indberet contacts template|import`: writes the pre-filled contact-list template, or imports a
 * filled list (every row checked by the round's contact-list form; with errors nothing is
 * imported unless --kun-gyldige).
 * @param args arguments after `contacts`
 * @returns 0 done, 1 rows with errors (nothing imported), 2 usage or unreadable file
 */
export async function run(args: string[]): Promise<number> {
  const parsed = parseCommand({ allowPositionals: true, options: { round: { type: 'string' }, out: { type: 'string' }, schemas: { type: 'string' }, 'kun-gyldige': { type: 'boolean' } } }, args, USAGE);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const [sub, file, ...rest] = positionals;
  if (!values.round || rest.length > 0 || (sub === 'template' && (!values.out || file)) || (sub === 'import' && !file) || (sub !== 'template' && sub !== 'import')) {
    process.stderr.write(USAGE);
    return 2;
  }
  if (sub === 'template') return template(values.round, values.out!, values.schemas ?? process.env.INDBERET_SCHEMAS_DIR ?? 'schemas');
  return importFile(values.round, file!, !!values['kun-gyldige'], values.schemas);
}

async function template(roundId: string, out: string, schemasDir: string): Promise<number> {
  let registry;
  try {
    registry = await loadRounds(schemasDir);
  } catch (e) {
    process.stderr.write(`${e instanceof RoundLoadError ? e.message : String(e)}\n`);
    return 2;
  }
  const round = registry.round(roundId);
  const form = contactFormOf(round);
  if (!round || !form) {
    process.stderr.write(`Runden "${roundId}" findes ikke eller har ingen kontaktliste.\n`);
    return 2;
  }
  const bytes = await buildContactTemplate(round, form);
  await writeFile(out, bytes);
  process.stdout.write(`Skabelonen med ${respondentCount(round)} ${boardLabels(round).many} er skrevet til ${out}.\n`);
  return 0;
}

async function importFile(roundId: string, file: string, onlyValid: boolean, schemasDir: string | undefined): Promise<number> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    process.stderr.write(`${file}: kan ikke læses: ${(e as Error).message}\n`);
    return 2;
  }
  const opened = await openCliContext(process.env, schemasDir);
  if (!opened.ok) {
    process.stderr.write(`${opened.message}\n`);
    return 2;
  }
  const { ctx } = opened;
  try {
    if (!ctx.wf.registry.round(roundId)) {
      process.stderr.write(`Runden "${roundId}" findes ikke.\n`);
      return 2;
    }
    const r = await importContactFile(ctx.wf, { roundId, filename: path.basename(file), bytes, onlyValid, actorId: null });
    if ('ok' in r) {
      process.stderr.write(`${contactsMessage(r)}\n`);
      return 2;
    }
    for (const e of r.errors) process.stdout.write(`${formatRowError(e)}\n`);
    const summary = `${r.total} udfyldte rækker, ${r.validCount} gyldige, ${r.invalidRows.length} med fejl${r.blankRows ? `, ${r.blankRows} uden kontaktperson sprunget over` : ''}.`;
    if (r.status === 'pending') {
      process.stdout.write(
        `${summary}\nIntet er importeret. Ret fejlene og importér igen, eller brug --kun-gyldige for at importere de ${r.validCount} gyldige rækker.\n`,
      );
      return 1;
    }
    process.stdout.write(`${summary}\n${r.imported} kontaktpersoner er importeret (${r.changed} nye eller ændrede).\n`);
    if (r.loginsClosed.length > 0) {
      process.stdout.write(`Ny e-mailadresse, det gamle login er lukket: ${r.loginsClosed.join(', ')}. Kør "indberet credentials send --round ${roundId}".\n`);
    }
    return 0;
  } finally {
    await ctx.close();
  }
}

function respondentCount(round: Round): number {
  const population = respondentsOf(round);
  return 'error' in population ? 0 : population.list.length;
}
