import type { ConsumedRecord, OutgoingRecord } from '../client/types.js';
import type { DeadLetterReason } from '../metrics.js';

/** Header names added to a dead-lettered record (the original headers are kept as they were). */
export const DLQ_HEADERS = {
  reason: 'skein-dlq-reason',
  detail: 'skein-dlq-detail',
  topic: 'skein-dlq-source-topic',
  partition: 'skein-dlq-source-partition',
  offset: 'skein-dlq-source-offset',
} as const;

const MAX_DETAIL_BYTES = 1024;

export interface DeadLetter {
  record: ConsumedRecord;
  reason: DeadLetterReason;
  /** Human-readable cause, e.g. the decoder's message; cut to 1 KiB. */
  detail: string;
}

/** The record written to the dead-letter topic: original key, value and headers, plus where it came from and why. */
export function deadLetterRecord(topic: string, letter: DeadLetter): OutgoingRecord {
  const { record } = letter;
  const headers = new Map<string, Buffer>(record.headers);
  headers.set(DLQ_HEADERS.reason, Buffer.from(letter.reason));
  headers.set(DLQ_HEADERS.detail, truncateUtf8(letter.detail, MAX_DETAIL_BYTES));
  headers.set(DLQ_HEADERS.topic, Buffer.from(record.topic));
  headers.set(DLQ_HEADERS.partition, Buffer.from(String(record.partition)));
  headers.set(DLQ_HEADERS.offset, Buffer.from(String(record.offset)));
  return { topic, key: record.key, value: record.value, headers };
}

function truncateUtf8(text: string, maxBytes: number): Buffer {
  const bytes = Buffer.from(text);
  if (bytes.length <= maxBytes) return bytes;
  // Cut on a character boundary: back off over UTF-8 continuation bytes (10xxxxxx).
  let end = maxBytes;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}
