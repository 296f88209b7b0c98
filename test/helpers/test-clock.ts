/** A clock tests move by hand, so deadlines are crossed without waiting. */
export interface TestClock {
  readonly now: () => Date;
  set(iso: string): void;
  advance(ms: number): void;
}

/**
 * Creates a clock standing at the given instant.
 * @param iso the start, e.g. `2024-05-01T10:00:00Z`
 * @returns the clock; pass `clock.now` as a dependency
 */
export function createTestClock(iso: string): TestClock {
  let t = Date.parse(iso);
  return {
    now: () => new Date(t),
    set(v: string) {
      t = Date.parse(v);
    },
    advance(ms: number) {
      t += ms;
    },
  };
}
