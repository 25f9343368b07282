import type { Span } from '@skein/model';

export interface SpanBufferLimits {
  spans: number;
  bytes: number;
}

/** Spans taken from the buffer for one send; {@link SpanBuffer.release} them once delivered or given up. */
export interface TakenBatch {
  spans: Span[];
  bytes: number;
}

interface Chunk {
  spans: Span[];
  /** Bytes per span of this chunk (an even share of what was offered). */
  bytesPerSpan: number;
  /** Index of the first span not yet taken. */
  next: number;
}

/**
 * The agent's bounded FIFO between the UDP receivers and the senders. The bound covers spans waiting and spans being
 * sent, so a collector outage holds at most `limits` in memory however long it lasts; what does not fit is refused
 * (the caller counts it). `take` waits for spans; after `close` it hands out what is left and then `undefined`.
 */
export class SpanBuffer {
  private readonly chunks: Chunk[] = [];
  private head = 0;
  private waitingSpans = 0;
  private heldSpans = 0;
  private heldBytes = 0;
  private closed = false;
  private readonly takers: Array<() => void> = [];

  constructor(readonly limits: SpanBufferLimits) {}

  /** Spans waiting plus spans being sent. */
  get spans(): number {
    return this.heldSpans;
  }

  get bytes(): number {
    return this.heldBytes;
  }

  get waiting(): number {
    return this.waitingSpans;
  }

  /** Appends all of `spans` or none of them: false when they would overflow a limit or the buffer is closed. */
  offer(spans: Span[], bytes: number): boolean {
    if (this.closed || spans.length === 0) return !this.closed;
    if (this.heldSpans + spans.length > this.limits.spans || this.heldBytes + bytes > this.limits.bytes) return false;
    this.chunks.push({ spans, bytesPerSpan: bytes / spans.length, next: 0 });
    this.waitingSpans += spans.length;
    this.heldSpans += spans.length;
    this.heldBytes += bytes;
    this.takers.shift()?.();
    return true;
  }

  /** Up to `max` spans in arrival order, once there are any; undefined when closed and empty. */
  async take(max: number): Promise<TakenBatch | undefined> {
    while (this.waitingSpans === 0) {
      if (this.closed) return undefined;
      await new Promise<void>((resolve) => this.takers.push(resolve));
    }
    const spans: Span[] = [];
    let bytes = 0;
    while (spans.length < max && this.head < this.chunks.length) {
      const chunk = this.chunks[this.head]!;
      const count = Math.min(max - spans.length, chunk.spans.length - chunk.next);
      for (let i = 0; i < count; i++) spans.push(chunk.spans[chunk.next + i]!);
      chunk.next += count;
      bytes += count * chunk.bytesPerSpan;
      if (chunk.next === chunk.spans.length) this.head += 1;
    }
    if (this.head === this.chunks.length) {
      this.chunks.length = 0;
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.chunks.length) {
      this.chunks.splice(0, this.head);
      this.head = 0;
    }
    this.waitingSpans -= spans.length;
    // More is waiting: let the next sender take it too.
    if (this.waitingSpans > 0) this.takers.shift()?.();
    return { spans, bytes };
  }

  /** Frees a taken batch's room (delivered, or dropped and counted by the caller). */
  release(batch: TakenBatch): void {
    this.heldSpans -= batch.spans.length;
    this.heldBytes -= batch.bytes;
  }

  /** No more offers; waiting takers drain what is left, then get undefined. */
  close(): void {
    this.closed = true;
    for (const wake of this.takers.splice(0)) wake();
  }

  /** Removes every waiting span (shutdown deadline passed); returns how many. */
  discardWaiting(): number {
    let discarded = 0;
    for (let i = this.head; i < this.chunks.length; i++) {
      const chunk = this.chunks[i]!;
      const left = chunk.spans.length - chunk.next;
      discarded += left;
      this.heldBytes -= left * chunk.bytesPerSpan;
    }
    this.chunks.length = 0;
    this.head = 0;
    this.heldSpans -= discarded;
    this.waitingSpans = 0;
    for (const wake of this.takers.splice(0)) wake();
    return discarded;
  }
}
