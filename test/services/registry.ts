import type { ServerDefinition } from './server.js';
import { cassandra } from './servers/cassandra.js';
import { elasticsearch } from './servers/elasticsearch.js';
import { kafka } from './servers/kafka.js';
import { opensearch } from './servers/opensearch.js';

/** Start order matters on 2 cores: lighter first, and never two JVMs warming up at once. */
export const SERVICE_NAMES = ['kafka', 'cassandra', 'opensearch', 'elasticsearch'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export const SERVERS: Record<ServiceName, ServerDefinition> = { kafka, cassandra, opensearch, elasticsearch };

export function parseServiceNames(names: readonly string[]): ServiceName[] {
  const unknown = names.filter((name) => !(SERVICE_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new Error(`unknown server ${unknown.map((n) => `"${n}"`).join(', ')} (known: ${SERVICE_NAMES.join(', ')})`);
  }
  const wanted = names.length === 0 ? SERVICE_NAMES : names;
  return SERVICE_NAMES.filter((name) => wanted.includes(name));
}
