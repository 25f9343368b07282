import { describe, expect, it } from '@jest/globals';
import { backoffDelayMs, sleep } from './backoff.js';

describe('backoffDelayMs', () => {
  const policy = { initialMs: 100, maxMs: 1000, multiplier: 2 };

  it('grows exponentially with jitter between half and all of the cap', () => {
    expect(backoffDelayMs(policy, 1, () => 0)).toBe(50);
    expect(backoffDelayMs(policy, 1, () => 1)).toBe(100);
    expect(backoffDelayMs(policy, 3, () => 0)).toBe(200);
    expect(backoffDelayMs(policy, 3, () => 1)).toBe(400);
  });

  it('never exceeds the maximum', () => {
    expect(backoffDelayMs(policy, 30, () => 1)).toBe(1000);
    expect(backoffDelayMs(policy, 30, () => 0)).toBe(500);
  });
});

describe('sleep', () => {
  it('resolves false at once when aborted', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const slept = sleep(10_000, controller.signal);
    controller.abort();
    await expect(slept).resolves.toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('resolves true after the delay', async () => {
    await expect(sleep(5)).resolves.toBe(true);
  });
});
