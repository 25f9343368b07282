/**
 * 52-bit hashes of the search keys, persisted in `postings`, so they must never change. Two independent 32-bit
 * multiply-xor passes, each finalised with an avalanche step; 52 bits keep the result an exact JS number.
 */
export function hash52(text: string): number {
  start();
  feed(text);
  return finish(text.length);
}

// Hash state between start() and finish(): module-level so that parts of a key are fed without joining them first.
let laneA = 0;
let laneB = 0;

function start(): void {
  laneA = 0x811c9dc5;
  laneB = 0x3b9aca07;
}

function feed(text: string): void {
  let a = laneA;
  let b = laneB;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995);
  }
  laneA = a;
  laneB = b;
}

function feedSeparator(): void {
  laneA = Math.imul(laneA, 0x01000193);
  laneB = Math.imul(laneB, 0x5bd1e995);
}

function finish(length: number): number {
  const a = avalanche(laneA ^ length);
  const b = avalanche(laneB ^ Math.imul(length, 0x9e3779b1));
  return (b >>> 0) * 0x100000 + (a >>> 12);
}

function avalanche(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

// The leading character keeps the three kinds of key apart (a tag key could otherwise equal an operation name).

export function serviceIndexKey(service: string): number {
  return hash52(`s\u0000${service}`);
}

export function operationIndexKey(service: string, operation: string): number {
  return hash52(`o\u0000${service}\u0000${operation}`);
}

export function tagIndexKey(service: string, key: string, renderedValue: string): number {
  return hash52(`t\u0000${service}\u0000${key}\u0000${renderedValue}`);
}

/** `tagIndexKey` for many tags of one service, without building each key's text and with the service hashed once. */
export class TagIndexHasher {
  private readonly prefixA: number;
  private readonly prefixB: number;
  private readonly prefixLength: number;

  constructor(readonly service: string) {
    start();
    feed('t');
    feedSeparator();
    feed(service);
    feedSeparator();
    this.prefixA = laneA;
    this.prefixB = laneB;
    this.prefixLength = service.length + 3;
  }

  key(key: string, renderedValue: string): number {
    laneA = this.prefixA;
    laneB = this.prefixB;
    feed(key);
    feedSeparator();
    feed(renderedValue);
    return finish(this.prefixLength + key.length + 1 + renderedValue.length);
  }
}
