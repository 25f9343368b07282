/**
 * Collector throughput over HTTP: spans/s accepted (answered 2xx, hence acknowledged by the writer), the collector's
 * CPU-seconds per million spans (= CPU-µs per span), p99 request latency and peak RSS, for OTLP/HTTP protobuf and
 * Jaeger Thrift/HTTP, writing to the real Kafka (acks=all) and, as same-run baselines, to Kafka with the fast path
 * off (`kafka-decoded`: every request decoded into spans), a null writer (decode + pipeline + queue only) and the
 * memory store, and OTLP gRPC → Kafka with two collector processes (`--collector.processes=2`; CPU and RSS then add up
 * the processes). The last lines compare the OTLP fast path with its decoded baseline and two processes with one. Each request carries a new
 * trace id (the bodies are pre-encoded and patched in place), so stores see new traces as in production.
 *
 * The collector runs in its own process (bench/collector-process.ts); this process only generates load, so CPU
 * (from /proc/<pid>/stat) and RSS (/proc/<pid>/status) are the collector's alone. On a shared machine compare
 * rows of one run: CPU per span is the primary figure, spans/s depends on what else runs.
 *
 * Env: KAFKA_BROKERS (127.0.0.1:9092), BENCH_DURATION_MS (8000), BENCH_CLIENTS (4), BENCH_SCENARIOS (e.g.
 * `otlp:null,jaeger:kafka`; default all), BENCH_CPU_PROF_DIR (write a .cpuprofile of each collector there),
 * BENCH_BUILDS (`before=<collector-process.js>,after=<…>`: each scenario runs once per build, interleaved, for A/B
 * comparisons on a noisy machine; default the package's own dist), BENCH_KAFKA_OPTIONS (JSON of producer options for
 * the Kafka scenarios), KAFKA_BROKER_PID (set by `npm run bench`: adds the broker's CPU-seconds per million spans).
 */
import { encodeJaegerBatch, encodeOtlpProto } from '@skein/codecs';
import { platformaticClients, TopicAdmin } from '@skein/kafka';
import { mainThreadCpuSeconds, processCpuSeconds, processRssMiB, processTreeSum } from '@skein/runtime';
import { issueSpan, realisticSpan, spanBatches } from './bench/load/bench-spans.js';
import { driveHttp, driveOtlpGrpc, type HttpTarget, type LoadResult } from './bench/load/http-load.js';
import { DEFAULT_COLLECTOR_ENTRY, spawnCollector } from './bench/load/spawn-collector.js';

const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 8000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 4);
const PROFILE_DIR = process.env.BENCH_CPU_PROF_DIR;
/** Set by `npm run bench` (test/bench/run.ts): the Kafka broker's CPU per span is reported next to the collector's. */
const BROKER_PID = process.env.KAFKA_BROKER_PID ? Number(process.env.KAFKA_BROKER_PID) : undefined;
/** Extra producer options for every Kafka scenario, as JSON, e.g. `{"kafka.producer.batch-linger":"10ms"}`. */
const KAFKA_OPTIONS = JSON.parse(process.env.BENCH_KAFKA_OPTIONS ?? '{}') as Record<string, string>;
const SPANS_PER_REQUEST = 100;

/** `otlp` is OTLP/HTTP protobuf, `otlp-grpc` OTLP over gRPC with the performance issue's span (bench-spans.ts). */
type Receiver = 'otlp' | 'otlp-grpc' | 'jaeger';
/** `kafka-decoded` is `kafka` with `--collector.fast-path=false`: the same-run baseline of the fast path. */
type WriterName = 'null' | 'memory' | 'kafka' | 'kafka-decoded';

interface Scenario {
  receiver: Receiver;
  writer: WriterName;
  rate?: number;
  /** `--collector.processes` (1 unless given). */
  processes?: number;
}

const ALL_SCENARIOS: Scenario[] = [
  { receiver: 'otlp', writer: 'null' },
  { receiver: 'otlp', writer: 'memory' },
  { receiver: 'otlp', writer: 'kafka' },
  { receiver: 'otlp', writer: 'kafka-decoded' },
  { receiver: 'otlp-grpc', writer: 'kafka' },
  { receiver: 'otlp-grpc', writer: 'kafka-decoded' },
  { receiver: 'otlp-grpc', writer: 'kafka', processes: 2 },
  { receiver: 'jaeger', writer: 'null' },
  { receiver: 'jaeger', writer: 'memory' },
  { receiver: 'jaeger', writer: 'kafka' },
  { receiver: 'otlp', writer: 'kafka', rate: 10_000 },
];

const RECEIVER_LABELS: Record<Receiver, string> = { otlp: 'otlp-http-proto', 'otlp-grpc': 'otlp-grpc', jaeger: 'jaeger-thrift-http' };

function selectedScenarios(): Scenario[] {
  const wanted = process.env.BENCH_SCENARIOS;
  if (!wanted) return ALL_SCENARIOS;
  return wanted.split(',').map((item) => {
    // receiver:writer[:rate][:x<processes>], e.g. otlp:kafka:10000 or otlp-grpc:kafka:x2
    const [receiver, writer, ...rest] = item.trim().split(':');
    const rate = rest.find((field) => /^\d+$/.test(field));
    const processes = rest.find((field) => /^x\d+$/.test(field));
    return { receiver: receiver as Receiver, writer: writer as WriterName, ...(rate ? { rate: Number(rate) } : {}), ...(processes ? { processes: Number(processes.slice(1)) } : {}) };
  });
}

interface Payloads {
  bodies: Buffer[];
  /** Gives a body's trace a new id before each send, so the stores see new traces rather than the same spans again. */
  freshen: (body: Buffer) => void;
}

function payloads(receiver: Receiver): Payloads {
  const batches = spanBatches(64, SPANS_PER_REQUEST, receiver === 'otlp-grpc' ? issueSpan : realisticSpan);
  const bodies = batches.map((spans) => Buffer.from(receiver === 'jaeger' ? encodeJaegerBatch(spans[0]!.process, spans) : encodeOtlpProto(spans)));
  // Both encodings carry the high 8 bytes of the trace id as they are (OTLP's 16 id bytes, Thrift's traceIdHigh):
  // find each body's copies once, then overwrite them with a counter per send.
  const offsets = bodies.map((body, i) => {
    const high = Buffer.from(batches[i]![0]!.traceId.slice(0, 16), 'hex');
    const found: number[] = [];
    for (let at = body.indexOf(high); at >= 0; at = body.indexOf(high, at + 1)) found.push(at);
    if (found.length < SPANS_PER_REQUEST) throw new Error(`found the trace id ${found.length} times in a body of ${SPANS_PER_REQUEST} spans`);
    return found;
  });
  const offsetsOf = new Map<Buffer, number[]>(bodies.map((body, i) => [body, offsets[i]!]));
  const run = Math.floor(Math.random() * 0xffff) + 1;
  let sends = 0;
  return {
    bodies,
    freshen: (body) => {
      sends++;
      for (const offset of offsetsOf.get(body)!) {
        body.writeUInt16BE(run, offset);
        body.writeUInt32BE(sends, offset + 2);
      }
    },
  };
}

function selectedBuilds(): Array<{ build: string; entry: string }> {
  const builds = process.env.BENCH_BUILDS;
  if (!builds) return [{ build: 'dist', entry: DEFAULT_COLLECTOR_ENTRY }];
  return builds.split(',').map((item) => {
    const [build, entry] = item.split('=');
    return { build: build!, entry: entry! };
  });
}

interface Row {
  scenario: Scenario;
  build: string;
  cpuSecondsPerMillionSpans: number;
  mainThreadCpuSecondsPerMillionSpans: number;
  spansPerSecond: number;
}

async function run(scenario: Scenario, build: { build: string; entry: string }, kafkaOptions: Record<string, string>): Promise<Row> {
  const nodeFlags = PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', `${PROFILE_DIR}/${build.build}-${scenario.receiver}-${scenario.writer}`] : [];
  const writerOptions = scenario.writer === 'kafka' ? kafkaOptions : scenario.writer === 'kafka-decoded' ? { ...kafkaOptions, 'collector.fast-path': 'false' } : {};
  const options = scenario.processes ? { ...writerOptions, 'collector.processes': String(scenario.processes) } : writerOptions;
  const collector = await spawnCollector(scenario.writer === 'kafka-decoded' ? 'kafka' : scenario.writer, options, nodeFlags, build.entry);
  try {
    const target: HttpTarget =
      scenario.receiver === 'jaeger'
        ? { port: collector.ports['jaeger-http']!, path: '/api/traces', contentType: 'application/x-thrift' }
        : { port: collector.ports['otlp-http']!, path: '/v1/traces', contentType: 'application/x-protobuf' };
    const { bodies, freshen } = payloads(scenario.receiver);
    const drive = (durationMs: number): Promise<LoadResult> =>
      scenario.receiver === 'otlp-grpc'
        ? driveOtlpGrpc(collector.ports['otlp-grpc']!, bodies, SPANS_PER_REQUEST, CLIENTS, durationMs, freshen)
        : driveHttp(target, bodies, SPANS_PER_REQUEST, CLIENTS, durationMs, scenario.rate, freshen);
    await drive(1500); // warm-up
    // With several collector processes, each figure is the sum over the primary and its children.
    const tree = (read: (pid: number) => number): number => processTreeSum(collector.pid, read);
    let peakRss = tree(processRssMiB);
    const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, tree(processRssMiB))), 100);
    const cpuBefore = tree(processCpuSeconds);
    const mainThreadCpuBefore = tree(mainThreadCpuSeconds);
    const writesKafka = scenario.writer.startsWith('kafka') && BROKER_PID !== undefined;
    const brokerCpuBefore = writesKafka ? processCpuSeconds(BROKER_PID!) : 0;
    const loadCpuBefore = process.cpuUsage();
    const result = await drive(DURATION_MS);
    const collectorCpu = tree(processCpuSeconds) - cpuBefore;
    const mainThreadCpu = tree(mainThreadCpuSeconds) - mainThreadCpuBefore;
    const brokerCpu = writesKafka ? processCpuSeconds(BROKER_PID!) - brokerCpuBefore : undefined;
    const loadCpu = process.cpuUsage(loadCpuBefore);
    clearInterval(rssTimer);
    const spans = Math.max(1, result.acceptedSpans);
    const row: Row = {
      scenario,
      build: build.build,
      cpuSecondsPerMillionSpans: Number(((collectorCpu / spans) * 1e6).toFixed(1)),
      mainThreadCpuSecondsPerMillionSpans: Number(((mainThreadCpu / spans) * 1e6).toFixed(1)),
      spansPerSecond: Math.round(result.acceptedSpans / result.elapsedSeconds),
    };
    process.stdout.write(
      `${JSON.stringify({
        bench: 'collector',
        build: build.build,
        receiver: RECEIVER_LABELS[scenario.receiver],
        writer: scenario.writer,
        processes: scenario.processes ?? 1,
        ...(scenario.rate ? { offeredSpansPerSecond: scenario.rate } : {}),
        spansPerSecond: row.spansPerSecond,
        // CPU-seconds of the collector process per million spans accepted (= CPU-µs per span).
        cpuSecondsPerMillionSpans: row.cpuSecondsPerMillionSpans,
        // The event loop's share (the rest is V8's and libuv's helper threads): what caps one process's throughput.
        mainThreadCpuSecondsPerMillionSpans: row.mainThreadCpuSecondsPerMillionSpans,
        collectorCpuCores: Number((collectorCpu / result.elapsedSeconds).toFixed(2)),
        ...(brokerCpu !== undefined ? { brokerCpuSecondsPerMillionSpans: Number(((brokerCpu / spans) * 1e6).toFixed(1)) } : {}),
        loadGeneratorCpuUsPerSpan: Number((((loadCpu.user + loadCpu.system) / spans)).toFixed(1)),
        p50LatencyMs: Number((result.latencies[Math.floor(result.latencies.length * 0.5)] ?? 0).toFixed(1)),
        p99LatencyMs: Number((result.latencies[Math.floor(result.latencies.length * 0.99)] ?? 0).toFixed(1)),
        refusedRequests: result.refusedRequests,
        collectorPeakRssMiB: Math.round(peakRss),
        clients: CLIENTS,
        spansPerRequest: SPANS_PER_REQUEST,
      })}\n`,
    );
    return row;
  } finally {
    await collector.stop();
  }
}

/** The fast path against its same-run baseline, the same requests decoded into spans (`kafka-decoded`). */
function printFastPathComparison(rows: readonly Row[]): void {
  for (const build of new Set(rows.map((row) => row.build))) {
    for (const receiver of ['otlp', 'otlp-grpc'] as const) {
      const find = (writer: WriterName): Row | undefined => rows.find((row) => row.build === build && row.scenario.receiver === receiver && row.scenario.writer === writer && !row.scenario.rate && !row.scenario.processes);
      const [fast, decoded] = [find('kafka'), find('kafka-decoded')];
      if (!fast || !decoded) continue;
      process.stdout.write(
        `${JSON.stringify({
          bench: 'collector',
          build,
          comparison: `${RECEIVER_LABELS[receiver]}→kafka fast path / decoded`,
          cpuSecondsPerMillionSpans: Number((fast.cpuSecondsPerMillionSpans / decoded.cpuSecondsPerMillionSpans).toFixed(2)),
          spansPerSecond: Number((fast.spansPerSecond / decoded.spansPerSecond).toFixed(2)),
        })}\n`,
      );
    }
  }
}

/** Several collector processes against one, for the same receiver and writer in the same run. */
function printProcessesComparison(rows: readonly Row[]): void {
  for (const many of rows.filter((row) => (row.scenario.processes ?? 1) > 1 && !row.scenario.rate)) {
    const one = rows.find((row) => row.build === many.build && row.scenario.receiver === many.scenario.receiver && row.scenario.writer === many.scenario.writer && !row.scenario.rate && !row.scenario.processes);
    if (!one) continue;
    process.stdout.write(
      `${JSON.stringify({
        bench: 'collector',
        build: many.build,
        comparison: `${RECEIVER_LABELS[many.scenario.receiver]}→${many.scenario.writer}, ${many.scenario.processes} processes / 1`,
        cpuSecondsPerMillionSpans: Number((many.cpuSecondsPerMillionSpans / one.cpuSecondsPerMillionSpans).toFixed(2)),
        spansPerSecond: Number((many.spansPerSecond / one.spansPerSecond).toFixed(2)),
      })}\n`,
    );
  }
}

async function main(): Promise<void> {
  const scenarios = selectedScenarios();
  const needsKafka = scenarios.some((s) => s.writer.startsWith('kafka'));
  const admin = needsKafka ? new TopicAdmin(platformaticClients.admin({ brokers: BROKERS.split(','), clientId: 'collector-bench' })) : undefined;
  const topic = `skein_collector_bench_${process.pid}_${Date.now().toString(36)}`;
  if (admin) await admin.ensureTopic({ topic, partitions: 6, replicationFactor: 1 });
  const kafkaOptions = { 'span-storage.type': 'kafka', 'kafka.producer.brokers': BROKERS, 'kafka.producer.topic': topic, ...KAFKA_OPTIONS };
  try {
    const rows: Row[] = [];
    for (const scenario of scenarios) for (const build of selectedBuilds()) rows.push(await run(scenario, build, kafkaOptions));
    printFastPathComparison(rows);
    printProcessesComparison(rows);
  } finally {
    if (admin) {
      await admin.deleteTopics([topic]).catch(() => undefined);
      await admin.close();
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`collector bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
