// The files of a new policy repository (`init`), as text, nothing written: the engine file (scaffold-engine.ts), a
// manifest for each of the four groups saying what the group is for, holding the policies given (the refund example
// of AWS's guide, or a live engine's policies as the import flow writes them down), a .gitignore for the local
// engine's state, the two workflows as this project ships them, and a short README.
import { GROUPS, type Group, type ManifestEntry } from '../model.js';
import { appendEntries } from './manifest-edit.js';
import { engineFileText, type EngineDraft } from './scaffold-engine.js';

export interface ScaffoldFile {
  /** Relative to the repository root, with `/`. */
  path: string;
  text: string;
}

/** A policy to write down: its `.cedar` file (relative to the root), its text and its manifest entry. */
export interface ScaffoldPolicy {
  group: Group;
  file: string;
  source: string;
  entry: ManifestEntry;
}

export interface ScaffoldInput {
  engine: EngineDraft;
  /** What the engine was read from (`init --from-live`); absent for the commented template. */
  from?: string;
  policies: readonly ScaffoldPolicy[];
  /** More files as they are (the refund example's test cases). */
  extra?: readonly ScaffoldFile[];
  /** The workflow files, by name: `policy-plan.yml`, `policy-apply.yml`. */
  workflows: Readonly<Record<string, string>>;
}

const PURPOSE: Record<Group, string> = {
  authentication: 'Identity-based policies: who may not call any tool at all.',
  authorization: 'Who may call which tool: roles, scopes, tiers.',
  business_rules: 'Business rules: amount limits, regional restrictions and required fields.',
  emergency: 'Incident response, kept ready but off: set `enabled: true` and apply to switch one on, back to false to lift it.',
};

export function scaffold(input: ScaffoldInput): ScaffoldFile[] {
  const manifests = GROUPS.map((group): ScaffoldFile => {
    const empty = `# ${PURPOSE[group]}\npolicies: []\n`;
    const entries = input.policies.filter((p) => p.group === group).map((p) => p.entry);
    const edited = entries.length === 0 ? { ok: true as const, text: empty } : appendEntries(empty, entries);
    // An empty manifest always takes entries; anything else is a bug in this module, not in the user's input.
    if (!edited.ok) throw new Error(`policies/${group}/policies.yaml: ${edited.message}`);
    return { path: `policies/${group}/policies.yaml`, text: edited.text };
  });
  return [
    { path: `engines/${input.engine.name}.yaml`, text: engineFileText(input.engine, input.from) },
    ...manifests,
    ...input.policies.map((p) => ({ path: p.file, text: p.source })),
    ...(input.extra ?? []),
    { path: '.gitignore', text: "# The local engine's state (endpoint: local) and the plans saved there.\n.agentcore-policy/\n" },
    ...Object.entries(input.workflows).map(([name, text]) => ({ path: `.github/workflows/${name}`, text })),
    { path: 'README.md', text: readme(input.engine) },
  ];
}

function readme(engine: EngineDraft): string {
  const local = engine.endpoint === 'local';
  return `# Policies of ${engine.name}

Cedar policies for the Amazon Bedrock AgentCore policy engine \`${engine.name}\`, managed with
[agentcore-policy](https://github.com/agentcore-policy/agentcore-policy): change them by pull request, and the
merge applies them.

- \`engines/${engine.name}.yaml\`: the engine, its gateways and a snapshot of their tools.
- \`policies/<group>/\`: one \`.cedar\` file per policy, declared in the group's \`policies.yaml\`, and
  \`*.test.yaml\` files of authorization test cases.
- \`.github/workflows/\`: plan on every pull request, apply on merge (set them up as
  [docs/action.md](https://github.com/agentcore-policy/agentcore-policy/blob/main/docs/action.md) says).

\`\`\`sh
npx agentcore-policy validate   # manifests, engine files and Cedar, offline
npx agentcore-policy test       # the test cases, offline
npx agentcore-policy plan       # what apply would change${local ? ' (the embedded local engine)' : ''}
npx agentcore-policy apply
npx agentcore-policy pull       # the gateways' tools, read again from live
\`\`\`
`;
}
