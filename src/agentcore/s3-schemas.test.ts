import { describe, expect, it } from 'vitest';
import { parseS3Uri, s3SchemaReader } from './s3-schemas.js';

describe('schemas in S3', () => {
  it('reads s3://bucket/key URIs, and nothing else', () => {
    expect(parseS3Uri('s3://schemas-bucket/gateways/orders.yaml')).toEqual({ bucket: 'schemas-bucket', key: 'gateways/orders.yaml' });
    expect(parseS3Uri('https://schemas-bucket.s3.amazonaws.com/orders.yaml')).toBeUndefined();
    expect(parseS3Uri('s3://bucket-only')).toBeUndefined();
  });

  it('has no reader for an engine that is not on AWS: the local engine and other endpoints have no S3', () => {
    expect(s3SchemaReader({ region: 'us-west-2', endpoint: 'local' })).toBeUndefined();
    expect(s3SchemaReader({ region: 'us-west-2', endpoint: 'http://127.0.0.1:4566' })).toBeUndefined();
    expect(s3SchemaReader({ region: 'us-west-2' }, { env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' } })).toBeUndefined();
    const onAws = s3SchemaReader({ region: 'us-west-2' }, { env: {} });
    expect(onAws).toBeDefined();
    onAws?.close();
  });
});
