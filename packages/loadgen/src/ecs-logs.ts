import type { Writable } from 'node:stream';
import type { TraceLogLine } from './trace-generator.js';

/** One log line as an Elastic Common Schema document, with the ids Kibana and Skein join logs and traces on. */
export function ecsDocument(line: TraceLogLine, traceId: string): Record<string, unknown> {
  return {
    '@timestamp': new Date(Math.floor(line.timestamp / 1000)).toISOString(),
    'log.level': line.level,
    message: line.message,
    'service.name': line.service,
    'trace.id': traceId,
    'span.id': line.spanId,
    'event.dataset': 'skein.loadgen',
    'ecs.version': '8.11.0',
  };
}

export interface LogSink {
  write(lines: readonly TraceLogLine[], traceId: string): void;
  /** Sends what is pending; resolves when done. */
  flush(): Promise<void>;
  /** Lines written (stdout) or indexed (Elasticsearch), and lines lost with why. */
  stats(): { written: number; dropped: number; lastError?: string };
}

/** NDJSON on a stream (stdout): one ECS document per line. */
export class StreamLogSink implements LogSink {
  private written = 0;
  private dropped = 0;
  private failure: string | undefined;

  constructor(private readonly out: Writable) {
    // A reader that went away (`| head`) ends the log lines, not the run.
    out.on('error', (error: Error) => (this.failure = `log output: ${error.message}`));
  }

  write(lines: readonly TraceLogLine[], traceId: string): void {
    if (lines.length === 0) return;
    if (this.failure) {
      this.dropped += lines.length;
      return;
    }
    this.out.write(lines.map((line) => `${JSON.stringify(ecsDocument(line, traceId))}\n`).join(''));
    this.written += lines.length;
  }

  async flush(): Promise<void> {}

  stats() {
    return { written: this.written, dropped: this.dropped, ...(this.failure ? { lastError: this.failure } : {}) };
  }
}

export interface ElasticsearchLogSinkOptions {
  /** Base URL of the cluster, e.g. http://127.0.0.1:9200 */
  serverUrl: string;
  index: string;
  /** Lines held while a bulk request is on its way; beyond this, lines are dropped and counted. */
  maxPending?: number;
  /** A bulk request goes out once this many lines wait (or on flush). */
  bulkLines?: number;
  authorization?: string;
}

/**
 * Bulk-indexes the lines into an Elasticsearch/OpenSearch index with `create` (which data streams such as
 * `logs-*-*` require and plain indices accept), one request at a time; a full buffer drops lines and counts them.
 */
export class ElasticsearchLogSink implements LogSink {
  private pending: string[] = [];
  private inFlight: Promise<void> | undefined;
  private written = 0;
  private dropped = 0;
  private lastError: string | undefined;
  private readonly maxPending: number;
  private readonly bulkLines: number;

  constructor(private readonly options: ElasticsearchLogSinkOptions) {
    this.maxPending = options.maxPending ?? 50_000;
    this.bulkLines = options.bulkLines ?? 2_000;
  }

  write(lines: readonly TraceLogLine[], traceId: string): void {
    for (const line of lines) {
      if (this.pending.length >= this.maxPending) {
        this.dropped += 1;
        continue;
      }
      this.pending.push(JSON.stringify(ecsDocument(line, traceId)));
    }
    if (this.pending.length >= this.bulkLines && !this.inFlight) this.inFlight = this.sendPending().finally(() => (this.inFlight = undefined));
  }

  async flush(): Promise<void> {
    await this.inFlight;
    while (this.pending.length > 0) await this.sendPending();
  }

  stats() {
    return { written: this.written, dropped: this.dropped, ...(this.lastError ? { lastError: this.lastError } : {}) };
  }

  private async sendPending(): Promise<void> {
    const batch = this.pending.splice(0, this.bulkLines);
    if (batch.length === 0) return;
    const action = JSON.stringify({ create: { _index: this.options.index } });
    const body = batch.map((doc) => `${action}\n${doc}\n`).join('');
    const url = `${this.options.serverUrl.replace(/\/+$/, '')}/_bulk`;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson', ...(this.options.authorization ? { authorization: this.options.authorization } : {}) },
        body,
        signal: AbortSignal.timeout(30_000),
      });
      const answer = await response.text();
      if (!response.ok) throw new Error(`HTTP ${response.status}: ${answer.slice(0, 300)}`);
      const result = JSON.parse(answer) as { errors: boolean; items: Array<{ create?: { status: number; error?: { type: string; reason: string } } }> };
      let failed = 0;
      for (const item of result.items) {
        if (item.create?.error) {
          failed += 1;
          this.lastError = `${item.create.error.type}: ${item.create.error.reason}`;
        }
      }
      this.written += batch.length - failed;
      this.dropped += failed;
    } catch (error) {
      this.dropped += batch.length;
      this.lastError = `POST ${url}: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
}
