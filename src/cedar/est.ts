// A policy statement in Cedar's JSON form (the EST), for analyses that read a policy's structure rather than its
// text: comments, formatting and redundant parentheses are gone, so equal statements give equal JSON.
import * as cedar from './wasm.js';
import { safely } from './issues.js';

export type Est = cedar.PolicyJson;
export type EstExpr = cedar.Expr;
export type EstPattern = cedar.PatternElem[];
export type EstEntity = cedar.EntityUidJson;
export type EstValue = cedar.CedarValueJson;

export type EstResult = { ok: true; est: Est } | { ok: false; message: string };

/** One static policy (not a template, not several) to its EST. */
export function policyToEst(text: string): EstResult {
  const answer = safely(() => cedar.policyToJson(text));
  if (answer.type === 'failure') return { ok: false, message: answer.errors.map((e) => e.message).join('; ') };
  return { ok: true, est: answer.json };
}

/** `{type, id}` of an entity reference, whichever of its two JSON spellings the EST uses. */
export function entityOf(entity: EstEntity): { type: string; id: string } {
  return '__entity' in entity ? entity.__entity : entity;
}
