import type { ElasticsearchConfig, IndexRolloverFrequency } from './config.js';

/** Jaeger's index families. */
export type IndexFamily = 'span' | 'service' | 'dependencies';

/**
 * Beyond this many time-bucket indices a read names the family's wildcard (plus a time-range filter) instead of
 * listing them: hundreds of index names in a URL break proxies and the cluster's HTTP line limit (jaeger#2208).
 */
export const MAX_LISTED_INDICES = 24;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Where a read goes: a comma-joined target for the URL, and whether it relies on a time filter to stay narrow. */
export interface ReadTarget {
  target: string;
  /** True when `target` is a wildcard or alias, so the caller must filter by time to avoid reading everything. */
  needsTimeFilter: boolean;
}

/** Jaeger's index names: `[prefix-]jaeger-span-2024-05-01`, `…-2024-05-01-13` hourly, or `…-read`/`…-write` aliases. */
export class IndexNames {
  /** `prod-` for the prefix `prod`, `` for none. */
  readonly prefix: string;

  constructor(private readonly config: Pick<ElasticsearchConfig, 'indexPrefix' | 'indexDateSeparator' | 'useAliases' | 'spanRolloverFrequency' | 'serviceRolloverFrequency'>) {
    this.prefix = config.indexPrefix ? `${config.indexPrefix}-` : '';
  }

  base(family: IndexFamily): string {
    return `${this.prefix}jaeger-${family}`;
  }

  /** Every index of the family, daily, hourly or rollover-numbered. */
  pattern(family: IndexFamily): string {
    return `${this.base(family)}-*`;
  }

  /**
   * The family's indices for reading: the wildcard without the archive (`jaeger-span-archive` matches
   * `jaeger-span-*`, so that the span template maps it, but it is read only by trace id).
   */
  readPattern(family: IndexFamily): string {
    return family === 'span' ? `${this.pattern(family)},-${this.archiveIndex()}*` : this.pattern(family);
  }

  /** The archive's one index, `[prefix-]jaeger-span-archive`; with aliases, the base of its read and write aliases. */
  archiveIndex(): string {
    return `${this.base('span')}-archive`;
  }

  /** Where archived spans are written and read: the index itself, or its `-write` / `-read` alias. */
  archiveTarget(access: 'read' | 'write'): string {
    return this.config.useAliases ? `${this.archiveIndex()}-${access}` : this.archiveIndex();
  }

  readAlias(family: IndexFamily): string {
    return `${this.base(family)}-read`;
  }

  writeAlias(family: IndexFamily): string {
    return `${this.base(family)}-write`;
  }

  /** One trace-location document per (trace, time bucket); see `trace-locations.ts`. */
  traceLocationIndex(): string {
    return `${this.prefix}skein-trace-locations`;
  }

  /**
   * RED metrics rows, in daily indices `[prefix-]jaeger-spanmetrics-YYYY-MM-DD` whatever the span indices use (no
   * rollover aliases), named so that `jaeger-span-*` does not match them.
   */
  spanMetricsIndex(epochMs: number): string {
    return `${this.spanMetricsBase()}-${formatBucket(epochMs, 'day', this.config.indexDateSeparator)}`;
  }

  spanMetricsBase(): string {
    return `${this.prefix}jaeger-spanmetrics`;
  }

  /** The daily span metrics indices covering `[startMs, endMs)`, or the wildcard past `MAX_LISTED_INDICES` days. */
  spanMetricsReadTarget(startMs: number, endMs: number): string {
    if (endMs <= startMs || (endMs - startMs) / DAY_MS > MAX_LISTED_INDICES) return `${this.spanMetricsBase()}-*`;
    const names = new Set<string>();
    for (let t = bucketStart(startMs, DAY_MS); t < endMs; t += DAY_MS) names.add(this.spanMetricsIndex(t));
    return [...names].join(',');
  }

  frequency(family: IndexFamily): IndexRolloverFrequency {
    if (family === 'span') return this.config.spanRolloverFrequency;
    if (family === 'service') return this.config.serviceRolloverFrequency;
    return 'day';
  }

  /** The time-bucket index a document stamped `epochMs` belongs to. */
  timeIndex(family: IndexFamily, epochMs: number): string {
    return `${this.base(family)}-${formatBucket(epochMs, this.frequency(family), this.config.indexDateSeparator)}`;
  }

  /** Where a document stamped `epochMs` is written. */
  writeTarget(family: IndexFamily, epochMs: number): string {
    return this.config.useAliases ? this.writeAlias(family) : this.timeIndex(family, epochMs);
  }

  /** Where to read documents stamped within `[startMs, endMs]`; unbounded sides read the whole family. */
  readTarget(family: IndexFamily, startMs?: number, endMs?: number): ReadTarget {
    if (this.config.useAliases) return { target: this.readAlias(family), needsTimeFilter: true };
    if (startMs === undefined || endMs === undefined || endMs < startMs) {
      return { target: this.readPattern(family), needsTimeFilter: true };
    }
    const step = this.frequency(family) === 'hour' ? HOUR_MS : DAY_MS;
    if ((endMs - startMs) / step > MAX_LISTED_INDICES) return { target: this.readPattern(family), needsTimeFilter: true };
    const names = new Set<string>();
    for (let t = bucketStart(startMs, step); t <= endMs; t += step) names.add(this.timeIndex(family, t));
    return { target: [...names].join(','), needsTimeFilter: false };
  }

  /** The bucket start (UTC ms) encoded in a time index name of the family, or undefined for other names. */
  parseTimeIndex(family: IndexFamily, indexName: string): number | undefined {
    const base = `${this.base(family)}-`;
    if (!indexName.startsWith(base)) return undefined;
    return parseBucket(indexName.slice(base.length), this.config.indexDateSeparator);
  }
}

function bucketStart(epochMs: number, step: number): number {
  return Math.floor(epochMs / step) * step;
}

const pad = (n: number): string => String(n).padStart(2, '0');

export function formatBucket(epochMs: number, frequency: IndexRolloverFrequency, separator: string): string {
  const date = new Date(epochMs);
  const day = [String(date.getUTCFullYear()).padStart(4, '0'), pad(date.getUTCMonth() + 1), pad(date.getUTCDate())].join(separator);
  return frequency === 'hour' ? `${day}${separator}${pad(date.getUTCHours())}` : day;
}

/** Parses `2024-05-01` or `2024-05-01-13` (with the configured separator) back into its UTC start. */
export function parseBucket(text: string, separator: string): number | undefined {
  const sep = separator.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`^(\\d{4})${sep}(\\d{2})${sep}(\\d{2})(?:${sep}(\\d{2}))?$`).exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour] = match;
  const ms = Date.UTC(Number(year), Number(month) - 1, Number(day), hour === undefined ? 0 : Number(hour));
  const check = new Date(ms);
  if (check.getUTCDate() !== Number(day) || check.getUTCMonth() !== Number(month) - 1) return undefined;
  return ms;
}
