import { describe, expect, it } from '@jest/globals';
import type { Process, Span, Tag } from '@skein/model';
import { buildSpan, hexId } from '../testing/index.js';
import { MemoryStorage } from './memory-storage.js';
import { storedSpan, TagInterner } from './stored-span.js';

describe('TagInterner', () => {
  it('hands out one object for equal tags, and never one tag for another', () => {
    const tags = new TagInterner();
    const get: Tag = { key: 'http.request.method', type: 'string', value: 'GET' };
    const first = tags.intern(get);
    expect(first).not.toBe(get);
    expect(first).toEqual(get);
    expect(tags.intern({ ...get })).toBe(first);
    expect(tags.intern({ ...get, value: 'POST' })).toEqual({ ...get, value: 'POST' });
    // Values of different types that look alike stay apart.
    const one = [
      tags.intern({ key: 'n', type: 'int64', value: 1n }),
      tags.intern({ key: 'n', type: 'float64', value: 1 }),
      tags.intern({ key: 'n', type: 'string', value: '1' }),
      tags.intern({ key: 'n', type: 'bool', value: true }),
    ];
    expect(one.map((tag) => tag.type)).toEqual(['int64', 'float64', 'string', 'bool']);
    expect(tags.intern({ key: 'n', type: 'int64', value: 1n })).toBe(one[0]);
    expect(tags.intern({ key: 'n', type: 'float64', value: 1 })).toBe(one[1]);
  });

  it('keeps -0 apart from 0, and copies binary values instead of sharing them', () => {
    const tags = new TagInterner();
    const zero = tags.intern({ key: 'f', type: 'float64', value: 0 });
    const negativeZero = tags.intern({ key: 'f', type: 'float64', value: -0 });
    expect(Object.is(negativeZero.value, -0)).toBe(true);
    expect(tags.intern({ key: 'f', type: 'float64', value: 0 })).toBe(zero);
    const bytes = Uint8Array.from([1, 2, 3]);
    const binary = tags.intern({ key: 'b', type: 'binary', value: bytes });
    expect(binary.value).toEqual(bytes);
    expect(binary.value).not.toBe(bytes);
    expect(tags.intern({ key: 'b', type: 'binary', value: bytes })).not.toBe(binary);
  });

  it('shares at most 64 values per key: later values are copied each time', () => {
    const tags = new TagInterner();
    for (let i = 0; i < 64; i++) tags.intern({ key: 'request.id', type: 'string', value: `r${i}` });
    const late = tags.intern({ key: 'request.id', type: 'string', value: 'r64' });
    expect(tags.intern({ key: 'request.id', type: 'string', value: 'r64' })).not.toBe(late);
    expect(tags.intern({ key: 'request.id', type: 'string', value: 'r63' })).toBe(tags.intern({ key: 'request.id', type: 'string', value: 'r63' }));
  });
});

describe('the memory store with shared tags', () => {
  it('a span read and changed by its reader leaves the stored spans that share its tags as they were', async () => {
    const storage = new MemoryStorage();
    const shared: Tag = { key: 'http.route', type: 'string', value: '/api/items/{id}' };
    const spans: Span[] = [1, 2].map((n) => ({ ...buildSpan(hexId(0xa, n, 32), hexId(0xa, n, 16), 1_700_000_000_000_000 + n), tags: [{ ...shared }] }));
    await storage.createSpanWriter().writeSpans(spans);
    const reader = storage.createSpanReader();
    const first = (await reader.getTrace(hexId(0xa, 1, 32)))!.spans[0]!;
    (first.tags[0] as { value: string }).value = 'changed by a reader';
    first.tags.push({ key: 'added', type: 'bool', value: true });
    const second = (await reader.getTrace(hexId(0xa, 2, 32)))!.spans[0]!;
    const again = (await reader.getTrace(hexId(0xa, 1, 32)))!.spans[0]!;
    expect(second.tags).toEqual([shared]);
    expect(again.tags).toEqual([shared]);
  });

  it('a stored span shares no object with the written one, and spans of one process share its copy', () => {
    const process: Process = { serviceName: 'shop', tags: [{ key: 'host.name', type: 'string', value: 'a' }] };
    const written = { ...buildSpan(hexId(0xb, 1, 32), hexId(0xb, 1, 16), 1_700_000_000_000_000), process };
    const processes = new Map<Process, Process>();
    const tags = new TagInterner();
    const stored = storedSpan(written, processes, tags);
    const sibling = storedSpan({ ...written, spanId: hexId(0xb, 2, 16) }, processes, tags);
    expect(stored).toEqual(written);
    expect(stored.process).not.toBe(process);
    expect(stored.process.tags[0]).not.toBe(process.tags[0]);
    expect(sibling.process).toBe(stored.process);
    expect(stored.tags).not.toBe(written.tags);
    expect(stored.logs).not.toBe(written.logs);
    expect(stored.references).not.toBe(written.references);
    expect(stored.warnings).not.toBe(written.warnings);
  });
});
