import type { DecodedBatch } from '@skein/codecs';
import type { Span } from '@skein/model';
import type { ConsumedRecord } from '../client/types.js';
import type { DeadLetter } from './dead-letter.js';

export interface DecodedRecords {
  spans: Span[];
  /** Records that yielded at least one span, in offset order. */
  records: ConsumedRecord[];
  deadLetters: DeadLetter[];
  /** Spans refused inside otherwise readable records. */
  rejectedSpans: number;
}

/**
 * Decodes a partition batch. Tombstones (null value), unreadable values and records whose every span was refused
 * become dead letters; the rest go on with their spans.
 */
export function decodeRecords(records: readonly ConsumedRecord[], decode: (value: Uint8Array) => DecodedBatch): DecodedRecords {
  const out: DecodedRecords = { spans: [], records: [], deadLetters: [], rejectedSpans: 0 };
  for (const record of records) {
    if (record.value === null) {
      out.deadLetters.push({ record, reason: 'tombstone', detail: 'record has a null value (tombstone)' });
      continue;
    }
    let decoded: DecodedBatch;
    try {
      decoded = decode(record.value);
    } catch (error) {
      out.deadLetters.push({ record, reason: 'undecodable', detail: error instanceof Error ? error.message : String(error) });
      continue;
    }
    if (decoded.spans.length === 0) {
      const why = decoded.rejected.map((r) => r.reason).join('; ') || 'record holds no spans';
      out.deadLetters.push({ record, reason: 'rejected', detail: why });
      continue;
    }
    out.rejectedSpans += decoded.rejected.length;
    for (const span of decoded.spans) out.spans.push(span);
    out.records.push(record);
  }
  return out;
}
