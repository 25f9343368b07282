/**
 * Zipkin's textual ids, parsed by Jaeger's rules: a trace id is 1–32 hex digits (the digits beyond the last 16 are
 * the high half); a span id is 1–16 hex digits, and 17–32 digits are cut to the last 16 (zero-padded 128-bit forms).
 */
const HEX = /^[0-9a-fA-F]+$/;

export interface TraceIdHalves {
  high: string;
  low: string;
}

export function parseZipkinTraceId(text: string): TraceIdHalves | undefined {
  if (text.length === 0 || text.length > 32 || !HEX.test(text)) return undefined;
  const hex = text.toLowerCase().padStart(32, '0');
  return { high: hex.slice(0, 16), low: hex.slice(16) };
}

export function parseZipkinSpanId(text: string): string | undefined {
  const cut = text.length > 16 && text.length <= 32 ? text.slice(-16) : text;
  if (cut.length === 0 || cut.length > 16 || !HEX.test(cut)) return undefined;
  return cut.toLowerCase().padStart(16, '0');
}
