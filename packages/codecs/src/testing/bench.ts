/**
 * Benchmark runner for the codec benches. The machines they run on are shared and noisy, so time is the process's
 * CPU time (spans per CPU-second), and every case is timed in slices interleaved with a fixed baseline (JSON.parse
 * of the same spans as JSON text) and reported as a ratio to it too; the ratio is what to compare between runs and
 * machines.
 */
import type { Span } from '@skein/model';

export interface BenchCase {
  name: string;
  spansPerRound: number;
  bytesPerRound: number;
  round: () => void;
  /** Extra fields for the JSON line (payload size, messages…). */
  extra?: Record<string, number>;
}

const SLICES = 5;
const totalMs = Number(process.env.BENCH_MS ?? 1500);

/** The baseline: parsing the batch as plain JSON text, the cheapest decode a JavaScript process can do. */
export function jsonParseBaseline(spans: readonly Span[]): BenchCase {
  const text = JSON.stringify(spans, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
  return { name: 'baseline JSON.parse', spansPerRound: spans.length, bytesPerRound: text.length, round: () => JSON.parse(text) };
}

/** CPU time of this process in ms: unlike wall time, it does not count the time other processes hold the cores. */
function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function spansPerSecond(benchCase: BenchCase, ms: number): number {
  let rounds = 0;
  const start = cpuMs();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 5; i++) benchCase.round();
    rounds += 5;
    elapsed = cpuMs() - start;
  }
  return (rounds * benchCase.spansPerRound) / (elapsed / 1000);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

function warmUp(benchCase: BenchCase): void {
  for (let i = 0; i < 20; i++) benchCase.round();
}

/** Prints the baseline line, then one line per case; returns each case's spans/s by name. */
export function runBenches(baseline: BenchCase, cases: readonly BenchCase[]): Map<string, number> {
  warmUp(baseline);
  const baselineRates: number[] = [];
  const results: Array<{ benchCase: BenchCase; rate: number; ratio: number }> = [];
  for (const benchCase of cases) {
    warmUp(benchCase);
    const rates: number[] = [];
    const ratios: number[] = [];
    for (let slice = 0; slice < SLICES; slice++) {
      const baselineRate = spansPerSecond(baseline, totalMs / SLICES / 2);
      const rate = spansPerSecond(benchCase, totalMs / SLICES);
      baselineRates.push(baselineRate);
      rates.push(rate);
      ratios.push(rate / baselineRate);
    }
    results.push({ benchCase, rate: median(rates), ratio: median(ratios) });
  }
  const baselineRate = median(baselineRates);
  console.log(JSON.stringify({ bench: baseline.name, spansPerSec: Math.round(baselineRate), ratioToBaseline: 1 }));
  const rates = new Map<string, number>();
  for (const { benchCase, rate, ratio } of results) {
    const MBPerSec = Math.round(((rate / benchCase.spansPerRound) * benchCase.bytesPerRound) / 1e5) / 10;
    const line = { bench: benchCase.name, spansPerSec: Math.round(rate), ratioToBaseline: Math.round(ratio * 100) / 100, MBPerSec };
    console.log(JSON.stringify({ ...line, ...benchCase.extra }));
    rates.set(benchCase.name, rate);
  }
  return rates;
}
