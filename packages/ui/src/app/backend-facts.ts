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

/** What the page was told (see index.html); undefined values where a build is served without Skein. */
export function injectedConfig(): unknown {
  return (globalThis as { JAEGER_CONFIG?: unknown }).JAEGER_CONFIG ?? null;
}
