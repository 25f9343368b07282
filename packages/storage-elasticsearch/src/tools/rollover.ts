import { segment, type SearchTransport } from '../client/transport.js';
import { IndexNames, type IndexFamily } from '../index-names.js';
import { indexTemplates } from '../mappings.js';
import { installTemplates } from '../templates-installer.js';

/** What `skein es-rollover` works on; Jaeger's es-rollover flags under the same meaning. */
export interface RolloverSettings {
  /** As given by the user (`prod`), without the trailing `-`. */
  indexPrefix: string;
  numShards: number;
  numReplicas: number;
  /** Leave the dependencies indices alone (Jaeger's `--skip-dependencies`). */
  skipDependencies?: boolean;
}

export interface RolloverFamilyResult {
  family: IndexFamily;
  writeAlias: string;
  readAlias: string;
  /** `init`: the index created (absent when the alias existed). `rollover`: the new write index. */
  newIndex?: string;
  oldIndex?: string;
  rolledOver?: boolean;
  /** `lookback`: indices taken out of the read alias. */
  removedFromReadAlias?: string[];
}

/** Jaeger's default rollover condition. */
export const DEFAULT_ROLLOVER_CONDITIONS: Readonly<Record<string, unknown>> = { max_age: '2d' };

export type LookbackUnit = 'seconds' | 'minutes' | 'hours' | 'days' | 'weeks' | 'months' | 'years';

const UNIT_MS: Record<LookbackUnit, number> = {
  seconds: 1000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
  weeks: 7 * 86_400_000,
  months: 30 * 86_400_000,
  years: 365 * 86_400_000,
};

function families(settings: RolloverSettings): IndexFamily[] {
  return settings.skipDependencies ? ['span', 'service'] : ['span', 'service', 'dependencies'];
}

function namesFor(settings: RolloverSettings): IndexNames {
  return new IndexNames({
    indexPrefix: settings.indexPrefix,
    indexDateSeparator: '-',
    useAliases: true,
    spanRolloverFrequency: 'day',
    serviceRolloverFrequency: 'day',
  });
}

/**
 * `es-rollover init`: installs the alias-mode templates (every new index joins the read alias) and, for each family
 * whose write alias does not exist yet, creates `<base>-000001` as the write index of `<base>-write` and a member of
 * `<base>-read`. Running it again changes nothing but the templates.
 */
export async function rolloverInit(transport: SearchTransport, settings: RolloverSettings): Promise<RolloverFamilyResult[]> {
  const names = namesFor(settings);
  await installTemplates(
    transport,
    indexTemplates({ ...settings, indexDateSeparator: '-', useAliases: true, spanRolloverFrequency: 'day', serviceRolloverFrequency: 'day' }),
  );
  const results: RolloverFamilyResult[] = [];
  for (const family of families(settings)) {
    const writeAlias = names.writeAlias(family);
    const readAlias = names.readAlias(family);
    const exists = await transport.request({ method: 'HEAD', path: `/_alias/${segment(writeAlias)}`, ignoreStatuses: [404] });
    if (exists.statusCode === 200) {
      results.push({ family, writeAlias, readAlias });
      continue;
    }
    const newIndex = `${names.base(family)}-000001`;
    await transport.request({
      method: 'PUT',
      path: `/${segment(newIndex)}`,
      body: JSON.stringify({ aliases: { [readAlias]: {}, [writeAlias]: { is_write_index: true } } }),
    });
    results.push({ family, writeAlias, readAlias, newIndex });
  }
  return results;
}

/**
 * `es-rollover rollover`: rolls each write alias over to a new index when the conditions hold (Jaeger's default
 * `{"max_age":"2d"}`; `{}` rolls over unconditionally). The new index joins the read alias.
 */
export async function rolloverRollover(
  transport: SearchTransport,
  settings: RolloverSettings,
  conditions: Readonly<Record<string, unknown>> = DEFAULT_ROLLOVER_CONDITIONS,
): Promise<RolloverFamilyResult[]> {
  const names = namesFor(settings);
  const results: RolloverFamilyResult[] = [];
  for (const family of families(settings)) {
    const writeAlias = names.writeAlias(family);
    const readAlias = names.readAlias(family);
    const response = await transport.request<{ rolled_over: boolean; new_index: string; old_index: string }>({
      method: 'POST',
      path: `/${segment(writeAlias)}/_rollover`,
      body: JSON.stringify(Object.keys(conditions).length > 0 ? { conditions } : {}),
    });
    const { rolled_over: rolledOver, new_index: newIndex, old_index: oldIndex } = response.body;
    if (rolledOver) {
      // The template already adds new indices to the read alias; saying it again covers templates installed by hand.
      await transport.request({
        method: 'POST',
        path: '/_aliases',
        body: JSON.stringify({ actions: [{ add: { index: newIndex, alias: readAlias } }] }),
      });
    }
    results.push({ family, writeAlias, readAlias, newIndex, oldIndex, rolledOver });
  }
  return results;
}

/**
 * `es-rollover lookback`: takes out of each read alias the indices created more than `unitCount` `unit`s ago
 * (never the current write index), so searches stop reading them; `es-index-cleaner --rollover` deletes them later.
 */
export async function rolloverLookback(
  transport: SearchTransport,
  settings: RolloverSettings,
  lookback: { unit: LookbackUnit; unitCount: number },
  now: () => number = Date.now,
): Promise<RolloverFamilyResult[]> {
  const names = namesFor(settings);
  const cutoff = now() - lookback.unitCount * UNIT_MS[lookback.unit];
  const results: RolloverFamilyResult[] = [];
  for (const family of families(settings)) {
    const writeAlias = names.writeAlias(family);
    const readAlias = names.readAlias(family);
    const members = await aliasMembers(transport, readAlias);
    const writeIndices = writeIndicesOf(await aliasMembers(transport, writeAlias));
    const created = await creationDates(transport, readAlias);
    const stale = members
      .map((m) => m.index)
      .filter((index) => !writeIndices.has(index) && (created.get(index) ?? Infinity) < cutoff);
    if (stale.length > 0) {
      await transport.request({
        method: 'POST',
        path: '/_aliases',
        body: JSON.stringify({ actions: stale.map((index) => ({ remove: { index, alias: readAlias } })) }),
      });
    }
    results.push({ family, writeAlias, readAlias, removedFromReadAlias: stale });
  }
  return results;
}

/** The write index of an alias: the member flagged so, or its only member. */
export function writeIndicesOf(members: readonly AliasMember[]): Set<string> {
  if (members.length === 1) return new Set([members[0]!.index]);
  return new Set(members.filter((m) => m.isWriteIndex).map((m) => m.index));
}

export interface AliasMember {
  index: string;
  isWriteIndex: boolean;
}

/** The indices behind an alias; none when it does not exist. */
export async function aliasMembers(transport: SearchTransport, alias: string): Promise<AliasMember[]> {
  const response = await transport.request<Record<string, { aliases: Record<string, { is_write_index?: boolean }> }>>({
    method: 'GET',
    path: `/_alias/${segment(alias)}`,
    ignoreStatuses: [404],
  });
  if (response.statusCode === 404) return [];
  return Object.entries(response.body).map(([index, value]) => ({ index, isWriteIndex: value.aliases[alias]?.is_write_index === true }));
}

/** Creation time (ms) of each index a target names. */
export async function creationDates(transport: SearchTransport, target: string): Promise<Map<string, number>> {
  const response = await transport.request<Record<string, { settings: { index: { creation_date: string } } }>>({
    method: 'GET',
    path: `/${segment(target)}/_settings/index.creation_date`,
    querystring: { ignore_unavailable: true, allow_no_indices: true, expand_wildcards: 'open,closed' },
    ignoreStatuses: [404],
  });
  const dates = new Map<string, number>();
  if (response.statusCode === 404) return dates;
  for (const [index, value] of Object.entries(response.body)) dates.set(index, Number(value.settings.index.creation_date));
  return dates;
}
