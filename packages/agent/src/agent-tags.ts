import { stringTag, type Tag } from '@skein/model';

const ENV_REFERENCE = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?::(.*))?\}$/;

/**
 * Jaeger's `--agent.tags`: `key=value,key2=${ENV_VAR:default}`. A value of the `${…}` form is read from the
 * environment, falling back to the default (or the empty string) when the variable is unset.
 * @throws Error naming the item that is not `key=value`.
 */
export function parseAgentTags(raw: string, env: Readonly<Record<string, string | undefined>>): Tag[] {
  const tags: Tag[] = [];
  for (const item of raw.split(',').map((part) => part.trim()).filter(Boolean)) {
    const equals = item.indexOf('=');
    const key = equals > 0 ? item.slice(0, equals).trim() : '';
    if (!key) throw new Error(`"${item}" is not key=value`);
    const value = item.slice(equals + 1).trim();
    const reference = ENV_REFERENCE.exec(value);
    tags.push(stringTag(key, reference ? (env[reference[1]!] ?? reference[2] ?? '') : value));
  }
  return tags;
}
