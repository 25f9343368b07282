/**
 * `skein collector --collector.processes=2`: two collector processes share the receivers' ports and both take
 * connections; the admin port adds their metrics up and combines their readiness; a process killed with SIGKILL is
 * started again while the other keeps serving; SIGTERM drains both and every span answered 200 is on Kafka once.
 *
 * @services kafka
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { decodeKafkaValue } from '@skein/codecs';
import { platformaticClients, TopicAdmin, type ConnectionSettings } from '@skein/kafka';
import { childPids, processCpuSeconds } from '@skein/runtime';
import { serviceAddress, uniqueName } from '../../jest/service-address.js';
import { otlpJsonTrace } from '../all-in-one/otlp-json.js';
import { eventually, freePort } from '../all-in-one/skein-process.js';
import { readTopic } from '../kafka-topic-reader.js';
import { killSkeinCommands, startSkeinCommand, stopSkeinCommand } from '../skein-command.js';

const SPANS_PER_REQUEST = 50;
const connection = (): ConnectionSettings => ({ brokers: serviceAddress('KAFKA_BROKERS').split(','), clientId: 'processes-e2e' });
const topic = uniqueName('skein_processes_e2e');
let admin: TopicAdmin;

beforeAll(async () => {
  admin = new TopicAdmin(platformaticClients.admin(connection()));
  await admin.ensureTopic({ topic, partitions: 2, replicationFactor: 1 });
});

afterAll(async () => {
  killSkeinCommands();
  await admin?.deleteTopics([topic]).catch(() => undefined);
  await admin?.close();
});

function post(port: number, agent: Agent | false): Promise<{ status: number; spans: number }> {
  const { body } = otlpJsonTrace('processes', SPANS_PER_REQUEST);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/v1/traces', method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, spans: SPANS_PER_REQUEST }));
    });
    req.setTimeout(15_000, () => req.destroy(new Error('no answer within 15 s')));
    req.on('error', reject);
    req.end(body);
  });
}

async function metricValue(adminPort: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${adminPort}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name} `) || line.startsWith(`${name}{`))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

it('shares the ports between two processes, restarts one that dies, and loses no accepted span', async () => {
  const [otlpPort, adminPort] = [await freePort(), await freePort()];
  const off = ['collector.http-server.host-port', 'collector.zipkin.host-port', 'collector.otlp.grpc.host-port', 'collector.grpc-server.host-port', 'processor.jaeger-compact.server-host-port', 'processor.jaeger-binary.server-host-port'];
  const collector = await startSkeinCommand(
    ['collector', '--collector.processes=2', `--collector.otlp.http.host-port=127.0.0.1:${otlpPort}`, ...off.map((flag) => `--${flag}=off`)],
    { SPAN_STORAGE_TYPE: 'kafka', KAFKA_PRODUCER_BROKERS: serviceAddress('KAFKA_BROKERS'), KAFKA_PRODUCER_TOPIC: topic, LOG_LEVEL: 'info' },
    adminPort,
  );
  const primary = collector.child.pid!;
  const workers = childPids(primary);
  expect(workers).toHaveLength(2);
  const ready = (await (await fetch(`http://127.0.0.1:${adminPort}/readyz`)).json()) as { checks: Array<{ name: string; ok: boolean }> };
  expect(ready.checks.map((check) => check.name)).toEqual(['collector process 1: span-writer:kafka', 'collector process 2: span-writer:kafka']);

  // A new connection per request: the primary hands connections to the processes in turn, so both work.
  const cpuBefore = workers.map(processCpuSeconds);
  let sent = 0;
  for (let round = 0; round < 20; round++) {
    const answers = await Promise.all(Array.from({ length: 8 }, () => post(otlpPort, false)));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    sent += answers.length * SPANS_PER_REQUEST;
  }
  const cpuUsed = workers.map((pid, i) => processCpuSeconds(pid) - cpuBefore[i]!);
  process.stderr.write(`processes: CPU-s per process during the load ${cpuUsed.map((s) => s.toFixed(2)).join(', ')}\n`);
  for (const seconds of cpuUsed) expect(seconds).toBeGreaterThan(0.2 * (cpuUsed[0]! + cpuUsed[1]!));
  // The admin port adds both processes' counters up.
  expect(await metricValue(adminPort, 'skein_collector_spans_received_total')).toBe(sent);
  expect(await metricValue(adminPort, 'skein_worker_processes')).toBe(2);

  // One process killed: readiness says so until a new one takes its place, and the other keeps answering meanwhile.
  // (A connection the primary handed to the process in the instant it died is lost with it; clients retry those.)
  process.kill(workers[0]!, 'SIGKILL');
  await eventually(
    async () => {
      const response = await fetch(`http://127.0.0.1:${adminPort}/readyz`);
      const body = (await response.json()) as { checks: Array<{ name: string; ok: boolean; error?: string }> };
      const down = body.checks.find((check) => !check.ok);
      return response.status === 503 && down?.name.startsWith('collector process') && down.error?.includes('SIGKILL') ? true : undefined;
    },
    'readiness reporting the killed process',
    10_000,
  );
  const agent = new Agent({ keepAlive: true });
  const during = await Promise.all(Array.from({ length: 4 }, () => post(otlpPort, agent)));
  expect(during.map((a) => a.status)).toEqual([200, 200, 200, 200]);
  sent += during.length * SPANS_PER_REQUEST;
  agent.destroy();
  const replaced = await eventually(
    async () => {
      const now = childPids(primary);
      const response = await fetch(`http://127.0.0.1:${adminPort}/readyz`);
      return now.length === 2 && !now.includes(workers[0]!) && response.status === 200 ? now : undefined;
    },
    'a new collector process, ready',
    30_000,
  );
  expect(replaced).toContain(workers[1]);
  expect(await metricValue(adminPort, 'skein_worker_process_restarts_total')).toBe(1);
  for (let round = 0; round < 4; round++) {
    const answers = await Promise.all(Array.from({ length: 4 }, () => post(otlpPort, false)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    sent += answers.length * SPANS_PER_REQUEST;
  }
  expect(collector.output()).toContain('a collector process exited; starting another');

  expect(await stopSkeinCommand(collector.child)).toBe(0);
  for (const pid of replaced) expect(() => process.kill(pid, 0)).toThrow();
  // One span per record (the default Kafka encoding).
  const records = await readTopic(connection(), topic, sent);
  const keys = records.map((record) => {
    const { spans } = decodeKafkaValue(record.value!);
    return spans.map((span) => `${span.traceId}/${span.spanId}`);
  }).flat();
  expect({ records: keys.length, distinct: new Set(keys).size }).toEqual({ records: sent, distinct: sent });
}, 180_000);

it('refuses a process count that is not a whole number from 1 to 256 or auto, naming the flag', () => {
  const bin = fileURLToPath(new URL('../../../packages/cli/bin/skein.js', import.meta.url));
  for (const value of ['0', '257', 'two', '1.5', '']) {
    const result = spawnSync(process.execPath, [bin, 'collector', `--collector.processes=${value}`], { encoding: 'utf8', timeout: 30_000 });
    expect({ value, status: result.status }).toEqual({ value, status: 2 });
    expect(result.stderr).toContain('collector.processes');
    expect(result.stderr).toContain('auto');
  }
});
