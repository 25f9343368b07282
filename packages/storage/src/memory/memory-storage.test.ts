import { describe, expect, it } from '@jest/globals';
import { buildSpan, hexId, runConformanceSuite } from '../testing/index.js';
import { MemoryStorage } from './memory-storage.js';

runConformanceSuite('memory', async () => ({ storage: new MemoryStorage() }));

describe('memory storage bounds', () => {
  const traceSpan = (n: number) => buildSpan(hexId(0xe, n, 32), hexId(0xe, n, 16), 1_700_000_000_000_000 + n);

  it('evicts the least recently written trace beyond maxTraces', async () => {
    const storage = new MemoryStorage({ maxTraces: 3 });
    const writer = storage.createSpanWriter();
    const reader = storage.createSpanReader();
    await writer.writeSpans([traceSpan(1), traceSpan(2), traceSpan(3)]);
    // Writing to trace 1 again makes trace 2 the least recently written.
    await writer.writeSpans([{ ...traceSpan(1), spanId: hexId(0xf, 1, 16) }]);
    await writer.writeSpans([traceSpan(4)]);
    expect(storage.traceCount).toBe(3);
    expect(await reader.getTrace(hexId(0xe, 2, 32))).toBeNull();
    expect((await reader.getTrace(hexId(0xe, 1, 32)))?.spans).toHaveLength(2);
    expect(await reader.getTrace(hexId(0xe, 3, 32))).not.toBeNull();
    expect(await reader.getTrace(hexId(0xe, 4, 32))).not.toBeNull();
  });

  it('rejects a non-positive bound and use after close', async () => {
    expect(() => new MemoryStorage({ maxTraces: 0 })).toThrow(RangeError);
    const storage = new MemoryStorage();
    await storage.close();
    await expect(storage.createSpanReader().getServices()).rejects.toThrow('memory storage is closed');
  });
});
