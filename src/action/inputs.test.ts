import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULTS, InputError, parseInputs } from './inputs.js';

const from = (values: Record<string, string>) => (name: string) => values[name] ?? '';

describe('parseInputs', () => {
  it('reads every input', () => {
    const inputs = parseInputs(
      from({ command: 'apply', engines: 'Prod, Staging\nProd', 'working-directory': 'infra', 'github-token': 'ghs_x', comment: 'false', 'deny-warnings': 'True' }),
    );
    expect(inputs).toEqual({ command: 'apply', engines: ['Prod', 'Staging'], workingDirectory: 'infra', githubToken: 'ghs_x', comment: false, denyWarnings: true });
  });

  it('gives unset inputs the defaults of action.yml', () => {
    const action = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as { inputs: Record<string, { default?: string }> };
    for (const [name, value] of Object.entries(DEFAULTS)) expect(action.inputs[name]?.default, name).toBe(value);
    expect(parseInputs(from({}))).toEqual({ command: 'plan', engines: [], workingDirectory: '.', comment: true, denyWarnings: false });
  });

  it('refuses an unknown command or a boolean that is not one', () => {
    expect(() => parseInputs(from({ command: 'destroy' }))).toThrow(new InputError('input command must be one of plan, apply, validate, test (got "destroy")'));
    expect(() => parseInputs(from({ comment: 'yes' }))).toThrow('input comment must be true or false (got "yes")');
  });
});
