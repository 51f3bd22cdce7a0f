// Tool schemas a gateway target keeps in S3 (`toolSchema.s3`, `openApiSchema.s3`, `smithyModel.s3`), read with S3's
// GetObject under the engine's own credentials, so `pull` can write their tools down. Only for an engine on AWS: a
// local engine or any other endpoint has no S3 behind it. The bucket may be in another region than the engine (the
// client follows S3's redirect), and `bucketOwnerAccountId` is checked as the bucket's expected owner.
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { EngineSpec } from '../model.js';
import type { S3Schema } from '../tool-schemas/index.js';
import { effectiveEndpoint, type ClientOptions } from './client.js';
import { credentialsConfig, credentialSource } from './credentials.js';
import { redact } from './errors.js';

/** Larger than any schema document a gateway accepts; a bigger object is not read. */
const MAX_SCHEMA_BYTES = 10 * 1024 * 1024;

export type SchemaText = { ok: true; text: string } | { ok: false; problem: string };

/** Reads one schema document from S3; a failure is a value, said in words, never an exception. */
export interface SchemaReader {
  read(schema: S3Schema): Promise<SchemaText>;
  close(): void;
}

/** `s3://bucket/key` as bucket and key; undefined for anything else. */
export function parseS3Uri(uri: string): { bucket: string; key: string } | undefined {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
  return match ? { bucket: match[1]!, key: match[2]! } : undefined;
}

/** A reader for an engine on AWS; undefined when the engine has an endpoint of its own (local or a URL). */
export function s3SchemaReader(engine: Pick<EngineSpec, 'region' | 'endpoint' | 'aws'>, options: ClientOptions = {}): SchemaReader | undefined {
  if (engine.endpoint !== undefined || effectiveEndpoint(engine, options) !== undefined) return undefined;
  const client = new S3Client({ region: engine.region, followRegionRedirects: true, ...credentialsConfig(credentialSource(engine, false, options.profile), engine.region) });
  return {
    async read(schema) {
      const location = parseS3Uri(schema.uri);
      if (!location) return { ok: false, problem: `${schema.uri} is not an s3://bucket/key URI` };
      try {
        const object = await client.send(
          new GetObjectCommand({ Bucket: location.bucket, Key: location.key, ...(schema.bucketOwnerAccountId && { ExpectedBucketOwner: schema.bucketOwnerAccountId }) }),
        );
        if ((object.ContentLength ?? 0) > MAX_SCHEMA_BYTES) return { ok: false, problem: `${schema.uri} is larger than ${MAX_SCHEMA_BYTES} bytes` };
        return { ok: true, text: (await object.Body?.transformToString('utf-8')) ?? '' };
      } catch (error) {
        const { name, message } = error as { name?: string; message?: string };
        return { ok: false, problem: redact(`s3:GetObject of ${schema.uri} failed (${name ?? 'error'}: ${message ?? String(error)})`) };
      }
    },
    close: () => client.destroy(),
  };
}
