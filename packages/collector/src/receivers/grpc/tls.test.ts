import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { credentials, status as Status } from '@grpc/grpc-js';
import { encodeOtlpProto } from '@skein/codecs';
import { issueTestCertificates, type TestCertificates } from '../../../../../test/jest/test-certs.js';
import type { Receiver } from '../receiver.js';
import { RawGrpcClient } from './grpc-client.js';
import { createOtlpGrpcReceiver } from './receivers.js';
import { rawClientDefinitions } from './service-definitions.js';
import { RecordingIngest, silentLogger, testMetrics, testSpans } from './test-support.js';

let certs: TestCertificates;
const file = (name: string) => certs.file(name);

beforeAll(() => {
  certs = issueTestCertificates('skein-grpc-tls-');
});
afterAll(() => certs.remove());

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(clientCa: string) {
  const ingest = new RecordingIngest();
  const receiver: Receiver = createOtlpGrpcReceiver(
    { ingest, metrics: testMetrics().metrics, logger: silentLogger },
    { hostPort: { host: '127.0.0.1', port: 0 }, maxMessageSize: 1 << 20, tlsEnabled: true, tlsCert: file('server.crt'), tlsKey: file('server.key'), tlsClientCa: clientCa },
  );
  await receiver.start();
  cleanups.push(() => receiver.stop());
  return { ingest, address: `127.0.0.1:${receiver.address()!.port}` };
}

function client(address: string, withClientCert: boolean): RawGrpcClient {
  const ca = readFileSync(file('ca.crt'));
  const creds = withClientCert ? credentials.createSsl(ca, readFileSync(file('client.key')), readFileSync(file('client.crt'))) : credentials.createSsl(ca);
  const c = new RawGrpcClient(rawClientDefinitions.otlpTraceService, address, creds, { 'grpc.ssl_target_name_override': 'localhost', 'grpc.default_authority': 'localhost' });
  cleanups.push(() => c.close());
  return c;
}

describe('gRPC receiver TLS', () => {
  it('serves over TLS; a plaintext client cannot call', async () => {
    const { ingest, address } = await start('');
    expect((await client(address, false).call('Export', encodeOtlpProto(testSpans(1)))).error).toBeUndefined();
    expect(ingest.spanCount()).toBe(1);
    const plain = new RawGrpcClient(rawClientDefinitions.otlpTraceService, address);
    cleanups.push(() => plain.close());
    expect((await plain.call('Export', encodeOtlpProto(testSpans(1)))).error?.code).toBe(Status.UNAVAILABLE);
  });

  it('with a client CA, only clients with a certificate it signed get in (mTLS)', async () => {
    const { ingest, address } = await start(file('ca.crt'));
    expect((await client(address, false).call('Export', encodeOtlpProto(testSpans(1)))).error?.code).toBe(Status.UNAVAILABLE);
    expect((await client(address, true).call('Export', encodeOtlpProto(testSpans(2)))).error).toBeUndefined();
    expect(ingest.spanCount()).toBe(2);
  });

  it('a missing key file fails start naming the flag and the file', async () => {
    const receiver = createOtlpGrpcReceiver(
      { ingest: new RecordingIngest(), metrics: testMetrics().metrics, logger: silentLogger },
      { hostPort: { host: '127.0.0.1', port: 0 }, maxMessageSize: 1024, tlsEnabled: true, tlsCert: file('server.crt'), tlsKey: file('missing.key'), tlsClientCa: '' },
    );
    await expect(receiver.start()).rejects.toThrow(`--collector.otlp.grpc.tls: cannot read the private key file ${file('missing.key')}`);
  });
});
