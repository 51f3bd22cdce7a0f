import { describe, expect, it } from 'vitest';
import {
  MAX_DESCRIPTION,
  decodeDescription,
  encodeDescription,
  markerLine,
  sourceHash,
  statementHash,
  type ManagedMarker,
} from './ownership.js';

const marker: ManagedMarker = {
  version: '1.2.0',
  group: 'business_rules',
  validationMode: 'FAIL_ON_ANY_FINDINGS',
  statementHash: statementHash('permit (principal, action, resource);'),
};

describe('statementHash', () => {
  it('is 16 hex digits and changes with the statement', () => {
    expect(statementHash('a')).toMatch(/^[0-9a-f]{16}$/);
    expect(statementHash('a')).toBe(statementHash('a'));
    expect(statementHash('a')).not.toBe(statementHash('b'));
  });
});

describe('sourceHash', () => {
  it('changes with any edit of the file, not with its line endings', () => {
    const text = 'permit (\n  principal,\n  action,\n  resource == AgentCore::Gateway::"{{gateway}}"\n);\n';
    expect(sourceHash(text)).toMatch(/^[0-9a-f]{16}$/);
    expect(sourceHash(text.replace(/\n/g, '\r\n'))).toBe(sourceHash(text));
    expect(sourceHash(text.replace('  action', ' action'))).not.toBe(sourceHash(text));
  });
});

describe('the source hash in the marker', () => {
  const recorded: ManagedMarker = { ...marker, sourceHash: sourceHash('permit (principal, action, resource);') };

  it('is written after the statement hash and read back', () => {
    expect(markerLine(recorded)).toBe(`${markerLine(marker).slice(0, -1)} source=${recorded.sourceHash}]`);
    expect(decodeDescription(encodeDescription('words', recorded))).toEqual({ human: 'words', marker: recorded });
  });

  it('may be absent: a marker written before it still parses, without one', () => {
    const decoded = decodeDescription(`words\n\n${markerLine(marker)}`);
    expect(decoded).toEqual({ human: 'words', marker });
    expect(decoded.marker).not.toHaveProperty('sourceHash');
  });

  it('is read strictly', () => {
    for (const broken of [` source=${recorded.sourceHash!.slice(1)}]`, ` source=${recorded.sourceHash!.toUpperCase()}]`, ` source= ${recorded.sourceHash}]`]) {
      const line = `${markerLine(marker).slice(0, -1)}${broken}`;
      expect(decodeDescription(`words\n\n${line}`), line).toMatchObject({ ignored: expect.stringContaining('does not parse') });
    }
  });
});

describe('encodeDescription / decodeDescription', () => {
  it('round-trips the human description and the marker', () => {
    const encoded = encodeDescription('Allow refunds under $500\nsecond line', marker);
    expect(encoded).toBe(`Allow refunds under $500\nsecond line\n\n${markerLine(marker)}`);
    expect(decodeDescription(encoded)).toEqual({ human: 'Allow refunds under $500\nsecond line', marker });
  });

  it('stores only the marker when there is no human description', () => {
    expect(encodeDescription('', marker)).toBe(markerLine(marker));
    expect(decodeDescription(markerLine(marker))).toEqual({ human: '', marker });
  });

  it('fits the limit by cutting the human description with an ellipsis', () => {
    const encoded = encodeDescription('x'.repeat(5000), marker);
    expect(encoded).toHaveLength(MAX_DESCRIPTION);
    const decoded = decodeDescription(encoded);
    expect(decoded.marker).toEqual(marker);
    expect(decoded.human.endsWith('x…')).toBe(true);
  });

  it('never cuts a surrogate pair in half', () => {
    const budget = MAX_DESCRIPTION - markerLine(marker).length - 2;
    // Put an emoji across the cut point.
    const human = 'a'.repeat(budget - 2) + '😀' + 'b'.repeat(100);
    const decoded = decodeDescription(encodeDescription(human, marker));
    expect(decoded.human).toBe('a'.repeat(budget - 2) + '…');
  });

  it('treats a description without a marker as unmanaged, silently', () => {
    expect(decodeDescription('Hand-made in the console')).toEqual({ human: 'Hand-made in the console' });
    expect(decodeDescription(undefined)).toEqual({ human: '' });
  });

  it('ignores look-alikes and says why', () => {
    const line = markerLine(marker);
    const cases: [string, string][] = [
      [`text\n${line}`, 'not separated'],
      [`text\n\n${line.replace('1.2.0', 'v1.2')}`, 'does not parse'],
      [`text\n\n${line.replace('business_rules', 'payments')}`, 'does not parse'],
      [`text\n\n${line.replace('FAIL_ON_ANY_FINDINGS', 'STRICT')}`, 'does not parse'],
      [`text\n\n${line.replace(/sha256=[0-9a-f]+/, 'sha256=XYZ')}`, 'does not parse'],
      [`text\n\n${line} `, 'does not parse'],
      [`${line}\n\ntrailing words`, 'not an exact marker'],
      [`text\n\n[AgentCore-Policy managed version=1.0.0]`, 'not an exact marker'],
    ];
    for (const [description, why] of cases) {
      const decoded = decodeDescription(description);
      expect(decoded.marker, description).toBeUndefined();
      expect(decoded.ignored, description).toContain(why);
      expect(decoded.human).toBe(description);
    }
  });

  it('never throws on garbage', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = ['[', ']', '\n', ' ', '=', 'agentcore-policy', 'managed', 'version=', 'sha256=', '\uD83D', 'a', '0'];
    for (let i = 0; i < 500; i++) {
      const text = Array.from({ length: Math.floor(random() * 30) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      expect(() => decodeDescription(text)).not.toThrow();
    }
    expect(() => decodeDescription(42 as unknown as string)).not.toThrow();
  });
});
