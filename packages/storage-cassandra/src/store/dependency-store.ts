import type { Client } from 'cassandra-driver';
import cassandra from 'cassandra-driver';
import { execute } from './execute.js';
import { type DependencyLink, type DependencyReader, type DependencyWriter } from '@skein/storage';

const INSERT = 'INSERT INTO dependencies_v2 (ts, ts_bucket, dependencies) VALUES (?, ?, ?)';
const SELECT = 'SELECT dependencies FROM dependencies_v2 WHERE ts_bucket IN ? AND ts >= ? AND ts <= ?';
const DAY_MS = 86_400_000;
/** What Jaeger writes in `source` for links it computed from spans. */
const SOURCE = 'jaeger';

/**
 * Links in Jaeger's `dependencies_v2`: one row per write, partitioned by day (`ts_bucket`), the links as a list of
 * the `dependency` UDT. Reads add up the call counts of every row in the window.
 */
export class CassandraDependencyStore implements DependencyReader, DependencyWriter {
  constructor(private readonly client: Client) {}

  async writeDependencies(timestamp: number, links: readonly DependencyLink[]): Promise<void> {
    const ts = new Date(Math.floor(timestamp / 1000));
    const dependencies = links.map((link) => ({ parent: link.parent, child: link.child, call_count: cassandra.types.Long.fromNumber(link.callCount), source: SOURCE }));
    await execute(this.client, INSERT, [ts, dayBucket(ts.getTime()), dependencies], `writing ${links.length} dependency links`);
  }

  async getDependencies(endTs: number, lookback: number): Promise<DependencyLink[]> {
    const endMs = Math.floor(endTs / 1000);
    const startMs = Math.ceil((endTs - lookback) / 1000);
    const buckets: Date[] = [];
    for (let day = dayBucket(startMs).getTime(); day <= endMs; day += DAY_MS) buckets.push(new Date(day));
    const { rows } = await execute(this.client, SELECT, [buckets, new Date(startMs), new Date(endMs)], 'reading dependency links');
    const counts = new Map<string, DependencyLink>();
    for (const row of rows) {
      for (const dependency of (row['dependencies'] ?? []) as Array<{ parent: string; child: string; call_count: cassandra.types.Long }>) {
        const key = JSON.stringify([dependency.parent, dependency.child]);
        const link = counts.get(key);
        const calls = dependency.call_count.toNumber();
        if (link) link.callCount += calls;
        else counts.set(key, { parent: dependency.parent, child: dependency.child, callCount: calls });
      }
    }
    return [...counts.values()];
  }
}

function dayBucket(ms: number): Date {
  return new Date(Math.floor(ms / DAY_MS) * DAY_MS);
}
