import { describe, expect, it } from 'vitest';
import { parts, splitRules, stem, words } from './text.js';

describe('splitRules', () => {
  it('splits sentences and lines, keeps decimals and drops empty pieces', () => {
    expect(splitRules('Allow refunds under $10.50. Block everything!\n\nDeny transfers; ok?  ')).toEqual([
      'Allow refunds under $10.50.',
      'Block everything!',
      'Deny transfers;',
      'ok?',
    ]);
    expect(splitRules(' . \n ')).toEqual([]);
  });
});

describe('words', () => {
  it('separates commas, strips quotes and the closing punctuation, keeps spelling', () => {
    expect(words('Allow role "manager" when the country is US, CA, or UK.').map((w) => w.text)).toEqual([
      'Allow', 'role', 'manager', 'when', 'the', 'country', 'is', 'US', ',', 'CA', ',', 'or', 'UK',
    ]);
    expect(words('amounts over $10,000').map((w) => w.lower)).toEqual(['amounts', 'over', '$10,000']);
  });
});

describe('stem', () => {
  it('makes inflections of a word agree', () => {
    const pairs = [['shipping', 'ship'], ['filing', 'file'], ['countries', 'country'], ['processing', 'process'], ['provided', 'provide'], ['refunds', 'refund'], ['packages', 'package'], ['verified', 'verify']];
    for (const [a, b] of pairs) expect(stem(a!), `${a} ~ ${b}`).toBe(stem(b!));
  });
  it('keeps different words apart', () => {
    expect(stem('amount')).not.toBe(stem('account'));
    expect(stem('status')).toBe('status');
  });
});

describe('parts', () => {
  it('splits identifiers and descriptions into lower-case words', () => {
    expect(parts('accountVerified')).toEqual(['account', 'verified']);
    expect(parts('RefundTarget___process_refund')).toEqual(['refund', 'target', 'process', 'refund']);
    expect(parts('Destination country code, e.g. US')).toEqual(['destination', 'country', 'code', 'e', 'g', 'us']);
    expect(parts('HTTPServerURL')).toEqual(['http', 'server', 'url']);
  });
});
