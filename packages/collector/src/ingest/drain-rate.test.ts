import { describe, expect, it } from '@jest/globals';
import { DrainRate } from './drain-rate.js';

describe('DrainRate', () => {
  it('is unknown until the queue has been busy a few seconds, and forgets everything when it runs empty', () => {
    const rate = new DrainRate();
    rate.noteBusy(0);
    rate.record(100, 0, 500);
    expect(rate.perSecond(2_000)).toBeUndefined();
    expect(rate.perSecond(4_000)).toBeCloseTo(25, 5); // 100 spans over the 4 s busy so far
    rate.noteIdle();
    rate.noteBusy(5_000);
    expect(rate.perSecond(6_000)).toBeUndefined();
  });

  it('reads a slow writer with large concurrent batches steadily, never above the truth, once its window has filled', () => {
    // Four workers, each writing 1,000-span batches that take 9 s, staggered: 444 spans/s in truth, delivered in
    // lumps of 1,000 every 2.25 s.
    const truth = 4_000 / 9;
    const rate = new DrainRate();
    rate.noteBusy(0);
    const finishes: Array<{ startedAt: number; finishedAt: number }> = [];
    for (let worker = 0; worker < 4; worker++) {
      for (let startedAt = worker * 2_250; startedAt < 60_000; startedAt += 9_000) finishes.push({ startedAt, finishedAt: startedAt + 9_000 });
    }
    finishes.sort((a, b) => a.finishedAt - b.finishedAt);
    const estimates: number[] = [];
    let next = 0;
    for (let now = 4_000; now <= 60_000; now += 250) {
      while (finishes[next] && finishes[next]!.finishedAt <= now) {
        rate.record(1_000, finishes[next]!.startedAt, finishes[next]!.finishedAt);
        next++;
      }
      if (now >= 40_000) estimates.push(rate.perSecond(now)!);
    }
    expect(Math.max(...estimates)).toBeLessThanOrEqual(truth * 1.01);
    // Batches in flight are not counted yet, so it errs low: by under a fifth once the window has filled (the window
    // grows to four writes, 36 s; at a fixed 10 s it would read as low as 0.43 of the truth).
    expect(Math.min(...estimates)).toBeGreaterThan(truth * 0.8);
  });
});
