import { tagValueAsString, type Span, type Tag } from '@skein/model';
import { spanKindOf } from '@skein/storage';
import { operationIndexKey, serviceIndexKey, TagIndexHasher } from './index-keys.js';
import { encodeSpan } from './span-codec.js';
import { spanKeyOf } from './span-keys.js';

/**
 * A batch of spans reduced to what the writer stores, computed where the spans arrive (the event loop) so that the
 * writer thread spends its time in SQLite. One array per field rather than one object per span: copying to another
 * thread costs about a sixth as much (0.8 against 4.7 µs per span for the performance issue's span).
 */
export interface PlannedBatch {
  traceIds: string[];
  /** Span id + content hash, 32 hex digits (see span-keys.ts). */
  keys: string[];
  /** The stored form (span-codec.ts). */
  encoded: string[];
  startTimes: Float64Array;
  services: string[];
  operations: string[];
  spanKinds: string[];
  /**
   * Index key hashes (index-keys.ts) of all spans in a row: per span the service, service + operation, then one per
   * searchable tag; span `i`'s run ends at `indexKeyEnds[i]`.
   */
  indexKeys: Float64Array;
  indexKeyEnds: Uint32Array;
}

export function planSpans(spans: readonly Span[]): PlannedBatch {
  const count = spans.length;
  const batch: PlannedBatch = {
    traceIds: new Array<string>(count),
    keys: new Array<string>(count),
    encoded: new Array<string>(count),
    startTimes: new Float64Array(count),
    services: new Array<string>(count),
    operations: new Array<string>(count),
    spanKinds: new Array<string>(count),
    indexKeys: new Float64Array(0),
    indexKeyEnds: new Uint32Array(count),
  };
  const indexKeys: number[] = [];
  let hasher: TagIndexHasher | undefined;
  for (let i = 0; i < count; i++) {
    const span = spans[i]!;
    const service = span.process.serviceName;
    batch.traceIds[i] = span.traceId;
    batch.keys[i] = spanKeyOf(span);
    batch.encoded[i] = encodeSpan(span);
    batch.startTimes[i] = span.startTime;
    batch.services[i] = service;
    batch.operations[i] = span.operationName;
    batch.spanKinds[i] = spanKindOf(span);
    indexKeys.push(serviceIndexKey(service), operationIndexKey(service, span.operationName));
    // The tags a search can match (as `searchableTags`), hashed as `tagIndexKey` hashes them.
    if (hasher?.service !== service) hasher = new TagIndexHasher(service);
    addTagKeys(indexKeys, hasher, span.tags);
    addTagKeys(indexKeys, hasher, span.process.tags);
    for (const log of span.logs) addTagKeys(indexKeys, hasher, log.fields);
    batch.indexKeyEnds[i] = indexKeys.length;
  }
  batch.indexKeys = Float64Array.from(indexKeys);
  return batch;
}

function addTagKeys(keys: number[], hasher: TagIndexHasher, tags: readonly Tag[]): void {
  for (const tag of tags) keys.push(hasher.key(tag.key, tagValueAsString(tag)));
}
