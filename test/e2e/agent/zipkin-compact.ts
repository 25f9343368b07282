/**
 * `Agent.emitZipkinBatch` in Thrift compact, as Zipkin-era clients sent it to UDP 5775, written by hand from
 * zipkincore.thrift so that the test does not use Skein's own encoder to check Skein's decoder.
 */
export interface ZipkinV1Span {
  traceId: bigint;
  id: bigint;
  name: string;
  service: string;
  /** µs since the epoch */
  timestamp: bigint;
  durationMicros: bigint;
  tags: Record<string, string>;
}

const COMPACT = { I16: 4, I32: 5, I64: 6, BINARY: 8, LIST: 9, STRUCT: 12 } as const;

class CompactWriter {
  private readonly bytes: number[] = [];
  private lastField: number[] = [0];

  varint(value: bigint): this {
    let v = value;
    while (v >= 0x80n) {
      this.bytes.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.bytes.push(Number(v));
    return this;
  }

  zigzag(value: bigint, bits: 32n | 64n): this {
    return this.varint(((value << 1n) ^ (value >> (bits - 1n))) & ((1n << bits) - 1n));
  }

  string(value: string): this {
    const utf8 = Buffer.from(value, 'utf8');
    this.varint(BigInt(utf8.length));
    this.bytes.push(...utf8);
    return this;
  }

  field(id: number, type: number): this {
    const last = this.lastField[this.lastField.length - 1]!;
    const delta = id - last;
    if (delta > 0 && delta <= 15) this.bytes.push((delta << 4) | type);
    else {
      this.bytes.push(type);
      this.zigzag(BigInt(id), 32n);
    }
    this.lastField[this.lastField.length - 1] = id;
    return this;
  }

  struct(write: (w: this) => void): this {
    this.lastField.push(0);
    write(this);
    this.bytes.push(0); // STOP
    this.lastField.pop();
    return this;
  }

  list(elementType: number, size: number): this {
    if (size < 15) this.bytes.push((size << 4) | elementType);
    else {
      this.bytes.push(0xf0 | elementType);
      this.varint(BigInt(size));
    }
    return this;
  }

  raw(...bytes: number[]): this {
    this.bytes.push(...bytes);
    return this;
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

function endpoint(w: CompactWriter, service: string): void {
  w.struct(() => {
    w.field(1, COMPACT.I32).zigzag(0x7f000001n, 32n);
    w.field(2, COMPACT.I16).zigzag(8080n, 32n);
    w.field(3, COMPACT.BINARY).string(service);
  });
}

export function emitZipkinBatchCompact(spans: readonly ZipkinV1Span[]): Uint8Array {
  const w = new CompactWriter();
  // Protocol id 0x82, version 1 with message type ONEWAY (4) in the top three bits, seq id 0, method name.
  w.raw(0x82, 0x01 | (4 << 5)).varint(0n).string('emitZipkinBatch');
  w.struct(() => {
    w.field(1, COMPACT.LIST).list(COMPACT.STRUCT, spans.length);
    for (const span of spans) {
      w.struct(() => {
        w.field(1, COMPACT.I64).zigzag(span.traceId, 64n);
        w.field(3, COMPACT.BINARY).string(span.name);
        w.field(4, COMPACT.I64).zigzag(span.id, 64n);
        w.field(6, COMPACT.LIST).list(COMPACT.STRUCT, 2);
        for (const [value, at] of [['sr', span.timestamp], ['ss', span.timestamp + span.durationMicros]] as const) {
          w.struct(() => {
            w.field(1, COMPACT.I64).zigzag(at, 64n);
            w.field(2, COMPACT.BINARY).string(value);
            w.field(3, COMPACT.STRUCT);
            endpoint(w, span.service);
          });
        }
        const tags = Object.entries(span.tags);
        w.field(8, COMPACT.LIST).list(COMPACT.STRUCT, tags.length);
        for (const [key, value] of tags) {
          w.struct(() => {
            w.field(1, COMPACT.BINARY).string(key);
            w.field(2, COMPACT.BINARY).string(value);
            w.field(3, COMPACT.I32).zigzag(6n, 32n); // AnnotationType.STRING
            w.field(4, COMPACT.STRUCT);
            endpoint(w, span.service);
          });
        }
        w.field(10, COMPACT.I64).zigzag(span.timestamp, 64n);
        w.field(11, COMPACT.I64).zigzag(span.durationMicros, 64n);
      });
    }
  });
  return w.finish();
}
