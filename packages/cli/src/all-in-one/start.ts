import { FileStrategyStore, samplingOptions, sectionValues } from '@skein/collector';
import { loadUiConfig, locateUiBuild } from '@skein/query';
import { createMetricsRegistry, HealthRegistry, type GracefulShutdown, type Logger } from '@skein/runtime';
import { createSpanMetricsPipeline } from '@skein/storage-backends';
import type { AllInOneConfig } from './options.js';
import { startAdminPart, startCollectorPart, startQueryPart, startSamplingPart, type ListenerAddresses, type SharedDeps, type StartedPart } from './parts.js';
import { openThreadedStore } from './ingest-threads/open.js';
import { openSharedStorage } from './shared-storage.js';

export type { ListenerAddresses } from './parts.js';

/**
 * Starts collector, query service, sampling server and admin server over one store, one metrics registry and one
 * health registry. Stop steps go on `shutdown` so that SIGTERM (or a failed start) runs them in this order:
 * readiness off → receivers stop and the queue drains into the store → sampling, admin and query servers close →
 * strategies → the store closes. Resolves once `/readyz` would answer 200.
 */
export async function startAllInOne(config: AllInOneConfig, logger: Logger, shutdown: GracefulShutdown): Promise<ListenerAddresses> {
  const staticFilesDir = locateUiBuild(config.staticFiles);
  const uiConfig = loadUiConfig(config.uiConfig);
  const metrics = createMetricsRegistry();
  const open = () => openSharedStorage(config.spanStorageType, config);
  // With ingest threads, the threads count span metrics where they decode the spans.
  const threaded = config.ingestThreads > 1 ? await openThreadedStore(config, { logger, registry: metrics, openSqlite: open }) : undefined;
  const storage = threaded?.storage ?? (await open());
  shutdown.add('span store', () => storage.close());
  // Runs before the store closes: the threads hand over the span metrics they hold.
  if (threaded) shutdown.add('ingest threads', () => threaded.threads.close());
  const spanMetrics = threaded ? undefined : createSpanMetricsPipeline(storage, config, { registry: metrics, logger });
  if (spanMetrics) {
    spanMetrics.start();
    // Runs after the collector has drained into the store and before the store closes.
    shutdown.add('span metrics', () => spanMetrics.stop());
  }

  const sampling = sectionValues(config, 'sampling', samplingOptions);
  const strategies = await FileStrategyStore.open({
    strategiesFile: sampling.strategiesFile,
    reloadIntervalMs: sampling.strategiesReloadIntervalMs,
    defaultProbability: sampling.defaultSamplingProbability,
    logger,
  });
  shutdown.add('sampling strategies', async () => strategies.close());

  const health = new HealthRegistry();
  // The admin server comes up alongside the receivers: until every part listens, /readyz must not say ready.
  let allStarted = false;
  health.addReadinessCheck('start-up', async () => {
    if (!allStarted) throw new Error('still starting');
  });
  const deps: SharedDeps = { config, storage, metrics, health, strategies, logger, staticFilesDir, uiConfig, spanMetrics, threaded };
  // Listed in the order their stop steps are registered: the collector's is last, so it runs first.
  const parts = await startConcurrently(shutdown, [
    config.httpHostPort ? startQueryPart(deps, config.httpHostPort) : undefined,
    config.adminHostPort ? startAdminPart(deps, config.adminHostPort) : undefined,
    config.samplingHostPort ? startSamplingPart(deps, config.samplingHostPort) : undefined,
    startCollectorPart(deps),
  ]);
  shutdown.add('readiness', async () => health.markShuttingDown());

  allStarted = true;
  const { ready, checks } = await health.readiness();
  if (!ready) throw new Error(`not ready after start: ${JSON.stringify(checks.filter((check) => !check.ok))}`);
  return Object.assign({}, ...parts.map((part) => part.addresses)) as ListenerAddresses;
}

/**
 * Binding ports is I/O, so the parts start together. Every part that did start gets its stop step on `shutdown`
 * (in list order), even when another failed; then the failure (or all of them) is thrown.
 */
async function startConcurrently(shutdown: GracefulShutdown, starting: Array<Promise<StartedPart> | undefined>): Promise<StartedPart[]> {
  const results = await Promise.allSettled(starting.filter((part) => part !== undefined));
  const started: StartedPart[] = [];
  for (const result of results) {
    if (result.status === 'fulfilled') {
      shutdown.add(result.value.name, () => result.value.stop());
      started.push(result.value);
    }
  }
  const failures = results.filter((result) => result.status === 'rejected').map((result) => result.reason as unknown);
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) throw new AggregateError(failures, `${failures.length} parts of the all-in-one failed to start`);
  return started;
}
