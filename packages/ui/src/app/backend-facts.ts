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

/** A link of a trace's header, from Jaeger's UI configuration (`linkPatterns` entries of `type: "traces"`). */
export interface TraceLink {
  text: string;
  url: string;
}

/**
 * The `traces` link patterns of the UI configuration, filled in for one trace: `#{traceID}`, and the trace's
 * `#{startTime}` / `#{endTime}` in µs as Jaeger gives them, or `#{startTimeISO}` / `#{endTimeISO}` (ISO 8601, for
 * Kibana's Discover and Grafana, which do not read µs). Values are URL-encoded; a pattern naming any other field, or
 * whose URL is not http(s) or a path, is left out.
 */
export function traceLinks(config: unknown, trace: { traceID: string; startTime: number; endTime: number }): TraceLink[] {
  const patterns = (config as { linkPatterns?: unknown } | null)?.linkPatterns;
  if (!Array.isArray(patterns)) return [];
  const values: Record<string, string> = {
    traceID: trace.traceID,
    startTime: String(trace.startTime),
    endTime: String(trace.endTime),
    startTimeISO: new Date(Math.floor(trace.startTime / 1000)).toISOString(),
    endTimeISO: new Date(Math.ceil(trace.endTime / 1000)).toISOString(),
  };
  return patterns.flatMap((entry): TraceLink[] => {
    const { type, url, text } = (entry ?? {}) as Record<string, unknown>;
    if (type !== 'traces' || typeof url !== 'string' || !/^(https?:\/\/|\/)/.test(url)) return [];
    let known = true;
    const filled = url.replace(/#\{([^}]+)\}/g, (_, field: string) => {
      const value = values[field];
      if (value === undefined) known = false;
      return encodeURIComponent(value ?? '');
    });
    return known ? [{ text: typeof text === 'string' && text ? text : 'Open', url: filled }] : [];
  });
}

/** What the page was told (see index.html); undefined values where a build is served without Skein. */
export function injectedConfig(): unknown {
  return (globalThis as { JAEGER_CONFIG?: unknown }).JAEGER_CONFIG ?? null;
}
