import { describe, expect, it } from 'vitest';
import { isOwnLateSave, pendingFits } from '../../renderer/index.ts';

const typed = { kontakt: { navn: 'Kontakt Person', email: 'kontakt@frederiksberg.dk' } };
const half = { kontakt: { navn: 'Kontakt Person' } };
const theirs = { kontakt: { navn: 'Kontakt Person', telefon: '38 21 21 21' } };

describe('answers kept in the browser across a reload', () => {
  it('are restored on the version they were written on', () => {
    expect(pendingFits({ base: 3, answers: typed }, 3, half)).toBe(true);
    expect(pendingFits({ base: 0, answers: typed }, 0, undefined)).toBe(true);
  });

  it('are restored on a page older than the version the tab saw confirmed (the page was made while our leaving save landed)', () => {
    expect(pendingFits({ base: 4, answers: typed }, 3, half)).toBe(true);
    expect(pendingFits({ base: 4, answers: typed, sending: typed }, 2, theirs)).toBe(true);
  });

  it('are restored one version on only when the server holds exactly what our unanswered save carried', () => {
    expect(pendingFits({ base: 3, answers: typed, sending: half }, 4, half)).toBe(true);
    expect(pendingFits({ base: 3, answers: typed, sending: half }, 4, theirs)).toBe(false);
    expect(pendingFits({ base: 3, answers: typed }, 4, half)).toBe(false);
    expect(pendingFits({ base: 3, answers: typed, sending: half }, 5, half)).toBe(false);
  });
});

describe('answers compared as one save', () => {
  // As the form page compares them: with what follows from the typed values worked out again.
  const byName = (a: unknown, b: unknown) => (a as typeof half).kontakt.navn === (b as typeof half).kontakt.navn;

  it('count a save whose derived values were sent before they were worked out as ours', () => {
    expect(isOwnLateSave({ version: 4, answers: theirs }, 3, half, byName)).toBe(true);
    expect(pendingFits({ base: 3, answers: typed, sending: half }, 4, theirs, byName)).toBe(true);
    expect(isOwnLateSave({ version: 4, answers: { kontakt: { navn: 'En anden' } } }, 3, half, byName)).toBe(false);
  });
});

describe('a conflict with a late save of our own', () => {
  it('is ours when the server holds what that save carried, one version on', () => {
    expect(isOwnLateSave({ version: 4, answers: half }, 3, half)).toBe(true);
    expect(isOwnLateSave({ version: 1, answers: half }, null, half)).toBe(true);
  });

  it('is someone else\'s otherwise', () => {
    expect(isOwnLateSave({ version: 4, answers: theirs }, 3, half)).toBe(false);
    expect(isOwnLateSave({ version: 5, answers: half }, 3, half)).toBe(false);
    expect(isOwnLateSave({ version: 4, answers: half }, 3, undefined)).toBe(false);
    expect(isOwnLateSave(null, 3, half)).toBe(false);
  });
});
