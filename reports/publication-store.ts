import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PublishedTable } from './build-table.ts';
import { publicationFileType, type Publication } from './build-publication.ts';

/** What is known about a stored publication. */
export interface PublicationManifest {
  readonly roundId: string;
  readonly generatedAt: string;
  readonly publishedAt: string;
  readonly publishedBy: string | null;
  /** The round's content hash when published, so a later change of files is visible. */
  readonly roundHash: string;
  readonly files: readonly string[];
}

/** A stored publication, read back. */
export interface StoredPublication {
  readonly manifest: PublicationManifest;
  /** The tables by document name; empty for a publication made before documents were declared in the round. */
  readonly tables: Readonly<Record<string, PublishedTable>>;
  file(name: string): Promise<Buffer | undefined>;
}

/**
 * The stored tables of a publication: `{ tables }` as written now, or a single table written by an
 * earlier version, whose rows the declared documents cannot show (its files are still served).
 * @param json the stored JSON
 * @returns the tables by document name
 */
export function storedTables(json: string): Readonly<Record<string, PublishedTable>> {
  const parsed = JSON.parse(json) as { tables?: Record<string, PublishedTable> };
  return parsed && typeof parsed === 'object' && parsed.tables && typeof parsed.tables === 'object' ? parsed.tables : {};
}

/** Where publications are kept; public pages read only from here. */
export interface PublicationStore {
  save(publication: Publication, meta: { publishedAt: string; publishedBy: string | null; roundHash: string }): Promise<PublicationManifest>;
  load(roundId: string): Promise<StoredPublication | undefined>;
}

const SAFE_ID = /^[A-Za-z0-9_-]{1,40}$/;

/**
 * Keeps publications as files under one folder, one subfolder per round, replaced whole: the new
 * files are written beside the old and swapped in by renaming, so a reader never sees half of one.
 * Rounds are named by id only after checking it, so a request cannot name a path outside the folder.
 * @param dir e.g. `data/offentlig`
 * @returns the store
 */
export function createFilePublicationStore(dir: string): PublicationStore {
  const cache = new Map<string, { stamp: string; value: StoredPublication }>();
  const folder = (roundId: string) => path.join(dir, roundId);
  return {
    async save(publication, meta) {
      if (!SAFE_ID.test(publication.roundId)) throw new RangeError(`unsafe round id: ${publication.roundId}`);
      await mkdir(dir, { recursive: true });
      const target = folder(publication.roundId);
      const next = `${target}.ny-${process.pid}-${Date.now()}`;
      await mkdir(next, { recursive: true });
      const names = Object.keys(publication.files).filter((n) => publicationFileType(n) !== undefined);
      for (const name of names) await writeFile(path.join(next, name), publication.files[name]!);
      await writeFile(path.join(next, 'table.json'), JSON.stringify({ tables: publication.tables }));
      const manifest: PublicationManifest = { roundId: publication.roundId, generatedAt: publication.generatedAt, ...meta, files: names };
      await writeFile(path.join(next, 'manifest.json'), JSON.stringify(manifest, null, 1));
      const old = `${target}.gammel-${process.pid}-${Date.now()}`;
      await rename(target, old).catch(() => undefined);
      await rename(next, target);
      await rm(old, { recursive: true, force: true });
      cache.delete(publication.roundId);
      return manifest;
    },
    async load(roundId) {
      if (!SAFE_ID.test(roundId)) return undefined;
      let manifestText: string;
      try {
        manifestText = await readFile(path.join(folder(roundId), 'manifest.json'), 'utf8');
      } catch {
        return undefined;
      }
      const manifest = JSON.parse(manifestText) as PublicationManifest;
      const hit = cache.get(roundId);
      if (hit && hit.stamp === manifest.publishedAt) return hit.value;
      const tables = storedTables(await readFile(path.join(folder(roundId), 'table.json'), 'utf8'));
      const value: StoredPublication = {
        manifest,
        tables,
        file: async (name) => {
          if (publicationFileType(name) === undefined || !manifest.files.includes(name)) return undefined;
          return readFile(path.join(folder(roundId), name)).catch(() => undefined);
        },
      };
      cache.set(roundId, { stamp: manifest.publishedAt, value });
      return value;
    },
  };
}
