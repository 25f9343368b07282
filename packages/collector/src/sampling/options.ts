import { option, parseDurationMs, parseHostPort } from '@skein/runtime';

function parseProbability(raw: string): number {
  const value = Number(raw.trim());
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) throw new Error(`"${raw}" is not a probability from 0 to 1`);
  return value;
}

/** Jaeger's sampling flags (file-based strategy provider and the 5778 server). */
export const samplingOptions = {
  strategiesFile: option({
    flag: 'sampling.strategies-file',
    env: 'SAMPLING_STRATEGIES_FILE',
    description: 'path of the sampling strategies file in JSON (Jaeger format); empty: probabilistic at the default probability for every service',
    parse: (raw: string) => raw.trim(),
    defaultValue: '',
    valueName: '<path>',
  }),
  strategiesReloadIntervalMs: option({
    flag: 'sampling.strategies-reload-interval',
    description: 'how often to check the strategies file for changes (e.g. 30s); 0 turns reloading off',
    parse: parseDurationMs,
    defaultValue: 0,
    valueName: '<duration>',
  }),
  defaultSamplingProbability: option({
    flag: 'sampling.default-sampling-probability',
    description: 'sampling probability where the strategies file gives none',
    parse: parseProbability,
    defaultValue: 0.001,
    valueName: '<0..1>',
  }),
  httpServerHostPort: option({
    flag: 'http-server.host-port',
    description: 'host:port of the sampling HTTP server (GET /sampling?service=, legacy GET /?service=)',
    parse: parseHostPort,
    defaultValue: parseHostPort(':5778'),
    valueName: '<host:port>',
  }),
};
