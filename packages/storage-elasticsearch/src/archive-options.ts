import { option, parseBoolean, type Option, type OptionValues } from '@skein/runtime';
import type { ElasticsearchConfig, SearchEngineFlavor } from './config.js';
import { elasticsearchConfigFromOptions, elasticsearchOptions, type ElasticsearchOptionValues } from './options.js';

type SpanOptions = typeof elasticsearchOptions;
type ArchiveCopies = { [K in keyof SpanOptions as `archive${Capitalize<K & string>}`]: SpanOptions[K] };

const archiveKey = (key: string): string => `archive${key[0]!.toUpperCase()}${key.slice(1)}`;

function archiveCopies(): ArchiveCopies {
  const copies: Record<string, Option<unknown>> = {};
  for (const [key, spec] of Object.entries(elasticsearchOptions) as Array<[string, Option<unknown>]>) {
    const flag = spec.flag.replace(/^es\./, 'es-archive.');
    copies[archiveKey(key)] = option({
      flag,
      description: `archive storage: ${spec.description[0]!.toLowerCase()}${spec.description.slice(1)}`,
      parse: spec.parse,
      ...(spec.defaultValue !== undefined ? { defaultValue: spec.defaultValue } : {}),
      valueName: spec.valueName,
    });
  }
  return copies as ArchiveCopies;
}

/**
 * Jaeger v1's archive storage options: every `--es.*` option again as `--es-archive.*` (`ES_ARCHIVE_*`), plus
 * `--es-archive.enabled`. The archive may be another cluster; its index is `[prefix-]jaeger-span-archive`, or the
 * `-archive-read` / `-archive-write` aliases with `--es-archive.use-aliases`.
 */
export const elasticsearchArchiveOptions = {
  archiveEnabled: option({
    flag: 'es-archive.enabled',
    description: 'Keep traces copied with POST /api/archive/{id} in an archive index, read when a trace is no longer in the span indices',
    parse: parseBoolean,
    defaultValue: false,
  }),
  ...archiveCopies(),
};

export type ElasticsearchArchiveOptionValues = OptionValues<typeof elasticsearchArchiveOptions>;

/** The archive's cluster configuration, or undefined when `--es-archive.enabled` is off. */
export function archiveConfigFromOptions(
  values: ElasticsearchArchiveOptionValues,
  flavor: SearchEngineFlavor,
  readFile?: (path: string) => string,
): ElasticsearchConfig | undefined {
  if (!values.archiveEnabled) return undefined;
  const plain: Record<string, unknown> = {};
  for (const key of Object.keys(elasticsearchOptions)) plain[key] = (values as Record<string, unknown>)[archiveKey(key)];
  return elasticsearchConfigFromOptions(plain as ElasticsearchOptionValues, flavor, readFile, 'es-archive');
}
