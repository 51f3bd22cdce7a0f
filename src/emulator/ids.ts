// Identifiers and ARNs in the service's formats: `{name}-{10 chars}` ids, engine/policy/generation/gateway ARNs.
// Target ids are a guess: the model gives no pattern, and the console shows 10 upper-case letters and digits.
import { randomInt } from 'node:crypto';
import type { Scope } from '../arn.js';

const LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export type Pick = (n: number) => number;
const cryptoPick: Pick = (n) => randomInt(n);

function suffix(alphabet: string, pick: Pick): string {
  let out = '';
  for (let i = 0; i < 10; i++) out += alphabet[pick(alphabet.length)];
  return out;
}

/** Engine, policy and generation ids: `[A-Za-z][A-Za-z0-9_]*-[a-z0-9_]{10}`. */
export function newResourceId(name: string, pick: Pick = cryptoPick): string {
  return `${name}-${suffix(LOWER, pick)}`;
}

/** Gateway ids: `([0-9a-z][-]?){1,100}-[0-9a-z]{10}`, from the gateway name lower-cased. */
export function newGatewayId(name: string, pick: Pick = cryptoPick): string {
  return `${name.toLowerCase()}-${suffix(LOWER, pick)}`;
}

export function newTargetId(pick: Pick = cryptoPick): string {
  return suffix(UPPER, pick);
}

/** A target id that stays the same for the same gateway and target name, so seeding is repeatable. */
export function stableTargetId(gatewayId: string, targetName: string): string {
  let hash = 2166136261;
  const text = `${gatewayId}/${targetName}`;
  const digits: number[] = [];
  for (let round = 0; round < 10; round++) {
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619) >>> 0;
    hash = Math.imul(hash ^ round, 16777619) >>> 0;
    digits.push(hash % UPPER.length);
  }
  return digits.map((d) => UPPER[d]).join('');
}

const prefix = (scope: Scope) => `arn:aws:bedrock-agentcore:${scope.region}:${scope.accountId}`;

export const engineArn = (scope: Scope, engineId: string) => `${prefix(scope)}:policy-engine/${engineId}`;
export const policyArn = (scope: Scope, engineId: string, policyId: string) => `${engineArn(scope, engineId)}/policy/${policyId}`;
export const generationArn = (scope: Scope, engineId: string, generationId: string) =>
  `${engineArn(scope, engineId)}/policy-generation/${generationId}`;
export const gatewayArn = (scope: Scope, gatewayId: string) => `${prefix(scope)}:gateway/${gatewayId}`;
