import type { Span, Tag } from '@skein/model';

/**
 * Parses Jaeger's `--collector.tags` value: `key=value,key2=${ENV_VAR:default}`. A `${VAR}` value is read from the
 * environment once, at start-up; `${VAR:default}` falls back to the default when the variable is unset or empty.
 * Throws naming the bad entry.
 */
export function parseCollectorTags(raw: string, env: NodeJS.ProcessEnv = process.env): Tag[] {
  const tags: Tag[] = [];
  for (const entry of raw.split(',')) {
    const item = entry.trim();
    if (item === '') continue;
    const eq = item.indexOf('=');
    if (eq <= 0) throw new Error(`collector tag "${item}" is not key=value`);
    const key = item.slice(0, eq).trim();
    tags.push({ key, type: 'string', value: expandEnv(item.slice(eq + 1).trim(), env) });
  }
  return tags;
}

function expandEnv(value: string, env: NodeJS.ProcessEnv): string {
  const match = /^\$\{([^:}]+)(?::([^}]*))?\}$/.exec(value);
  if (!match) return value;
  const fromEnv = env[match[1] as string];
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : (match[2] ?? '');
}

/** Adds the static collector tags to the span's process, leaving any key the process already has untouched. */
export function addProcessTags(span: Span, tags: readonly Tag[]): void {
  if (tags.length === 0) return;
  const processTags = span.process.tags;
  for (const tag of tags) {
    if (!processTags.some((existing) => existing.key === tag.key)) processTags.push({ ...tag });
  }
}
