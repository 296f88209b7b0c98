/**
 * Whether two sets of answers are the same as the server stores them: as JSON text, in the order
 * they were typed (the server keeps the text it was sent, so the same answers give the same text).
 * @param a answers
 * @param b answers
 * @returns true when they are the same
 */
export function sameAnswers(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
