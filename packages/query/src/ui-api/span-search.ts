import { tagValueAsString, type Span, type Tag } from '@skein/model';

/** Most span ids one find answers with; a client showing "N+ matches" is told the list was cut. */
export const MAX_FIND_MATCHES = 10_000;

/**
 * Spans whose id, operation, service, tag, process tag or log field (key or value) contains `text`, case-insensitive;
 * `key=value` terms match a tag with that key whose value contains the value. Several whitespace-separated terms must
 * all match. Returns the matching span ids in trace order, at most `MAX_FIND_MATCHES`.
 */
export function findSpans(spans: Iterable<Span>, text: string): { spanIDs: string[]; truncated: boolean } {
  const terms = text.toLowerCase().split(/\s+/).filter(Boolean).map(parseTerm);
  const spanIDs: string[] = [];
  if (terms.length === 0) return { spanIDs, truncated: false };
  for (const span of spans) {
    if (!terms.every((term) => spanMatches(span, term))) continue;
    if (spanIDs.length === MAX_FIND_MATCHES) return { spanIDs, truncated: true };
    spanIDs.push(span.spanId);
  }
  return { spanIDs, truncated: false };
}

interface Term {
  key?: string;
  value: string;
}

function parseTerm(term: string): Term {
  const eq = term.indexOf('=');
  return eq > 0 ? { key: term.slice(0, eq), value: term.slice(eq + 1) } : { value: term };
}

function spanMatches(span: Span, term: Term): boolean {
  const tagLists = [span.tags, span.process.tags, ...span.logs.map((log) => log.fields)];
  if (term.key !== undefined) return tagLists.some((tags) => tags.some((tag) => tagMatches(tag, term.key!, term.value)));
  const { value } = term;
  if (span.spanId.includes(value)) return true;
  if (span.operationName.toLowerCase().includes(value)) return true;
  if (span.process.serviceName.toLowerCase().includes(value)) return true;
  return tagLists.some((tags) =>
    tags.some((tag) => tag.key.toLowerCase().includes(value) || valueText(tag).includes(value)),
  );
}

function tagMatches(tag: Tag, key: string, value: string): boolean {
  return tag.key.toLowerCase() === key && valueText(tag).includes(value);
}

function valueText(tag: Tag): string {
  return tag.type === 'binary' ? '' : tagValueAsString(tag).toLowerCase();
}
