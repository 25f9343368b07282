/**
 * The CSV Jaeger's Cassandra sampling store keeps in its text columns (Go's encoding/csv: comma-separated, a field
 * with a comma, quote or line break in double quotes, quotes doubled, each record ending in a newline).
 */
export function writeCsv(records: ReadonlyArray<readonly string[]>): string {
  return records.map((fields) => `${fields.map(quoteField).join(',')}\n`).join('');
}

function quoteField(field: string): string {
  return /[",\r\n]/.test(field) || field.startsWith(' ') ? `"${field.replace(/"/g, '""')}"` : field;
}

/** Records of `text`; a malformed quote ends the parse at that record (what came before is kept). */
export function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else field += char;
      i++;
      continue;
    }
    if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      records.push(fields);
      fields = [];
      field = '';
    } else field += char;
    i++;
  }
  if (field !== '' || fields.length > 0) records.push([...fields, field]);
  return records;
}
