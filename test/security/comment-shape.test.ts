import { describe, expect, it } from 'vitest';
import { commentProblems, decodeEntities } from './comment-shape.js';

const GOOD = [
  '<!-- agentcore-policy:plan -->',
  '## agentcore-policy plan',
  '| Engine | Create |',
  '|---|--:|',
  '| Main&#95;engine | 1 |',
  '<details><summary><code>[+]</code> policy A &#64;&#8205;octocat &#35;&#8205;12 a@b.example</summary>',
  '',
  '````diff',
  '+ // ``` @octocat #12 </details> <img src=x>',
  '````',
  '',
  '</details>',
].join('\n');

describe('commentProblems', () => {
  it('finds nothing wrong with a well-formed comment, whatever its fences quote', () => {
    expect(commentProblems(GOOD)).toEqual([]);
  });

  it.each([
    ['an unclosed fence', GOOD.replace(/\n````\n\n<\/details>$/, '\n\n</details>'), 'the code fence opened on line 8 is never closed'],
    ['a fence closed early by a line of its own marker', GOOD.replace('````diff', '```diff').replace('+ // ```', '```\n+ //'), 'line 10: raw HTML <img>'],
    ['an extra </details>', `${GOOD}\n</details>`, 'line 13: </details> closes nothing'],
    ['a <details> left open', GOOD.replace(/<\/details>$/, ''), '<details> opened on line 6 is never closed'],
    ['raw HTML', GOOD.replace('policy A', 'policy <img src=x>'), 'line 6: raw HTML <img>'],
    ['a mention', GOOD.replace('&#64;&#8205;', '&#64;'), 'line 6: mentions @octocat'],
    ['an issue reference', GOOD.replace('&#35;&#8205;', '#'), 'line 6: references #12'],
    ['a pipe that splits a cell', GOOD.replace('Main&#95;engine', 'Main|engine'), 'line 5: a table row of 3 cells under a header of 2'],
    ['a bidi override', GOOD.replace('policy A', 'policy \u202eA'), 'line 6: a bidirectional control character'],
    ['a second HTML comment', `${GOOD}\n<!-- x -->`, 'line 13: an HTML comment'],
    ['a long line', `${GOOD}\n${'x'.repeat(10_001)}`, 'line 13: 10001 characters long'],
  ])('finds %s', (_, markdown, problem) => {
    expect(commentProblems(markdown)).toContain(problem);
  });

  it('decodes numeric and named character references', () => {
    expect(decodeEntities('&#64;&#x40;&amp;&lt;&unknown;')).toBe('@@&<&unknown;');
  });
});
