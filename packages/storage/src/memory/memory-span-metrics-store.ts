import { rowInRange, type SpanMetricsRange, type SpanMetricsRow } from '../span-metrics/span-metrics-store.js';

/** Span metrics rows in memory, the oldest written first out once `maxRows` is reached. */
export class MemorySpanMetricsStore {
  readonly #rows = new Map<string, SpanMetricsRow>();

  constructor(private readonly maxRows: number) {}

  write(rows: readonly SpanMetricsRow[]): void {
    for (const row of rows) {
      this.#rows.delete(row.id);
      this.#rows.set(row.id, { ...row });
    }
    for (const id of this.#rows.keys()) {
      if (this.#rows.size <= this.maxRows) break;
      this.#rows.delete(id);
    }
  }

  read(range: SpanMetricsRange): SpanMetricsRow[] {
    const rows: SpanMetricsRow[] = [];
    for (const row of this.#rows.values()) if (rowInRange(row, range)) rows.push({ ...row });
    return rows;
  }
}
