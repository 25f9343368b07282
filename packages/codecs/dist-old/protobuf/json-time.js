/**
 * proto3 JSON forms of google.protobuf.Timestamp ("2017-01-26T16:46:31.639875Z") and Duration ("0.001s"), as Go's
 * jsonpb writes them: fractional digits in groups of 3 (none, ms, µs or ns), UTC with "Z".
 */
function fraction(nanos) {
    if (nanos === 0)
        return '';
    let digits = String(nanos).padStart(9, '0');
    if (digits.endsWith('000000'))
        digits = digits.slice(0, 3);
    else if (digits.endsWith('000'))
        digits = digits.slice(0, 6);
    return `.${digits}`;
}
export function formatTimestampMicros(micros) {
    const seconds = Math.floor(micros / 1_000_000);
    const nanos = (micros - seconds * 1_000_000) * 1000;
    const iso = new Date(seconds * 1000).toISOString(); // ends in ".000Z"
    return `${iso.slice(0, -5)}${fraction(nanos)}Z`;
}
export function formatDurationMicros(micros) {
    const sign = micros < 0 ? '-' : '';
    const abs = Math.abs(micros);
    const seconds = Math.floor(abs / 1_000_000);
    return `${sign}${seconds}${fraction((abs - seconds * 1_000_000) * 1000)}s`;
}
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;
const DURATION = /^(-)?(\d{1,12})(?:\.(\d{1,9}))?s$/;
function fractionMicros(digits) {
    if (!digits)
        return 0;
    return Math.floor(Number(digits.padEnd(9, '0')) / 1000);
}
/** Microseconds since the epoch, or undefined when the text is not an RFC 3339 timestamp. */
export function parseTimestampMicros(text) {
    const m = TIMESTAMP.exec(text);
    if (!m)
        return undefined;
    const [, year, month, day, hour, minute, second, frac, , sign, offH, offM] = m;
    const date = new Date(0);
    date.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
    date.setUTCHours(Number(hour), Number(minute), Number(second), 0);
    let seconds = date.getTime() / 1000;
    if (Number.isNaN(seconds))
        return undefined;
    if (sign)
        seconds -= (sign === '-' ? -1 : 1) * (Number(offH) * 3600 + Number(offM) * 60);
    return seconds * 1_000_000 + fractionMicros(frac);
}
/** Microseconds, or undefined when the text is not a proto3 JSON duration. */
export function parseDurationMicros(text) {
    const m = DURATION.exec(text);
    if (!m)
        return undefined;
    const micros = Number(m[2]) * 1_000_000 + fractionMicros(m[3]);
    return m[1] ? -micros : micros;
}
//# sourceMappingURL=json-time.js.map