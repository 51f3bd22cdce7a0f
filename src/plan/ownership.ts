// The managed-by marker: how a live policy says it belongs to this tool. It lives in the description because the
// service has nowhere else to keep it, and it records what the Policy response cannot tell us (version, group,
// validation mode) plus a hash of the statement we sent, so a console edit shows up as drift, and a hash of the
// `.cedar` file it came from, so a statement that changed only through an engine variable is told apart from an
// edited file.
import { createHash } from 'node:crypto';
import validVersion from 'semver/functions/valid.js';
import { GROUPS, type Group, type ValidationMode } from '../model.js';
import { clip } from '../text.js';

/** AgentCore's limit on a description. */
export const MAX_DESCRIPTION = 4096;

export interface ManagedMarker {
  version: string;
  group: Group;
  validationMode: ValidationMode;
  statementHash: string;
  /** Hash of the `.cedar` source, variables unfilled (see sourceHash); absent in markers written before it was
   * recorded, and on temporary copies, which have no file of their own. */
  sourceHash?: string;
}

export interface DecodedDescription {
  /** The part a person wrote (the whole description when there is no marker). */
  human: string;
  marker?: ManagedMarker;
  /** Set when marker-like text was found but did not parse exactly, so the policy counts as unmanaged. */
  ignored?: string;
}

const MARKER = /^\[agentcore-policy managed version=(\S+) group=(\S+) validation=(\S+) sha256=([0-9a-f]{16})(?: source=([0-9a-f]{16}))?\]$/;
const LOOK_ALIKE = /\[\s*agentcore-policy/i;
const VALIDATION_MODES: readonly string[] = ['FAIL_ON_ANY_FINDINGS', 'IGNORE_ALL_FINDINGS'];

/** Hashes already computed: a plan hashes each statement on both sides (the marker's check, the new marker). */
const hashes = new Map<string, string>();
const MAX_HASHES = 20_000;

/** First 16 hex digits of the sha256 of a statement in normal form: enough to notice a change, short to read. */
export function statementHash(statement: string): string {
  let hash = hashes.get(statement);
  if (hash === undefined) {
    if (hashes.size >= MAX_HASHES) hashes.clear();
    hash = createHash('sha256').update(statement, 'utf8').digest('hex').slice(0, 16);
    hashes.set(statement, hash);
  }
  return hash;
}

/** The same over a `.cedar` file's text as written, variables unfilled: any edit of the file changes it, a change
 * of an engine variable does not. Line endings do not count, so a Windows checkout hashes alike. */
export function sourceHash(source: string): string {
  return statementHash(source.replace(/\r\n/g, '\n'));
}

export function markerLine(marker: ManagedMarker): string {
  const source = marker.sourceHash === undefined ? '' : ` source=${marker.sourceHash}`;
  return `[agentcore-policy managed version=${marker.version} group=${marker.group} validation=${marker.validationMode} sha256=${marker.statementHash}${source}]`;
}

/** The human description as it will be stored: cut with an ellipsis so description and marker fit the limit. */
export function fitHumanDescription(human: string, marker: ManagedMarker): string {
  return clip(human, MAX_DESCRIPTION - markerLine(marker).length - 2);
}

export function encodeDescription(human: string, marker: ManagedMarker): string {
  const fitted = fitHumanDescription(human, marker);
  return fitted === '' ? markerLine(marker) : `${fitted}\n\n${markerLine(marker)}`;
}

/** Reads a live description strictly; never throws, whatever the service returned. */
export function decodeDescription(description: string | undefined): DecodedDescription {
  const text = typeof description === 'string' ? description : '';
  const newline = text.lastIndexOf('\n');
  const lastLine = text.slice(newline + 1);
  const marker = parseMarker(lastLine);
  if (marker && newline < 0) return { human: '', marker };
  if (marker && text.slice(newline - 1, newline + 1) === '\n\n') return { human: text.slice(0, newline - 1), marker };
  if (marker) return { human: text, ignored: 'its marker is not separated from the description by a blank line' };
  if (lastLine.startsWith('[agentcore-policy')) return { human: text, ignored: 'its marker line does not parse' };
  if (LOOK_ALIKE.test(text)) return { human: text, ignored: 'marker-like text is not an exact marker on the last line' };
  return { human: text };
}

function parseMarker(line: string): ManagedMarker | undefined {
  const match = MARKER.exec(line);
  if (!match) return undefined;
  const [, version, group, validationMode, hash, source] = match as unknown as [string, string, string, string, string, string | undefined];
  if (validVersion(version) !== version) return undefined;
  if (!(GROUPS as readonly string[]).includes(group) || !VALIDATION_MODES.includes(validationMode)) return undefined;
  return { version, group: group as Group, validationMode: validationMode as ValidationMode, statementHash: hash, ...(source && { sourceHash: source }) };
}
