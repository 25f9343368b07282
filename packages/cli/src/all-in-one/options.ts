import { collectorOptions, parseOptionalHostPort, samplingOptions, STORAGE_SECTION, type collectorCoreOptions } from '@skein/collector';
import { queryOptions } from '@skein/query';
import { INGEST_THREAD_STORES } from './ingest-threads/stores.js';
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

/** `--all-in-one.ingest-threads`: decoding, checking and storing spans on several cores. */
const ingestThreadsOption = option({
  flag: 'all-in-one.ingest-threads',
  description:
    'threads that decode and check the spans of each request and store them, so that ingest uses several cores (memory store: each thread keeps a share of the spans; sqlite: each hands its batches to the writer thread): a number, or auto for the cores this container may use; 1 keeps everything on the event loop',
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
  // Typed here: the ingest threads share `--memory.max-traces` out.
  ...memoryOptions,
  ...spanMetricsOptions,
  spanStorageType: spanStorageTypeOption(STORAGE_TYPES, 'sqlite'),
  dataDir: sqliteOptions.dataDir,
  ingestThreads: ingestThreadsOption,
  httpHostPort: disableable(queryOptions.httpHostPort, 'the query API and UI'),
  adminHostPort: disableable(adminHostPortOption(ALL_IN_ONE_ADMIN_PORT), 'the admin server'),
  samplingHostPort: disableable(samplingOptions.httpServerHostPort, 'the sampling server'),
};

export type AllInOneConfig = OptionValues<typeof allInOneOptions>;

/** What is wrong with the options together (each one alone was checked as it was read): the ingest threads' needs. */
export function allInOneConfigProblems(config: AllInOneConfig): string[] {
  if (config.ingestThreads === 1) return [];
  const problems: string[] = [];
  const flag = `--all-in-one.ingest-threads=${config.ingestThreads}`;
  if (!(INGEST_THREAD_STORES as readonly string[]).includes(config.spanStorageType)) {
    problems.push(`${flag} needs --span-storage.type (SPAN_STORAGE_TYPE) ${INGEST_THREAD_STORES.join(' or ')}, not ${config.spanStorageType}; leave it at 1 for other stores`);
  }
  if (config.spanMetricsPrometheus) problems.push(`--span-metrics.prometheus is not available with ${flag}: the threads count span metrics for the Monitor tab only; set one of them back`);
  return problems;
}
