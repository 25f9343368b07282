import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { availableCores, coresOfCpuMax } from './available-cores.js';

describe('coresOfCpuMax', () => {
  it('reads a quota as cores, rounded up, and "max" or nonsense as no limit', () => {
    expect(coresOfCpuMax('200000 100000\n')).toBe(2);
    expect(coresOfCpuMax('150000 100000')).toBe(2);
    expect(coresOfCpuMax('50000 100000')).toBe(1);
    expect(coresOfCpuMax('max 100000\n')).toBeUndefined();
    expect(coresOfCpuMax('')).toBeUndefined();
    expect(coresOfCpuMax('abc def')).toBeUndefined();
    expect(coresOfCpuMax('0 100000')).toBeUndefined();
  });
});

describe('availableCores', () => {
  const file = (text: string): string => {
    const path = join(mkdtempSync(join(tmpdir(), 'cpu-max-')), 'cpu.max');
    writeFileSync(path, text);
    return path;
  };

  it('is the CPU count without a cgroup file or quota, and never more than the quota', () => {
    expect(availableCores('/nonexistent/cpu.max')).toBe(availableParallelism());
    expect(availableCores(file('max 100000'))).toBe(availableParallelism());
    expect(availableCores(file('100000 100000'))).toBe(1);
    expect(availableCores(file('100000000 100000'))).toBe(availableParallelism());
  });
});
