/**
 * Go's `strconv.FormatFloat(v, 'g', 10, 64)`, which Jaeger uses to turn float64 tag values into strings
 * (`KeyValue.AsString`, hence Elasticsearch documents and tag search). Mirrored so that a float tag reads the
 * same in Skein as in Jaeger: 10 significant digits, trailing zeros dropped, exponent form when the exponent is
 * below -4 or at least the number of digits kept, exponents with at least two digits (`1e-05`, `1.5e+20`).
 */

const SIGNIFICANT_DIGITS = 10;

export function formatFloatLikeGo(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';

  const sign = value < 0 ? '-' : '';
  const { digits, pointPosition } = roundToSignificantDigits(Math.abs(value));
  const exponent = pointPosition - 1;

  // Go's 'g' rule: %e when the exponent is < -4 or >= the precision, where the precision shrinks to the digit
  // count for numbers whose digits all sit left of the point.
  let exponentLimit = SIGNIFICANT_DIGITS;
  if (exponentLimit > digits.length && digits.length >= pointPosition) exponentLimit = digits.length;
  if (exponent < -4 || exponent >= exponentLimit) return sign + exponentForm(digits, exponent);
  return sign + fixedForm(digits, pointPosition);
}

/**
 * The value rounded to 10 significant digits, trailing zeros removed; `pointPosition` is where the decimal point
 * goes relative to the first digit (value = 0.digits × 10^pointPosition).
 */
function roundToSignificantDigits(abs: number): { digits: string; pointPosition: number } {
  let text = abs.toExponential(SIGNIFICANT_DIGITS - 1);
  // JavaScript rounds an exact tie up, Go (Ryu) to even. A tie shows as a 5 followed by zeros in the next
  // digits of the exact expansion; 20 digits decide it for every double that can occur in practice.
  const wide = abs.toExponential(20);
  if (wide.charCodeAt(11) === 53 /* 5 */ && /^0+$/.test(wide.slice(12, 22)) && wide.charCodeAt(10) % 2 === 0) {
    text = `${wide.slice(0, 11)}${wide.slice(wide.indexOf('e'))}`;
  }
  const e = text.indexOf('e');
  let digits = text.charAt(0) + text.slice(2, e);
  let end = digits.length;
  while (end > 1 && digits.charCodeAt(end - 1) === 48) end--;
  digits = digits.slice(0, end);
  return { digits, pointPosition: Number(text.slice(e + 1)) + 1 };
}

function exponentForm(digits: string, exponent: number): string {
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const magnitude = Math.abs(exponent);
  return `${mantissa}e${exponent < 0 ? '-' : '+'}${magnitude < 10 ? '0' : ''}${magnitude}`;
}

function fixedForm(digits: string, pointPosition: number): string {
  if (pointPosition <= 0) return `0.${'0'.repeat(-pointPosition)}${digits}`;
  if (pointPosition >= digits.length) return digits + '0'.repeat(pointPosition - digits.length);
  return `${digits.slice(0, pointPosition)}.${digits.slice(pointPosition)}`;
}
