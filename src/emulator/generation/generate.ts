// StartPolicyGeneration's work: find the gateway the request names, require it to be attached to the engine (the
// service generates only for an engine's own gateways, from their tool schemas), translate the text against its
// tools and judge every asset as CreatePolicy would.
import { attachedGateways, gatewayTools } from '../engine-schema.js';
import { parseGatewayArn } from '../../arn.js';
import { newResourceId } from '../ids.js';
import { liveResource } from '../lifecycle.js';
import type { Context } from '../operation.js';
import type { Engine, GenerationAsset } from '../store.js';
import { assetFindings } from './findings.js';
import { translate } from './translate.js';

export type GenerationOutcome = { assets: GenerationAsset[] } | { failure: string[] };

export function generate(ctx: Context, engine: Engine, gatewayArn: string, rawText: string): GenerationOutcome {
  const parsed = parseGatewayArn(gatewayArn);
  if (!parsed) return { failure: [`${gatewayArn} is not a gateway ARN (arn:aws:bedrock-agentcore:<region>:<account>:gateway/<id>).`] };
  const gateway = liveResource(ctx.part.gateways, parsed.gatewayId, ctx.now);
  if (!gateway || gateway.arn !== gatewayArn || gateway.life.kind === 'delete') return { failure: [`Gateway ${gatewayArn} was not found.`] };
  if (gateway.attrs.policyEngineConfiguration?.arn !== engine.arn) {
    return { failure: [`Gateway ${gatewayArn} is not associated with policy engine ${engine.id}: attach the engine to the gateway before generating policies for it.`] };
  }
  const drafts = translate(rawText, gatewayTools(ctx, gateway));
  if (drafts.length === 0) return { failure: ['The text contains no policy rule to translate.'] };
  const schema = attachedGateways(ctx, engine);
  const assets = drafts.map(
    (draft, index): GenerationAsset => ({
      seq: index + 1,
      policyGenerationAssetId: newResourceId('asset'),
      rawTextFragment: draft.rawTextFragment,
      findings: assetFindings(draft, schema),
      ...('statement' in draft ? { definition: { cedar: { statement: draft.statement } } } : {}),
    }),
  );
  return { assets };
}
