import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../engine/db/index.ts';

/*
 * Released migrations never change: a database that already ran one would not run it again, so an
 * edit would silently split the schema between old and new installations. A change is a new file.
 */
const FROZEN: Record<string, string> = {
  '2026-11-25-initial': '7bee2ccd279ac3c19c460003a8f45c2fc1856e194e578dc127842edc23a58621',
  '2026-11-26-contacts-mail': 'aa7889ebfad2a2b12dd1c71873b7ae521e4d0a836f07d93bca7714bdbb0eed9a',
  '2026-11-28-stored-rounds': 'e9d68eb699986fd7ab6ccd739bb0a405fd0b7240923e718bb2eef7026ea53588',
  '2026-12-02-publications': '0b134c59c0cc4f7e5620c1cf5ad260de981fb33863ec65a193aff616b4fcfa39',
  '2026-12-07-audit-chains': 'a5baa6a33ccffc17969a6bb13a5ece41a4a55a4546ac61ccbb4983c6ad1bc471',
  '2026-12-07-login-security': '7da038a8e437f17fe065fd027b493a9d0a2a49ebc6b71f13ffa608e27f3d027b',
  '2026-12-07-respondents': '9aba54915f2e92cc8b5391db3d682e61c5b90bbb23772aacbb92090a56a08ce2',
  '2026-12-07-totp': 'b17d3b19ddb60f4bb3172ffb31a3a8d93b7edfd5ff8510603bc1de838fece588',
  '2026-12-07-write-triggers': '893be8d931422e3405a81e0f22ef971b8cf4dcea88839ae050a52101690e24bf',
  '2026-12-07-writes-audit': '3238f39419c3d807a343dcf1f023ba567da7102189eb79b4057bc6d83982934e',
  '2026-12-07-writes-keyed-versions': 'a93f46a4da73b521dd49f272a901d3d0f6486ea5c527086b9f96f6814c235c52',
  '2026-12-07-writes-security-index': '7a5f5126899f85648b57af9d2300bd2f8b8605dbecb88134941e959ac3212ecb',
};

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../engine/db/migrations');

describe('migrations', () => {
  it('are named by date and listed in order', () => {
    const names = Object.keys(MIGRATIONS);
    for (const n of names) expect(n).toMatch(/^\d{4}-\d{2}-\d{2}-[a-z0-9-]+$/);
    expect([...names].sort()).toEqual(names);
  });

  it('are frozen once released', async () => {
    for (const [name, hash] of Object.entries(FROZEN)) {
      const text = await readFile(path.join(dir, `${name}.ts`), 'utf8');
      expect(createHash('sha256').update(text).digest('hex'), `${name}.ts was edited`).toBe(hash);
    }
    expect(Object.keys(MIGRATIONS).slice(0, Object.keys(FROZEN).length)).toEqual(Object.keys(FROZEN));
  });
});
