/**
 * SIGTERM while clients keep sending (and honour Retry-After, as OTLP exporters do): every request is answered (200,
 * or 503 with Retry-After and OTLP's Status body) until the port closes, then refused; no connection is reset; every
 * span answered 200 is stored exactly once. On the event loop alone and with ingest threads, which hold requests too.
 */
import { afterAll, expect, it } from '@jest/globals';
import { Agent, request } from 'node:http';
import { otlpJsonTrace } from './otlp-json.js';
import { getJson, type JaegerTrace } from './jaeger-json.js';
import { newDataDir, removeDataDir, startSkein } from './skein-process.js';

const CLIENTS = 8;
const SPANS_PER_REQUEST = 20;
const dataDirs: string[] = [];
afterAll(() => dataDirs.forEach(removeDataDir));

interface Outcome {
  traceId: string;
  status?: number;
  retryAfter?: string;
  body?: string;
  error?: string;
}

function post(agent: Agent, port: number, service: string): Promise<Outcome> {
  const { traceId, body } = otlpJsonTrace(service, SPANS_PER_REQUEST);
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/v1/traces', method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ traceId, status: res.statusCode!, retryAfter: res.headers['retry-after'], body: text }));
      res.on('error', (error: NodeJS.ErrnoException) => resolve({ traceId, error: error.code ?? error.message }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ traceId, error: error.code ?? error.message }));
    req.end(body);
  });
}

it.each([{ threads: 1 }, { threads: 2 }])('answers every in-flight and arriving request during SIGTERM, then refuses; accepted spans are all stored ($threads ingest thread(s))', async ({ threads }) => {
  const dataDir = newDataDir();
  dataDirs.push(dataDir);
  const skein = await startSkein({ dataDir, flags: ['--collector.shutdown-timeout=5s', `--all-in-one.ingest-threads=${threads}`] });
  const port = skein.listeners['otlp-http']!.port;
  const outcomes: Outcome[] = [];
  let stopped = false;
  const loops = Array.from({ length: CLIENTS }, async (_, client) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (;;) {
        const outcome = await post(agent, port, `shutdown-${client}`);
        outcomes.push(outcome);
        if (outcome.error === 'ECONNREFUSED' || (stopped && outcome.error)) return;
        // As OTLP exporters do: a 503 with Retry-After means "try again after that long".
        if (outcome.status === 503) await new Promise((resolve) => setTimeout(resolve, Number(outcome.retryAfter ?? 1) * 1000));
      }
    } finally {
      agent.destroy();
    }
  });
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const exit = skein.stop(15_000);
  stopped = true;
  await Promise.all(loops);
  expect((await exit).code).toBe(0);

  const accepted = outcomes.filter((o) => o.status === 200);
  const refusedByShutdown = outcomes.filter((o) => o.status === 503);
  const failed = outcomes.filter((o) => o.error !== undefined);
  const other = outcomes.filter((o) => o.status !== undefined && o.status !== 200 && o.status !== 503);
  process.stderr.write(`shutdown under load: ${accepted.length} accepted, ${refusedByShutdown.length} answered 503, ${failed.length} refused (${[...new Set(failed.map((f) => f.error))].join(', ')})\n`);
  expect(accepted.length).toBeGreaterThan(CLIENTS);
  expect(other).toEqual([]);
  for (const answer of refusedByShutdown) {
    expect(answer.retryAfter).toMatch(/^\d+$/);
    const status = JSON.parse(answer.body!) as { code: number; message: string };
    expect(status.code).toBe(14); // google.rpc.Code UNAVAILABLE, in OTLP's Status body
    expect(status.message).toMatch(/shutting down/);
  }
  // Connection refused once the port is closed; never a reset or a hang-up mid-request.
  expect(failed.map((f) => f.error).filter((code) => code !== 'ECONNREFUSED')).toEqual([]);

  // Restarted on the same file: every accepted request's spans are there, once.
  const again = await startSkein({ dataDir });
  try {
    for (const { traceId } of accepted) {
      const { status, body } = await getJson<{ data: JaegerTrace[] }>(again.url('query', `/api/traces/${traceId}`));
      expect({ traceId, status, spans: body.data[0]?.spans.length }).toEqual({ traceId, status: 200, spans: SPANS_PER_REQUEST });
    }
  } finally {
    expect((await again.stop()).code).toBe(0);
  }
}, 90_000);
