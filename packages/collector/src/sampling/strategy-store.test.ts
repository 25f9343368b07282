import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '@skein/runtime';
import { FileStrategyStore } from './strategy-store.js';

let dir: string;
let store: FileStrategyStore | undefined;
let logLines: Array<{ level: string; msg: string; file?: string; err?: { message?: string } }>;
let logger: Logger;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'skein-sampling-'));
  logLines = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(JSON.parse(chunk.toString('utf8')));
      done();
    },
  });
  logger = createLogger({ component: 'test', level: 'info', destination: sink });
});

afterEach(async () => {
  store?.close();
  store = undefined;
  await rm(dir, { recursive: true, force: true });
});

const strategies = (rate: number) => JSON.stringify({ default_strategy: { type: 'probabilistic', param: rate }, service_strategies: [{ service: 'api', type: 'ratelimiting', param: 9 }] });

async function until(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('FileStrategyStore', () => {
  it('without a file answers probabilistic at the default probability', async () => {
    store = await FileStrategyStore.open({ logger, defaultProbability: 0.001 });
    expect(store.getStrategy('any')).toEqual({ strategyType: 'PROBABILISTIC', probabilisticSampling: { samplingRate: 0.001 } });
    expect(await store.reload()).toBe('unchanged');
  });

  it('loads the file at open', async () => {
    const path = join(dir, 'strategies.json');
    await writeFile(path, strategies(0.25));
    store = await FileStrategyStore.open({ strategiesFile: path, logger });
    expect(store.getStrategy('api')).toEqual({ strategyType: 'RATE_LIMITING', rateLimitingSampling: { maxTracesPerSecond: 9 } });
    expect(store.getStrategy('web').probabilisticSampling).toEqual({ samplingRate: 0.25 });
  });

  it('a bad file makes open fail with the file name and the problem', async () => {
    const path = join(dir, 'bad.json');
    await writeFile(path, '{"default_strategy":{"type":"probabilistic","param":7}}');
    await expect(FileStrategyStore.open({ strategiesFile: path, logger })).rejects.toThrow(`sampling strategies file ${path}: $.default_strategy.param 7 is not a probability from 0 to 1`);
  });

  it('a missing file makes open fail naming it', async () => {
    const path = join(dir, 'nope.json');
    await expect(FileStrategyStore.open({ strategiesFile: path, logger })).rejects.toThrow(new RegExp(`sampling strategies file ${path}: cannot be read: ENOENT`));
  });

  it('reload picks up a changed file, and reports unchanged content', async () => {
    const path = join(dir, 'strategies.json');
    await writeFile(path, strategies(0.25));
    store = await FileStrategyStore.open({ strategiesFile: path, logger });
    expect(await store.reload()).toBe('unchanged');
    await writeFile(path, strategies(0.75));
    expect(await store.reload()).toBe('reloaded');
    expect(store.getStrategy('web').probabilisticSampling).toEqual({ samplingRate: 0.75 });
    expect(logLines.some((l) => l.msg === 'sampling strategies reloaded' && l.file === path)).toBe(true);
  });

  it('a bad reload keeps the last good strategies and logs the problem', async () => {
    const path = join(dir, 'strategies.json');
    await writeFile(path, strategies(0.25));
    store = await FileStrategyStore.open({ strategiesFile: path, logger });
    await writeFile(path, '{"default_strategy": {');
    expect(await store.reload()).toBe('failed');
    expect(store.getStrategy('web').probabilisticSampling).toEqual({ samplingRate: 0.25 });
    const failure = logLines.find((l) => l.level === 'error');
    expect(failure?.msg).toBe('sampling strategies reload failed; keeping the last good strategies');
    expect(failure?.err?.message).toContain(`sampling strategies file ${path}: not valid JSON`);

    await rm(path);
    expect(await store.reload()).toBe('failed');
    expect(store.getStrategy('api').rateLimitingSampling).toEqual({ maxTracesPerSecond: 9 });

    await writeFile(path, strategies(0.5));
    expect(await store.reload()).toBe('reloaded');
    expect(store.getStrategy('web').probabilisticSampling).toEqual({ samplingRate: 0.5 });
  });

  it('with a reload interval the file is polled and changes apply on their own', async () => {
    const path = join(dir, 'strategies.json');
    await writeFile(path, strategies(0.25));
    store = await FileStrategyStore.open({ strategiesFile: path, reloadIntervalMs: 20, logger });
    await writeFile(path, strategies(0.9));
    const current = store;
    await until(() => current.getStrategy('web').probabilisticSampling?.samplingRate === 0.9);
    store.close();
    await writeFile(path, strategies(0.1));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(store.getStrategy('web').probabilisticSampling?.samplingRate).toBe(0.9);
  });

  it('warnings from the file are logged', async () => {
    const path = join(dir, 'strategies.json');
    await writeFile(path, JSON.stringify({ default_strategy: { type: 'adaptive', param: 1 } }));
    store = await FileStrategyStore.open({ strategiesFile: path, logger });
    expect(logLines.some((l) => l.level === 'warn' && l.msg.includes('"adaptive" is not "probabilistic" or "ratelimiting"'))).toBe(true);
  });
});
