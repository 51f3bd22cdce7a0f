import { describe, expect, it } from 'vitest';
import { GUIDE_GATEWAYS } from '../../../test/emulator/guide-gateways.js';
import { assetFindings } from './findings.js';
import { translate } from './translate.js';

const { refund } = GUIDE_GATEWAYS;
const findingsOf = (text: string) => translate(text, refund).map((draft) => assetFindings(draft, [refund]));

describe('assetFindings', () => {
  it('VALID for a statement that validates, with the translator remarks', () => {
    expect(findingsOf('Allow refunds under $500')).toEqual([[{ type: 'VALID', description: 'The policy is valid against the gateway schema.' }]]);
    expect(findingsOf('Allow users to ship rockets')[0]).toEqual([
      { type: 'VALID', description: expect.stringMatching(/valid against the gateway schema\. "ship rockets" names no tool of the gateway/) },
    ]);
  });

  it('INVALID when strict validation fails: a numeric test of a string field, a field not every tool has', () => {
    expect(findingsOf('Allow refunds when the order id is less than 500')).toEqual([
      [{ type: 'INVALID', description: expect.stringContaining('The policy fails validation against the gateway schema:') }],
    ]);
    // Judged against the schema of every gateway attached to the engine, as CreatePolicy does.
    const { payment, shipping } = GUIDE_GATEWAYS;
    const everyTool = translate('Block everything when the amount exceeds 5', refund)[0]!;
    expect(assetFindings(everyTool, [refund, payment])).toEqual([{ type: 'VALID', description: expect.any(String) }]);
    expect(assetFindings(everyTool, [refund, shipping])).toEqual([{ type: 'INVALID', description: expect.stringContaining('amount') }]);
  });

  it('ALLOW_ALL and DENY_ALL for rules about everyone and everything', () => {
    expect(findingsOf('Allow everything')).toEqual([[{ type: 'ALLOW_ALL', description: expect.stringMatching(/permits every principal/) }]]);
    expect(findingsOf('Block all users from all tools')).toEqual([[{ type: 'DENY_ALL', description: expect.stringMatching(/forbids every principal/) }]]);
  });

  it('NOT_TRANSLATABLE with the reason, for text outside the subset', () => {
    expect(findingsOf('Allow refunds when the amount is reasonable')).toEqual([
      [{ type: 'NOT_TRANSLATABLE', description: expect.stringMatching(/^The local engine cannot translate this text: "reasonable" is vague/) }],
    ]);
  });
});
