import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentials, status as Status } from '@grpc/grpc-js';
import { encodeOtlpProto } from '@skein/codecs';
import type { Receiver } from '../receiver.js';
import { RawGrpcClient } from './grpc-client.js';
import { createOtlpGrpcReceiver } from './receivers.js';
import { rawClientDefinitions } from './service-definitions.js';
import { RecordingIngest, silentLogger, testMetrics, testSpans } from './test-support.js';

let dir: string;
const file = (name: string) => join(dir, name);

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

function issue(name: string, extensions: string): void {
  openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
  writeFileSync(file(`${name}.ext`), extensions);
  openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.crt`, '-days', '1', '-extfile', `${name}.ext`);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'skein-grpc-tls-'));
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=skein-test-ca');
  issue('server', 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  issue('client', 'extendedKeyUsage=clientAuth\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
