import { describe, expect, it } from '@jest/globals';
import { StorageClosedError } from '@skein/storage';
import { SearchRequestError } from '../client/errors.js';
import type { SearchRequest, SearchResponse, SearchTransport } from '../client/transport.js';
import { DEFAULT_BULK_CONFIG, type BulkConfig } from '../config.js';
import { BulkWriteError } from './bulk-errors.js';
import { BulkIndexer, type BulkAction } from './bulk-indexer.js';

type ItemStatus = number | { status: number; type: string };

/** A fake cluster: each bulk request is answered by `answer(ids, call)`, per item status (or a thrown error). */
class FakeTransport implements SearchTransport {
  readonly flavor = 'opensearch' as const;
  readonly requests: string[][] = [];
  readonly querystrings: Array<SearchRequest['querystring']> = [];
  constructor(private readonly answer: (ids: string[], call: number) => ItemStatus[] | Error) {}

  async request<T>(request: SearchRequest): Promise<SearchResponse<T>> {
    const lines = (request.ndjson ?? '').trimEnd().split('\n');
    const ids = lines.filter((_, i) => i % 2 === 0).map((line) => (JSON.parse(line) as { index: { _id?: string } }).index._id ?? '(generated)');
    this.requests.push(ids);
    this.querystrings.push(request.querystring);
    const answer = this.answer(ids, this.requests.length);
    if (answer instanceof Error) throw answer;
    const items = answer.map((s, i) => {
      const { status, type } = typeof s === 'number' ? { status: s, type: undefined } : s;
      return { index: { _index: 'idx', _id: ids[i], status, ...(type ? { error: { type, reason: `${type} reason` } } : {}) } };
    });
    return { statusCode: 200, body: { errors: items.some((i) => i.index.status >= 300), items } as T };
  }

  async close(): Promise<void> {}
}

const actions = (count: number, prefix = 'doc'): BulkAction[] =>
  Array.from({ length: count }, (_, i) => ({ index: 'idx', id: `${prefix}${i}`, source: '{"a":1}', description: `span ${prefix}${i}` }));

const config = (overrides: Partial<BulkConfig> = {}): BulkConfig => ({ ...DEFAULT_BULK_CONFIG, flushIntervalMs: 0, ...overrides });
const noSleep = async (): Promise<void> => {};

describe('BulkIndexer', () => {
  it('resolves once every document is acknowledged, in requests of at most `actions` documents', async () => {
    const transport = new FakeTransport((ids) => ids.map(() => 201));
    const indexer = new BulkIndexer(transport, config({ actions: 4 }), noSleep);
    await indexer.submit(actions(10));
    expect(transport.requests.map((r) => r.length)).toEqual([4, 4, 2]);
    expect(transport.requests.flat()).toHaveLength(10);
  });

  it('leaves `_id` out for documents without one, and asks only for the answer fields it reads', async () => {
    const transport = new FakeTransport((ids) => ids.map(() => 201));
    const indexer = new BulkIndexer(transport, config(), noSleep);
    await indexer.submit([{ index: 'idx', source: '{"a":1}', description: 'trace location' }, ...actions(1)]);
    expect(transport.requests).toEqual([['(generated)', 'doc0']]);
    expect(transport.querystrings).toEqual([{ filter_path: 'errors,items.*.status,items.*.error' }]);
  });

  it('names a refused document without an id as generated', async () => {
    const transport = new FakeTransport((ids) => ids.map(() => ({ status: 400, type: 'mapper_parsing_exception' })));
    const indexer = new BulkIndexer(transport, config(), noSleep);
    const error = await indexer.submit([{ index: 'idx', source: '{"a":1}', description: 'trace location' }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BulkWriteError);
    expect((error as BulkWriteError).failures[0]).toMatchObject({ id: undefined, errorType: 'mapper_parsing_exception' });
    expect((error as Error).message).toContain('trace location into index idx (id generated)');
  });

  it('splits requests by size in bytes', async () => {
    const transport = new FakeTransport((ids) => ids.map(() => 201));
    const oneActionBytes = Buffer.byteLength(`${JSON.stringify({ index: { _index: 'idx', _id: 'doc0' } })}\n{"a":1}\n`);
    const indexer = new BulkIndexer(transport, config({ sizeBytes: oneActionBytes * 3 }), noSleep);
    await indexer.submit(actions(7));
    expect(transport.requests.map((r) => r.length)).toEqual([3, 3, 1]);
  });

  it('retries only the items that got 429, then succeeds', async () => {
    const transport = new FakeTransport((ids, call) => ids.map((id) => (call === 1 && id === 'doc1' ? { status: 429, type: 'es_rejected_execution_exception' } : 201)));
    const delays: number[] = [];
    const indexer = new BulkIndexer(transport, config(), async (ms) => void delays.push(ms), () => 0.5);
    await indexer.submit(actions(3));
    expect(transport.requests).toEqual([['doc0', 'doc1', 'doc2'], ['doc1']]);
    expect(delays).toEqual([75]);
  });

  it('rejects naming the span when a mapping conflict fails a document, without retrying it', async () => {
    const transport = new FakeTransport((ids) => ids.map((id) => (id === 'doc2' ? { status: 400, type: 'mapper_parsing_exception' } : 201)));
    const indexer = new BulkIndexer(transport, config(), noSleep);
    const error = await indexer.submit(actions(3)).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(BulkWriteError);
    const bulkError = error as BulkWriteError;
    expect(bulkError.failures).toEqual([
      { description: 'span doc2', index: 'idx', id: 'doc2', status: 400, errorType: 'mapper_parsing_exception', reason: 'mapper_parsing_exception reason', retryable: false },
    ]);
    expect(bulkError.message).toContain('1 of 3 documents were not written: span doc2 into index idx (id doc2): HTTP 400 mapper_parsing_exception');
    expect(bulkError.retryable).toBe(false);
    expect(transport.requests).toHaveLength(1);
  });

  it('gives up after maxRetries and says the failure was retryable', async () => {
    const transport = new FakeTransport((ids) => ids.map(() => ({ status: 429, type: 'es_rejected_execution_exception' })));
    const indexer = new BulkIndexer(transport, config({ maxRetries: 2 }), noSleep);
    const error = (await indexer.submit(actions(1)).catch((e: unknown) => e)) as BulkWriteError;
    expect(transport.requests).toHaveLength(3);
    expect(error.failures[0]).toMatchObject({ status: 429, retryable: true });
    expect(error.retryable).toBe(true);
  });

  it('retries a whole request that failed with 503 or no answer, but not one refused with 400', async () => {
    const flaky = new FakeTransport((ids, call) =>
      call === 1 ? new SearchRequestError('POST', '/_bulk', 503, 'unavailable', 'busy') : call === 2 ? new SearchRequestError('POST', '/_bulk', 0, 'ConnectionError', 'ECONNRESET') : ids.map(() => 201),
    );
    await new BulkIndexer(flaky, config(), noSleep).submit(actions(2));
    expect(flaky.requests).toHaveLength(3);

    const refused = new FakeTransport(() => new SearchRequestError('POST', '/_bulk', 400, 'parse_exception', 'bad body'));
    const error = (await new BulkIndexer(refused, config(), noSleep).submit(actions(2)).catch((e: unknown) => e)) as BulkWriteError;
    expect(refused.requests).toHaveLength(1);
    expect(error.failures.map((f) => f.errorType)).toEqual(['parse_exception', 'parse_exception']);
  });

  it('waits for the flush interval when one is set, and flushes on close', async () => {
    const transport = new FakeTransport((ids) => ids.map(() => 201));
    const indexer = new BulkIndexer(transport, config({ flushIntervalMs: 60_000 }), noSleep);
    const pending = indexer.submit(actions(2));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(transport.requests).toHaveLength(0);
    await indexer.close();
    await pending;
    expect(transport.requests).toEqual([['doc0', 'doc1']]);
    await expect(indexer.submit(actions(1))).rejects.toBeInstanceOf(StorageClosedError);
  });

  it('keeps at most `workers` requests in flight', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const transport: SearchTransport = {
      flavor: 'elasticsearch',
      async request<T>(request: SearchRequest): Promise<SearchResponse<T>> {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight -= 1;
        const count = (request.ndjson ?? '').trimEnd().split('\n').length / 2;
        return { statusCode: 200, body: { items: Array.from({ length: count }, () => ({ index: { status: 201 } })) } as T };
      },
      async close() {},
    };
    await new BulkIndexer(transport, config({ actions: 2, workers: 3 }), noSleep).submit(actions(40));
    expect(maxInFlight).toBe(3);
  });
});
