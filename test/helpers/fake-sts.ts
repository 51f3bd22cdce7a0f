// A tiny STS on loopback that answers AssumeRole as AWS does (the awsQuery protocol: a form body in, XML out), so a
// test can point the SDK's own STS client at it (AWS_ENDPOINT_URL_STS) and see what it asked for and how it signed.
// Each call hands out fresh credentials; a role listed in `refuse` gets STS's AccessDenied instead.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AssumeRoleCall {
  params: Record<string, string>;
  headers: IncomingHttpHeaders;
}

export interface IssuedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

export interface FakeSts {
  url: string;
  calls: AssumeRoleCall[];
  /** The credentials the n-th AssumeRole handed out. */
  issued: IssuedCredentials[];
  close(): Promise<void>;
}

export async function startFakeSts(options: { refuse?: string[] } = {}): Promise<FakeSts> {
  const calls: AssumeRoleCall[] = [];
  const issued: IssuedCredentials[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const params = Object.fromEntries(new URLSearchParams(body));
      calls.push({ params, headers: request.headers });
      response.setHeader('content-type', 'text/xml');
      if (params.Action !== 'AssumeRole' || options.refuse?.includes(params.RoleArn ?? '')) {
        response.statusCode = 403;
        return response.end(errorXml('AccessDenied', `User: arn:aws:iam::111111111111:user/ci is not authorized to perform: sts:AssumeRole on resource: ${params.RoleArn}`));
      }
      const n = issued.length + 1;
      const credentials = { accessKeyId: `ASIAASSUMED${String(n).padStart(9, '0')}`, secretAccessKey: `assumed-secret-${n}`, sessionToken: `assumed-session-token-${n}` };
      issued.push(credentials);
      response.end(assumeRoleXml(params, credentials));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    issued,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function assumeRoleXml(params: Record<string, string>, credentials: IssuedCredentials): string {
  const account = /::(\d{12}):/.exec(params.RoleArn ?? '')?.[1] ?? '000000000000';
  const role = (params.RoleArn ?? '').split('/').pop();
  const expiration = new Date(Date.now() + 3_600_000).toISOString();
  return `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <Credentials>
      <AccessKeyId>${credentials.accessKeyId}</AccessKeyId>
      <SecretAccessKey>${credentials.secretAccessKey}</SecretAccessKey>
      <SessionToken>${credentials.sessionToken}</SessionToken>
      <Expiration>${expiration}</Expiration>
    </Credentials>
    <AssumedRoleUser>
      <AssumedRoleId>AROAFAKEROLEID:${params.RoleSessionName}</AssumedRoleId>
      <Arn>arn:aws:sts::${account}:assumed-role/${role}/${params.RoleSessionName}</Arn>
    </AssumedRoleUser>
  </AssumeRoleResult>
  <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
</AssumeRoleResponse>`;
}

function errorXml(code: string, message: string): string {
  return `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error>
  <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c8</RequestId>
</ErrorResponse>`;
}
