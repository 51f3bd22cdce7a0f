// The schemas are compiled at build time (scripts/schema-validators.mjs); the committed validators must be what the
// published schemas compile to now, so a schema edited without `npm run build` fails here, not in a user's hands.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script, without types.
import { SCHEMAS, validatorFile, validatorsSource } from '../../scripts/schema-validators.mjs';

describe('the compiled schemas', () => {
  it('are what schemas/*.schema.json compile to', async () => {
    const fresh = await (validatorsSource as () => Promise<Record<string, string>>)();
    for (const name of SCHEMAS as string[]) expect(await readFile((validatorFile as (name: string) => string)(name), 'utf8'), name).toBe(fresh[name]);
  });
});
