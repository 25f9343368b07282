import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import cassandraDriver from 'cassandra-driver';
import { jarStartingWith, resolveClasspath } from '../maven.js';
import type { ServerDefinition } from '../server.js';

const PORT = 9042;
const STORAGE_PORT = 7000;

/** Module access Cassandra 5.0 needs on JDK 17 (its conf/jvm17-server.options). */
const JDK17_OPENS = [
  ...['java.base/jdk.internal.misc', 'java.base/jdk.internal.ref', 'java.base/sun.nio.ch',
    'java.management.rmi/com.sun.jmx.remote.internal.rmi', 'java.rmi/sun.rmi.registry', 'java.rmi/sun.rmi.server',
    'java.sql/java.sql', 'java.base/java.lang.ref', 'jdk.unsupported/sun.misc', 'jdk.compiler/com.sun.tools.javac.file',
    'jdk.attach/sun.tools.attach'].flatMap((target) => ['--add-exports', `${target}=ALL-UNNAMED`]),
  ...['java.base/java.lang.module', 'java.base/jdk.internal.loader', 'java.base/jdk.internal.ref',
    'java.base/jdk.internal.reflect', 'java.base/jdk.internal.math', 'java.base/jdk.internal.module',
    'java.base/jdk.internal.util.jar', 'jdk.management/com.sun.management.internal', 'java.base/sun.nio.ch',
    'java.base/java.io', 'java.base/java.lang.reflect', 'jdk.compiler/com.sun.tools.javac', 'java.base/java.lang',
    'java.base/java.util', 'java.base/java.nio', 'java.base/java.util.concurrent',
    'java.base/java.util.concurrent.atomic'].flatMap((target) => ['--add-opens', `${target}=ALL-UNNAMED`]),
];

/** Cassandra 5.0, one node, with system tables unsynced, no gossip wait and no snapshot on drop (test speed). */
export const cassandra: ServerDefinition = {
  name: 'cassandra',
  addressEnv: 'CASSANDRA_CONTACT_POINTS',
  address: `127.0.0.1:${PORT}`,
  port: PORT,

  async prepare(runDir) {
    const lib = await resolveClasspath('cassandra');
    const storageDir = join(runDir, 'data');
    mkdirSync(storageDir, { recursive: true });
    const yaml = join(runDir, 'cassandra.yaml');
    writeFileSync(
      yaml,
      [
        'cluster_name: skein-test',
        'num_tokens: 16',
        'partitioner: org.apache.cassandra.dht.Murmur3Partitioner',
        'endpoint_snitch: SimpleSnitch',
        'commitlog_sync: periodic',
        'commitlog_sync_period: 10000ms',
        'seed_provider:',
        '  - class_name: org.apache.cassandra.locator.SimpleSeedProvider',
        '    parameters:',
        `      - seeds: "127.0.0.1:${STORAGE_PORT}"`,
        'listen_address: 127.0.0.1',
        'rpc_address: 127.0.0.1',
        `storage_port: ${STORAGE_PORT}`,
        `native_transport_port: ${PORT}`,
        'start_native_transport: true',
        'sasi_indexes_enabled: true',
        'materialized_views_enabled: true',
        'concurrent_compactors: 1',
        // Tests drop a keyspace per test; a snapshot of each would only cost disk and time.
        'auto_snapshot: false',
        '',
      ].join('\n'),
    );
    const logback = join(runDir, 'logback.xml');
    writeFileSync(
      logback,
      `<configuration>
  <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%-5level [%thread] %date{ISO8601} %F:%L - %msg%n</pattern></encoder>
  </appender>
  <root level="INFO"><appender-ref ref="STDOUT"/></root>
</configuration>
`,
    );
    return {
      args: [
        '-Xms1G', '-Xmx1G', '-XX:+UseG1GC', '-XX:+ParallelRefProcEnabled', '-XX:MaxTenuringThreshold=1',
        '-XX:G1HeapRegionSize=16m', '-XX:+ExitOnOutOfMemoryError', '-Xss256k', '-ea', '-da:net.openhft...',
        '-Djava.net.preferIPv4Stack=true', '-Djdk.attach.allowAttachSelf=true', ...JDK17_OPENS,
        '-Dio.netty.tryReflectionSetAccessible=true', '-Dio.netty.allocator.useCacheForAllThreads=true',
        '-Dio.netty.allocator.maxOrder=11', `-javaagent:${jarStartingWith(lib, 'jamm-')}`,
        `-Dcassandra.config=file://${yaml}`, '-Dcassandra-foreground=yes', `-Dcassandra.storagedir=${storageDir}`,
        `-Dlogback.configurationFile=file://${logback}`, '-Dcassandra.skip_wait_for_gossip_to_settle=0',
        '-Dcassandra.unsafesystem=true', '-Dcassandra.native.epoll.enabled=false',
        '-cp', `${lib}/*`, 'org.apache.cassandra.service.CassandraDaemon',
      ],
      startedLine: /Startup complete|Starting listening for CQL clients/,
    };
  },

  async probe(address) {
    const client = new cassandraDriver.Client({
      contactPoints: [address],
      localDataCenter: 'datacenter1',
      socketOptions: { connectTimeout: 2000, readTimeout: 5000 },
    });
    try {
      await client.connect();
      const result = await client.execute('SELECT release_version FROM system.local');
      if (!result.first()?.['release_version']) throw new Error('Cassandra answered without a release_version');
    } finally {
      await client.shutdown();
    }
  },
};
