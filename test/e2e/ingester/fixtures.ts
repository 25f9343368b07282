import { randomBytes } from 'node:crypto';
import { createKafkaSpanWriter, kafkaProducerOptions, platformaticClients, TopicAdmin, type ConnectionSettings, type ConsumedRecord, type KafkaSpanWriter } from '@skein/kafka';
import type { Span } from '@skein/model';
import { loadConfig } from '@skein/runtime';
import { uniqueName } from '../../jest/service-address.js';
import { readTopic } from '../kafka-topic-reader.js';

export async function waitFor(what: string, condition: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 250): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A 4-span trace: frontend → backend (×2), backend → db. Returned child-first, so the ingester sees children
 * before their parents. Per trace that is 2 frontend→backend calls and 1 backend→db call.
 */
export function makeTrace(startMicros: number): Span[] {
  const traceId = randomBytes(16).toString('hex');
  const id = (): string => randomBytes(8).toString('hex');
  const [root, a, b, c] = [id(), id(), id(), id()];
  const span = (spanId: string, service: string, parent: string | undefined, offset: number): Span => ({
    traceId,
    spanId,
    operationName: `op-${service}`,
    references: parent ? [{ refType: 'CHILD_OF', traceId, spanId: parent }] : [],
    flags: 1,
    startTime: startMicros + offset,
    duration: 1000 - offset,
    tags: [{ key: 'span.kind', type: 'string', value: parent ? 'client' : 'server' }],
    logs: [],
    process: { serviceName: service, tags: [] },
    warnings: [],
  });
  return [span(c!, 'e2e-db', a, 30), span(a!, 'e2e-backend', root, 10), span(b!, 'e2e-backend', root, 20), span(root!, 'e2e-frontend', undefined, 0)];
}

export function spanKey(span: { traceId: string; spanId: string }): string {
  return `${span.traceId}/${span.spanId}`;
}

export class KafkaFixture {
  readonly admin: TopicAdmin;
  readonly topics: string[] = [];
  readonly #writers: KafkaSpanWriter[] = [];

  constructor(readonly brokers: string) {
    this.admin = new TopicAdmin(platformaticClients.admin(this.connection()));
  }

  connection(): ConnectionSettings {
    return { brokers: this.brokers.split(','), clientId: 'ingester-e2e' };
  }

  /** A new topic with a unique name starting with `prefix`. */
  topic(prefix: string, partitions: number): Promise<string> {
    return this.create(uniqueName(prefix), partitions);
  }

  /** Creates `topic` (removed again by `close`). */
  async create(topic: string, partitions: number): Promise<string> {
    this.topics.push(topic);
    await this.admin.ensureTopic({ topic, partitions, replicationFactor: 1 });
    return topic;
  }

  writer(topic: string): KafkaSpanWriter {
    const writer = createKafkaSpanWriter(loadConfig(kafkaProducerOptions, { 'kafka.producer.brokers': this.brokers, 'kafka.producer.topic': topic }, {}));
    this.#writers.push(writer);
    return writer;
  }

  /** Sum of the group's lag over the topic's partitions (partitions without a commit count whole). */
  async totalLag(groupId: string, topic: string): Promise<number> {
    const lags = await this.admin.describeLag(groupId, topic);
    return lags.reduce((sum, p) => sum + Number(p.lag), 0);
  }

  /** Reads every record of `topic` from the start until `count` arrived (bounded by `timeoutMs`). */
  readAll(topic: string, count: number, timeoutMs = 60_000): Promise<ConsumedRecord[]> {
    return readTopic(this.connection(), topic, count, timeoutMs);
  }

  async close(): Promise<void> {
    for (const writer of this.#writers) await writer.close().catch(() => undefined);
    await this.admin.deleteTopics(this.topics).catch(() => undefined);
    await this.admin.close();
  }
}

/** Direct reads of the span indices of one index prefix, for exact counts and ids. */
export class SearchFixture {
  constructor(
    readonly url: string,
    readonly indexPrefix: string,
  ) {}

  get spanPattern(): string {
    return `${this.indexPrefix}-jaeger-span-*`;
  }

  /** One request; a 503 (a new daily index whose shard is not started yet on a busy node) is retried for 15 s. */
  async #request(method: string, path: string, body?: unknown): Promise<any> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const response = await fetch(`${this.url}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      if (response.status === 503 && Date.now() < deadline) {
        await sleep(250);
        continue;
      }
      if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text.slice(0, 500)}`);
      return text ? JSON.parse(text) : undefined;
    }
  }

  async spanCount(): Promise<number> {
    await this.#request('POST', `/${this.spanPattern}/_refresh?ignore_unavailable=true&allow_no_indices=true`);
    const result = await this.#request('GET', `/${this.spanPattern}/_count?ignore_unavailable=true&allow_no_indices=true`);
    return result.count as number;
  }

  /** `traceID/spanID` of every stored span document (duplicates kept), read with scroll. */
  async spanKeys(): Promise<string[]> {
    await this.#request('POST', `/${this.spanPattern}/_refresh?ignore_unavailable=true&allow_no_indices=true`);
    const keys: string[] = [];
    let page = await this.#request('POST', `/${this.spanPattern}/_search?scroll=1m`, { size: 10_000, _source: ['traceID', 'spanID'], sort: ['_doc'] });
    try {
      for (let round = 0; round < 1000 && page.hits.hits.length > 0; round++) {
        for (const hit of page.hits.hits) keys.push(`${hit._source.traceID}/${hit._source.spanID}`);
        page = await this.#request('POST', '/_search/scroll', { scroll: '1m', scroll_id: page._scroll_id });
      }
    } finally {
      await this.#request('DELETE', '/_search/scroll', { scroll_id: page._scroll_id }).catch(() => undefined);
    }
    return keys;
  }

  async cleanup(): Promise<void> {
    await this.#request('DELETE', `/${this.indexPrefix}-*?ignore_unavailable=true&allow_no_indices=true&expand_wildcards=all`).catch(() => undefined);
    await this.#request('DELETE', `/_index_template/${this.indexPrefix}-*`).catch(() => undefined);
  }
}

/** Asserts-friendly comparison: which expected keys are missing and which stored keys are duplicated or foreign. */
export function compareKeys(expected: ReadonlySet<string>, stored: readonly string[]): { missing: number; duplicates: number; unexpected: number } {
  const seen = new Set<string>();
  let duplicates = 0;
  let unexpected = 0;
  for (const key of stored) {
    if (seen.has(key)) duplicates++;
    seen.add(key);
    if (!expected.has(key)) unexpected++;
  }
  let missing = 0;
  for (const key of expected) if (!seen.has(key)) missing++;
  return { missing, duplicates, unexpected };
}

/**
 * Produces `traces` 4-span traces in the background, `chunkTraces` per write, optionally paced to `tracesPerSecond`.
 * `done` resolves with every produced span key once all writes were acknowledged.
 */
export function produceInBackground(
  writer: KafkaSpanWriter,
  options: { traces: number; chunkTraces: number; tracesPerSecond?: number },
): { done: Promise<Set<string>>; produced: () => number } {
  let produced = 0;
  const keys = new Set<string>();
  const done = (async () => {
    const started = Date.now();
    const base = Date.now() * 1000;
    for (let t = 0; t < options.traces; t += options.chunkTraces) {
      const chunk: Span[] = [];
      for (let i = t; i < Math.min(options.traces, t + options.chunkTraces); i++) chunk.push(...makeTrace(base + i));
      await writer.writeSpans(chunk);
      for (const span of chunk) keys.add(spanKey(span));
      produced += chunk.length;
      if (options.tracesPerSecond) {
        const due = started + ((t + options.chunkTraces) / options.tracesPerSecond) * 1000;
        if (due > Date.now()) await sleep(due - Date.now());
      }
    }
    return keys;
  })();
  return { done, produced: () => produced };
}
