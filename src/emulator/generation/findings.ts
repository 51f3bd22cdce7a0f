// The findings of a generated asset, judged as CreatePolicy would judge its statement (policy-check.ts): INVALID
// when it does not parse or fails strict validation against the engine's attached gateways, ALLOW_ALL / DENY_ALL
// when it permits or forbids everything, VALID otherwise; NOT_TRANSLATABLE when there is no statement at all.
// The translator's own remarks (a loose tool match) ride on the first finding's description.
import { refuseStatement, schemaErrors, sweepingFinding } from '../policy-check.js';
import type { SchemaGateway } from '../../cedar/schema.js';
import type { Draft } from './translate.js';

export type FindingType = 'VALID' | 'INVALID' | 'NOT_TRANSLATABLE' | 'ALLOW_ALL' | 'DENY_ALL';

export interface Finding {
  type: FindingType;
  description: string;
}

export function assetFindings(draft: Draft, gateways: SchemaGateway[]): Finding[] {
  if ('untranslatable' in draft) return [{ type: 'NOT_TRANSLATABLE', description: `The local engine cannot translate this text: ${draft.untranslatable}` }];
  const findings: Finding[] = [];
  const refused = refuseStatement(draft.statement);
  const errors = refused ? [refused.message] : schemaErrors(draft.statement, gateways);
  if (errors.length > 0) findings.push({ type: 'INVALID', description: `The policy fails validation against the gateway schema: ${errors.join('; ')}` });
  const sweeping = sweepingFinding(draft.statement);
  if (sweeping) findings.push({ type: sweeping.type, description: sweeping.message });
  if (findings.length === 0) findings.push({ type: 'VALID', description: 'The policy is valid against the gateway schema.' });
  if (draft.notes.length > 0) findings[0] = { ...findings[0]!, description: `${findings[0]!.description} ${draft.notes.join(' ')}` };
  return findings;
}
