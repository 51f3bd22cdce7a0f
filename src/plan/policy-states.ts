// Both sides of a policy comparison in one shape: a live policy read through its marker and Cedar's normal form,
// and a desired policy as apply will send it (marker included). A `policy` definition (AgentCore's policy language)
// is read as text: trimmed, never put through Cedar's formatter, which cannot parse its guardrail conditions.
import { createHash } from 'node:crypto';
import { readPolicyShape } from '../cedar/tokens.js';
import type { DesiredPolicy, LivePolicy } from '../model.js';
import { decodeDescription, encodeDescription, fitHumanDescription, sourceHash, statementHash, type ManagedMarker } from './ownership.js';
import type { PolicyAfter, PolicyBefore } from './types.js';

export interface LiveView {
  before: PolicyBefore;
  marker?: ManagedMarker;
  /** Why marker-like text in the description was not accepted. */
  ignoredMarker?: string;
  /** False when the live statement is missing or does not parse. */
  parses: boolean;
  /** A managed policy whose statement no longer hashes to what its marker recorded. */
  drift: boolean;
}

export function readLive(live: LivePolicy, normalize: (statement: string) => string | undefined): LiveView {
  const decoded = decodeDescription(live.description);
  const text = live.definition === 'policy';
  const normalized = live.statement === undefined ? undefined : text ? live.statement.trim() : normalize(live.statement);
  const statement = normalized ?? live.statement;
  const marker = decoded.marker;
  const shape = statement === undefined ? undefined : readPolicyShape(statement);
  const before: PolicyBefore = {
    policyId: live.policyId,
    name: live.name,
    ...(statement !== undefined && { statement }),
    ...(live.definition && { definition: live.definition }),
    ...(live.description !== undefined && { description: live.description }),
    humanDescription: decoded.human,
    managed: marker !== undefined,
    ...(marker && { version: marker.version, group: marker.group, validationMode: marker.validationMode }),
    enforcementMode: live.enforcementMode ?? 'ACTIVE',
    ...(shape && { effect: shape.effect }),
    status: live.status,
    statusReasons: live.statusReasons,
  };
  return {
    before,
    ...(marker && { marker }),
    ...(decoded.ignored && { ignoredMarker: decoded.ignored }),
    parses: normalized !== undefined,
    drift: marker !== undefined && !matchesMarker(live.statement, normalized, marker),
  };
}

/** The live statements that are exactly what an apply sent, known by the hash their marker records: apply sends
 * statements in normal form, so these need no formatting to be compared (src/repository/normal-forms.ts). */
export function sentStatements(live: readonly LivePolicy[]): string[] {
  return live.flatMap((policy) => {
    const marker = decodeDescription(policy.description).marker;
    return marker && policy.statement !== undefined && statementHash(policy.statement) === marker.statementHash ? [policy.statement] : [];
  });
}

/** We send statements in normal form, so the raw live text hashes to the marker unless someone changed it; the
 * normalized text is checked too, for a service that reformats what it stores. Checking the raw text first keeps
 * a new Cedar formatter from looking like drift. */
function matchesMarker(raw: string | undefined, normalized: string | undefined, marker: ManagedMarker): boolean {
  return [raw, normalized].some((text) => text !== undefined && statementHash(text) === marker.statementHash);
}

export function toAfter(desired: DesiredPolicy): PolicyAfter {
  const { spec, statement, effect } = desired;
  const marker: ManagedMarker = {
    version: spec.version,
    group: spec.group,
    validationMode: spec.validationMode,
    statementHash: statementHash(statement),
    sourceHash: sourceHash(spec.source),
  };
  return {
    name: spec.name,
    statement,
    ...(spec.definition && { definition: spec.definition }),
    description: encodeDescription(spec.description, marker),
    humanDescription: fitHumanDescription(spec.description, marker),
    version: spec.version,
    group: spec.group,
    enforcementMode: spec.enforcementMode,
    validationMode: spec.validationMode,
    effect,
    statementHash: marker.statementHash,
    sourceHash: marker.sourceHash,
    file: spec.file,
    declaredAt: spec.declaredAt,
  };
}

/** A CreatePolicy idempotency token from content: a re-run after a crash finds the same request, not a twin.
 * Salted with the policy being replaced, so recreating a failed policy is a new request. */
export function clientToken(parts: (string | undefined)[]): string {
  return createHash('sha256').update(JSON.stringify(parts), 'utf8').digest('hex');
}
