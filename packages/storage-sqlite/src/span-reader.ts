import type Database from 'better-sqlite3';
import type { Trace, TraceId } from '@skein/model';
import {
  summarizeTrace,
  validateTraceQuery,
  type GetOperationsParams,
  type Operation,
  type SpanReader,
  type TraceQuery,
  type TraceSummary,
} from '@skein/storage';
import { TraceChunkReader } from './trace-chunks.js';
import { TraceSearch } from './trace-search.js';

/** Reads through its own connection; in WAL mode it sees every committed batch without blocking the writer. */
export class SqliteSpanReader implements SpanReader {
  private readonly services: Database.Statement<[], string>;
  private readonly operations: Database.Statement<
    [{ service: string; spanKind: string | null }],
    { name: string; span_kind: string }
  >;
  private readonly chunks: TraceChunkReader;
  private readonly search: TraceSearch;

  constructor(
    db: Database.Database,
    private readonly assertOpen: () => void,
  ) {
    this.services = db.prepare<[], string>('SELECT name FROM services ORDER BY name').pluck();
    this.operations = db.prepare(
      `SELECT o.name, k.span_kind FROM services s
       JOIN operation_names o ON o.service_id = s.id
       JOIN operation_kinds k ON k.operation_id = o.id
       WHERE s.name = @service AND (@spanKind IS NULL OR k.span_kind = @spanKind)
       ORDER BY o.name, k.span_kind`,
    );
    this.chunks = new TraceChunkReader(db);
    this.search = new TraceSearch(db, this.chunks);
  }

  async getServices(): Promise<string[]> {
    this.assertOpen();
    return this.services.all();
  }

  async getOperations({ service, spanKind }: GetOperationsParams): Promise<Operation[]> {
    this.assertOpen();
    return this.operations.all({ service, spanKind: spanKind ?? null }).map((row) => ({ name: row.name, spanKind: row.span_kind }));
  }

  /** The trace's chunks are found by trace id, which makes the time hint unnecessary, so the whole trace is always returned. */
  async getTrace(traceId: TraceId): Promise<Trace | null> {
    this.assertOpen();
    return this.readTrace(traceId);
  }

  async findTraceIds(query: TraceQuery): Promise<TraceId[]> {
    this.assertOpen();
    return [...this.search.find(validateTraceQuery(query)).keys()];
  }

  async findTraces(query: TraceQuery): Promise<Trace[]> {
    this.assertOpen();
    return [...this.search.find(validateTraceQuery(query))].map(([traceId, spans]) => ({ traceId, spans }));
  }

  /** The search reads each candidate's spans to re-check it, so summarising the hits reads nothing more. */
  async findTraceSummaries(query: TraceQuery): Promise<TraceSummary[]> {
    this.assertOpen();
    return [...this.search.find(validateTraceQuery(query))].map(([traceId, spans]) => summarizeTrace(traceId, spans));
  }

  private readTrace(traceId: TraceId): Trace | null {
    const spans = this.chunks.spansOf(traceId);
    return spans.length === 0 ? null : { traceId, spans };
  }
}
