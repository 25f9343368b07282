/** A small seeded generator (mulberry32): the same seed gives the same traces, so a load run can be repeated. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** `digits` lowercase hex digits, never all zeros. */
  hex(digits: number): string {
    let out = '';
    while (out.length < digits) out += (this.int(0, 0xffff) | 0).toString(16).padStart(4, '0');
    out = out.slice(0, digits);
    return /^0+$/.test(out) ? `${out.slice(0, -1)}1` : out;
  }

  /** A latency around `medianMs` with a long tail (log-normal), in µs. */
  latencyMicros(medianMs: number): number {
    const u = Math.max(1e-9, this.next());
    const v = this.next();
    const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return Math.max(1, Math.round(medianMs * 1000 * Math.exp(0.5 * normal)));
  }
}
