/**
 * A Kafka broker SIGKILLed under load, then restarted on the same data: the collector answers 503 with Retry-After
 * within about two and a half seconds of the broker's death instead of letting clients time out, `/readyz` says Kafka is the
 * problem, the producer reconnects once the broker is back without a restart of the collector, and every span the
 * collector answered 200 for is on the topic exactly once.
 *
 * The broker is this test's own (test/services/dedicated-kafka.ts): the shared one serves other files meanwhile.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { Agent, request } from 'node:http';
import { decodeKafkaValue } from '@skein/codecs';
import { platformaticClients, TopicAdmin } from '@skein/kafka';
import { DedicatedKafka } from '../../services/dedicated-kafka.js';
import { otlpJsonTrace } from '../all-in-one/otlp-json.js';
import { freePort } from '../all-in-one/skein-process.js';
import { readTopic } from '../kafka-topic-reader.js';
import { killSkeinCommands, startSkeinCommand, stopSkeinCommand } from '../skein-command.js';

const CLIENTS = 3;
const SPANS_PER_REQUEST = 20;
/**
 * The producer noticing the dead connection (about 0.8 s: a send fails after its retries), the collector's fail-fast
 * threshold (1.5 s of failing writes) and a sweep of the queue (0.375 s), with a little slack.
 */
const FIRST_503_BUDGET_MS = 3_500;
/** From the restarted broker answering metadata to the first span accepted again. */
const RECOVERY_BUDGET_MS = 10_000;

let broker: DedicatedKafka;
let collector: Awaited<ReturnType<typeof startSkeinCommand>> | undefined;
/** The load clients' switch; afterAll turns it off too, so a failed assertion leaves no client looping. */
let running = true;

beforeAll(async () => {
  broker = await DedicatedKafka.start();
}, 180_000);

afterAll(async () => {
  running = false;
  if (collector && collector.child.exitCode === null) await stopSkeinCommand(collector.child);
  killSkeinCommands();
  await broker?.remove();
}, 60_000);

interface Outcome {
  traceId: string;
  at: number;
  status?: number;
  retryAfter?: string;
  body?: string;
  error?: string;
}

function post(agent: Agent, port: number): Promise<Outcome> {
  const { traceId, body } = otlpJsonTrace('broker-kill', SPANS_PER_REQUEST);
  return new Promise((resolve) => {
    const done = (outcome: Omit<Outcome, 'traceId' | 'at'>): void => resolve({ traceId, at: performance.now(), ...outcome });
    const req = request({ host: '127.0.0.1', port, path: '/v1/traces', method: 'POST', agent, timeout: 30_000, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => done({ status: res.statusCode!, retryAfter: res.headers['retry-after'], body: text }));
      res.on('error', (error: NodeJS.ErrnoException) => done({ error: error.code ?? error.message }));
    });
    req.on('timeout', () => req.destroy(new Error('client timeout after 30 s')));
    req.on('error', (error: NodeJS.ErrnoException) => done({ error: error.code ?? error.message }));
    req.end(body);
  });
}

const readyStatus = (adminPort: number): Promise<{ status: number; body: string }> =>
  fetch(`http://127.0.0.1:${adminPort}/readyz`).then(async (response) => ({ status: response.status, body: await response.text() }));

it('answers 503 + Retry-After within seconds of a broker SIGKILL, recovers when it returns, and keeps every accepted span once', async () => {
  const topic = 'broker_kill_spans';
  const admin = new TopicAdmin(platformaticClients.admin({ brokers: [broker.address], clientId: 'broker-kill-e2e' }));
  await admin.ensureTopic({ topic, partitions: 3, replicationFactor: 1 });
  await admin.close();

  const [otlpPort, adminPort] = [await freePort(), await freePort()];
  const off = ['collector.http-server.host-port', 'collector.zipkin.host-port', 'collector.otlp.grpc.host-port', 'collector.grpc-server.host-port', 'processor.jaeger-compact.server-host-port', 'processor.jaeger-binary.server-host-port'];
  collector = await startSkeinCommand(
    ['collector', `--collector.otlp.http.host-port=127.0.0.1:${otlpPort}`, ...off.map((flag) => `--${flag}=off`)],
    { SPAN_STORAGE_TYPE: 'kafka', KAFKA_PRODUCER_BROKERS: broker.address, KAFKA_PRODUCER_TOPIC: topic, LOG_LEVEL: 'warn' },
    adminPort,
  );

  const outcomes: Outcome[] = [];
  const clients = Array.from({ length: CLIENTS }, async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      while (running) {
        const outcome = await post(agent, otlpPort);
        outcomes.push(outcome);
        // As OTLP exporters do: back off for Retry-After (capped so the test sees the recovery promptly).
        if (outcome.status !== 200) await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, Number(outcome.retryAfter ?? 1) * 1000)));
      }
    } finally {
      agent.destroy();
    }
  });

  await new Promise((resolve) => setTimeout(resolve, 3_000));
  expect(outcomes.filter((o) => o.status === 200).length).toBeGreaterThan(10);

  await broker.kill();
  const killedAt = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 8_000));
  const duringOutage = await readyStatus(adminPort);

  await broker.restart();
  const backAt = performance.now();
  const recovered = await (async () => {
    for (;;) {
      const accepted = outcomes.find((o) => o.at > backAt && o.status === 200);
      if (accepted) return accepted.at - backAt;
      if (performance.now() - backAt > 60_000) return Number.POSITIVE_INFINITY;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  running = false;
  await Promise.all(clients);
  const afterRecovery = await readyStatus(adminPort);

  const afterKill = outcomes.filter((o) => o.at > killedAt);
  const first503 = afterKill.find((o) => o.status === 503);
  const firstRefusalMs = first503 ? Math.round(first503.at - killedAt) : Number.POSITIVE_INFINITY;
  const accepted = outcomes.filter((o) => o.status === 200);
  const refused = outcomes.filter((o) => o.status !== 200);
  process.stderr.write(
    `broker kill: first 503 ${firstRefusalMs} ms after SIGKILL; first 200 ${Math.round(recovered)} ms after the broker answered again; ` +
      `${accepted.length} requests accepted, ${refused.length} refused (${[...new Set(refused.map((o) => o.status ?? o.error))].join(', ')})\n`,
  );

  // Explicit, fast refusals while the broker is gone: 503 with Retry-After and OTLP's Status body, never a hang or reset.
  expect(firstRefusalMs).toBeLessThanOrEqual(FIRST_503_BUDGET_MS);
  for (const outcome of refused) {
    expect(outcome).toMatchObject({ status: 503 });
    expect(Number(outcome.retryAfter)).toBeGreaterThan(0);
    expect(JSON.parse(outcome.body!)).toMatchObject({ code: 14, message: expect.stringMatching(/kafka|broker|span writer/i) });
  }
  expect(duringOutage.status).toBe(503);
  expect(duringOutage.body).toMatch(/kafka/i);
  expect(recovered).toBeLessThanOrEqual(RECOVERY_BUDGET_MS);
  expect(afterRecovery.status).toBe(200);

  await stopSkeinCommand(collector.child);
  const records = await readTopic({ brokers: [broker.address], clientId: 'broker-kill-reader' }, topic, accepted.length * SPANS_PER_REQUEST);
  const spansPerTrace = new Map<string, number>();
  for (const record of records) {
    for (const span of decodeKafkaValue(record.value!).spans) spansPerTrace.set(span.traceId, (spansPerTrace.get(span.traceId) ?? 0) + 1);
  }
  const wrong = accepted.filter((o) => spansPerTrace.get(o.traceId) !== SPANS_PER_REQUEST).map((o) => `${o.traceId}: ${spansPerTrace.get(o.traceId) ?? 0}`);
  expect(wrong).toEqual([]);
}, 240_000);
