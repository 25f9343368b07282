import type { ValidTraceQuery } from '@skein/storage';
import type { TagFieldPolicy } from '../span-document.js';

type Query = Record<string, unknown>;

const term = (field: string, value: string | number): Query => ({ term: { [field]: value } });

function nestedTagMatch(path: string, key: string, value: string): Query {
  return { nested: { path, query: { bool: { filter: [term(`${path}.key`, key), term(`${path}.value`, value)] } } } };
}

/**
 * One tag criterion, Jaeger's way: the pair may sit in the span's tags, its process tags, any log's fields, or
 * the `tag.*` / `process.tag.*` fields that tags-as-fields writes (also where Jaeger itself put them).
 */
export function tagCriterion(key: string, value: string, tagFields: TagFieldPolicy): Query {
  const should: Query[] = [
    nestedTagMatch('tags', key, value),
    nestedTagMatch('process.tags', key, value),
    { nested: { path: 'logs', query: nestedTagMatch('logs.fields', key, value) } },
  ];
  if (key !== '') {
    const field = key.split('.').join(tagFields.dotReplacement);
    should.push(term(`tag.${field}`, value), term(`process.tag.${field}`, value));
  }
  return { bool: { should, minimum_should_match: 1 } };
}

/** The per-span filter: every criterion of the query on one span document. */
export function spanFilter(query: ValidTraceQuery, tagFields: TagFieldPolicy): Query[] {
  const filters: Query[] = [term('process.serviceName', query.serviceName)];
  if (query.operationName !== undefined) filters.push(term('operationName', query.operationName));
  if (query.startTimeMin !== undefined || query.startTimeMax !== undefined) {
    filters.push({
      range: {
        startTime: {
          ...(query.startTimeMin !== undefined ? { gte: query.startTimeMin } : {}),
          ...(query.startTimeMax !== undefined ? { lte: query.startTimeMax } : {}),
        },
      },
    });
  }
  if (query.durationMin !== undefined || query.durationMax !== undefined) {
    filters.push({
      range: {
        duration: {
          ...(query.durationMin !== undefined ? { gte: query.durationMin } : {}),
          ...(query.durationMax !== undefined ? { lte: query.durationMax } : {}),
        },
      },
    });
  }
  for (const [key, value] of query.tags) filters.push(tagCriterion(key, value, tagFields));
  return filters;
}

/**
 * The trace-id search: matching spans grouped by trace, traces ranked by their latest matching start time, ties by
 * trace id. Ordering a terms aggregation by a `max` sub-aggregation is exact across shards: a trace's maximum is
 * the largest of its shard maxima, so it is among the top N of the shard that holds it.
 */
export function traceIdSearchBody(query: ValidTraceQuery, tagFields: TagFieldPolicy): Query {
  return {
    size: 0,
    query: { bool: { filter: spanFilter(query, tagFields) } },
    aggs: {
      traces: {
        terms: {
          field: 'traceID',
          size: query.limit,
          shard_size: Math.min(query.limit * 2 + 10, 65_000),
          order: [{ latest: 'desc' }, { _key: 'asc' }],
        },
        aggs: { latest: { max: { field: 'startTime' } } },
      },
    },
  };
}
