import { readFileSync } from 'node:fs';
import {
  connectionSettingsFrom,
  kafkaConsumerOptions,
  kafkaProducerOptions,
  missingTopicMessage,
  platformaticClients,
  TopicAdmin,
} from '@skein/kafka';
import { ConfigError, loadConfig, option, parseDurationMs, parseInteger, type OptionValues } from '@skein/runtime';
import type { SkeinCommand } from './command.js';

const { brokers, topic, authentication, tlsEnabled, tlsCa, tlsCert, tlsKey, tlsSkipHostVerify, plaintextUsername, plaintextPassword, plaintextMechanism } =
  kafkaProducerOptions;

/** Jaeger's names for the brokers, the span topic and its authentication; the topic layout under `kafka.topic.*`. */
const topicOptions = {
  brokers,
  topic,
  deadLetterTopic: kafkaConsumerOptions.deadLetterTopic,
  partitions: option({
    flag: 'kafka.topic.partitions',
    description: 'create: partitions of each topic (the most ingesters that share the work)',
    parse: parseInteger(1, 10_000),
    defaultValue: 6,
  }),
  replicationFactor: option({
    flag: 'kafka.topic.replication-factor',
    description: 'create: copies of each partition (at most the number of brokers; 3 is usual in production)',
    parse: parseInteger(1, 32),
    defaultValue: 1,
  }),
  retention: option({
    flag: 'kafka.topic.retention',
    description: "create: how long records are kept (Go duration, e.g. 48h); 0 keeps the brokers' default",
    parse: parseDurationMs,
    defaultValue: 0,
    valueName: '<duration>',
  }),
  authentication,
  tlsEnabled,
  tlsCa,
  tlsCert,
  tlsKey,
  tlsSkipHostVerify,
  plaintextUsername,
  plaintextPassword,
  plaintextMechanism,
};

type TopicConfig = OptionValues<typeof topicOptions>;

interface TopicReport {
  topic: string;
  role: 'spans' | 'dead-letter';
  partitions: number | null;
  created?: boolean;
}

const ACTIONS = ['create', 'describe', 'check'] as const;

/**
 * `skein kafka-topics create|describe|check`: the span topic and the ingester's dead-letter topic, for clusters
 * that do not create topics on first use. `create` is idempotent (an existing topic is reported, never changed);
 * `check` exits 1 naming every missing topic, for deploy pipelines and init containers.
 */
export const kafkaTopicsCommand: SkeinCommand = {
  name: 'kafka-topics',
  summary: 'create, describe or check the span and dead-letter Kafka topics: kafka-topics create|describe|check',
  options: topicOptions,
  async run(flags, [action]) {
    let config: TopicConfig;
    try {
      config = loadConfig(topicOptions, flags);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      process.stderr.write(`skein kafka-topics: ${error.message}\n`);
      return 2;
    }
    if (!ACTIONS.includes(action as (typeof ACTIONS)[number])) {
      process.stderr.write(`skein kafka-topics: the action must be ${ACTIONS.join(', ')}, got ${action === undefined ? 'none' : `"${action.slice(0, 64)}"`}\n`);
      return 2;
    }
    let admin: TopicAdmin;
    try {
      admin = new TopicAdmin(platformaticClients.admin(connectionSettingsFrom(config, 'skein-kafka-topics', (path) => readFileSync(path, 'utf8'))));
    } catch (error) {
      process.stderr.write(`skein kafka-topics: ${(error as Error).message}\n`);
      return 2;
    }
    try {
      const reports = await run(admin, config, action as (typeof ACTIONS)[number]);
      process.stdout.write(`${JSON.stringify({ brokers: config.brokers, topics: reports }, null, 2)}\n`);
      const missing = reports.filter((report) => report.partitions === null);
      for (const report of missing) process.stderr.write(`skein kafka-topics: ${missingTopicMessage(report.topic, config.brokers)}\n`);
      return missing.length > 0 && action === 'check' ? 1 : 0;
    } catch (error) {
      process.stderr.write(`skein kafka-topics: ${action} failed against ${config.brokers.join(',')}: ${(error as Error).message}\n`);
      return 1;
    } finally {
      await admin.close().catch(() => undefined);
    }
  },
};

async function run(admin: TopicAdmin, config: TopicConfig, action: (typeof ACTIONS)[number]): Promise<TopicReport[]> {
  const topics = [
    { topic: config.topic, role: 'spans' as const },
    { topic: config.deadLetterTopic, role: 'dead-letter' as const },
  ];
  const reports: TopicReport[] = [];
  for (const { topic, role } of topics) {
    if (action === 'create') {
      const { created, partitions } = await admin.ensureTopic({
        topic,
        partitions: config.partitions,
        replicationFactor: config.replicationFactor,
        ...(config.retention > 0 ? { configs: { 'retention.ms': String(Math.round(config.retention)) } } : {}),
      });
      reports.push({ topic, role, partitions, created });
    } else {
      reports.push({ topic, role, partitions: (await admin.partitions(topic)) ?? null });
    }
  }
  return reports;
}
