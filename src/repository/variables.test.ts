import { describe, expect, it } from 'vitest';
import { fillPlain, fillVariables, malformedPlaceholders } from './variables.js';

describe('fillVariables', () => {
  const source = 'permit(principal, action, resource == AgentCore::Gateway::"{{gw}}") // {{gw}} in a comment\nwhen { "x" == "{{ other }}" };';

  it('fills placeholders only inside string literals and maps offsets back', () => {
    const filled = fillVariables(source, { gw: 'arn:aws:gateway/a', other: 'B' });
    expect(filled.text).toBe(source.replace('"{{gw}}"', '"arn:aws:gateway/a"').replace('{{ other }}', 'B'));
    expect(filled.unknown).toEqual([]);
    const whenInFilled = filled.text.indexOf('when');
    expect(filled.toSource(whenInFilled)).toBe(source.indexOf('when'));
    expect(filled.toSource(filled.text.indexOf('arn:aws'))).toBe(source.indexOf('{{gw}}'));
  });

  it('reports unknown variables with their offset', () => {
    const filled = fillVariables(source, { gw: 'x' });
    expect(filled.unknown).toEqual([{ name: 'other', offset: source.indexOf('{{ other }}') }]);
  });

  it('escapes values so they cannot end the string literal', () => {
    const filled = fillVariables('permit(principal, action, resource) when { context.input.a == "{{v}}" };', {
      v: '" || true || "',
    });
    expect(filled.text).toContain('"\\" || true || \\""');
  });
});

describe('fillPlain', () => {
  it('fills whole values and lists unknown names', () => {
    expect(fillPlain('{{gw}}', { gw: 'arn' })).toEqual({ text: 'arn', unknown: [] });
    expect(fillPlain('{{nope}}', {})).toEqual({ text: '{{nope}}', unknown: ['nope'] });
  });
});

describe('malformedPlaceholders', () => {
  it.each([
    ['{{gw}}', []],
    ['{{ gw }} and {{other_1}}', []],
    ['{{gw}', [0]],
    ['a {{gw-1}} b', [2]],
    ['{{gw}} then {{', [12]],
    ['no braces', []],
  ] as const)('%s', (text, offsets) => {
    expect(malformedPlaceholders(text)).toEqual(offsets);
  });
});
