import { describe, expect, it } from '@jest/globals';
import { buildSpan } from '@skein/storage/testing';
import { durationBucket, INDEX_ALL, serviceBucket, tagIndexEntries } from './index-rows.js';

const span = buildSpan('0af7651916cd43dd8448eb211c80319c', '00000000000000a1', 1_700_000_000_000_000, {
  tags: [
    { key: 'http.status_code', type: 'int64', value: 200n },
    { key: 'http.status_code', type: 'int64', value: 200n },
    { key: 'payload', type: 'string', value: '{"a": 1}' },
    { key: 'brace', type: 'string', value: '{not json' },
    { key: 'long', type: 'string', value: 'x'.repeat(256) },
    { key: 'k'.repeat(256), type: 'bool', value: true },
    { key: 'almost', type: 'string', value: 'y'.repeat(255) },
  ],
  logs: [{ timestamp: 1_700_000_000_000_001, fields: [{ key: 'event', type: 'string', value: 'retry' }] }],
});

describe('tag_index rows, by Jaeger\'s rules', () => {
  it('indexes each key and rendered value once, skipping 256+ characters and JSON objects', () => {
    const { entries, skipped } = tagIndexEntries(span, INDEX_ALL);
    expect(entries).toEqual([
      ['http.status_code', '200'],
      ['brace', '{not json'],
      ['almost', 'y'.repeat(255)],
      ['host.name', 'gen-1'],
      ['event', 'retry'],
    ]);
    expect(skipped).toBe(3);
  });

  it('follows the tags, logs, process-tags, blacklist and whitelist settings', () => {
    const keys = (filter: Partial<typeof INDEX_ALL>) => tagIndexEntries(span, { ...INDEX_ALL, ...filter }).entries.map(([key]) => key);
    expect(keys({ tags: false })).toEqual(['host.name', 'event']);
    expect(keys({ logs: false, processTags: false })).not.toContain('event');
    expect(keys({ blacklist: new Set(['event', 'brace']) })).toEqual(['http.status_code', 'almost', 'host.name']);
    expect(keys({ whitelist: new Set(['event']) })).toEqual(['event']);
  });
});

describe('index buckets', () => {
  it('rounds a start to the nearest hour for duration_index, as Go rounds', () => {
    expect(durationBucket(Date.UTC(2026, 0, 1, 10, 29, 59) * 1000).toISOString()).toBe('2026-01-01T10:00:00.000Z');
    expect(durationBucket(Date.UTC(2026, 0, 1, 10, 30, 0) * 1000).toISOString()).toBe('2026-01-01T11:00:00.000Z');
  });

  it('spreads service_name_index over 10 buckets by the unsigned span hash', () => {
    expect(serviceBucket('0000000000000017')).toBe(3);
    expect(serviceBucket('ffffffffffffffff')).toBe(Number(0xffffffffffffffffn % 10n));
  });
});
