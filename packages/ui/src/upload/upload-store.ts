import { useSyncExternalStore } from 'react';
import { postJson } from '../api/client';
import type { Envelope, JaegerTrace } from '../api/types';

/**
 * Traces opened from a file: held in this tab only, never stored. The search page lists them and the trace page
 * looks here before asking the server.
 */
export interface Upload {
  fileName: string;
  traces: JaegerTrace[];
}

let current: Upload | undefined;
const listeners = new Set<() => void>();

export function uploadedTrace(traceId: string): JaegerTrace | undefined {
  const wanted = traceId.toLowerCase().replace(/^0+/, '');
  return current?.traces.find((trace) => trace.traceID.toLowerCase().replace(/^0+/, '') === wanted);
}

export function useUpload(): Upload | undefined {
  return useSyncExternalStore(
    (onChange) => {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    () => current,
  );
}

export function clearUpload(): void {
  current = undefined;
  listeners.forEach((listener) => listener());
}

/**
 * Reads a file of traces: Jaeger JSON as `/api/traces` returns it (`{"data": [...]}`, a list, or one trace), or an
 * OTLP JSON export (`{"resourceSpans": [...]}`), which the query service turns into Jaeger JSON
 * (`POST /api/transform`) without storing it. Throws an Error that says what the file is missing.
 */
export async function openTraceFile(file: File): Promise<Upload> {
  const text = await file.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file.name} is not JSON: ${(error as Error).message}`);
  }
  let traces: JaegerTrace[];
  if (isObject(parsed) && Array.isArray(parsed.resourceSpans)) {
    traces = (await postJson<Envelope<JaegerTrace[]>>('api/transform', text)).data;
  } else {
    traces = jaegerTraces(parsed, file.name);
  }
  if (traces.length === 0) throw new Error(`${file.name} holds no traces`);
  current = { fileName: file.name, traces };
  listeners.forEach((listener) => listener());
  return current;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jaegerTraces(parsed: unknown, fileName: string): JaegerTrace[] {
  const list = isObject(parsed) && Array.isArray(parsed.data) ? parsed.data : Array.isArray(parsed) ? parsed : [parsed];
  return list.map((trace, i) => {
    if (!isObject(trace) || typeof trace.traceID !== 'string' || !Array.isArray(trace.spans)) {
      throw new Error(`${fileName}: trace ${i + 1} is not Jaeger JSON (it needs "traceID" and "spans"), nor is the file OTLP JSON ("resourceSpans")`);
    }
    const processes = isObject(trace.processes) ? (trace.processes as JaegerTrace['processes']) : {};
    trace.spans.forEach((span: unknown, s: number) => {
      if (!isObject(span) || typeof span.spanID !== 'string' || typeof span.startTime !== 'number' || typeof span.duration !== 'number') {
        throw new Error(`${fileName}: span ${s + 1} of trace ${trace.traceID} needs "spanID", "startTime" and "duration"`);
      }
      span.tags ??= [];
      span.logs ??= [];
      span.references ??= [];
      span.operationName ??= '';
    });
    return { traceID: trace.traceID, spans: trace.spans as JaegerTrace['spans'], processes };
  });
}
