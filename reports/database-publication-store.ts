import type { Kysely } from 'kysely';
import type { Database } from '../engine/db/index.ts';
import type { PublishedTable } from './build-table.ts';
import { publicationFileType } from './build-publication.ts';
import { storedTables, type PublicationManifest, type PublicationStore, type StoredPublication } from './publication-store.ts';

/**
 * Keeps publications in the database, so every instance of the service serves the snapshot any
 * instance published. A publication is replaced whole in one transaction: a reader sees the old
 * one or the new one, never half of each. The table is parsed once per publication and instance.
 * @param db the database
 * @param legacy where an earlier version kept publications (files in the data folder); one found
 *   there and not yet in the database is copied in on first read, so nothing published is lost
 * @returns the store
 */
export function createDatabasePublicationStore(db: Kysely<Database>, legacy?: PublicationStore): PublicationStore {
  const cache = new Map<string, { stamp: string; value: StoredPublication }>();

  const stored = (roundId: string, manifest: PublicationManifest, tables: Readonly<Record<string, PublishedTable>>): StoredPublication => ({
    manifest,
    tables,
    file: async (name) => {
      if (publicationFileType(name) === undefined || !manifest.files.includes(name)) return undefined;
      const row = await db
        .selectFrom('publication_files')
        .select('content_base64')
        .where('round_id', '=', roundId)
        .where('name', '=', name)
        .executeTakeFirst();
      return row ? Buffer.from(row.content_base64, 'base64') : undefined;
    },
  });

  const write = async (roundId: string, manifest: PublicationManifest, tables: Readonly<Record<string, PublishedTable>>, files: ReadonlyMap<string, Buffer>): Promise<void> => {
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('publication_files').where('round_id', '=', roundId).execute();
      const row = { published_at: manifest.publishedAt, published_by: manifest.publishedBy, manifest: JSON.stringify(manifest), table_json: JSON.stringify({ tables }) };
      await trx
        .insertInto('publications')
        .values({ round_id: roundId, ...row })
        .onConflict((oc) => oc.column('round_id').doUpdateSet(row))
        .execute();
      for (const [name, content] of files) {
        await trx.insertInto('publication_files').values({ round_id: roundId, name, content_base64: content.toString('base64') }).execute();
      }
    });
    cache.delete(roundId);
  };

  const store: PublicationStore = {
    async save(publication, meta) {
      const names = Object.keys(publication.files).filter((n) => publicationFileType(n) !== undefined);
      const manifest: PublicationManifest = { roundId: publication.roundId, generatedAt: publication.generatedAt, ...meta, files: names };
      const files = new Map(names.map((n) => [n, Buffer.from(publication.files[n]!)] as const));
      await write(publication.roundId, manifest, publication.tables, files);
      return manifest;
    },
    async load(roundId) {
      const row = await db.selectFrom('publications').select(['manifest', 'published_at']).where('round_id', '=', roundId).executeTakeFirst();
      if (!row) return legacy ? moveIn(roundId) : undefined;
      const hit = cache.get(roundId);
      if (hit && hit.stamp === row.published_at) return hit.value;
      const tableRow = await db.selectFrom('publications').select('table_json').where('round_id', '=', roundId).executeTakeFirst();
      if (!tableRow) return undefined;
      const value = stored(roundId, JSON.parse(row.manifest) as PublicationManifest, storedTables(tableRow.table_json));
      cache.set(roundId, { stamp: row.published_at, value });
      return value;
    },
  };

  const moveIn = async (roundId: string): Promise<StoredPublication | undefined> => {
    const old = await legacy!.load(roundId);
    if (!old) return undefined;
    const files = new Map<string, Buffer>();
    for (const name of old.manifest.files) {
      const content = await old.file(name);
      if (content) files.set(name, content);
    }
    try {
      await write(roundId, { ...old.manifest, files: [...files.keys()] }, old.tables, files);
    } catch {
      // Another instance moved it in at the same moment, or the round is unknown to this
      // database: serve the folder's copy this time.
      return old;
    }
    return store.load(roundId);
  };

  return store;
}
