import { describe, expect, it } from '@jest/globals';
import type { Span } from './span.js';

describe('span model', () => {
  it('holds int64 tags exactly beyond 2^53', () => {
    const span: Pick<Span, 'tags'> = { tags: [{ key: 'big', type: 'int64', value: 2n ** 63n - 1n }] };
    expect(span.tags[0]?.value).toBe(9223372036854775807n);
    expect(Buffer.from('ab') instanceof Uint8Array).toBe(true);
  });
});
