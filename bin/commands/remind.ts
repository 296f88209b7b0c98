import { deliverMails, queueReminders } from '../../engine/contacts/index.ts';
import { createProgress, openCliContext } from '../../server/admin/cli/index.ts';
import { contactsMessage } from '../../server/admin/contacts-error.ts';
import { parseCommand } from '../parse-command.ts';

const USAGE = 'Brug: indberet remind --round 2024 [--form SKEMA] [--batch navn]\n';

/**
 * `indberet remind`: reminds every municipality that has not submitted the round's report (text
 * from the round's mails/paamindelse.hbs), at most once per batch (default: today), and delivers
 * the reminders with a progress bar on a terminal.
 * @param args arguments after `remind`
 * @returns 0 done, 1 some mail failed, 2 usage or configuration error
 */
export async function run(args: string[]): Promise<number> {
  const parsed = parseCommand({ options: { round: { type: 'string' }, form: { type: 'string' }, batch: { type: 'string' }, schemas: { type: 'string' } } }, args, USAGE);
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  if (!values.round) {
    process.stderr.write(USAGE);
    return 2;
  }
  const opened = await openCliContext(process.env, values.schemas);
  if (!opened.ok) {
    process.stderr.write(`${opened.message}\n`);
    return 2;
  }
  const { ctx } = opened;
  try {
    if (!ctx.wf.registry.round(values.round)) {
      process.stderr.write(`Runden "${values.round}" findes ikke.\n`);
      return 2;
    }
    const r = await queueReminders(await ctx.rt.credentialDeps(values.round), {
      roundId: values.round,
      ...(values.form ? { formName: values.form } : {}),
      ...(values.batch ? { batch: values.batch } : {}),
      actorId: null,
    });
    if (!r.ok) {
      process.stderr.write(`${contactsMessage(r)}\n`);
      return 2;
    }
    const progress = createProgress('Sender påmindelser');
    const d = await deliverMails(ctx.rt.deliveryDeps(), { roundId: values.round, kinds: ['reminder'], onProgress: (p) => progress.update(p.done, p.total) });
    progress.stop();
    process.stdout.write(
      `${r.submitted} kommuner har indsendt. ${r.queued.length} påmindelser oprettet` +
        (r.already.length ? `, ${r.already.length} havde allerede fået påmindelsen i batch ${r.batch}` : '') +
        (r.noContact.length ? `, ${r.noContact.length} uden kontaktperson: ${r.noContact.join(', ')}` : '') +
        `.\n${d.sent} mails sendt via ${ctx.rt.transport.description}` +
        (d.failed ? `, ${d.failed} fejlede` : '') +
        (d.retrying ? `, ${d.retrying} prøves igen ved næste kørsel` : '') +
        '.\n',
    );
    return d.failed > 0 || d.retrying > 0 ? 1 : 0;
  } finally {
    await ctx.close();
  }
}
