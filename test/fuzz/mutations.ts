// Text mutations for fuzzing: deletions, insertions of characters that matter to YAML and Cedar, duplicated and
// swapped lines. fast-check shrinks a failing sequence to the smallest that still fails.
import fc from 'fast-check';

const SPICY = ['{{', '}}', '"', "'", ':', '- ', '\n', '\t', '#', '&a', '*a', '[', ']', '{', '}', ';', '(', ')', '\\', 'é', '\u0000', '@', '==', 'permit', 'forbid', 'when', '{{x}}', '<<: *a'];

type Mutation =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'duplicate-line'; line: number }
  | { kind: 'swap-lines'; a: number; b: number };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...SPICY), fc.string({ maxLength: 8 })) }),
  fc.record({ kind: fc.constant('duplicate-line' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('swap-lines' as const), a: fc.nat(), b: fc.nat() }),
);

export const mutations = fc.array(mutation, { minLength: 1, maxLength: 6 });

export function mutate(text: string, steps: Mutation[]): string {
  let out = text;
  for (const step of steps) {
    const at = out.length === 0 ? 0 : 'at' in step ? step.at % (out.length + 1) : 0;
    if (step.kind === 'delete') out = out.slice(0, at) + out.slice(at + step.length);
    else if (step.kind === 'insert') out = out.slice(0, at) + step.text + out.slice(at);
    else {
      const lines = out.split('\n');
      if (step.kind === 'duplicate-line') {
        const i = step.line % lines.length;
        lines.splice(i, 0, lines[i]!);
      } else {
        const a = step.a % lines.length;
        const b = step.b % lines.length;
        [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      }
      out = lines.join('\n');
    }
  }
  return out;
}
