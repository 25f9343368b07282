/**
 * A fixed-capacity FIFO between the UDP socket and the decode workers. `offer` never blocks and never grows the
 * queue: when full it returns false and the caller counts a drop, because a UDP sender cannot be pushed back on.
 */
export class BoundedPacketQueue<T> {
  private readonly items: (T | undefined)[];
  private head = 0;
  private count = 0;
  private readonly waiters: ((item: T | undefined) => void)[] = [];
  private closed = false;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`queue capacity must be a whole number ≥ 1, got ${capacity}`);
    this.items = new Array<T | undefined>(capacity);
  }

  get length(): number {
    return this.count;
  }

  /** Adds an item, or hands it straight to a waiting worker. False when the queue is full or closed. */
  offer(item: T): boolean {
    if (this.closed) return false;
    const waiter = this.waiters.shift();
    if (waiter) {
      waiter(item);
      return true;
    }
    if (this.count === this.capacity) return false;
    this.items[(this.head + this.count) % this.capacity] = item;
    this.count += 1;
    return true;
  }

  /** The next item, waiting for one if needed; undefined once the queue is closed and empty. */
  take(): Promise<T | undefined> {
    if (this.count > 0) return Promise.resolve(this.poll());
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** The next item without waiting, or undefined. */
  poll(): T | undefined {
    if (this.count === 0) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head = (this.head + 1) % this.capacity;
    this.count -= 1;
    return item;
  }

  /** Refuses new items; waiting takers get undefined. Items already queued can still be taken. */
  close(): void {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) waiter(undefined);
  }

  /** Empties the queue, returning how many items were discarded. */
  clear(): number {
    let discarded = 0;
    while (this.poll() !== undefined) discarded += 1;
    return discarded;
  }
}
