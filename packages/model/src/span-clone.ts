import type { Log, Process, Span, SpanReference, Tag } from './span.js';

/**
 * A copy of `span` that shares nothing mutable with it: new span, reference, log, tag and process objects, copied
 * binary values. Strings and bigints are immutable and shared, so tag keys the decoders intern stay one string in
 * memory (structuredClone copies every string, which made the memory store slow and large).
 *
 * `processes` maps processes already copied to their copy: spans of one batch that shared a process share its copy.
 */
export function cloneSpan(span: Span, processes?: Map<Process, Process>): Span {
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    operationName: span.operationName,
    references: span.references.map(cloneReference),
    flags: span.flags,
    startTime: span.startTime,
    duration: span.duration,
    tags: cloneTags(span.tags),
    logs: span.logs.map(cloneLog),
    process: processes ? sharedProcessCopy(span.process, processes) : cloneProcess(span.process),
    warnings: [...span.warnings],
  };
}

function sharedProcessCopy(process: Process, processes: Map<Process, Process>): Process {
  let copy = processes.get(process);
  if (!copy) {
    copy = cloneProcess(process);
    processes.set(process, copy);
  }
  return copy;
}

function cloneProcess(process: Process): Process {
  return { serviceName: process.serviceName, tags: cloneTags(process.tags) };
}

function cloneReference(ref: SpanReference): SpanReference {
  return { refType: ref.refType, traceId: ref.traceId, spanId: ref.spanId };
}

function cloneLog(log: Log): Log {
  return { timestamp: log.timestamp, fields: cloneTags(log.fields) };
}

function cloneTags(tags: readonly Tag[]): Tag[] {
  const copy: Tag[] = new Array<Tag>(tags.length);
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i]!;
    copy[i] = tag.type === 'binary' ? { key: tag.key, type: 'binary', value: tag.value.slice() } : ({ key: tag.key, type: tag.type, value: tag.value } as Tag);
  }
  return copy;
}
