import type { DependencyLink, DependencyReader, DependencyWriter } from '@skein/storage';
import type { BulkIndexer } from './bulk/bulk-indexer.js';
import type { SearchTransport } from './client/transport.js';
import { dependenciesDocumentId } from './document-ids.js';
import type { IndexNames } from './index-names.js';
import { searchIndices } from './read/search.js';

/** Jaeger's dependencies document, plus Skein's microsecond timestamp (Jaeger's `timestamp` is a date, ms). */
interface DependenciesDocument {
  timestamp: string;
  timestampMicros?: number;
  dependencies: Array<{ parent: string; child: string; callCount: number; source?: string }>;
}

/** Most dependency documents one read sums (one per job run; a daily job over a year is 365). */
const MAX_DEPENDENCY_DOCUMENTS = 10_000;

/** Writes `jaeger-dependencies-YYYY-MM-DD` documents, one per timestamp (writing a timestamp again replaces it). */
export class ElasticsearchDependencyWriter implements DependencyWriter {
  constructor(
    private readonly names: IndexNames,
    private readonly bulk: BulkIndexer,
  ) {}

  async writeDependencies(timestamp: number, links: readonly DependencyLink[]): Promise<void> {
    const ms = Math.floor(timestamp / 1000);
    const doc: DependenciesDocument = {
      timestamp: new Date(ms).toISOString(),
      timestampMicros: timestamp,
      dependencies: links.map((link) => ({
        parent: link.parent,
        child: link.child,
        callCount: link.callCount,
        ...(link.source !== undefined ? { source: link.source } : {}),
      })),
    };
    await this.bulk.submit([
      {
        index: this.names.writeTarget('dependencies', ms),
        id: dependenciesDocumentId(timestamp),
        source: JSON.stringify(doc),
        description: `dependencies at ${doc.timestamp}`,
      },
    ]);
  }
}

/** Sums the stored links whose timestamp lies in `[endTs - lookback, endTs]`, per (parent, child). */
export class ElasticsearchDependencyReader implements DependencyReader {
  constructor(
    private readonly transport: SearchTransport,
    private readonly names: IndexNames,
  ) {}

  async getDependencies(endTs: number, lookback: number): Promise<DependencyLink[]> {
    const startTs = endTs - lookback;
    const startMs = Math.floor(startTs / 1000);
    const endMs = Math.floor(endTs / 1000);
    const { target } = this.names.readTarget('dependencies', startMs, endMs);
    const result = await searchIndices<DependenciesDocument>(this.transport, target, {
      size: MAX_DEPENDENCY_DOCUMENTS,
      query: {
        bool: {
          // Millisecond dates narrow the search (and cover documents Jaeger wrote); microseconds decide exactly.
          filter: [{ range: { timestamp: { gte: startMs, lte: endMs, format: 'epoch_millis' } } }],
        },
      },
    });
    const sums = new Map<string, DependencyLink>();
    for (const hit of result.hits.hits) {
      const doc = hit._source;
      const micros = doc.timestampMicros ?? Date.parse(doc.timestamp) * 1000;
      if (!(micros >= startTs && micros <= endTs)) continue;
      for (const link of doc.dependencies ?? []) {
        const key = JSON.stringify([link.parent, link.child]);
        const sum = sums.get(key);
        if (sum) sum.callCount += link.callCount;
        else sums.set(key, { parent: link.parent, child: link.child, callCount: link.callCount, ...(link.source ? { source: link.source } : {}) });
      }
    }
    return [...sums.values()].sort((a, b) => (a.parent === b.parent ? (a.child < b.child ? -1 : 1) : a.parent < b.parent ? -1 : 1));
  }
}
