import { sha256Hex } from './ids.ts';

/**
 * Hashes one audit checkpoint together with the previous checkpoint's hash, so a checkpoint can be
 * neither changed, dropped nor moved without breaking every later one.
 * @param prevHash the previous checkpoint's hash (GENESIS_HASH for the first)
 * @param c the checkpoint: its number, time and the sealed tips as stored (JSON text)
 * @returns hex SHA-256
 */
export function checkpointHash(prevHash: string, c: { readonly seq: number; readonly at: string; readonly heads: string }): string {
  return sha256Hex(JSON.stringify([prevHash, c.seq, c.at, c.heads]));
}
