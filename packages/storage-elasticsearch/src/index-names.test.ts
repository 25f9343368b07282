import { describe, expect, it } from '@jest/globals';
import { IndexNames, MAX_LISTED_INDICES, parseBucket } from './index-names.js';

const daily = (overrides: Partial<ConstructorParameters<typeof IndexNames>[0]> = {}): IndexNames =>
  new IndexNames({ indexPrefix: '', indexDateSeparator: '-', useAliases: false, spanRolloverFrequency: 'day', serviceRolloverFrequency: 'day', ...overrides });

const at = (iso: string): number => Date.parse(iso);

describe('IndexNames', () => {
  it("names Jaeger's daily indices, with a prefix and a custom date separator", () => {
    expect(daily().timeIndex('span', at('2024-05-01T23:59:59Z'))).toBe('jaeger-span-2024-05-01');
    expect(daily({ indexPrefix: 'prod' }).timeIndex('service', at('2024-05-01T00:00:00Z'))).toBe('prod-jaeger-service-2024-05-01');
    expect(daily({ indexDateSeparator: '.' }).timeIndex('dependencies', at('2020-11-20T10:00:00Z'))).toBe('jaeger-dependencies-2020.11.20');
  });

  it('names hourly span indices and writes through the alias in rollover mode', () => {
    expect(daily({ spanRolloverFrequency: 'hour' }).timeIndex('span', at('2024-05-01T13:30:00Z'))).toBe('jaeger-span-2024-05-01-13');
    expect(daily({ useAliases: true, indexPrefix: 'p' }).writeTarget('span', 0)).toBe('p-jaeger-span-write');
    expect(daily({ useAliases: true }).readTarget('span', 0, 1).target).toBe('jaeger-span-read');
  });

  it('lists the indices of a short range and uses the wildcard for long or open ranges', () => {
    const names = daily();
    expect(names.readTarget('span', at('2024-05-01T10:00:00Z'), at('2024-05-03T01:00:00Z'))).toEqual({
      target: 'jaeger-span-2024-05-01,jaeger-span-2024-05-02,jaeger-span-2024-05-03',
      needsTimeFilter: false,
    });
    const long = names.readTarget('span', at('2024-01-01T00:00:00Z'), at('2024-01-01T00:00:00Z') + (MAX_LISTED_INDICES + 1) * 86_400_000);
    expect(long).toEqual({ target: 'jaeger-span-*,-jaeger-span-archive*', needsTimeFilter: true });
    expect(names.readTarget('span', undefined, 5).target).toBe('jaeger-span-*,-jaeger-span-archive*');
  });

  it('parses the dates back, rejecting impossible ones', () => {
    expect(parseBucket('2024-05-01', '-')).toBe(at('2024-05-01T00:00:00Z'));
    expect(parseBucket('2024.05.01.13', '.')).toBe(at('2024-05-01T13:00:00Z'));
    expect(parseBucket('2024-02-30', '-')).toBeUndefined();
    expect(parseBucket('000001', '-')).toBeUndefined();
    expect(daily({ indexPrefix: 'p' }).parseTimeIndex('span', 'p-jaeger-span-2024-05-01')).toBe(at('2024-05-01T00:00:00Z'));
    expect(daily().parseTimeIndex('span', 'jaeger-service-2024-05-01')).toBeUndefined();
  });
});
