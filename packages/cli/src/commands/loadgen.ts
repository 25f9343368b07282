import { randomInt } from 'node:crypto';
import {
  createTransport,
  DEFAULT_ENDPOINTS,
  ElasticsearchLogSink,
  loadgenConfigProblems,
  loadgenOptions,
  runLoad,
  StreamLogSink,
  TraceGenerator,
  type LoadgenConfig,
  type LogSink,
} from '@skein/loadgen';
import { ConfigError, loadConfig } from '@skein/runtime';
import type { SkeinCommand } from './command.js';

/** `skein loadgen`: HotROD-like traces at a steady rate over any protocol, with a progress line and a summary. */
export const loadgenCommand: SkeinCommand = {
  name: 'loadgen',
  summary: 'send synthetic traces to a collector over any protocol',
  options: loadgenOptions,
  async run(flags) {
    let config: LoadgenConfig;
    try {
      config = loadConfig(loadgenOptions, flags);
    } catch (error) {
      if (error instanceof ConfigError) {
        process.stderr.write(`skein loadgen: ${error.message}\n`);
        return 2;
      }
      throw error;
    }
    const problems = loadgenConfigProblems(config);
    if (problems.length > 0) {
      process.stderr.write(`skein loadgen: ${problems.join('\nskein loadgen: ')}\n`);
      return 2;
    }
    const endpoint = config.endpoint || DEFAULT_ENDPOINTS[config.protocol];
    const seed = config.seed >= 0 ? config.seed : randomInt(2 ** 32 - 1);
    const logs: LogSink | undefined =
      config.logs === 'stdout' ? new StreamLogSink(process.stdout) : config.logs === 'elasticsearch' ? new ElasticsearchLogSink({ serverUrl: config.logsServerUrl, index: config.logsIndex }) : undefined;
    const transport = createTransport(config.protocol, endpoint);
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    process.stderr.write(`skein loadgen: ${config.protocol} to ${endpoint}, ${config.rate > 0 ? `${config.rate} traces/s` : 'as fast as accepted'}, seed ${seed}\n`);
    try {
      const summary = await runLoad(
        { rate: config.rate, durationMs: config.durationMs, traces: config.traces, batchSpans: config.batchSpans, concurrency: config.concurrency, progressIntervalMs: config.progressIntervalMs },
        {
          generator: new TraceGenerator({ fanOut: config.fanOut, depth: config.depth, errorRate: config.errorRate, largeTraceEvery: config.largeTraceEvery, largeTraceSpans: config.largeTraceSpans }, seed),
          transport,
          ...(logs ? { logs } : {}),
          progress: process.stderr,
          signal: stop.signal,
        },
      );
      process.stderr.write(`summary ${JSON.stringify({ protocol: config.protocol, endpoint, seed, ...summary })}\n`);
      if (summary.spans > 0 && summary.rejected === summary.spans) {
        process.stderr.write(`skein loadgen: the receiver took none of the ${summary.spans} spans; last error: ${summary.lastError ?? 'none'}\n`);
        return 1;
      }
      return 0;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await transport.close();
    }
  },
};
