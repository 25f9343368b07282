import { collectorOptions, parseOptionalHostPort, samplingOptions, STORAGE_SECTION, type collectorCoreOptions } from '@skein/collector';
import { queryOptions } from '@skein/query';
import { adminHostPortOption, option, parseProcesses, type HostPort, type Option, type OptionValues } from '@skein/runtime';
import { memoryOptions, spanMetricsOptions, spanStorageTypeOption, sqliteOptions, STORAGE_TYPES, storageOptions, traceLogsOptions } from '@skein/storage-backends';

/** Jaeger's all-in-one admin port (the collector's). */
export const ALL_IN_ONE_ADMIN_PORT = 14269;

/** The same flag as its `skein collector`/`skein query` counterpart, but also taking empty / `off` to disable it. */
function disableable(base: Option<HostPort>, what: string): Option<HostPort | null> {
  return option({
    flag: base.flag,
    env: base.env,
    description: `${base.description}; empty or "off" disables ${what}`,
    parse: parseOptionalHostPort,
    defaultValue: base.defaultValue ?? null,
    valueName: base.valueName,
  });
}

type CollectorPart = Omit<typeof collectorCoreOptions, 'spanStorageType' | 'fastPath'> & Record<string, Option<unknown>>;

/**
 * The collector's options without its span-writer choice: the all-in-one writes to the one store that
 * `--span-storage.type` and the store's options select for the query side too (so no Kafka flags, not the Kafka fast
 * path, and the store options once, under their own names).
 */
const collectorPart = Object.fromEntries(
  Object.entries(collectorOptions).filter(
    ([key]) => key !== 'spanStorageType' && key !== 'fastPath' && !key.startsWith('writer.') && !key.startsWith(`${STORAGE_SECTION}.`),
  ),
) as CollectorPart;

/** `--memory.threads`: the all-in-one's memory store on several threads. */
const memoryThreadsOption = option({
  flag: 'memory.threads',
  description:
    'threads of the all-in-one with SPAN_STORAGE_TYPE=memory, each decoding, checking and keeping a share of the spans, so that ingest uses several cores: a number, or auto for the cores this container may use; 1 keeps everything on the event loop',
  parse: parseProcesses,
  defaultValue: 1,
  valueName: '<n|auto>',
});

/**
 * Every option of `skein all-in-one`: the collector's receivers, pipeline and queue, the query's, sampling on 5778,
 * and every store's (SQLite by default: `--data-dir`, retention; `memory.max-traces`; `es.*`).
 */
export const allInOneOptions = {
  ...collectorPart,
  ...queryOptions,
  ...traceLogsOptions,
  ...storageOptions(),
  // Typed here: the all-in-one shares `--memory.max-traces` out between `--memory.threads`.
  ...memoryOptions,
  ...spanMetricsOptions,
  spanStorageType: spanStorageTypeOption(STORAGE_TYPES, 'sqlite'),
  dataDir: sqliteOptions.dataDir,
  memoryThreads: memoryThreadsOption,
  httpHostPort: disableable(queryOptions.httpHostPort, 'the query API and UI'),
  adminHostPort: disableable(adminHostPortOption(ALL_IN_ONE_ADMIN_PORT), 'the admin server'),
  samplingHostPort: disableable(samplingOptions.httpServerHostPort, 'the sampling server'),
};

export type AllInOneConfig = OptionValues<typeof allInOneOptions>;

/** What is wrong with the options together (each one alone was checked as it was read): `--memory.threads` for now. */
export function allInOneConfigProblems(config: AllInOneConfig): string[] {
  if (config.memoryThreads === 1) return [];
  const problems: string[] = [];
  if (config.spanStorageType !== 'memory') problems.push(`--memory.threads=${config.memoryThreads} needs --span-storage.type=memory (SPAN_STORAGE_TYPE), not ${config.spanStorageType}; leave it at 1 for other stores`);
  if (config.spanMetricsPrometheus) problems.push(`--span-metrics.prometheus is not available with --memory.threads=${config.memoryThreads}: the threads count span metrics for the Monitor tab only; set one of them back`);
  return problems;
}
