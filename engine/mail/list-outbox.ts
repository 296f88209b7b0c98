import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseRawMail } from './parse-raw-mail.ts';

/** One mail file in the outbox folder. */
export interface OutboxFile {
  readonly name: string;
  readonly size: number;
  readonly modifiedAt: string;
  readonly to: string;
  readonly subject: string;
}

/**
 * Lists the `.eml` files of the outbox folder, newest first, with recipient and subject.
 * @param dir the outbox folder
 * @param limit how many to read at most
 * @returns the files; none when the folder does not exist yet
 */
export async function listOutbox(dir: string, limit = 500): Promise<OutboxFile[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.eml'));
  } catch {
    return [];
  }
  const stats = await Promise.all(names.map(async (name) => ({ name, st: await stat(path.join(dir, name)) })));
  stats.sort((a, b) => b.st.mtimeMs - a.st.mtimeMs || a.name.localeCompare(b.name));
  const out: OutboxFile[] = [];
  for (const { name, st } of stats.slice(0, limit)) {
    const mail = parseRawMail(await readFile(path.join(dir, name), 'utf8'));
    out.push({ name, size: st.size, modifiedAt: st.mtime.toISOString(), to: mail.to, subject: mail.subject });
  }
  return out;
}

/**
 * Reads one outbox file by name; names with a path in them are refused.
 * @param dir the outbox folder
 * @param name the file's name as listed
 * @returns the raw message, or undefined
 */
export async function readOutboxFile(dir: string, name: string): Promise<string | undefined> {
  if (!/^[A-Za-z0-9-]+\.eml$/.test(name)) return undefined;
  try {
    return await readFile(path.join(dir, name), 'utf8');
  } catch {
    return undefined;
  }
}
