/** A link of the header menu, from Jaeger's UI configuration (`menu`). */
export interface MenuLink {
  label: string;
  url: string;
  anchorTarget?: string;
}

export interface MenuGroup {
  label: string;
  items: MenuLink[];
}

/**
 * The header menu from the UI configuration the query service injected (`--query.ui-config`, Jaeger's `menu` key:
 * links, or groups of links). Entries without a label or a URL are left out rather than drawn broken.
 */
export function configuredMenu(config: unknown): Array<MenuLink | MenuGroup> {
  const menu = (config as { menu?: unknown } | null)?.menu;
  if (!Array.isArray(menu)) return [];
  const link = (item: unknown): MenuLink | undefined => {
    const { label, url, anchorTarget } = (item ?? {}) as Record<string, unknown>;
    if (typeof label !== 'string' || typeof url !== 'string' || !/^(https?:\/\/|\/)/.test(url)) return undefined;
    return typeof anchorTarget === 'string' ? { label, url, anchorTarget } : { label, url };
  };
  return menu.flatMap((entry): Array<MenuLink | MenuGroup> => {
    const { label, items } = (entry ?? {}) as Record<string, unknown>;
    if (Array.isArray(items) && typeof label === 'string') {
      const links = items.map(link).filter((item): item is MenuLink => item !== undefined);
      return links.length > 0 ? [{ label, items: links }] : [];
    }
    const single = link(entry);
    return single ? [single] : [];
  });
}

/** A link drawn from Jaeger's UI configuration (`linkPatterns`). */
export interface TraceLink {
  text: string;
  url: string;
}

/** Jaeger's `linkPatterns` types: a trace's header, a span's tags, its process's tags, its events' fields. */
export type LinkPatternType = 'traces' | 'tags' | 'process' | 'logs';

/**
 * Fills the link patterns of one type whose `key` is `key` (any for `traces`, which have none): each `#{field}` of
 * the URL and text takes the first of `sources` that has the field, URL-encoded in the URL. A pattern naming a field
 * no source has, or whose URL is not http(s) or a path, is left out.
 */
export function configuredLinks(config: unknown, type: LinkPatternType, key: string | undefined, sources: ReadonlyArray<Readonly<Record<string, string>>>): TraceLink[] {
  const patterns = (config as { linkPatterns?: unknown } | null)?.linkPatterns;
  if (!Array.isArray(patterns)) return [];
  const lookup = (field: string): string | undefined => {
    for (const source of sources) if (Object.hasOwn(source, field)) return source[field];
    return undefined;
  };
  return patterns.flatMap((entry): TraceLink[] => {
    const pattern = (entry ?? {}) as Record<string, unknown>;
    if (pattern['type'] !== type || typeof pattern['url'] !== 'string' || !/^(https?:\/\/|\/)/.test(pattern['url'])) return [];
    if (type !== 'traces' && pattern['key'] !== key) return [];
    let known = true;
    const fill = (template: string, encode: (value: string) => string): string =>
      template.replace(/#\{([^}]+)\}/g, (_, field: string) => {
        const value = lookup(field);
        if (value === undefined) known = false;
        return encode(value ?? '');
      });
    const url = fill(pattern['url'], encodeURIComponent);
    const text = typeof pattern['text'] === 'string' && pattern['text'] ? fill(pattern['text'], (value) => value) : 'Open';
    return known ? [{ text, url }] : [];
  });
}

/**
 * The `traces` link patterns filled in for one trace: `#{traceID}`, and the trace's `#{startTime}` / `#{endTime}`
 * in µs as Jaeger gives them, or `#{startTimeISO}` / `#{endTimeISO}` (ISO 8601, for Kibana's Discover and Grafana,
 * which do not read µs).
 */
export function traceLinks(config: unknown, trace: { traceID: string; startTime: number; endTime: number }): TraceLink[] {
  return configuredLinks(config, 'traces', undefined, [
    {
      traceID: trace.traceID,
      startTime: String(trace.startTime),
      endTime: String(trace.endTime),
      startTimeISO: new Date(Math.floor(trace.startTime / 1000)).toISOString(),
      endTimeISO: new Date(Math.ceil(trace.endTime / 1000)).toISOString(),
    },
  ]);
}

/** Key-value items as a lookup source for `configuredLinks` (the first value of a repeated key wins). */
export function fieldsOf(items: ReadonlyArray<{ key: string; value: unknown }>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const { key, value } of items) if (!Object.hasOwn(fields, key)) fields[key] = typeof value === 'string' ? value : JSON.stringify(value);
  return fields;
}

/** The storage capabilities the query service injected; Skein's `traceLogs` says the trace page may ask for logs. */
export function injectedCapabilities(): { archiveStorage: boolean; metricsStorage: boolean; traceLogs: boolean } {
  const facts = ((globalThis as { JAEGER_STORAGE_CAPABILITIES?: unknown }).JAEGER_STORAGE_CAPABILITIES ?? {}) as Record<string, unknown>;
  return { archiveStorage: facts['archiveStorage'] === true, metricsStorage: facts['metricsStorage'] === true, traceLogs: facts['traceLogs'] === true };
}

/** What the page was told (see index.html); undefined values where a build is served without Skein. */
export function injectedConfig(): unknown {
  return (globalThis as { JAEGER_CONFIG?: unknown }).JAEGER_CONFIG ?? null;
}
