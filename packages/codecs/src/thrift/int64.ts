/**
 * 64-bit integers travel as two uint32 halves (`hi`, `lo`) between the wire and the codecs, so ids become hex and
 * timestamps become numbers without a BigInt on the hot path.
 */

const TWO_32 = 4294967296;

export function partsToHex(hi: number, lo: number): string {
  return hex8(hi) + hex8(lo);
}

function hex8(n: number): string {
  const s = n.toString(16);
  return s.length === 8 ? s : '00000000'.slice(s.length) + s;
}

/** Signed value of the pair as a number (exact within ±2^53). */
export function partsToNumber(hi: number, lo: number): number {
  return (hi | 0) * TWO_32 + lo;
}

export function partsToBigInt(hi: number, lo: number): bigint {
  return (BigInt(hi | 0) << 32n) | BigInt(lo >>> 0);
}

/** Result holder for the conversions below, reused to avoid allocating per value. */
export interface Int64Parts {
  hi: number;
  lo: number;
}

export function numberToParts(value: number, out: Int64Parts): Int64Parts {
  if (!Number.isFinite(value)) value = 0;
  const v = Math.trunc(value);
  if (Number.isSafeInteger(v)) {
    let hi = Math.floor(v / TWO_32);
    let lo = v - hi * TWO_32;
    out.hi = hi >>> 0;
    out.lo = lo >>> 0;
    return out;
  }
  return bigintToParts(BigInt(v), out);
}

export function bigintToParts(value: bigint, out: Int64Parts): Int64Parts {
  const u = BigInt.asUintN(64, value);
  out.hi = Number(u >> 32n);
  out.lo = Number(u & 0xffffffffn);
  return out;
}

/** Up to 16 hex digits (no validation beyond that: callers pass canonical ids). */
export function hexToParts(hex: string, out: Int64Parts): Int64Parts {
  const h = hex.length > 16 ? hex.slice(-16) : hex.padStart(16, '0');
  out.hi = parseInt(h.slice(0, 8), 16) >>> 0;
  out.lo = parseInt(h.slice(8), 16) >>> 0;
  if (Number.isNaN(out.hi) || Number.isNaN(out.lo)) out.hi = out.lo = 0;
  return out;
}
