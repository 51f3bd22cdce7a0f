import { describe, expect, it } from 'vitest';
import { escapeLiteralBraces, fillPlain, fillVariables, malformedPlaceholders, noSuchVariable, variableValue } from './variables.js';

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

describe('variable names that are Object.prototype members', () => {
  const policy = (name: string) => `permit(principal, action, resource == AgentCore::Gateway::"{{${name}}}");`;
  const PROTOTYPE_NAMES = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', 'isPrototypeOf', '__defineGetter__'];

  it.each(PROTOTYPE_NAMES)('{{%s}} is an unknown variable, in a policy and in a plain value', (name) => {
    const filled = fillVariables(policy(name), { gw: 'arn' });
    expect(filled.unknown).toEqual([{ name, offset: policy(name).indexOf('{{') }]);
    expect(filled.text).toBe(policy(name));
    expect(fillPlain(`{{${name}}}`, { gw: 'arn' })).toEqual({ text: `{{${name}}}`, unknown: [name] });
    expect(variableValue({}, name)).toBeUndefined();
  });

  it.each(PROTOTYPE_NAMES)('{{%s}} is filled when the engine defines it', (name) => {
    const variables = JSON.parse(`{${JSON.stringify(name)}: "arn:x"}`) as Record<string, string>;
    expect(fillVariables(policy(name), variables).text).toBe(policy(name).replace(`{{${name}}}`, 'arn:x'));
    expect(fillPlain(`{{${name}}}`, variables)).toEqual({ text: 'arn:x', unknown: [] });
  });

  it('suggests the closest variable of the engine', () => {
    const engine = { file: 'engines/a.yaml', variables: { refund_gateway: 'x', payment_gateway: 'y' } };
    expect(noSuchVariable('refund_gatway', engine)).toBe('engines/a.yaml has no variable "refund_gatway"; did you mean "refund_gateway"?');
    expect(noSuchVariable('constructor', engine)).toBe('engines/a.yaml has no variable "constructor"');
  });
});

describe('values inside a like pattern', () => {
  const like = (pattern: string) => `permit(principal, action, resource) when { context.input.note like ${pattern} };`;

  it.each([
    ['a star', 'a*b', 'a\\*b'],
    ['only stars', '**', '\\*\\*'],
    ['a star beside a quote and a backslash', '*"\\', '\\*\\"\\\\'],
    ['no star', 'plain', 'plain'],
  ])('%s stays literal: a value cannot add a wildcard', (_, value, written) => {
    expect(fillVariables(like('"{{v}}*"'), { v: value }).text).toBe(like(`"${written}*"`));
  });

  it('escapes only in the pattern, not in other literals of the policy', () => {
    const source = `${like('"{{v}}"').slice(0, -3)} && context.input.other == "{{v}}" };`;
    expect(fillVariables(source, { v: 'a*' }).text).toContain('like "a\\*" && context.input.other == "a*"');
  });

  it('a pattern after a comment line is still a pattern', () => {
    const source = 'permit(principal, action, resource) when { context.input.note like // a note\n "{{v}}" };';
    expect(fillVariables(source, { v: '*' }).text).toContain('"\\*"');
  });
});

describe('a literal {{ written \\u{7b}{', () => {
  it.each([
    ['\\u{7b}{x}}', '{{x}}'],
    ['\\u{7B}{x}}', '{{x}}'],
    ['\\u{007b}{x}}', '{{x}}'],
    ['\\u{7b}\\u{7b}{x}}}', '{{{x}}}'],
    ['a \\u{7b}{ b', 'a {{ b'],
  ])('"%s" is the text %s, never a variable', (written, meant) => {
    const source = `permit(principal, action, resource) when { context.input.note == "${written}" };`;
    const filled = fillVariables(source, { x: 'FILLED' });
    expect(filled.unknown).toEqual([]);
    expect(filled.text).toBe(source.replace(written, meant));
    expect(malformedPlaceholders(written)).toEqual([]);
    const after = filled.text.indexOf('" }');
    expect(filled.toSource(after)).toBe(source.indexOf('" }'));
  });

  it('leaves an escaped backslash followed by u{7b} alone', () => {
    const source = 'permit(principal, action, resource) when { context.input.note == "\\\\u{7b}" };';
    expect(fillVariables(source, {}).text).toBe(source);
  });

  it('is decoded beside a filled variable, mapping offsets across both', () => {
    const source = 'permit(principal, action, resource) when { context.input.note == "\\u{7b}{{{v}}" && true };';
    const filled = fillVariables(source, { v: 'ab' });
    expect(filled.text).toContain('== "{{ab" && true');
    expect(filled.toSource(filled.text.indexOf('&&'))).toBe(source.indexOf('&&'));
  });

  it('escapeLiteralBraces writes every {{ so', () => {
    expect(escapeLiteralBraces('"{{x}} {{{y}}} {z}"')).toBe('"\\u{7b}{x}} \\u{7b}\\u{7b}{y}}} {z}"');
  });
});
