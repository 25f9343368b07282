/**
 * Zipkin's textual ids, parsed by Jaeger's rules: a trace id is 1–32 hex digits (the digits beyond the last 16 are
 * the high half); a span id is 1–16 hex digits, and 17–32 digits are cut to the last 16 (zero-padded 128-bit forms).
 * The model's parsers do the work; zero ids are let through here because the translation rejects them later with
 * its own reason.
 */
import { InvalidIdError, spanIdFromHex, traceIdFromHex } from '@skein/model';
import { isZeroDigits } from '../protobuf/ids.js';
const ZERO_HALF = '0000000000000000';
export function parseZipkinTraceId(text) {
    const hex = parseAllowingZero(text, 32, traceIdFromHex);
    return hex === undefined ? undefined : { high: hex.slice(0, 16), low: hex.slice(16) };
}
export function parseZipkinSpanId(text) {
    return parseAllowingZero(text.length > 16 && text.length <= 32 ? text.slice(-16) : text, 16, spanIdFromHex);
}
function parseAllowingZero(text, width, parse) {
    try {
        return parse(text);
    }
    catch (e) {
        if (!(e instanceof InvalidIdError))
            throw e;
        return isZeroDigits(text, width) ? ZERO_HALF.repeat(width / 16) : undefined;
    }
}
//# sourceMappingURL=hex-ids.js.map