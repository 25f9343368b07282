/**
 * Application log lines as a real service writes them: pino with Elastic's ECS formatter, the trace context given as
 * ECS `trace.id` / `span.id`; and those lines indexed into a real Elasticsearch/OpenSearch the way Filebeat or the
 * ECS shippers do (`create` actions, so a `logs-*-*` data stream takes them too).
 */
import { ecsFormat } from '@elastic/ecs-pino-format';
import pino, { type Logger } from 'pino';
import { Writable } from 'node:stream';

/** Runs `write` with a pino logger in ECS format and returns the JSON lines it wrote, parsed. */
export async function pinoEcsLines(write: (logger: Logger) => Promise<void> | void): Promise<Array<Record<string, unknown>>> {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const logger = pino({ ...ecsFormat() }, sink);
  await write(logger);
  logger.flush();
  await new Promise((resolve) => setImmediate(resolve));
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Indexes `lines` into `index` with one `_bulk` request and refreshes it, failing on any item's error. */
export async function indexLogLines(url: string, index: string, lines: Array<Record<string, unknown>>): Promise<void> {
  const body = lines.map((line) => `${JSON.stringify({ create: { _index: index } })}\n${JSON.stringify(line)}\n`).join('');
  const response = await fetch(`${url}/_bulk?refresh=true`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body });
  const result = (await response.json()) as { errors: boolean; items: unknown[] };
  if (!response.ok || result.errors) throw new Error(`indexing log lines into ${index} failed (HTTP ${response.status}): ${JSON.stringify(result).slice(0, 2000)}`);
}

/** Deletes what `indexLogLines` made: the data stream or the index. */
export async function deleteLogIndex(url: string, index: string): Promise<void> {
  const stream = await fetch(`${url}/_data_stream/${index}`, { method: 'DELETE' });
  if (stream.status !== 200) await fetch(`${url}/${index}`, { method: 'DELETE' });
}
