import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { jdk17 } from '../jdk.js';
import { resolveClasspath } from '../maven.js';
import { CACHE_DIR, SERVICES_DIR } from '../paths.js';
import type { ServerDefinition } from '../server.js';
import { probeClusterHealth } from './http-probe.js';
import { SEARCH_NODE_JVM_OPTIONS } from './search-node-jvm.js';

const run = promisify(execFile);
const HTTP_PORT = 9201;
const TRANSPORT_PORT = 9301;
const LAUNCHER = 'SkeinElasticsearchNode';

/** Compiles our launcher against the resolved jars, once per change of its source. */
async function compileLauncher(lib: string): Promise<string> {
  const source = join(SERVICES_DIR, 'launchers', `${LAUNCHER}.java`);
  const classes = join(CACHE_DIR, 'elasticsearch', 'classes');
  const compiled = join(classes, `${LAUNCHER}.class`);
  if (existsSync(compiled) && statSync(compiled).mtimeMs >= statSync(source).mtimeMs) return classes;
  mkdirSync(classes, { recursive: true });
  await run(jdk17().javac, ['-nowarn', '-cp', `${lib}/*`, '-d', classes, source]);
  return classes;
}

/** Elasticsearch 7.17 (the newest line whose modules are on Maven Central), one node run by our own launcher. */
export const elasticsearch: ServerDefinition = {
  name: 'elasticsearch',
  addressEnv: 'ELASTICSEARCH_URL',
  address: `http://127.0.0.1:${HTTP_PORT}`,
  port: HTTP_PORT,

  async prepare(runDir) {
    const lib = await resolveClasspath('elasticsearch');
    const classes = await compileLauncher(lib);
    const home = join(runDir, 'data');
    mkdirSync(join(home, 'config'), { recursive: true });
    writeFileSync(
      join(home, 'config', 'log4j2.properties'),
      [
        'status = error',
        'appender.console.type = Console',
        'appender.console.name = console',
        'appender.console.layout.type = PatternLayout',
        'appender.console.layout.pattern = [%d{ISO8601}][%-5p][%-25c{1.}] %marker%m%n',
        'rootLogger.level = info',
        'rootLogger.appenderRef.console.ref = console',
        '',
      ].join('\n'),
    );
    return {
      args: [...SEARCH_NODE_JVM_OPTIONS('es'), '-cp', `${classes}:${lib}/*`, LAUNCHER, home, String(HTTP_PORT),
        String(TRANSPORT_PORT)],
      startedLine: /skein: elasticsearch node started/,
    };
  },

  probe: (address) => probeClusterHealth(address, 'elasticsearch'),
};
