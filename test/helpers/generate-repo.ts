// Generates a large, valid policy repository shaped like the example: two engines over six gateways of two targets
// and three tools each, policies spread over the four groups (tag guards, input limits, `has` checks, disabled
// emergency switches), every statement naming its gateway through a variable, and test cases whose expected
// decisions follow from how the policies are built.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GROUPS, type Group } from '../../src/model.js';

const GATEWAYS = ['refund', 'payment', 'shipping', 'decision', 'insurance', 'support'];
const TARGETS_PER_GATEWAY = 2;
const TOOLS_PER_TARGET = 3;
const ENGINES = [
  { file: 'local.yaml', name: 'Generated_local', region: 'us-west-2', account: '123456789012', endpoint: 'local' },
  { file: 'production.yaml', name: 'Generated_prod', region: 'us-east-1', account: '210987654321' },
];
const CASES_PER_FILE = 50;

interface Tool {
  gateway: number;
  target: string;
  name: string;
}

const TOOLS: Tool[] = GATEWAYS.flatMap((gateway, g) =>
  Array.from({ length: TARGETS_PER_GATEWAY * TOOLS_PER_TARGET }, (_, k) => ({
    gateway: g,
    target: `${capitalize(gateway)}Target${Math.floor(k / TOOLS_PER_TARGET)}`,
    name: `${gateway}_tool_${k % TOOLS_PER_TARGET}`,
  })),
);

export interface GeneratedRepository {
  root: string;
  policies: number;
  cases: number;
}

/** Writes a repository of `policies` policies and `cases` test cases into `root` (which should be empty). */
export async function generateRepository(root: string, policies: number, cases: number): Promise<GeneratedRepository> {
  await mkdir(join(root, 'engines'), { recursive: true });
  for (const engine of ENGINES) await writeFile(join(root, 'engines', engine.file), engineYaml(engine));
  const byGroup = new Map<Group, number[]>(GROUPS.map((group) => [group, []]));
  for (let i = 0; i < policies; i++) byGroup.get(GROUPS[i % GROUPS.length]!)!.push(i);
  for (const [group, indexes] of byGroup) {
    const folder = join(root, 'policies', group);
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'policies.yaml'), manifestYaml(group, indexes));
    await Promise.all(indexes.map((i) => writeFile(join(folder, `p${i}.cedar`), policyText(group, i))));
  }
  const permitted = (byGroup.get('authorization') ?? []).map((i) => toolOf(i));
  for (let start = 0; start < cases; start += CASES_PER_FILE) {
    const count = Math.min(CASES_PER_FILE, cases - start);
    const text = Array.from({ length: count }, (_, k) => caseYaml(start + k, permitted)).join('\n');
    await writeFile(join(root, 'policies', 'authorization', `generated_${start / CASES_PER_FILE}.test.yaml`), text);
  }
  return { root, policies, cases };
}

function engineYaml(engine: (typeof ENGINES)[number]): string {
  const arn = (g: number) => `arn:aws:bedrock-agentcore:${engine.region}:${engine.account}:gateway/${GATEWAYS[g]}-gateway-${g}a1b2c3d4e`;
  const lines = [`name: ${engine.name}`, `region: ${engine.region}`];
  if (engine.endpoint) lines.push(`endpoint: ${engine.endpoint}`);
  lines.push(`groups: [${GROUPS.join(', ')}]`, 'variables:');
  GATEWAYS.forEach((gateway, g) => lines.push(`  ${gateway}_gateway: ${arn(g)}`));
  lines.push('gateways:');
  GATEWAYS.forEach((_, g) => {
    lines.push(`  - arn: ${arn(g)}`, '    mode: ENFORCE', '    targets:');
    const tools = TOOLS.filter((t) => t.gateway === g);
    for (const target of [...new Set(tools.map((t) => t.target))]) {
      lines.push(`      - name: ${target}`, '        tools:');
      for (const tool of tools.filter((t) => t.target === target)) {
        lines.push(
          `          - name: ${tool.name}`,
          '            inputSchema:',
          '              type: object',
          '              properties:',
          '                id: { type: string }',
          '                amount: { type: integer }',
          '                region: { type: string }',
          '                priority: { type: string }',
          '                ratio: { type: number }',
          '                labels: { type: array, items: { type: string } }',
          '              required: [id, amount]',
        );
      }
    }
  });
  return `${lines.join('\n')}\n`;
}

function manifestYaml(group: Group, indexes: number[]): string {
  const entries = indexes.map((i) => {
    const lines = [`  - name: ${policyName(group, i)}`, `    file: p${i}.cedar`, `    version: 1.${i % 7}.0`, `    description: Generated ${group} policy ${i}`];
    if (group === 'emergency') lines.push('    enabled: false', '    validationMode: IGNORE_ALL_FINDINGS');
    return lines.join('\n');
  });
  return `policies:\n${entries.join('\n')}\n`;
}

function policyName(group: Group, i: number): string {
  return `${group.split('_').map(capitalize).join('')}Policy${i}`;
}

function toolOf(i: number): Tool {
  return TOOLS[(i * 7) % TOOLS.length]!;
}

function policyText(group: Group, i: number): string {
  const tool = toolOf(i);
  const scope = (principal: string) =>
    `(\n  ${principal},\n  action == AgentCore::Action::"${tool.target}___${tool.name}",\n  resource == AgentCore::Gateway::"{{${GATEWAYS[tool.gateway]}_gateway}}"\n)`;
  switch (group) {
    case 'authentication':
      return `forbid ${scope('principal is AgentCore::OAuthUser')}\nwhen\n{\n  principal.hasTag("username") &&\n  principal.getTag("username") == "blocked-user-${i}"\n};\n`;
    case 'authorization':
      return `permit ${scope('principal is AgentCore::OAuthUser')}\nwhen\n{\n  principal.hasTag("role") &&\n  ["manager", "director"].contains(principal.getTag("role")) &&\n  context.input.amount > ${i}\n};\n`;
    case 'business_rules':
      return i % 2 === 0
        ? `permit ${scope('principal is AgentCore::OAuthUser')}\nwhen\n{\n  context.input.amount < ${1000 + i} &&\n  context.input has region &&\n  ["US", "CA", "UK"].contains(context.input.region)\n};\n`
        : `forbid ${scope('principal is AgentCore::OAuthUser')}\nunless { context.input has priority };\n`;
    case 'emergency':
      return `forbid ${scope('principal')};\n`;
  }
}

/** Even cases call a tool some authorization policy permits, as a manager with a large amount: allowed. Odd ones
 * call as a customer without a region: no permit applies, so denied. Every case carries a priority, which the
 * business-rule forbids require. */
function caseYaml(n: number, permitted: Tool[]): string {
  const allow = n % 2 === 0 && permitted.length > 0;
  const tool = allow ? permitted[n % permitted.length]! : TOOLS[n % TOOLS.length]!;
  return [
    `- name: generated case ${n}`,
    '  principal:',
    '    type: OAuthUser',
    `    id: user-${n}`,
    `    tags: { username: user-${n}, role: ${allow ? 'manager' : 'customer'} }`,
    `  action: ${tool.target}___${tool.name}`,
    `  resource: "{{${GATEWAYS[tool.gateway]}_gateway}}"`,
    `  input: { id: "${n}", amount: ${allow ? 10_000_000 : 1}, priority: normal }`,
    `  expect: ${allow ? 'allow' : 'deny'}`,
    '',
  ].join('\n');
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
