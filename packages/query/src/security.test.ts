import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { credentials, loadPackageDefinition, Metadata, status as Status, type ChannelCredentials, type ServiceError } from '@grpc/grpc-js';
import { issueTestCertificates, type TestCertificates } from '../../../test/jest/test-certs.js';
import { queryPackageDefinition } from './grpc/proto-definitions.js';
import { querySecurityFrom } from './options.js';
import { startTestServer, type TestServer } from './testing/fixtures.js';

let certs: TestCertificates;
const pem = (name: string): Buffer => readFileSync(certs.file(name));
beforeAll(() => {
  certs = issueTestCertificates('skein-query-tls-');
  writeFileSync(certs.file('tokens'), '# tokens\nsecret-token-1\n\nsecret-token-2\n');
  writeFileSync(certs.file('users'), 'alice:wonder land\n');
});
afterAll(() => certs.remove());

const servers: TestServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
});

const NO_SECURITY = {
  httpTlsEnabled: false, httpTlsCert: '', httpTlsKey: '', httpTlsClientCa: '',
  grpcTlsEnabled: false, grpcTlsCert: '', grpcTlsKey: '', grpcTlsClientCa: '',
  bearerTokenPropagation: false, authBearerTokensFile: '', authBasicUsersFile: '',
};

async function start(settings: Partial<typeof NO_SECURITY>): Promise<TestServer> {
  const server = await startTestServer({ security: querySecurityFrom({ ...NO_SECURITY, ...settings }), grpcHostPort: { host: '127.0.0.1', port: 0 } });
  servers.push(server);
  return server;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function httpsGet(port: number, path: string, options: { clientCert?: boolean; authorization?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        ca: pem('ca.crt'),
        ...(options.clientCert ? { cert: pem('client.crt'), key: pem('client.key') } : {}),
        headers: options.authorization ? { authorization: options.authorization } : {},
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function getServices(port: number, channel: ChannelCredentials, authorization?: string): Promise<{ services: string[] }> {
  const loaded = loadPackageDefinition(queryPackageDefinition()) as any;
  const client = new loaded.jaeger.api_v3.QueryService(`127.0.0.1:${port}`, channel);
  const metadata = new Metadata();
  if (authorization) metadata.set('authorization', authorization);
  return new Promise((resolve, reject) => {
    client.GetServices({}, metadata, (error: ServiceError | null, response: { services: string[] }) => {
      client.close();
      if (error) reject(error);
      else resolve(response);
    });
  });
}

describe('TLS on 16686 and 16685 (--query.http.tls.*, --query.grpc.tls.*)', () => {
  it('serves HTTPS and gRPC over TLS; a plaintext client gets nothing', async () => {
    const server = await start({
      httpTlsEnabled: true, httpTlsCert: certs.file('server.crt'), httpTlsKey: certs.file('server.key'),
      grpcTlsEnabled: true, grpcTlsCert: certs.file('server.crt'), grpcTlsKey: certs.file('server.key'),
    });
    const port = server.server.address.port;
    const answer = await httpsGet(port, '/api/services');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).data).toContain('frontend');
    await expect(fetch(`http://127.0.0.1:${port}/api/services`)).rejects.toThrow();

    const grpcPort = server.server.grpcAddress!.port;
    expect((await getServices(grpcPort, credentials.createSsl(pem('ca.crt')))).services).toContain('frontend');
    await expect(getServices(grpcPort, credentials.createInsecure())).rejects.toMatchObject({ code: Status.UNAVAILABLE });
  });

  it('with a client CA (mTLS) refuses clients without a certificate it signed', async () => {
    const server = await start({
      httpTlsEnabled: true, httpTlsCert: certs.file('server.crt'), httpTlsKey: certs.file('server.key'), httpTlsClientCa: certs.file('ca.crt'),
      grpcTlsEnabled: true, grpcTlsCert: certs.file('server.crt'), grpcTlsKey: certs.file('server.key'), grpcTlsClientCa: certs.file('ca.crt'),
    });
    const port = server.server.address.port;
    expect((await httpsGet(port, '/api/services', { clientCert: true })).status).toBe(200);
    await expect(httpsGet(port, '/api/services')).rejects.toThrow();
    const grpcPort = server.server.grpcAddress!.port;
    expect((await getServices(grpcPort, credentials.createSsl(pem('ca.crt'), pem('client.key'), pem('client.crt')))).services).toContain('frontend');
    await expect(getServices(grpcPort, credentials.createSsl(pem('ca.crt')))).rejects.toMatchObject({ code: Status.UNAVAILABLE });
  });

  it('names the flag of a missing file before anything starts', () => {
    expect(() => querySecurityFrom({ ...NO_SECURITY, httpTlsEnabled: true })).toThrow('--query.http.tls.enabled needs --query.http.tls.cert and --query.http.tls.key');
    expect(() => querySecurityFrom({ ...NO_SECURITY, grpcTlsEnabled: true, grpcTlsCert: '/nonexistent.crt', grpcTlsKey: '/nonexistent.key' })).toThrow(/^--query\.grpc\.tls\.cert: cannot read \/nonexistent\.crt/);
    expect(() => querySecurityFrom({ ...NO_SECURITY, authBearerTokensFile: '/nonexistent' })).toThrow(/^--query\.auth\.bearer-tokens-file: cannot read/);
    writeFileSync(certs.file('bad-users'), 'no-colon-here\n');
    expect(() => querySecurityFrom({ ...NO_SECURITY, authBasicUsersFile: certs.file('bad-users') })).toThrow(/line 1 of .* is not user:password/);
  });
});

describe('built-in auth (--query.auth.bearer-tokens-file, --query.auth.basic-users-file)', () => {
  it('asks every HTTP request for a token or user, with a challenge browsers answer', async () => {
    const server = await start({ authBearerTokensFile: certs.file('tokens'), authBasicUsersFile: certs.file('users') });
    for (const path of ['/api/services', '/api/v3/services', '/search', '/api/traces/0123456789abcdef']) {
      const refused = await server.get(path);
      expect({ path, status: refused.status }).toEqual({ path, status: 401 });
      expect(refused.json.errors[0]).toEqual({ code: 401, msg: 'authentication required: send a valid bearer token or basic-auth user' });
    }
    const challenge = await fetch(`${server.base}/api/services`);
    expect(challenge.headers.get('www-authenticate')).toBe('Basic realm="skein", charset="UTF-8"');
    const call = (authorization: string) => fetch(`${server.base}/api/services`, { headers: { authorization } }).then((r) => r.status);
    expect(await call('Bearer secret-token-2')).toBe(200);
    expect(await call(`Basic ${Buffer.from('alice:wonder land').toString('base64')}`)).toBe(200);
    for (const wrong of ['Bearer secret-token-3', 'Bearer ', `Basic ${Buffer.from('alice:wonder').toString('base64')}`, 'secret-token-1', 'Digest x', `Basic ${'A'.repeat(10_000)}`]) {
      expect({ wrong: wrong.slice(0, 30), status: await call(wrong) }).toEqual({ wrong: wrong.slice(0, 30), status: 401 });
    }
  });

  it('asks every gRPC call for one too (UNAUTHENTICATED)', async () => {
    const server = await start({ authBearerTokensFile: certs.file('tokens') });
    const grpcPort = server.server.grpcAddress!.port;
    await expect(getServices(grpcPort, credentials.createInsecure())).rejects.toMatchObject({ code: Status.UNAUTHENTICATED });
    await expect(getServices(grpcPort, credentials.createInsecure(), 'Bearer nope')).rejects.toMatchObject({ code: Status.UNAUTHENTICATED });
    expect((await getServices(grpcPort, credentials.createInsecure(), 'Bearer secret-token-1')).services).toContain('frontend');
    const bearerOnly = await fetch(`${server.base}/api/services`);
    expect(bearerOnly.headers.get('www-authenticate')).toBe('Bearer realm="skein"');
  });
});
