import { readFile } from 'node:fs/promises';
import type { Logger } from '@skein/runtime';
import { buildStrategyTable, defaultStrategyTable, type StrategyTable } from './build-strategies.js';
import { parseStrategiesFile, StrategiesFileError } from './strategies-file.js';
import { DEFAULT_SAMPLING_PROBABILITY, type SamplingStrategyResponse } from './strategy-types.js';

/** Answers "how should service X sample?" for the HTTP endpoints and gRPC `SamplingManager`. */
/** Where sampling routes get a service's strategy: a store here, or a collector asked over the network (the agent). */
export interface StrategySource {
  getStrategy(service: string): SamplingStrategyResponse | Promise<SamplingStrategyResponse>;
}

export interface StrategyStore extends StrategySource {
  /** The strategy for `service`, or the default strategy for a service the store does not know. */
  getStrategy(service: string): SamplingStrategyResponse;
  /** Stops background work (file reloading). Idempotent. */
  close(): void;
}

/** A store with fixed strategies (tests, embedding). */
export class StaticStrategyStore implements StrategyStore {
  constructor(private readonly table: StrategyTable = defaultStrategyTable(DEFAULT_SAMPLING_PROBABILITY)) {}

  getStrategy(service: string): SamplingStrategyResponse {
    return this.table.serviceStrategies.get(service) ?? this.table.defaultStrategy;
  }

  close(): void {}
}

export interface FileStrategyStoreOptions {
  /** Path of the strategies file; empty or undefined means "no file": probabilistic `defaultProbability` for all. */
  strategiesFile?: string | undefined;
  /** How often to check the file for changes, in ms; 0 turns reloading off (Jaeger's default). */
  reloadIntervalMs?: number;
  /** Used where the file says nothing or names an unknown type (Jaeger's 0.001). */
  defaultProbability?: number;
  logger: Logger;
}

export type ReloadOutcome = 'unchanged' | 'reloaded' | 'failed';

/**
 * Strategies from Jaeger's strategies file, polled every `reloadIntervalMs` like Jaeger does. A file that cannot
 * be read or parsed at start makes {@link FileStrategyStore.open} reject; one that turns bad later is logged and
 * the last good strategies stay in force.
 */
export class FileStrategyStore implements StrategyStore {
  private table: StrategyTable;
  private lastText: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private reloading: Promise<ReloadOutcome> | undefined;

  private constructor(
    private readonly path: string | undefined,
    private readonly defaultProbability: number,
    private readonly logger: Logger,
  ) {
    this.table = defaultStrategyTable(defaultProbability);
  }

  static async open(options: FileStrategyStoreOptions): Promise<FileStrategyStore> {
    const path = options.strategiesFile || undefined;
    const store = new FileStrategyStore(path, options.defaultProbability ?? DEFAULT_SAMPLING_PROBABILITY, options.logger);
    if (path === undefined) {
      options.logger.info({ defaultProbability: store.defaultProbability }, 'no sampling strategies file; every service samples probabilistically at the default probability');
      return store;
    }
    const text = await store.read();
    store.apply(text);
    const interval = options.reloadIntervalMs ?? 0;
    if (interval > 0) {
      store.timer = setInterval(() => {
        void store.reload();
      }, interval);
      store.timer.unref();
    }
    return store;
  }

  getStrategy(service: string): SamplingStrategyResponse {
    return this.table.serviceStrategies.get(service) ?? this.table.defaultStrategy;
  }

  /** Re-reads the file now; what the timer calls. Never rejects: failures are logged and reported. */
  reload(): Promise<ReloadOutcome> {
    if (this.path === undefined) return Promise.resolve('unchanged');
    // One reload at a time: a slow disk must not stack up reads.
    this.reloading ??= this.reloadOnce().finally(() => {
      this.reloading = undefined;
    });
    return this.reloading;
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async reloadOnce(): Promise<ReloadOutcome> {
    try {
      const text = await this.read();
      if (text === this.lastText) return 'unchanged';
      this.apply(text);
      this.logger.info({ file: this.path }, 'sampling strategies reloaded');
      return 'reloaded';
    } catch (error) {
      this.logger.error({ err: error, file: this.path }, 'sampling strategies reload failed; keeping the last good strategies');
      return 'failed';
    }
  }

  private async read(): Promise<string> {
    const path = this.path!;
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      throw new StrategiesFileError(path, [`cannot be read: ${messageOf(error)}`]);
    }
  }

  private apply(text: string): void {
    const parsed = parseStrategiesFile(text, this.path!);
    for (const warning of parsed.warnings) this.logger.warn({ file: this.path }, `sampling strategies: ${warning}`);
    this.table = buildStrategyTable(parsed.file, this.defaultProbability);
    this.lastText = text;
  }
}

/** The message of anything thrown; `instanceof Error` misses errors from another realm (Node's fs in a VM context). */
function messageOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') return (error as { message: string }).message;
  return String(error);
}
