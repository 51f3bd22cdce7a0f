// The local engine's decision source: the decision records its gateways append under the repository's state
// folder (`.agentcore-policy/decisions/<gatewayId>.jsonl`), read line by line without starting the engine or
// taking its lock (appends from a running engine are whole lines). A cloned repository can put anything there, so
// the folders must be real folders, not links, as the local engine requires of its own state folder.
import { lstatSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseGatewayArn } from '../arn.js';
import type { DecisionSource, RawRecord } from '../decisions/source.js';
import { streamDecisionRecords, type DecisionLine } from '../emulator/index.js';
import { localStatePath } from './local-engine.js';
import { STATE_FOLDER } from './state-folder.js';

export const LOCAL_SOURCE = "the local engine's decision records";

export function localDecisionSource(root: string): DecisionSource {
  const stateFile = localStatePath(root);
  return {
    name: LOCAL_SOURCE,
    async *records(gateway): AsyncGenerator<RawRecord> {
      const opened = openLines(stateFile, gateway.arn);
      if (opened === undefined) return;
      if ('failed' in opened) {
        yield opened;
        return;
      }
      for await (const line of opened) yield line.ok ? { value: line.record } : { unreadable: true };
    },
  };
}

/** The gateway's record lines; undefined when there are none yet (no state folder, no decisions folder). */
function openLines(stateFile: string, arn: string): AsyncIterable<DecisionLine> | { failed: string } | undefined {
  const gatewayId = parseGatewayArn(arn)?.gatewayId;
  if (gatewayId === undefined) return { failed: `${arn} is not a gateway ARN` };
  const folder = dirname(stateFile);
  for (const [path, shown] of [[folder, `${STATE_FOLDER}/`], [join(folder, 'decisions'), `${STATE_FOLDER}/decisions/`]] as const) {
    const info = lstatOrUndefined(path);
    if (info === undefined) return undefined;
    if (info.isSymbolicLink() || !info.isDirectory()) return { failed: `${shown} is not a folder (a link or a file), so no decision record there is read` };
  }
  const stream = streamDecisionRecords({ stateFile, gatewayId });
  return stream.ok ? stream.lines : { failed: `${gatewayId}: ${stream.message}` };
}

function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}
