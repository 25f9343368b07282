/**
 * Parses the tag filter people type in logfmt, as in Jaeger's search form: `error=true http.status_code=500
 * message="connection refused"`. Values may be double-quoted with `\"` and `\\` escapes. Returns the tags in order,
 * or throws an Error naming the position and what was expected.
 */
export function parseLogfmt(text: string): Array<[key: string, value: string]> {
  const pairs: Array<[string, string]> = [];
  let at = 0;
  const skipSpace = (): void => {
    while (at < text.length && /\s/.test(text[at]!)) at++;
  };
  skipSpace();
  while (at < text.length) {
    const keyStart = at;
    while (at < text.length && text[at] !== '=' && !/\s/.test(text[at]!)) at++;
    const key = text.slice(keyStart, at);
    if (key === '') throw new Error(`a tag is missing its key at character ${at + 1}: write key=value`);
    if (text[at] !== '=') throw new Error(`tag "${key}" has no value: write ${key}=value`);
    at++; // '='
    let value = '';
    if (text[at] === '"') {
      at++;
      let closed = false;
      while (at < text.length) {
        const char = text[at]!;
        if (char === '\\' && at + 1 < text.length) {
          value += text[at + 1];
          at += 2;
        } else if (char === '"') {
          at++;
          closed = true;
          break;
        } else {
          value += char;
          at++;
        }
      }
      if (!closed) throw new Error(`the quoted value of "${key}" is not closed: add a closing "`);
      if (at < text.length && !/\s/.test(text[at]!)) throw new Error(`put a space after the quoted value of "${key}"`);
    } else {
      const valueStart = at;
      while (at < text.length && !/\s/.test(text[at]!)) at++;
      value = text.slice(valueStart, at);
      if (value.includes('"')) throw new Error(`the value of "${key}" has a stray quote: quote the whole value`);
    }
    pairs.push([key, value]);
    skipSpace();
  }
  return pairs;
}

/** Tags back to logfmt, quoting values that need it. */
export function formatLogfmt(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs
    .map(([key, value]) => `${key}=${value === '' || /[\s"\\]/.test(value) ? `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"` : value}`)
    .join(' ');
}
