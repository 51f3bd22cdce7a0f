import { describe, expect, it } from 'vitest';
import { bestMatch } from './match.js';
import { contentWords } from './text.js';

const candidates = [
  { item: 'region', name: 'region', context: 'Destination country code, e.g. US' },
  { item: 'weight', name: 'weight', context: 'Package weight in grams' },
  { item: 'originCountry', name: 'originCountry', context: 'Where the package leaves from' },
];

describe('bestMatch', () => {
  it('prefers words of the name over words of the description', () => {
    expect(bestMatch(contentWords('the destination country'), candidates)).toMatchObject({ kind: 'one', item: 'region', unmatched: [] });
    expect(bestMatch(contentWords('the country'), candidates)).toMatchObject({ kind: 'one', item: 'originCountry' });
  });
  it('reports words nothing explained', () => {
    expect(bestMatch(contentWords('the package size'), candidates)).toMatchObject({ kind: 'tie' });
    expect(bestMatch(contentWords('the gross weight'), candidates)).toMatchObject({ kind: 'one', item: 'weight', unmatched: [{ text: 'gross' }] });
  });
  it('finds nothing when no word matches', () => {
    expect(bestMatch(contentWords('the colour'), candidates)).toEqual({ kind: 'none' });
  });
});
