// Contract: gateways (full-replacement PUT, engine attachment and detachment) and gateway targets with inline
// tool schemas, through the real SDK client over HTTP.
import {
  ConflictException,
  CreateGatewayCommand,
  CreateGatewayTargetCommand,
  DeleteGatewayCommand,
  GetGatewayCommand,
  GetGatewayTargetCommand,
  ListGatewaysCommand,
  ListGatewayTargetsCommand,
  paginateListGateways,
  ResourceNotFoundException,
  UpdateGatewayCommand,
  UpdateGatewayTargetCommand,
  ValidationException,
  type GetGatewayCommandOutput,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeEngine, JWT_AUTHORIZER, REFUND_TOOLS, refundGateway, removeEngine, removeGateway, ROLE_ARN, startTarget, uniqueName, until, type Target } from './helpers.js';

let target: Target;
let engine: Awaited<ReturnType<typeof activeEngine>>;
beforeAll(async () => {
  target = await startTarget();
  engine = await activeEngine(target.client, 'Gateways');
});
afterAll(async () => {
  await removeEngine(target.client, engine.policyEngineId);
  await target.close();
});

const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e);

/** The UpdateGateway input that carries every field a GetGateway returned, with `changes` applied. */
function replacement(gateway: GetGatewayCommandOutput, changes: Partial<ConstructorParameters<typeof UpdateGatewayCommand>[0]>) {
  return new UpdateGatewayCommand({
    gatewayIdentifier: gateway.gatewayId,
    name: gateway.name,
    roleArn: gateway.roleArn,
    authorizerType: gateway.authorizerType,
    authorizerConfiguration: gateway.authorizerConfiguration,
    protocolType: gateway.protocolType,
    description: gateway.description,
    policyEngineConfiguration: gateway.policyEngineConfiguration,
    ...changes,
  });
}

describe('gateways', () => {
  it('creates CREATING then READY, with id and ARN in the service formats', async () => {
    const { client } = target;
    const { gateway, targetId } = await refundGateway(client);
    expect(gateway.$metadata.httpStatusCode).toBe(202);
    expect(gateway.status).toBe('CREATING');
    expect(gateway.gatewayId).toMatch(/^([0-9a-z][-]?){1,100}-[0-9a-z]{10}$/);
    expect(gateway.gatewayArn).toMatch(new RegExp(`^arn:aws:bedrock-agentcore:[a-z0-9-]+:\\d{12}:gateway/${gateway.gatewayId}$`));
    await until(async () => (await client.send(new GetGatewayCommand({ gatewayIdentifier: gateway.gatewayId }))).status === 'READY');
    const listed = await client.send(new ListGatewaysCommand({ maxResults: 1000 }));
    expect(listed.items?.find((g) => g.gatewayId === gateway.gatewayId)).toMatchObject({ authorizerType: 'CUSTOM_JWT', status: 'READY' });
    await removeGateway(client, gateway.gatewayId, [targetId]);
  });

  it('attaches an engine with a full PUT and detaches it with a PUT that leaves it out', async () => {
    const { client } = target;
    const { gateway, targetId } = await refundGateway(client);
    const before = await client.send(new GetGatewayCommand({ gatewayIdentifier: gateway.gatewayId }));
    expect(before.policyEngineConfiguration).toBeUndefined();

    const attached = await client.send(replacement(before, { policyEngineConfiguration: { arn: engine.policyEngineArn, mode: 'LOG_ONLY' } }));
    expect(attached.status).toBe('UPDATING');
    const read = await client.send(new GetGatewayCommand({ gatewayIdentifier: gateway.gatewayId }));
    expect(read.policyEngineConfiguration).toEqual({ arn: engine.policyEngineArn, mode: 'LOG_ONLY' });
    expect(read.authorizerConfiguration).toEqual(JWT_AUTHORIZER);
    expect(read.roleArn).toBe(ROLE_ARN);

    await client.send(replacement(read, { policyEngineConfiguration: undefined }));
    expect((await client.send(new GetGatewayCommand({ gatewayIdentifier: gateway.gatewayId }))).policyEngineConfiguration).toBeUndefined();
    await removeGateway(client, gateway.gatewayId, [targetId]);
  });

  it('refuses a PUT without the required members, and attaching an engine that does not exist', async () => {
    const { client } = target;
    const { gateway, targetId } = await refundGateway(client);
    const missing = await failure(client.send(new UpdateGatewayCommand({ gatewayIdentifier: gateway.gatewayId, name: gateway.name } as never)));
    expect((missing as ValidationException).fieldList?.map((f) => f.name).sort()).toEqual(['authorizerType', 'roleArn']);
    const read = await client.send(new GetGatewayCommand({ gatewayIdentifier: gateway.gatewayId }));
    const ghost = engine.policyEngineArn.replace(engine.policyEngineId, 'Ghost-0123456789');
    const error = await failure(client.send(replacement(read, { policyEngineConfiguration: { arn: ghost, mode: 'ENFORCE' } })));
    expect(error).toBeInstanceOf(ValidationException);
    await removeGateway(client, gateway.gatewayId, [targetId]);
  });

  it('refuses a duplicate gateway name and deleting a gateway that still has targets', async () => {
    const { client } = target;
    const { gateway, targetId } = await refundGateway(client);
    const duplicate = await failure(
      client.send(new CreateGatewayCommand({ name: gateway.name, roleArn: ROLE_ARN, authorizerType: 'AWS_IAM', protocolType: 'MCP' })),
    );
    expect(duplicate).toBeInstanceOf(ConflictException);
    expect(await failure(client.send(new DeleteGatewayCommand({ gatewayIdentifier: gateway.gatewayId })))).toBeInstanceOf(ConflictException);
    await removeGateway(client, gateway.gatewayId, [targetId]);
    await until(async () => (await failure(client.send(new GetGatewayCommand({ gatewayIdentifier: gateway.gatewayId })))) instanceof ResourceNotFoundException);
  });

  it('pages gateways with the SDK paginator', async () => {
    const { client } = target;
    const made = await Promise.all([1, 2, 3].map(() => refundGateway(client)));
    const seen: string[] = [];
    for await (const page of paginateListGateways({ client, pageSize: 2 }, {})) seen.push(...page.items!.map((g) => g.gatewayId!));
    for (const { gateway } of made) expect(seen).toContain(gateway.gatewayId);
    await Promise.all(made.map(({ gateway, targetId }) => removeGateway(client, gateway.gatewayId, [targetId])));
  });
});

describe('gateway targets', () => {
  it('keeps inline tool schemas: summaries in the list, full configuration on Get', async () => {
    const { client } = target;
    const { gateway, targetId } = await refundGateway(client);
    const list = await client.send(new ListGatewayTargetsCommand({ gatewayIdentifier: gateway.gatewayId }));
    expect(list.items).toHaveLength(1);
    expect(list.items![0]).toMatchObject({ targetId, name: 'RefundTarget', targetType: 'LAMBDA' });
    expect(list.items![0]).not.toHaveProperty('targetConfiguration');
    const full = await client.send(new GetGatewayTargetCommand({ gatewayIdentifier: gateway.gatewayId, targetId }));
    expect(full.gatewayArn).toBe(gateway.gatewayArn);
    const lambda = full.targetConfiguration?.mcp?.lambda;
    expect(lambda?.toolSchema?.inlinePayload).toEqual(REFUND_TOOLS);
    await removeGateway(client, gateway.gatewayId, [targetId]);
  });

  it('replaces a target configuration with PUT and refuses a duplicate target name', async () => {
    const { client } = target;
    const { gateway, targetId } = await refundGateway(client);
    const tools = [{ name: 'cancel_order', description: 'Cancel', inputSchema: { type: 'object' as const, properties: {} } }];
    const updated = await client.send(
      new UpdateGatewayTargetCommand({
        gatewayIdentifier: gateway.gatewayId,
        targetId,
        name: 'RefundTarget',
        targetConfiguration: { mcp: { lambda: { lambdaArn: 'arn:aws:lambda:us-west-2:123456789012:function:Orders', toolSchema: { inlinePayload: tools } } } },
      }),
    );
    expect(updated.status).toBe('UPDATING');
    const full = await client.send(new GetGatewayTargetCommand({ gatewayIdentifier: gateway.gatewayId, targetId }));
    expect(full.targetConfiguration?.mcp?.lambda?.toolSchema?.inlinePayload?.map((t) => t.name)).toEqual(['cancel_order']);
    const duplicate = await failure(
      client.send(new CreateGatewayTargetCommand({ gatewayIdentifier: gateway.gatewayId, name: 'RefundTarget', targetConfiguration: full.targetConfiguration })),
    );
    expect(duplicate).toBeInstanceOf(ConflictException);
    const unknown = await failure(
      client.send(new UpdateGatewayTargetCommand({ gatewayIdentifier: gateway.gatewayId, targetId: 'ZZZZZZZZZZ', targetConfiguration: full.targetConfiguration })),
    );
    expect(unknown).toBeInstanceOf(ResourceNotFoundException);
    await removeGateway(client, gateway.gatewayId, [targetId]);
  });

  it('answers targets of an unknown gateway with ResourceNotFoundException', async () => {
    const error = await failure(target.client.send(new ListGatewayTargetsCommand({ gatewayIdentifier: `${uniqueName('nope').replace('_', '-')}-a1b2c3d4e5` })));
    expect(error).toBeInstanceOf(ResourceNotFoundException);
  });
});
