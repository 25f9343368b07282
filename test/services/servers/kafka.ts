import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { jdk17 } from '../jdk.js';
import { resolveClasspath } from '../maven.js';
import type { ServerDefinition } from '../server.js';

const run = promisify(execFile);

/**
 * Kafka 3.9 in KRaft mode: one process that is both broker and controller, listening on `port` (and `controllerPort`
 * for its own quorum). The shared test broker uses 9092/9093; a test that kills a broker starts its own on other ports.
 */
export function kafkaServer(port: number, controllerPort: number, name = 'kafka'): ServerDefinition {
  return {
    name,
    addressEnv: 'KAFKA_BROKERS',
    address: `127.0.0.1:${port}`,
    port,

    async prepare(runDir) {
      const lib = await resolveClasspath('kafka');
      const dataDir = join(runDir, 'data');
      mkdirSync(dataDir, { recursive: true });
      const config = join(runDir, 'server.properties');
      writeFileSync(
        config,
        [
          'process.roles=broker,controller',
          'node.id=1',
          `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
          `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
          `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
          'controller.listener.names=CONTROLLER',
          'inter.broker.listener.name=PLAINTEXT',
          'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
          `log.dirs=${dataDir}`,
          'num.partitions=1',
          'offsets.topic.replication.factor=1',
          'offsets.topic.num.partitions=4',
          'transaction.state.log.replication.factor=1',
          'transaction.state.log.min.isr=1',
          'group.initial.rebalance.delay.ms=0',
          'num.network.threads=2',
          'num.io.threads=2',
          'auto.create.topics.enable=false',
          '',
        ].join('\n'),
      );
      const log4j = join(runDir, 'log4j.properties');
      writeFileSync(
        log4j,
        [
          'log4j.rootLogger=INFO, stdout',
          'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
          'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
          'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
          'log4j.logger.kafka=INFO',
          'log4j.logger.org.apache.kafka=INFO',
          '',
        ].join('\n'),
      );
      const jvm = ['-Xms512m', '-Xmx512m', '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', '-XX:+ExitOnOutOfMemoryError',
        '-Djava.awt.headless=true', `-Dlog4j.configuration=file:${log4j}`, '-cp', `${lib}/*`];
      // Storage must be formatted once per fresh log.dirs, in its own JVM (it always ends with System.exit).
      const clusterId = randomBytes(16).toString('base64url');
      await run(jdk17().java, [...jvm.filter((a) => !a.startsWith('-Xm')), '-Xmx256m', 'kafka.tools.StorageTool', 'format',
        `--cluster-id=${clusterId}`, '--config', config, '--ignore-formatted'], { cwd: runDir });
      return { args: [...jvm, 'kafka.Kafka', config], startedLine: /Kafka Server started/ };
    },

    async probe(address) {
      const admin = new Kafka({ clientId: 'skein-services-probe', brokers: [address], logLevel: logLevel.NOTHING,
        retry: { retries: 0 }, connectionTimeout: 2000 }).admin();
      await admin.connect();
      try {
        const cluster = await admin.describeCluster();
        if (cluster.brokers.length === 0) throw new Error('Kafka answered but lists no broker');
      } finally {
        await admin.disconnect();
      }
    },
  };
}

export const kafka = kafkaServer(9092, 9093);
