import type Database from 'better-sqlite3';
import { dependenciesFromSpans, type DependencyLink, type DependencyReader, type DependencySpan } from '@skein/storage';
import { bytesToId } from './ids.js';

interface DependencyRow {
  trace_id: Buffer;
  span_id: Buffer;
  parent_span_id: Buffer | null;
  service: string;
}

/** Computes links on read from the (trace, span, parent, service) columns, without decoding payloads. */
export class SqliteDependencyReader implements DependencyReader {
  private readonly spansOfTracesInWindow: Database.Statement<[number, number], DependencyRow>;

  constructor(
    db: Database.Database,
    private readonly assertOpen: () => void,
  ) {
    this.spansOfTracesInWindow = db.prepare(
      `SELECT s.trace_id, s.span_id, s.parent_span_id, v.name AS service
       FROM spans s JOIN services v ON v.id = s.service_id
       WHERE s.trace_id IN (SELECT trace_id FROM spans INDEXED BY spans_by_service_time
                           WHERE service_id IN (SELECT id FROM services) AND start_time BETWEEN ? AND ?)
       ORDER BY s.trace_id, s.id`,
    );
  }

  async getDependencies(endTs: number, lookback: number): Promise<DependencyLink[]> {
    this.assertOpen();
    const spans: DependencySpan[] = [];
    for (const row of this.spansOfTracesInWindow.iterate(endTs - lookback, endTs)) {
      const traceId = bytesToId(row.trace_id);
      spans.push({
        traceId,
        spanId: bytesToId(row.span_id),
        references: row.parent_span_id
          ? [{ refType: 'CHILD_OF', traceId, spanId: bytesToId(row.parent_span_id) }]
          : [],
        process: { serviceName: row.service },
      });
    }
    return dependenciesFromSpans(spans);
  }
}
