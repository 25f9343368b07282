import type { TraceId } from '@skein/model';
import { traceIdOfBlob } from './id-blobs.js';

/**
 * One posting entry: the latest and the earliest start (µs, float64) of the trace's spans carrying the key in the
 * hour, then the trace id. The earliest start lets a search skip entries wholly after its window.
 */
const ENTRY_BYTES = 32;

export interface PostingEntry {
  start: number;
  earliestStart: number;
  traceId: TraceId;
}

export interface PostingRow {
  hour: number;
  keyHash: number;
  maxStart: number;
  entries: Buffer;
}

/** Collects a write batch's (hour, key) → [(start, trace)] lists; each list becomes one `postings` row. */
export class PostingsBuilder {
  /** hour → key hash → list; nested because a 52-bit hash and an hour do not fit one exact number. */
  private readonly lists = new Map<number, Map<number, PostingList>>();

  add(hour: number, keyHash: number, start: number, earliestStart: number, traceIdBlob: Buffer): void {
    let ofHour = this.lists.get(hour);
    if (ofHour === undefined) {
      ofHour = new Map();
      this.lists.set(hour, ofHour);
    }
    let list = ofHour.get(keyHash);
    if (list === undefined) {
      list = { hour, keyHash, starts: [], earliestStarts: [], traces: [] };
      ofHour.set(keyHash, list);
    }
    list.starts.push(start);
    list.earliestStarts.push(earliestStart);
    list.traces.push(traceIdBlob);
  }

  /** The rows, each list sorted newest first. */
  *rows(): Generator<PostingRow> {
    for (const ofHour of this.lists.values()) yield* [...ofHour.values()].map(toRow);
  }
}

interface PostingList {
  hour: number;
  keyHash: number;
  starts: number[];
  earliestStarts: number[];
  traces: Buffer[];
}

function toRow({ hour, keyHash, starts, earliestStarts, traces }: PostingList): PostingRow {
  const order = starts.map((_, i) => i).sort((a, b) => starts[b]! - starts[a]!);
  const entries = Buffer.allocUnsafe(order.length * ENTRY_BYTES);
  order.forEach((from, i) => {
    entries.writeDoubleLE(starts[from]!, i * ENTRY_BYTES);
    entries.writeDoubleLE(earliestStarts[from]!, i * ENTRY_BYTES + 8);
    traces[from]!.copy(entries, i * ENTRY_BYTES + 16);
  });
  return { hour, keyHash, maxStart: starts[order[0]!]!, entries };
}

export function* decodePostingEntries(entries: Buffer): Generator<PostingEntry> {
  for (let at = 0; at + ENTRY_BYTES <= entries.length; at += ENTRY_BYTES) {
    yield {
      start: entries.readDoubleLE(at),
      earliestStart: entries.readDoubleLE(at + 8),
      traceId: traceIdOfBlob(entries.subarray(at + 16, at + ENTRY_BYTES)),
    };
  }
}

export function postingEntryCount(entriesBytes: number): number {
  return Math.floor(entriesBytes / ENTRY_BYTES);
}
