import { describe, expect, it } from '@jest/globals';
import { buildStrategyTable, defaultStrategyTable } from './build-strategies.js';
import { parseStrategiesFile, StrategiesFileError } from './strategies-file.js';
import { StaticStrategyStore } from './strategy-store.js';

const FILE = '/etc/skein/strategies.json';

function table(json: unknown, defaultProbability = 0.001) {
  const parsed = parseStrategiesFile(JSON.stringify(json), FILE);
  return { store: new StaticStrategyStore(buildStrategyTable(parsed.file, defaultProbability)), warnings: parsed.warnings };
}

function problemsOf(text: string): readonly string[] {
  try {
    parseStrategiesFile(text, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(StrategiesFileError);
    expect((error as Error).message).toContain(FILE);
    return (error as StrategiesFileError).problems;
  }
  throw new Error('expected the file to be refused');
}

const op = (operation: string, samplingRate: number) => ({ operation, probabilisticSampling: { samplingRate } });

describe('strategies file: defaults', () => {
  it('with no file every service samples probabilistically at 0.001, as Jaeger', () => {
    const store = new StaticStrategyStore(defaultStrategyTable(0.001));
    expect(store.getStrategy('anything')).toEqual({ strategyType: 'PROBABILISTIC', probabilisticSampling: { samplingRate: 0.001 } });
  });

  it('the JSON literal null means the defaults (Jaeger reads it as no strategies)', () => {
    expect(parseStrategiesFile('null', FILE).file).toBeNull();
    expect(new StaticStrategyStore(buildStrategyTable(null, 0.25)).getStrategy('x').probabilisticSampling?.samplingRate).toBe(0.25);
  });

  it('a file without default_strategy keeps the default probability for unknown services', () => {
    const { store } = table({ service_strategies: [{ service: 'foo', type: 'ratelimiting', param: 3 }] }, 0.02);
    expect(store.getStrategy('foo')).toEqual({ strategyType: 'RATE_LIMITING', rateLimitingSampling: { maxTracesPerSecond: 3 } });
    expect(store.getStrategy('other')).toEqual({ strategyType: 'PROBABILISTIC', probabilisticSampling: { samplingRate: 0.02 } });
  });

  it('service and default strategies of both types, with exact params', () => {
    const { store, warnings } = table({
      default_strategy: { type: 'ratelimiting', param: 42 },
      service_strategies: [
        { service: 'foo', type: 'probabilistic', param: 0.8 },
        { service: 'bar', type: 'ratelimiting', param: 5.9 },
      ],
    });
    expect(warnings).toEqual([]);
    expect(store.getStrategy('foo')).toEqual({ strategyType: 'PROBABILISTIC', probabilisticSampling: { samplingRate: 0.8 } });
    // Jaeger converts the rate-limiting param to int32 by truncation.
    expect(store.getStrategy('bar')).toEqual({ strategyType: 'RATE_LIMITING', rateLimitingSampling: { maxTracesPerSecond: 5 } });
    expect(store.getStrategy('unknown')).toEqual({ strategyType: 'RATE_LIMITING', rateLimitingSampling: { maxTracesPerSecond: 42 } });
  });
});

describe('strategies file: per-operation strategies merge as in Jaeger', () => {
  const file = {
    default_strategy: {
      type: 'probabilistic',
      param: 0.5,
      operation_strategies: [
        { operation: 'GET /health', type: 'probabilistic', param: 0 },
        { operation: 'checkout', type: 'probabilistic', param: 0.2 },
        { operation: 'flood', type: 'ratelimiting', param: 1 },
        { operation: 'login', type: 'probabilistic', param: 1 },
      ],
    },
    service_strategies: [
      {
        service: 'shop',
        type: 'probabilistic',
        param: 0.8,
        operation_strategies: [
          { operation: 'checkout', type: 'probabilistic', param: 0.9 },
          { operation: 'browse', type: 'probabilistic', param: 0.05 },
          { operation: 'bulk', type: 'ratelimiting', param: 10 },
        ],
      },
      {
        service: 'payments',
        type: 'ratelimiting',
        param: 5,
        operation_strategies: [{ operation: 'charge', type: 'probabilistic', param: 0.3 }],
      },
      { service: 'search', type: 'probabilistic', param: 0.1 },
      { service: 'mailer', type: 'ratelimiting', param: 7 },
    ],
  };

  it('the default strategy carries its probabilistic operations; rate-limiting ones are skipped with a warning', () => {
    const { store, warnings } = table(file);
    expect(store.getStrategy('unlisted')).toEqual({
      strategyType: 'PROBABILISTIC',
      probabilisticSampling: { samplingRate: 0.5 },
      operationSampling: {
        defaultSamplingProbability: 0.5,
        defaultLowerBoundTracesPerSecond: 0,
        perOperationStrategies: [op('GET /health', 0), op('checkout', 0.2), op('login', 1)],
        defaultUpperBoundTracesPerSecond: 0,
      },
    });
    expect(warnings).toEqual([
      expect.stringContaining('$.default_strategy.operation_strategies[2]: operation "flood" is ratelimiting'),
      expect.stringContaining('$.service_strategies[0].operation_strategies[2]: operation "bulk" is ratelimiting'),
    ]);
  });

  it('a service with its own operations keeps them first and gains the default ones it does not list', () => {
    const shop = table(file).store.getStrategy('shop');
    expect(shop.probabilisticSampling).toEqual({ samplingRate: 0.8 });
    expect(shop.operationSampling?.defaultSamplingProbability).toBe(0.8);
    expect(shop.operationSampling?.perOperationStrategies).toEqual([op('checkout', 0.9), op('browse', 0.05), op('GET /health', 0), op('login', 1)]);
  });

  it('a rate-limiting service with operations: defaultSamplingProbability is the configured default probability', () => {
    const payments = table(file, 0.001).store.getStrategy('payments');
    expect(payments.strategyType).toBe('RATE_LIMITING');
    expect(payments.rateLimitingSampling).toEqual({ maxTracesPerSecond: 5 });
    expect(payments.probabilisticSampling).toBeUndefined();
    expect(payments.operationSampling?.defaultSamplingProbability).toBe(0.001);
    expect(payments.operationSampling?.perOperationStrategies).toEqual([op('charge', 0.3), op('GET /health', 0), op('checkout', 0.2), op('login', 1)]);
  });

  it('a probabilistic service without operations inherits the default operations with its own probability', () => {
    const search = table(file).store.getStrategy('search');
    expect(search.operationSampling).toEqual({
      defaultSamplingProbability: 0.1,
      defaultLowerBoundTracesPerSecond: 0,
      perOperationStrategies: [op('GET /health', 0), op('checkout', 0.2), op('login', 1)],
      defaultUpperBoundTracesPerSecond: 0,
    });
  });

  it('a rate-limiting service without operations inherits them with the default strategy’s probability (jaeger#5270)', () => {
    const mailer = table(file).store.getStrategy('mailer');
    expect(mailer.rateLimitingSampling).toEqual({ maxTracesPerSecond: 7 });
    expect(mailer.operationSampling?.defaultSamplingProbability).toBe(0.5);
    expect(mailer.operationSampling?.perOperationStrategies.map((o) => o.operation)).toEqual(['GET /health', 'checkout', 'login']);
  });

  it('without default operations a service gets none', () => {
    const { store } = table({ default_strategy: { type: 'probabilistic', param: 0.3 }, service_strategies: [{ service: 'a', type: 'probabilistic', param: 1 }] });
    expect(store.getStrategy('a')).toEqual({ strategyType: 'PROBABILISTIC', probabilisticSampling: { samplingRate: 1 } });
  });

  it('returned strategies are frozen, so one caller cannot change what others get', () => {
    const { store } = table(file);
    const shop = store.getStrategy('shop');
    expect(Object.isFrozen(shop)).toBe(true);
    expect(Object.isFrozen(shop.operationSampling?.perOperationStrategies)).toBe(true);
    expect(() => {
      (shop.probabilisticSampling as { samplingRate: number }).samplingRate = 1;
    }).toThrow(TypeError);
  });
});

describe('strategies file: what Jaeger tolerates becomes a warning', () => {
  it('an unknown or missing type falls back to the default probabilistic strategy', () => {
    const { store, warnings } = table(
      {
        default_strategy: { type: 'probabilistc', param: 0.7 },
        service_strategies: [{ service: 'foo', param: 0.4 }],
      },
      0.003,
    );
    expect(store.getStrategy('x')).toEqual({ strategyType: 'PROBABILISTIC', probabilisticSampling: { samplingRate: 0.003 } });
    expect(store.getStrategy('foo').probabilisticSampling).toEqual({ samplingRate: 0.003 });
    expect(warnings).toEqual([
      expect.stringContaining('$.default_strategy.type: "probabilistc" is not "probabilistic" or "ratelimiting"'),
      expect.stringContaining('$.service_strategies[0].type: missing'),
    ]);
  });

  it('unknown keys and duplicate services are reported; the last duplicate wins', () => {
    const { store, warnings } = table({
      default_strategy: { type: 'probabilistic', param: 0.5, operation_strategy: [] },
      service_strategies: [
        { service: 'dup', type: 'probabilistic', param: 0.1 },
        { service: 'dup', type: 'probabilistic', param: 0.2 },
      ],
    });
    expect(store.getStrategy('dup').probabilisticSampling).toEqual({ samplingRate: 0.2 });
    expect(warnings).toEqual([
      expect.stringContaining('$.default_strategy: unknown key "operation_strategy"'),
      expect.stringContaining('$.service_strategies[1]: service "dup" appears more than once'),
    ]);
  });
});

describe('strategies file: a file that cannot mean anything is refused with every problem and its path', () => {
  it.each([
    ['broken JSON', '{"default_strategy": ', /^not valid JSON: /],
    ['a top-level array', '[]', /^the top level must be an object, got an array$/],
    ['a string param', '{"default_strategy":{"type":"probabilistic","param":"0.5"}}', /^\$\.default_strategy\.param must be a number, got the string "0\.5"$/],
    ['a probability above 1', '{"default_strategy":{"type":"probabilistic","param":1.5}}', /^\$\.default_strategy\.param 1\.5 is not a probability from 0 to 1$/],
    ['a negative rate', '{"service_strategies":[{"service":"a","type":"ratelimiting","param":-1}]}', /^\$\.service_strategies\[0\]\.param -1 is not a traces-per-second rate/],
    ['a service without a name', '{"service_strategies":[{"type":"probabilistic","param":0.1}]}', /^\$\.service_strategies\[0\]\.service must be a non-empty string, got nothing$/],
    ['service_strategies as an object', '{"service_strategies":{"service":"a"}}', /^\$\.service_strategies must be an array, got an object$/],
    ['an operation without a name', '{"default_strategy":{"type":"probabilistic","param":0.1,"operation_strategies":[{"type":"probabilistic","param":0.1}]}}', /operation_strategies\[0\]\.operation must be a string/],
    ['a numeric type', '{"default_strategy":{"type":1,"param":0.1}}', /^\$\.default_strategy\.type must be "probabilistic" or "ratelimiting", got a number$/],
  ])('%s', (_name, text, expected) => {
    const problems = problemsOf(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(expected);
  });

  it('lists several problems at once', () => {
    const problems = problemsOf('{"default_strategy":{"type":"probabilistic","param":2},"service_strategies":[{"service":"","param":0},{"service":"b","type":"ratelimiting","param":"x"}]}');
    expect(problems).toHaveLength(3);
  });

  it('__proto__ keys do not pollute anything', () => {
    const { store, warnings } = table(JSON.parse('{"__proto__":{"polluted":true},"service_strategies":[{"service":"__proto__","type":"probabilistic","param":0.3}]}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(store.getStrategy('__proto__').probabilisticSampling).toEqual({ samplingRate: 0.3 });
    expect(store.getStrategy('constructor').probabilisticSampling).toEqual({ samplingRate: 0.001 });
    expect(warnings).toEqual([expect.stringContaining('unknown key "__proto__"')]);
  });
});
