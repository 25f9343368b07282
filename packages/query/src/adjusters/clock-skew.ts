import type { Span, Tag } from '@skein/model';
import { parentIdOf, type TraceAdjuster } from './adjuster.js';
import { formatGoDuration } from './go-duration.js';

/**
 * Clock-skew adjustment with the semantics of Jaeger's `ClockSkew` adjuster. Spans form a tree by their parent
 * reference; walking down from each root, whenever a span runs on another host than its parent (hosts told apart by
 * the process's `ip` tag; spans without one always count as another host) its skew against the parent is computed:
 *
 * - a child that lasted longer than its parent (async work, or the parent timed out) is only moved so that it does
 *   not start before the parent;
 * - a child that already lies within its parent is left alone;
 * - otherwise it is centred in the parent, assuming the network latency splits evenly between request and response.
 *
 * Spans on the parent's host inherit the parent's skew. A skew larger than `maxDeltaMicros` is not applied; the span
 * gets a warning saying so (with `maxDeltaMicros` 0, the default, no span is ever moved, but skewed spans are still
 * flagged). Applied shifts move the start and every log timestamp, and are also written as a warning. Duplicate
 * span ids and parents missing from the trace get warnings too; a span with a missing parent is treated as a root.
 */
export function clockSkewAdjuster(maxDeltaMicros: number): TraceAdjuster {
  return (trace) => {
    const spans = trace.spans;
    const count = spans.length;
    const warnings: string[][] = Array.from({ length: count }, () => []);
    const indexById = new Map<string, number>();
    for (let i = 0; i < count; i++) {
      const spanId = spans[i]!.spanId;
      if (indexById.has(spanId)) warnings[i]!.push('duplicate span IDs; skipping clock skew adjustment');
      else indexById.set(spanId, i);
    }

    const children: number[][] = Array.from({ length: count }, () => []);
    const roots: number[] = [];
    for (const i of indexById.values()) {
      const parentId = parentIdOf(spans[i]!);
      if (parentId === undefined) {
        roots.push(i);
        continue;
      }
      const parent = indexById.get(parentId);
      if (parent === undefined) {
        warnings[i]!.push(`invalid parent span IDs=${parentId}; skipping clock skew adjustment`);
        roots.push(i);
      } else {
        children[parent]!.push(i);
      }
    }

    const hosts = spans.map(hostKeyOf);
    const startTimes = spans.map((span) => span.startTime);
    const shifts = new Array<number>(count).fill(0);

    const applySkew = (i: number, delta: number): void => {
      if (delta === 0) return;
      if (Math.abs(delta) > maxDeltaMicros) {
        warnings[i]!.push(
          maxDeltaMicros === 0
            ? `clock skew adjustment disabled; not applying calculated delta of ${formatGoDuration(delta)}`
            : `max clock skew adjustment delta of ${formatGoDuration(maxDeltaMicros)} exceeded; not applying calculated delta of ${formatGoDuration(delta)}`,
        );
        return;
      }
      startTimes[i] = startTimes[i]! + delta;
      shifts[i] = delta;
      warnings[i]!.push(`This span's timestamps were adjusted by ${formatGoDuration(delta)}`);
    };

    // Depth-first with an explicit stack: traces can be deep enough to overflow recursion.
    interface Visit {
      node: number;
      parent: number;
      host: string;
      delta: number;
    }
    const stack: Visit[] = roots.map((node) => ({ node, parent: -1, host: hosts[node]!, delta: 0 }));
    while (stack.length > 0) {
      const visit = stack.pop()!;
      const { node, parent } = visit;
      let { host, delta } = visit;
      if (parent >= 0 && (hosts[node] !== host || hosts[node] === '')) {
        host = hosts[node]!;
        delta = skewAgainstParent(startTimes[node]!, spans[node]!.duration, startTimes[parent]!, spans[parent]!.duration);
      }
      applySkew(node, delta);
      for (const child of children[node]!) stack.push({ node: child, parent: node, host, delta });
    }

    let changed = false;
    const adjusted = spans.map((span, i): Span => {
      const added = warnings[i]!;
      const shift = shifts[i]!;
      if (added.length === 0 && shift === 0) return span;
      changed = true;
      // Whole µs in the model: a fractional shift is floored, as Jaeger's ns start time is when written as µs.
      const micros = Math.floor(shift);
      return {
        ...span,
        startTime: span.startTime + micros,
        logs: micros === 0 ? span.logs : span.logs.map((log) => ({ ...log, timestamp: log.timestamp + micros })),
        warnings: [...span.warnings, ...added],
      };
    });
    return changed ? { ...trace, spans: adjusted } : trace;
  };
}

/** The shift (µs, possibly half a µs) that places a child within its already adjusted parent; 0 when none is needed. */
export function skewAgainstParent(childStart: number, childDuration: number, parentStart: number, parentDuration: number): number {
  if (childDuration > parentDuration) {
    return childStart < parentStart ? parentStart - childStart : 0;
  }
  const childEnd = childStart + childDuration;
  const parentEnd = parentStart + parentDuration;
  if (childStart >= parentStart && childEnd <= parentEnd) return 0;
  // Half a µs is kept, as Jaeger keeps nanoseconds here: the warning shows the exact delta (e.g. 799.5µs).
  const latency = (parentDuration - childDuration) / 2;
  return parentStart + latency - childStart;
}

/**
 * The host a span ran on, from its process's `ip` tag (a string, an IPv4 packed in an int64, or 4/16 raw bytes);
 * `''` when unknown. Only compared for equality, so any one spelling per address will do.
 */
export function hostKeyOf(span: Span): string {
  const tag = span.process.tags.find((t: Tag) => t.key === 'ip');
  if (tag === undefined) return '';
  switch (tag.type) {
    case 'string':
      return tag.value;
    case 'int64':
      return ipv4FromUint32(Number(BigInt.asUintN(32, tag.value)));
    case 'binary':
      return ipFromBytes(tag.value);
    default:
      return '';
  }
}

export function ipv4FromUint32(value: number): string {
  return `${(value >>> 24) & 0xff}.${(value >>> 16) & 0xff}.${(value >>> 8) & 0xff}.${value & 0xff}`;
}

function ipFromBytes(bytes: Uint8Array): string {
  if (bytes.length === 4) return Array.from(bytes).join('.');
  if (bytes.length !== 16) return '';
  const v4Mapped = bytes.subarray(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (v4Mapped) return Array.from(bytes.subarray(12)).join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return groups.join(':');
}
