import { readFileSync } from 'node:fs';
import type { Log, Span, SpanReference, Tag } from '@skein/model';

/**
 * JSON fixtures for the conformance suite. JSON cannot hold bigints, bytes or float specials, so fixture tags spell
 * them: int64 as a decimal string, binary as hex, float64 NaN/Infinity/-Infinity/-0 as strings. Optional span fields
 * default to empty (flags to 1).
 */
interface FixtureTag {
  key: string;
  type: Tag['type'];
  value: string | number | boolean;
}

interface FixtureSpan {
  traceId: string;
  spanId: string;
  operationName: string;
  references?: SpanReference[];
  flags?: number;
  startTime: number;
  duration: number;
  tags?: FixtureTag[];
  logs?: Array<{ timestamp: number; fields: FixtureTag[] }>;
  process: { serviceName: string; tags?: FixtureTag[] };
  warnings?: string[];
}

export interface SearchCorpus {
  baseTime: number;
  traceIds: Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H', string>;
  spans: Span[];
}

export function loadFieldTypesFixture(): Span[] {
  return readFixture<{ spans: FixtureSpan[] }>('field-types.json').spans.map(spanFromFixture);
}

export function loadSearchCorpus(): SearchCorpus {
  const raw = readFixture<{ baseTime: number; traceIds: SearchCorpus['traceIds']; spans: FixtureSpan[] }>(
    'search-corpus.json',
  );
  return { baseTime: raw.baseTime, traceIds: raw.traceIds, spans: raw.spans.map(spanFromFixture) };
}

function readFixture<T>(name: string): T {
  const url = new URL(`./fixtures/${name}`, import.meta.url);
  try {
    return JSON.parse(readFileSync(url, 'utf8')) as T;
  } catch (error) {
    throw new Error(`cannot read conformance fixture ${url.pathname}`, { cause: error });
  }
}

function spanFromFixture(raw: FixtureSpan): Span {
  return {
    traceId: raw.traceId,
    spanId: raw.spanId,
    operationName: raw.operationName,
    references: raw.references ?? [],
    flags: raw.flags ?? 1,
    startTime: raw.startTime,
    duration: raw.duration,
    tags: (raw.tags ?? []).map(tagFromFixture),
    logs: (raw.logs ?? []).map((log): Log => ({ timestamp: log.timestamp, fields: log.fields.map(tagFromFixture) })),
    process: { serviceName: raw.process.serviceName, tags: (raw.process.tags ?? []).map(tagFromFixture) },
    warnings: raw.warnings ?? [],
  };
}

function tagFromFixture(raw: FixtureTag): Tag {
  switch (raw.type) {
    case 'string':
      return { key: raw.key, type: 'string', value: String(raw.value) };
    case 'bool':
      return { key: raw.key, type: 'bool', value: raw.value === true };
    case 'int64':
      return { key: raw.key, type: 'int64', value: BigInt(String(raw.value)) };
    case 'float64':
      return { key: raw.key, type: 'float64', value: raw.value === '-0' ? -0 : Number(raw.value) };
    case 'binary':
      return { key: raw.key, type: 'binary', value: new Uint8Array(Buffer.from(String(raw.value), 'hex')) };
  }
}
