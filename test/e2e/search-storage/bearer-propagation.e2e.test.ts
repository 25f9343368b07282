/**
 * `skein query --query.bearer-token-propagation`: the caller's Authorization header reaches OpenSearch on every
 * request made for that call, and no other caller's. A recording proxy sits between the query and OpenSearch.
 * @services opensearch
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createServer, request, type Server } from 'node:http';
import { serviceAddress, uniqueName } from '../../jest/service-address.js';
import { freePort } from '../all-in-one/skein-process.js';
import { killSkeinCommands, startSkeinCommand, stopSkeinCommand } from '../skein-command.js';

const seen: Array<{ path: string; authorization: string | undefined }> = [];
let proxy: Server;
let query: Awaited<ReturnType<typeof startSkeinCommand>>;
let queryPort: number;
const prefix = uniqueName('bearer');

beforeAll(async () => {
  const target = new URL(serviceAddress('OPENSEARCH_URL'));
  proxy = createServer((incoming, outgoing) => {
    seen.push({ path: incoming.url ?? '', authorization: incoming.headers.authorization });
    const forward = request({ host: target.hostname, port: target.port, path: incoming.url, method: incoming.method, headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    forward.on('error', () => outgoing.writeHead(502).end());
    incoming.pipe(forward);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  queryPort = await freePort();
  const proxyUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
  query = await startSkeinCommand(
    ['query', `--query.http-server.host-port=127.0.0.1:${queryPort}`, '--query.grpc-server.host-port=off', '--query.bearer-token-propagation=true'],
    { SPAN_STORAGE_TYPE: 'opensearch', ES_SERVER_URLS: proxyUrl, ES_INDEX_PREFIX: prefix, ES_NUM_SHARDS: '1', ES_NUM_REPLICAS: '0', LOG_LEVEL: 'warn' },
    await freePort(),
  );
}, 90_000);

afterAll(async () => {
  if (query) expect(await stopSkeinCommand(query.child)).toBe(0);
  killSkeinCommands();
  await new Promise<void>((resolve) => proxy?.close(() => resolve()));
  await fetch(`${serviceAddress('OPENSEARCH_URL')}/${prefix}-*`, { method: 'DELETE' }).catch(() => undefined);
});

it("sends each caller's Authorization header on to OpenSearch, and none for a caller without one", async () => {
  seen.length = 0;
  const alice = await fetch(`http://127.0.0.1:${queryPort}/api/services`, { headers: { authorization: 'Bearer alice-token' } });
  expect(alice.status).toBe(200);
  const aliceCalls = seen.splice(0);
  expect(aliceCalls.length).toBeGreaterThan(0);
  expect(aliceCalls.every((call) => call.authorization === 'Bearer alice-token')).toBe(true);

  const search = await fetch(`http://127.0.0.1:${queryPort}/api/traces?service=nobody&lookback=1h`, { headers: { authorization: 'Bearer bob-token' } });
  expect(search.status).toBe(200);
  const bobCalls = seen.splice(0);
  expect(bobCalls.length).toBeGreaterThan(0);
  expect(new Set(bobCalls.map((call) => call.authorization))).toEqual(new Set(['Bearer bob-token']));

  const anonymous = await fetch(`http://127.0.0.1:${queryPort}/api/services`);
  expect(anonymous.status).toBe(200);
  expect(seen.splice(0).map((call) => call.authorization)).toEqual(expect.arrayContaining([undefined]));
});
