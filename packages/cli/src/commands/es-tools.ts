import {
  cleanIndices,
  createSearchTransport,
  DEFAULT_ROLLOVER_CONDITIONS,
  elasticsearchConfigFromOptions,
  elasticsearchOptions,
  renderIndexTemplates,
  rolloverInit,
  rolloverLookback,
  rolloverRollover,
  type LookbackUnit,
  type SearchTransport,
} from '@skein/storage-elasticsearch';
import { ConfigError, loadConfig, option, parseBoolean, parseEnum, parseInteger, type OptionValues } from '@skein/runtime';
import type { SkeinCommand } from './command.js';

const flavorOption = option({
  flag: 'span-storage.type',
  env: 'SPAN_STORAGE_TYPE',
  description: 'which client speaks to the cluster',
  parse: parseEnum(['elasticsearch', 'opensearch'] as const),
  defaultValue: 'elasticsearch' as 'elasticsearch' | 'opensearch',
  valueName: '<elasticsearch|opensearch>',
});

const connectionOptions = { flavor: flavorOption, ...elasticsearchOptions };

const rolloverOptions = {
  ...connectionOptions,
  conditions: option({
    flag: 'conditions',
    description: 'rollover conditions as Elasticsearch takes them (JSON)',
    parse: (raw: string): Record<string, unknown> => {
      const value: unknown = JSON.parse(raw);
      if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`"${raw}" is not a JSON object`);
      return value as Record<string, unknown>;
    },
    defaultValue: { ...DEFAULT_ROLLOVER_CONDITIONS },
    valueName: '<json>',
  }),
  unit: option({
    flag: 'unit',
    description: 'lookback: the unit of --unit-count',
    parse: parseEnum(['seconds', 'minutes', 'hours', 'days', 'weeks', 'months', 'years'] as const),
    defaultValue: 'days' as LookbackUnit,
    valueName: '<unit>',
  }),
  unitCount: option({ flag: 'unit-count', description: 'lookback: how many units the read alias keeps', parse: parseInteger(0, 100_000), defaultValue: 1, valueName: '<n>' }),
  skipDependencies: option({ flag: 'skip-dependencies', description: 'leave the dependencies indices alone', parse: parseBoolean, defaultValue: false, valueName: '<bool>' }),
};

const cleanerOptions = {
  ...connectionOptions,
  rollover: option({ flag: 'rollover', env: 'ROLLOVER', description: 'indices are rollover-numbered (judged by creation date)', parse: parseBoolean, defaultValue: false, valueName: '<bool>' }),
  dryRun: option({ flag: 'dry-run', description: 'list what would be deleted, delete nothing', parse: parseBoolean, defaultValue: false, valueName: '<bool>' }),
};

const mappingsOptions = {
  indexPrefix: elasticsearchOptions.indexPrefix,
  numShards: elasticsearchOptions.numShards,
  numReplicas: elasticsearchOptions.numReplicas,
  useAliases: elasticsearchOptions.useAliases,
};

/** Loads options; a bad value prints every problem and yields exit code 2 (undefined config). */
function load<O extends Parameters<typeof loadConfig>[0]>(command: string, options: O, flags: Record<string, string | undefined>): OptionValues<O> | undefined {
  try {
    return loadConfig(options, flags);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`skein ${command}: ${error.message}\n`);
    return undefined;
  }
}

/** Runs `work` against the cluster the options name; a positional URL overrides `--es.server-urls`, as in Jaeger's tools. */
async function withCluster<T>(
  values: OptionValues<typeof connectionOptions>,
  url: string | undefined,
  work: (transport: SearchTransport) => Promise<T>,
): Promise<T> {
  const config = elasticsearchConfigFromOptions({ ...values, ...(url ? { serverUrls: [url] } : {}) }, values.flavor);
  const transport = createSearchTransport(config);
  try {
    return await work(transport);
  } finally {
    await transport.close();
  }
}

const print = (value: unknown): void => void process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

export const esRolloverCommand: SkeinCommand = {
  name: 'es-rollover',
  summary: 'manage Elasticsearch/OpenSearch rollover aliases: es-rollover init|rollover|lookback [url]',
  options: rolloverOptions,
  async run(flags, [action, url]) {
    const config = load('es-rollover', rolloverOptions, flags);
    if (!config) return 2;
    const settings = { indexPrefix: config.indexPrefix, numShards: config.numShards, numReplicas: config.numReplicas, skipDependencies: config.skipDependencies };
    switch (action) {
      case 'init':
        print(await withCluster(config, url, (t) => rolloverInit(t, settings)));
        return 0;
      case 'rollover':
        print(await withCluster(config, url, (t) => rolloverRollover(t, settings, config.conditions)));
        return 0;
      case 'lookback':
        print(await withCluster(config, url, (t) => rolloverLookback(t, settings, { unit: config.unit, unitCount: config.unitCount })));
        return 0;
      default:
        process.stderr.write(`skein es-rollover: the action must be init, rollover or lookback, got ${action === undefined ? 'none' : `"${action}"`}\n`);
        return 2;
    }
  },
};

export const esIndexCleanerCommand: SkeinCommand = {
  name: 'es-index-cleaner',
  summary: 'delete Elasticsearch/OpenSearch indices older than N days: es-index-cleaner <days> [url]',
  options: cleanerOptions,
  async run(flags, [days, url]) {
    const config = load('es-index-cleaner', cleanerOptions, flags);
    if (!config) return 2;
    const numDays = Number(days);
    if (days === undefined || !Number.isInteger(numDays) || numDays < 0) {
      process.stderr.write(`skein es-index-cleaner: the first argument must be the number of days to keep (a whole number ≥ 0), got ${days === undefined ? 'none' : `"${days}"`}\n`);
      return 2;
    }
    const result = await withCluster(config, url, (t) =>
      cleanIndices(t, { numDays, indexPrefix: config.indexPrefix, indexDateSeparator: config.indexDateSeparator, rollover: config.rollover, dryRun: config.dryRun }),
    );
    print({ ...result, cutoff: new Date(result.cutoffMs).toISOString(), dryRun: config.dryRun });
    return 0;
  },
};

export const esMappingsCommand: SkeinCommand = {
  name: 'es-mappings',
  summary: 'print the Elasticsearch/OpenSearch index templates',
  options: mappingsOptions,
  async run(flags) {
    const config = load('es-mappings', mappingsOptions, flags);
    if (!config) return 2;
    process.stdout.write(renderIndexTemplates(config));
    return 0;
  },
};
