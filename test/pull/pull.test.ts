// `pull` against the emulator through the real SDK: an engine file is rewritten from its live gateways only where
// they differ (the renamed input changes its lines and nothing else), `--check` writes nothing and fails
// on a stale file, OpenAPI and Smithy targets yield their operations as tools, and a target whose tools cannot be
// read (an MCP server, a schema in S3 on an engine that is not on AWS) is left as written with a warning.
import { describe, expect, it } from 'vitest';
import { parseEngineFile } from '../../src/repository/engine-file.js';
import { runCli } from '../helpers/cli.js';
import { addTarget, REFUND_LAMBDA, RENAMED_REFUND_TOOL, setLambdaTools } from '../helpers/live-targets.js';
import { readRepoFile } from '../helpers/repo.js';
import { freshExample, LOCAL } from '../apply/service.js';
import { REFUND_GATEWAY } from '../apply/fixtures.js';

const PAYMENT_GATEWAY = 'arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/payment-gateway-f6g7h8j9k0';
const ENGINE_FILE = 'engines/local.yaml';

const OPENAPI = `openapi: 3.0.3
info: { title: Ledger, version: "1" }
paths:
  /accounts/{accountId}/holds:
    post:
      operationId: place_hold
      description: Hold funds on an account
      parameters: [{ name: accountId, in: path, required: true, schema: { type: string } }]
      requestBody:
        required: true
        content: { application/json: { schema: { type: object, required: [amount], properties: { amount: { type: integer } } } } }
`;

const SMITHY = JSON.stringify({
  smithy: '2.0',
  shapes: {
    'ledger#Ledger': { type: 'service', version: '1', operations: [{ target: 'ledger#ReleaseHold' }] },
    'ledger#ReleaseHold': { type: 'operation', input: { target: 'ledger#ReleaseHoldInput' } },
    'ledger#ReleaseHoldInput': { type: 'structure', members: { holdId: { target: 'smithy.api#String', traits: { 'smithy.api#required': {} } } } },
  },
});

describe('pull', () => {
  // Each case has an emulator and a repository of its own.
  const example = freshExample();

  it('finds the files as live when nothing changed', async () => {
    const result = await runCli(['pull', '--engine', LOCAL, '--check'], { cwd: example.root });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('engines/local.yaml matches the live gateways of CustomerService_local.\n');
  });

  it('with --check, prints the diff of a stale file, writes nothing and exits 1; then rewrites only the changed lines', async () => {
    await setLambdaTools(example.service.sdk(), REFUND_GATEWAY, 'RefundTarget', REFUND_LAMBDA, [RENAMED_REFUND_TOOL]);
    const before = await readRepoFile(example.root, ENGINE_FILE);
    const check = await runCli(['pull', '--engine', LOCAL, '--check'], { cwd: example.root });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('engines/local.yaml is stale: the live gateways of CustomerService_local differ:\n\n--- engines/local.yaml\n+++ engines/local.yaml\n@@ -');
    expect(check.stdout).toContain(
      ['                 orderId: { type: string }', '-                amount: { type: integer }', '                 reason: { type: string }', '-              required: [orderId, amount]', '+                refundAmount: { type: integer }', '+              required: [orderId, refundAmount]'].join('\n'),
    );
    expect(check.stderr).toContain('error pull/stale: engines/local.yaml does not match the live gateways of CustomerService_local; run agentcore-policy pull --engine CustomerService_local to rewrite it');
    expect(await readRepoFile(example.root, ENGINE_FILE)).toBe(before);

    const pulled = await runCli(['pull', '--engine', LOCAL], { cwd: example.root });
    expect(pulled.code).toBe(0);
    expect(pulled.stdout).toContain('Rewrote engines/local.yaml from the live gateways of CustomerService_local:');
    const after = await readRepoFile(example.root, ENGINE_FILE);
    expect(after).toBe(before.replace('                amount: { type: integer }\n                reason: { type: string }\n              required: [orderId, amount]\n', '                reason: { type: string }\n                refundAmount: { type: integer }\n              required: [orderId, refundAmount]\n'));
    expect((await runCli(['pull', '--engine', LOCAL, '--check'], { cwd: example.root })).code).toBe(0);
  });

  it('writes the operations of OpenAPI and Smithy targets as tools, and leaves what it cannot read with a warning naming it', async () => {
    await addTarget(example.service.sdk(), PAYMENT_GATEWAY, 'LedgerApi', { mcp: { openApiSchema: { inlinePayload: OPENAPI } } }, 'Ledger REST API');
    await addTarget(example.service.sdk(), PAYMENT_GATEWAY, 'LedgerModel', { mcp: { smithyModel: { inlinePayload: SMITHY } } });
    await addTarget(example.service.sdk(), PAYMENT_GATEWAY, 'LedgerMcp', { mcp: { mcpServer: { endpoint: 'https://ledger.example.com/mcp' } } });
    await addTarget(example.service.sdk(), PAYMENT_GATEWAY, 'LedgerS3', { mcp: { openApiSchema: { s3: { uri: 's3://ledger-schemas/ledger.yaml' } } } });
    const result = await runCli(['pull', '--engine', LOCAL], { cwd: example.root });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('warning pull/tools-unknown: gateway payment-gateway, target LedgerMcp: its tools cannot be read (an MCP server lists its tools only when asked at run time); not written to engines/local.yaml');
    expect(result.stderr).toContain(
      'warning pull/tools-unknown: gateway payment-gateway, target LedgerS3: its tools cannot be read (its tool schema is in S3 (s3://ledger-schemas/ledger.yaml), which is read only for an engine on AWS (the local engine has no S3)); not written to engines/local.yaml',
    );
    const file = parseEngineFile(ENGINE_FILE, await readRepoFile(example.root, ENGINE_FILE));
    if (!file.ok) throw new Error(JSON.stringify(file.diagnostics));
    const payment = file.engine.gateways.find((g) => g.arn === PAYMENT_GATEWAY)!;
    expect(payment.targets.map((t) => t.name)).toEqual(['PaymentTarget', 'LedgerApi', 'LedgerModel']);
    expect(payment.targets[1]).toEqual({
      name: 'LedgerApi',
      description: 'Ledger REST API',
      tools: [{ name: 'place_hold', description: 'Hold funds on an account', inputSchema: { type: 'object', properties: { accountId: { type: 'string' }, amount: { type: 'integer' } }, required: ['accountId', 'amount'] } }],
    });
    expect(payment.targets[2]!.tools).toEqual([{ name: 'ReleaseHold', inputSchema: { type: 'object', properties: { holdId: { type: 'string' } }, required: ['holdId'] } }]);
    // The repository validates against what it pulled.
    const validated = await runCli(['validate', '--dir', example.root, '--engine', LOCAL]);
    expect(validated.stdout, validated.stderr).toContain('Valid: 12 policies, 1 engine, 29 test cases; 0 errors, 0 warnings');
  });
});
