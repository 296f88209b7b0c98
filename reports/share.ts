/** A count out of a whole and the share it makes in per cent (null when the whole is empty). */
export interface Andel {
  readonly antal: number;
  readonly ialt: number;
  readonly andel: number | null;
}

/**
 * Builds a share in per cent.
 * @param antal the part
 * @param ialt the whole
 * @returns the part, the whole and `100 * antal / ialt`, or null for an empty whole
 */
export function share(antal: number, ialt: number): Andel {
  return { antal, ialt, andel: ialt > 0 ? (100 * antal) / ialt : null };
}
