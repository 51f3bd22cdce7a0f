// A JSON Schema `pattern` said in words: each pattern of the published schemas carries `patternErrorMessage` (the
// keyword editors show) with the rule and an example, and every reader that turns Ajv's errors into messages says
// that, so no message quotes a regular expression.
import type { Ajv, ErrorObject } from 'ajv';

const PATTERN_IN_WORDS = 'patternErrorMessage';

/** Lets a strict Ajv compile schemas that carry the words. */
export function allowPatternWords(ajv: Ajv): Ajv {
  return ajv.addKeyword({ keyword: PATTERN_IN_WORDS, schemaType: 'string' });
}

/** A pattern error's rule as the schema words it (Ajv must be `verbose`, which gives an error its parent schema);
 * a pattern no schema words yet is quoted rather than lost. */
export function patternInWords(error: ErrorObject): string {
  const words = (error.parentSchema as Record<string, unknown> | undefined)?.[PATTERN_IN_WORDS];
  return typeof words === 'string' ? words : (error.message ?? 'is invalid');
}
