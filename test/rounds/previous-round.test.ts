import { describe, expect, it } from 'vitest';
import { createRegistry, type Round } from '../../engine/index.ts';
import { previousOf } from '../../server/rounds/round-view.ts';

/** Only what `previous` reads: the id and round.json. */
const round = (id: string, settings: Record<string, unknown> = {}): Round => ({ id, settings: { id, ...settings } }) as unknown as Round;

describe('the previous round is the one round.json names', () => {
  const registry = createRegistry([round('2024'), round('2025', { forrigeRunde: '2024' }), round('2025-trivsel'), round('2026-trivsel', { forrigeRunde: '2025-trivsel' }), round('2027', { forrigeRunde: '2019' })]);

  it('follows forrigeRunde, not the order of the ids', () => {
    expect(registry.previous('2025')?.id).toBe('2024');
    // 2025 sorts just before it, but is a round of another kind.
    expect(registry.previous('2026-trivsel')?.id).toBe('2025-trivsel');
  });

  it('has none when round.json names none, or names a round not served', () => {
    // 2024 sorts just before it; a round that names no previous round has none.
    expect(registry.previous('2025-trivsel')).toBeUndefined();
    expect(registry.previous('2024')).toBeUndefined();
    expect(registry.previous('2027')).toBeUndefined();
    expect(registry.previous('2099')).toBeUndefined();
  });

  it('decides a draft the admin pages show the same way', () => {
    expect(previousOf({ registry }, '2028', { forrigeRunde: '2025' })?.id).toBe('2025');
    expect(previousOf({ registry }, '2028', {})).toBeUndefined();
    expect(previousOf({ registry }, '2028', { forrigeRunde: '2028' })).toBeUndefined();
    expect(previousOf({ registry }, '2026-trivsel', {})?.id).toBe('2025-trivsel');
  });
});
