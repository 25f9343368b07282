import type { Tag } from '@skein/model';

/**
 * A tag's value as Jaeger renders it for matching search tags: strings as is, `true`/`false`, int64 in decimal,
 * float64 like Go's `strconv.FormatFloat(v, 'g', 10, 64)`, binary as lowercase hex.
 */
export function tagValueAsString(tag: Tag): string {
  switch (tag.type) {
    case 'string':
      return tag.value;
    case 'bool':
      return tag.value ? 'true' : 'false';
    case 'int64':
      return tag.value.toString();
    case 'float64':
      return formatFloatLikeGo(tag.value);
    case 'binary':
      return Buffer.from(tag.value.buffer, tag.value.byteOffset, tag.value.byteLength).toString('hex');
  }
}

const SIGNIFICANT_DIGITS = 10;

/**
 * Go's `%g` with 10 significant digits: exponent form when the decimal exponent is below -4 or at least 10,
 * trailing zeros dropped, exponent with a sign and at least two digits (`1e+21`, `1.5e-07`).
 */
export function formatFloatLikeGo(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const sign = value < 0 ? '-' : '';
  const [mantissa = '', exponentText = '0'] = Math.abs(value).toExponential(SIGNIFICANT_DIGITS - 1).split('e');
  const digits = mantissa.replace('.', '').replace(/0+$/, '');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= SIGNIFICANT_DIGITS) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const exponentDigits = String(Math.abs(exponent)).padStart(2, '0');
    return `${sign}${digits[0]}${fraction}e${exponent < 0 ? '-' : '+'}${exponentDigits}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const integerDigits = exponent + 1;
  if (digits.length <= integerDigits) return `${sign}${digits.padEnd(integerDigits, '0')}`;
  return `${sign}${digits.slice(0, integerDigits)}.${digits.slice(integerDigits)}`;
}
