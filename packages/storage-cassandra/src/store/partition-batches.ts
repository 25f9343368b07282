/** One insert; `partition` names the row's partition, by which rows are batched; `bytes` is a row's rough size. */
export interface Statement {
  query: string;
  params: unknown[];
  partition: string | undefined;
  bytes?: number;
}

/** Rows bound for one partition become unlogged batches of at most this many rows and bytes (one mutation each). */
const MAX_BATCH_ROWS = 100;
const MAX_BATCH_BYTES = 256 * 1024;

interface Group {
  statements: Statement[];
  bytes: number;
}

/** Statements grouped by partition (in batches within the bounds above); statements without one alone. */
export function groupByPartition(statements: readonly Statement[]): Statement[][] {
  const groups: Group[] = [];
  const open = new Map<string, Group>();
  for (const statement of statements) {
    const bytes = statement.bytes ?? 0;
    if (statement.partition === undefined) {
      groups.push({ statements: [statement], bytes });
      continue;
    }
    let group = open.get(statement.partition);
    if (group === undefined || group.statements.length >= MAX_BATCH_ROWS || (group.bytes > 0 && group.bytes + bytes > MAX_BATCH_BYTES)) {
      group = { statements: [], bytes: 0 };
      open.set(statement.partition, group);
      groups.push(group);
    }
    group.statements.push(statement);
    group.bytes += bytes;
  }
  return groups.map((group) => group.statements);
}
